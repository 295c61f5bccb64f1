//! Serving stored files: public media to anyone, and the helpers the domains' private
//! file routes answer with (owner or staff holding a capability, each staff view audited).
use super::Answer;
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
pub fn private_file(bytes: Bytes, mime: &str, file_name: &str) -> Response {
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

pub async fn stored_bytes(state: &AppState, key: &str) -> AppResult<Bytes> {
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
pub async fn audit_staff_view(
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
