//! Upload and download endpoints. These are plain axum handlers, not server functions:
//! they take multipart bodies (with upload progress in the browser) and answer with
//! files. Each one checks who is asking on the server, answers errors as a JSON
//! `AppError` with its HTTP status, and writes its database rows and audit row in one
//! transaction. Stored objects are written before that transaction and removed again if
//! it fails, so a row never points at a missing file.
mod documents;
mod files;
mod form;
mod profile_media;

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
    routing::{get, post},
    Json, Router,
};
use documents::{delete_resume, upload_resume, upload_verification_document};
use files::{download_resume, download_verification_document, media};
pub use form::sanitise_file_name;
use profile_media::{upload_avatar, upload_portfolio_image};
use std::{convert::Infallible, net::SocketAddr};
use uuid::Uuid;

/// Images per portfolio item.
pub const MAX_IMAGES_PER_ITEM: i64 = 12;
/// Documents per verification request.
pub const MAX_DOCUMENTS_PER_REQUEST: i64 = 10;
pub const MAX_RESUME_BYTES: usize = 5 * 1024 * 1024;
/// The largest request body on an upload route: one file plus the multipart framing and
/// small fields. Bigger bodies are cut off while streaming.
const UPLOAD_BODY_LIMIT: usize = MAX_UPLOAD_BYTES + 256 * 1024;

pub const CAP_VIEW_VERIFICATION_DOCUMENTS: &str = "verification.documents.view";
pub const CAP_VIEW_USERS: &str = "users.view";

/// The upload routes (with their larger body limit) and the file routes.
pub fn routes() -> Router<AppState> {
    let uploads = Router::new()
        .route(
            "/api/uploads/portfolio/{item_id}",
            post(upload_portfolio_image),
        )
        .route("/api/uploads/avatar/{profile_id}", post(upload_avatar))
        .route(
            "/api/uploads/verification/{request_id}",
            post(upload_verification_document),
        )
        .route(
            "/api/uploads/resume",
            post(upload_resume).delete(delete_resume),
        )
        .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT));
    Router::new()
        .route("/media/{*path}", get(media))
        .route(
            "/files/verification-documents/{id}",
            get(download_verification_document),
        )
        .route(
            "/files/resumes/{candidate_profile_id}",
            get(download_resume),
        )
        .merge(uploads)
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

type Answer = Result<Response, Failure>;

/// Who is asking, and from where (for the audit trail).
pub struct Caller {
    session: Option<SessionUser>,
    meta: RequestMeta,
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
    fn session(&self) -> AppResult<SessionUser> {
        self.session.ok_or_else(AppError::unauthenticated)
    }

    async fn current_user(&self, state: &AppState) -> AppResult<CurrentUser> {
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

fn parse_id(raw: &str, what: &str) -> AppResult<Uuid> {
    raw.parse().map_err(|_| AppError::not_found(what))
}

#[cfg(test)]
#[path = "uploads_tests.rs"]
mod tests;
