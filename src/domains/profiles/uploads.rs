//! The profile photo: uploaded to one of the caller's role profiles, resized, stored
//! publicly under `public/`, and the public profile re-indexed.
use super::service::profile_owned_by;
use crate::core::AppError;
use crate::domains::{
    audit::service::{record, Action, Change, Entry},
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
    response::IntoResponse,
    routing::post,
    Json, Router,
};
use serde_json::json;
use uuid::Uuid;

/// The upload route, with the upload body limit.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/uploads/avatar/{profile_id}", post(upload_avatar))
        .layer(body_limit())
}

/// `POST /api/uploads/avatar/{profile_id}`, multipart `file`: the owner sets the
/// profile photo. 200 `{"url"}`.
async fn upload_avatar(
    State(state): State<AppState>,
    caller: Caller,
    Path(profile_id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Answer {
    let user = caller.session()?.user_id;
    let profile_id = parse_id(&profile_id, "That profile")?;
    {
        let mut conn = state.pool.acquire().await?;
        profile_owned_by(&mut conn, profile_id, user, false).await?;
    }
    let file = read_form(multipart, MAX_UPLOAD_BYTES)
        .await?
        .take_file(MAX_UPLOAD_BYTES)?;
    let avatar = images::process_avatar(&file.bytes).await?;
    let key = storage::avatar_key(profile_id, Uuid::new_v4());
    let url = storage::public_url(&key).ok_or_else(AppError::internal)?;
    let old = state
        .storage
        .store_then(vec![(key.as_str(), avatar.bytes.into())], || async {
            let mut tx = state.pool.begin().await?;
            let profile = profile_owned_by(&mut tx, profile_id, user, true).await?;
            let old: Option<String> =
                sqlx::query_scalar("SELECT avatar_url FROM user_role_profiles WHERE id = $1")
                    .bind(profile_id)
                    .fetch_one(&mut *tx)
                    .await?;
            sqlx::query("UPDATE user_role_profiles SET avatar_url = $2 WHERE id = $1")
                .bind(profile_id)
                .bind(&url)
                .execute(&mut *tx)
                .await?;
            record(
                &mut tx,
                Entry::by_user(
                    Some(user),
                    Action::Update,
                    "user_role_profile",
                    Some(profile_id),
                    "profiles",
                    format!("Changed the photo of {}", profile.display_name),
                    &caller.meta,
                )
                .change(Change::new("avatar_url", old.clone(), Some(url.clone()))),
            )
            .await?;
            search::index::refresh(&mut tx, profile_id).await?;
            tx.commit().await?;
            Ok(old)
        })
        .await?;
    // Only files this endpoint stored for this profile are ever removed.
    let own_prefix = format!("public/avatars/{profile_id}/");
    if let Some(old_key) = old
        .as_deref()
        .and_then(storage::key_from_public_url)
        .filter(|k| k.starts_with(&own_prefix))
    {
        state.storage.delete_quietly(&[&old_key]).await;
    }
    Ok(Json(json!({ "url": url })).into_response())
}
