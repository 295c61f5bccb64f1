//! A candidate's résumé (one PDF, stored privately under `private/`): upload, replace,
//! delete, and download by the candidate, by a company the candidate applied to, or by
//! staff who may view users (each staff view audited).
use crate::core::AppError;
use crate::domains::audit::service::{record, Action, Change, Entry};
use crate::server::{
    images::FileKind,
    state::AppState,
    storage,
    uploads::{
        audit_staff_view, body_limit, parse_id, private_file, read_form, sanitise_file_name,
        stored_bytes, Answer, Caller,
    },
};
use axum::{
    extract::{multipart::MultipartRejection, Multipart, Path, State},
    http::StatusCode,
    response::IntoResponse,
    routing::{get, post},
    Json, Router,
};
use serde_json::json;
use uuid::Uuid;

pub const MAX_RESUME_BYTES: usize = 5 * 1024 * 1024;

/// The upload and delete route (with the upload body limit) and the download route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/uploads/resume",
            post(upload_resume).delete(delete_resume),
        )
        .layer(body_limit())
        .route(
            "/files/resumes/{candidate_profile_id}",
            get(download_resume),
        )
}

fn no_candidate_profile() -> AppError {
    AppError::field("file", "Save your candidate profile first.")
}

/// `POST /api/uploads/resume`, multipart `file`: the signed-in candidate's PDF résumé,
/// replacing any earlier one. 200 `{"file_name"}`.
async fn upload_resume(
    State(state): State<AppState>,
    caller: Caller,
    multipart: Result<Multipart, MultipartRejection>,
) -> Answer {
    let user = caller.session()?.user_id;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM candidate_profiles WHERE user_id = $1)")
            .bind(user)
            .fetch_one(&state.pool)
            .await?;
    if !exists {
        return Err(no_candidate_profile().into());
    }
    let file = read_form(multipart, MAX_RESUME_BYTES)
        .await?
        .take_file(MAX_RESUME_BYTES)?;
    if FileKind::sniff(&file.bytes) != Some(FileKind::Pdf) {
        return Err(AppError::field("file", "Upload your résumé as a PDF.").into());
    }
    let file_name = sanitise_file_name(file.name.as_deref(), "resume", "pdf");
    let key = storage::resume_key(user, Uuid::new_v4());
    let old = state
        .storage
        .store_then(vec![(key.as_str(), file.bytes)], || async {
            let mut tx = state.pool.begin().await?;
            let (candidate_id, old): (Uuid, Option<String>) = sqlx::query_as(
                "SELECT id, resume_file_url FROM candidate_profiles WHERE user_id = $1 FOR UPDATE",
            )
            .bind(user)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(no_candidate_profile)?;
            sqlx::query("UPDATE candidate_profiles SET resume_file_url = $2 WHERE id = $1")
                .bind(candidate_id)
                .bind(&key)
                .execute(&mut *tx)
                .await?;
            record(
                &mut tx,
                Entry::by_user(
                    Some(user),
                    Action::Update,
                    "candidate_profile",
                    Some(candidate_id),
                    "profiles",
                    format!("Uploaded a résumé ({file_name})"),
                    &caller.meta,
                )
                .change(Change::new(
                    "resume_file_url",
                    old.clone(),
                    Some(key.clone()),
                )),
            )
            .await?;
            tx.commit().await?;
            Ok(old)
        })
        .await?;
    delete_old_resume(&state, user, old.as_deref()).await;
    Ok(Json(json!({ "file_name": file_name })).into_response())
}

/// Removes a replaced résumé, but only a key this endpoint made for this user.
async fn delete_old_resume(state: &AppState, user: Uuid, old: Option<&str>) {
    let own_prefix = format!("private/resumes/{user}/");
    if let Some(old) = old.filter(|k| k.starts_with(&own_prefix) && storage::is_valid_key(k)) {
        state.storage.delete_quietly(&[old]).await;
    }
}

/// `DELETE /api/uploads/resume`: removes the signed-in candidate's résumé. 204.
async fn delete_resume(State(state): State<AppState>, caller: Caller) -> Answer {
    let user = caller.session()?.user_id;
    let mut tx = state.pool.begin().await?;
    let (candidate_id, old): (Uuid, Option<String>) = sqlx::query_as(
        "SELECT id, resume_file_url FROM candidate_profiles WHERE user_id = $1 FOR UPDATE",
    )
    .bind(user)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| AppError::not_found("Your candidate profile"))?;
    if old.is_none() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    sqlx::query("UPDATE candidate_profiles SET resume_file_url = NULL WHERE id = $1")
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        Entry::by_user(
            Some(user),
            Action::Update,
            "candidate_profile",
            Some(candidate_id),
            "profiles",
            "Removed the résumé",
            &caller.meta,
        )
        .change(Change::new("resume_file_url", old.clone(), None)),
    )
    .await?;
    tx.commit().await?;
    delete_old_resume(&state, user, old.as_deref()).await;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /files/resumes/{candidate_profile_id}`: the candidate, a company the candidate
/// applied to (for one of its jobs), or staff who may view users (audited).
async fn download_resume(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer {
    let session = caller.session()?;
    let id = parse_id(&id, "That résumé")?;
    let row: Option<(Uuid, String, Option<String>)> = sqlx::query_as(
        "SELECT user_id, display_name, resume_file_url FROM candidate_profiles WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&state.pool)
    .await?;
    let (owner, display_name, key) = row.ok_or_else(|| AppError::not_found("That résumé"))?;
    let applied_to_caller = owner != session.user_id
        && crate::domains::applications::service::company_may_view_resume(
            &state.pool,
            session.user_id,
            id,
        )
        .await?;
    if owner != session.user_id && !applied_to_caller {
        let user = caller.current_user(&state).await?;
        user.require(crate::core::capability::VIEW_USERS)?;
        audit_staff_view(
            &state,
            &user,
            &caller.meta,
            "users",
            id,
            format!("Opened the résumé of {display_name}"),
        )
        .await?;
    }
    let key = key.ok_or_else(|| AppError::not_found("That résumé"))?;
    let bytes = stored_bytes(&state, &key).await?;
    let file_name = sanitise_file_name(Some(&display_name), "resume", "pdf");
    Ok(private_file(bytes, "application/pdf", &file_name))
}
