//! Serving stored files: public media to anyone, private documents to their owner and
//! to staff holding the right capability (each staff view audited).
use super::{
    form::sanitise_file_name, parse_id, Answer, Caller, CAP_VIEW_USERS,
    CAP_VIEW_VERIFICATION_DOCUMENTS,
};
use crate::core::{AppError, AppResult};
use crate::domains::{
    access::service::CurrentUser,
    audit::service::{record, Action, Entry, RequestMeta},
};
use crate::server::{state::AppState, storage};
use axum::{
    extract::{Path, State},
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
};
use bytes::Bytes;
use uuid::Uuid;

const PRIVATE_CACHE: &str = "private, no-store";

fn file_response(
    bytes: Bytes,
    content_type: &str,
    cache_control: &'static str,
    disposition: Option<String>,
) -> Response {
    let mut res = bytes.into_response();
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Some(v) = disposition.and_then(|d| HeaderValue::from_str(&d).ok()) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// Private files open in the browser when they are images and download otherwise; the
/// name is one [`sanitise_file_name`] made, so it needs no escaping.
fn private_file(bytes: Bytes, mime: &str, file_name: &str) -> Response {
    let kind = if mime.starts_with("image/") {
        "inline"
    } else {
        "attachment"
    };
    file_response(
        bytes,
        mime,
        PRIVATE_CACHE,
        Some(format!("{kind}; filename=\"{file_name}\"")),
    )
}

async fn stored_bytes(state: &AppState, key: &str) -> AppResult<Bytes> {
    state.storage.get(key).await?.ok_or_else(|| {
        tracing::error!(key, "a database row points at a missing stored object");
        AppError::not_found("That file")
    })
}

/// `GET /media/{*path}`: public files, cached for good (their keys never change).
pub(super) async fn media(State(state): State<AppState>, Path(path): Path<String>) -> Answer {
    let missing = || AppError::not_found("That file");
    let key = storage::media_key(&path).ok_or_else(missing)?;
    let bytes = state.storage.get(&key).await?.ok_or_else(missing)?;
    let content_type = match key.rsplit_once('.').map(|(_, ext)| ext) {
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        _ => "application/octet-stream",
    };
    Ok(file_response(
        bytes,
        content_type,
        "public, max-age=31536000, immutable",
        None,
    ))
}

/// Records that staff opened someone else's private file. The audit schema has no
/// "view" action, so the access is recorded as a created `file_access` entry.
async fn audit_staff_view(
    state: &AppState,
    staff: &CurrentUser,
    meta: &RequestMeta,
    module: &str,
    entity_id: Uuid,
    summary: String,
) -> AppResult<()> {
    let mut conn = state.pool.acquire().await?;
    record(
        &mut conn,
        Entry::by_user(
            Some(staff.id),
            Action::Create,
            "file_access",
            Some(entity_id),
            module,
            summary,
            meta,
        ),
    )
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct StoredDocument {
    key: String,
    file_name: Option<String>,
    #[sqlx(rename = "mime_type")]
    mime: Option<String>,
    document_type: String,
    owner: Uuid,
    display_name: String,
}

/// `GET /files/verification-documents/{id}`: the profile owner, or staff who may view
/// verification documents (audited).
pub(super) async fn download_verification_document(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer {
    let session = caller.session()?;
    let id = parse_id(&id, "That document")?;
    let doc: StoredDocument = sqlx::query_as(
        "SELECT d.file_url AS key, d.file_name, d.mime_type, d.document_type,
                p.user_id AS owner, p.display_name
           FROM verification_documents d
           JOIN verification_requests r ON r.id = d.verification_request_id
           JOIN user_role_profiles p ON p.id = r.user_role_profile_id
          WHERE d.id = $1",
    )
    .bind(id)
    .fetch_optional(&state.pool)
    .await?
    .ok_or_else(|| AppError::not_found("That document"))?;
    let StoredDocument {
        key,
        file_name,
        mime,
        document_type,
        owner,
        display_name,
    } = doc;
    if owner != session.user_id {
        let user = caller.current_user(&state).await?;
        user.require(CAP_VIEW_VERIFICATION_DOCUMENTS)?;
        audit_staff_view(
            &state,
            &user,
            &caller.meta,
            "verification",
            id,
            format!("Opened the {document_type} document of {display_name}"),
        )
        .await?;
    }
    let mime = mime.unwrap_or_else(|| "application/octet-stream".into());
    let file_name = file_name.unwrap_or_else(|| "document".into());
    let bytes = stored_bytes(&state, &key).await?;
    Ok(private_file(bytes, &mime, &file_name))
}

/// `GET /files/resumes/{candidate_profile_id}`: the candidate, a company the candidate
/// applied to (for one of its jobs), or staff who may view users (audited).
pub(super) async fn download_resume(
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
        user.require(CAP_VIEW_USERS)?;
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
