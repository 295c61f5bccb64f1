//! What upload and download endpoints share. They are plain axum handlers, not server
//! functions: they take multipart bodies (with upload progress in the browser) and answer
//! with files. Each domain owns its own (`profiles::uploads`, `portfolio::uploads`,
//! `verification::uploads`, `account_profiles::resume`) and builds it from these parts:
//! the [`Caller`] (who is asking, checked on the server), [`Failure`] (a JSON `AppError`
//! with its HTTP status), the multipart reader and the file answers. Each handler writes
//! its database rows and audit row in one transaction; stored objects are written before
//! that transaction and removed again if it fails, so a row never points at a missing
//! file. `/media` (public files) is served here.
mod files;
mod form;

use super::{images::MAX_UPLOAD_BYTES, session::SessionUser, state::AppState};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::{
    access::service::{self as access, CurrentUser},
    audit::service::RequestMeta,
};
use axum::{
    extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts},
    http::{request::Parts, HeaderMap},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
pub use files::{audit_staff_view, private_file, stored_bytes};
pub use form::{read_form, sanitise_file_name};
use std::{convert::Infallible, net::SocketAddr};
use uuid::Uuid;

/// The largest request body on an upload route: one file plus the multipart framing and
/// small fields. Bigger bodies are cut off while streaming.
const UPLOAD_BODY_LIMIT: usize = MAX_UPLOAD_BYTES + 256 * 1024;

/// The body limit of an upload route (apply with `.layer(..)` after its routes).
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)
}

/// `/media/{*path}`: public files, for anyone.
pub fn routes() -> Router<AppState> {
    Router::new().route("/media/{*path}", get(files::media))
}

/// An `AppError` as an HTTP answer: its status and the error as JSON.
#[derive(Debug)]
pub struct Failure(pub AppError);

impl<E: Into<AppError>> From<E> for Failure {
    fn from(err: E) -> Self {
        Self(err.into())
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        // Refusals are security events; the request span says who and where.
        if self.0.code == ErrorCode::Forbidden {
            tracing::warn!("file access or upload refused");
        }
        (self.0.status(), Json(self.0)).into_response()
    }
}

pub type Answer = Result<Response, Failure>;

/// Who is asking, and from where (for the audit trail).
pub struct Caller {
    session: Option<SessionUser>,
    pub meta: RequestMeta,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ci| ci.0.ip());
        Ok(Self {
            session: parts.extensions.get::<SessionUser>().copied(),
            meta: request_meta(&parts.headers, peer, state.config.trust_proxy),
        })
    }
}

impl Caller {
    pub fn session(&self) -> AppResult<SessionUser> {
        self.session.ok_or_else(AppError::unauthenticated)
    }

    pub async fn current_user(&self, state: &AppState) -> AppResult<CurrentUser> {
        let session = self.session()?;
        access::load(&state.pool, session.user_id, session.session_id)
            .await?
            .ok_or_else(AppError::unauthenticated)
    }
}

fn request_meta(
    headers: &HeaderMap,
    peer: Option<std::net::IpAddr>,
    trust_proxy: bool,
) -> RequestMeta {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let forwarded = trust_proxy
        .then(|| text("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.split(',').next())
        .and_then(|v| v.trim().parse::<std::net::IpAddr>().ok());
    RequestMeta {
        ip_address: forwarded.or(peer).map(|ip| ip.to_string()),
        user_agent: text("user-agent").map(|s| s.chars().take(400).collect()),
        request_id: text("x-request-id").and_then(|s| s.parse().ok()),
    }
}

/// An id from the path; a malformed one is "not found", like a missing one.
pub fn parse_id(raw: &str, what: &str) -> AppResult<Uuid> {
    raw.parse().map_err(|_| AppError::not_found(what))
}

#[cfg(test)]
#[path = "uploads_tests.rs"]
mod tests;
