//! Portfolio images: uploaded to one of the caller's portfolio items, resized with a
//! thumbnail, stored publicly under `public/`, and the public profile re-indexed.
use super::model::MAX_IMAGES;
use crate::core::{media::thumb_url, AppError, AppResult};
use crate::domains::{
    audit::service::{record, Action, Change, Entry},
    profiles::service::profile_owned_by,
    search,
};
use crate::server::{
    images::{self, MAX_UPLOAD_BYTES},
    state::AppState,
    storage,
    uploads::{body_limit, parse_id, read_form, Answer, Caller},
};
use axum::{
    extract::{multipart::MultipartRejection, Multipart, Path, State},
    http::StatusCode,
    response::IntoResponse,
    routing::post,
    Json, Router,
};
use serde_json::json;
use uuid::Uuid;

/// Images per portfolio item, as an SQL count compares it.
pub const MAX_IMAGES_PER_ITEM: i64 = MAX_IMAGES as i64;

/// The upload route, with the upload body limit.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/uploads/portfolio/{item_id}",
            post(upload_portfolio_image),
        )
        .layer(body_limit())
}

async fn portfolio_item_profile(
    conn: &mut sqlx::PgConnection,
    item_id: Uuid,
    lock: bool,
) -> AppResult<Uuid> {
    let sql = format!(
        "SELECT user_role_profile_id FROM portfolio_items WHERE id = $1{}",
        if lock { " FOR UPDATE" } else { "" }
    );
    sqlx::query_scalar(&sql)
        .bind(item_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::not_found("That portfolio item"))
}

/// (images so far, the next display order)
async fn portfolio_image_count(
    conn: &mut sqlx::PgConnection,
    item_id: Uuid,
) -> AppResult<(i64, i32)> {
    Ok(sqlx::query_as(
        "SELECT count(*), COALESCE(max(display_order) + 1, 0)
           FROM portfolio_images WHERE portfolio_item_id = $1",
    )
    .bind(item_id)
    .fetch_one(&mut *conn)
    .await?)
}

fn too_many_images() -> AppError {
    AppError::field(
        "file",
        format!(
            "An item can have at most {MAX_IMAGES_PER_ITEM} images. Remove one to add another."
        ),
    )
}

/// `POST /api/uploads/portfolio/{item_id}`, multipart `file`: the item's owner adds an
/// image. 201 `{"id", "url", "thumb_url", "display_order"}`.
async fn upload_portfolio_image(
    State(state): State<AppState>,
    caller: Caller,
    Path(item_id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Answer {
    let user = caller.session()?.user_id;
    let item_id = parse_id(&item_id, "That portfolio item")?;
    // Refuse early (before reading a large body) when the caller may not add here.
    let profile_id = {
        let mut conn = state.pool.acquire().await?;
        let profile_id = portfolio_item_profile(&mut conn, item_id, false).await?;
        profile_owned_by(&mut conn, profile_id, user, false).await?;
        if portfolio_image_count(&mut conn, item_id).await?.0 >= MAX_IMAGES_PER_ITEM {
            return Err(too_many_images().into());
        }
        profile_id
    };
    let file = read_form(multipart, MAX_UPLOAD_BYTES)
        .await?
        .take_file(MAX_UPLOAD_BYTES)?;
    let image = images::process_image(&file.bytes).await?;
    let image_id = Uuid::new_v4();
    let full_key = storage::portfolio_image_key(profile_id, image_id);
    let thumb_key = storage::portfolio_thumb_key(profile_id, image_id);
    let url = storage::public_url(&full_key).ok_or_else(AppError::internal)?;
    let files = vec![
        (thumb_key.as_str(), image.thumb.bytes.into()),
        (full_key.as_str(), image.full.bytes.into()),
    ];
    let order = state
        .storage
        .store_then(files, || async {
            let mut tx = state.pool.begin().await?;
            // The item lock serialises uploads to one item, so the count and order hold.
            // Items never change profile, so the keys made above stay right.
            let locked_profile = portfolio_item_profile(&mut tx, item_id, true).await?;
            let profile = profile_owned_by(&mut tx, locked_profile, user, false).await?;
            let (count, order) = portfolio_image_count(&mut tx, item_id).await?;
            if count >= MAX_IMAGES_PER_ITEM {
                return Err(too_many_images());
            }
            sqlx::query(
                "INSERT INTO portfolio_images (id, portfolio_item_id, file_url, display_order)
             VALUES ($1, $2, $3, $4)",
            )
            .bind(image_id)
            .bind(item_id)
            .bind(&url)
            .bind(order)
            .execute(&mut *tx)
            .await?;
            record(
                &mut tx,
                Entry::by_user(
                    Some(user),
                    Action::Create,
                    "portfolio_image",
                    Some(image_id),
                    "profiles",
                    format!("Added a portfolio image to {}", profile.display_name),
                    &caller.meta,
                )
                .change(Change::new("file_url", None, Some(url.clone()))),
            )
            .await?;
            search::index::refresh(&mut tx, profile.id).await?;
            tx.commit().await?;
            Ok(order)
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": image_id,
            "thumb_url": thumb_url(&url),
            "url": url,
            "display_order": order,
        })),
    )
        .into_response())
}
