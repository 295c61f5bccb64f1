//! The one entry point of every server function.
//!
//! ```ignore
//! #[server(endpoint = "leads/save")]
//! pub async fn save_lead(form: LeadForm) -> Result<Uuid, AppError> {
//!     crate::server::call::handle(|cx| async move {
//!         let user = cx.user().await?;
//!         service::save(cx.pool(), &user, &form, &cx.meta).await
//!     })
//!     .await
//! }
//! ```
//!
//! `handle` gives the body the app state and the request's metadata (client address, user
//! agent, request id) and, on demand, the signed-in user; and it maps an `AppError` to its
//! HTTP status (validation 422, sign-in 401, …), so that expected refusals are neither
//! logged nor counted as server failures. Nothing else in the code sets a server
//! function's status.
use super::{
    context::{app_state, request_meta, session_user},
    session::SessionUser,
    state::AppState,
};
use crate::core::AppResult;
use crate::domains::access::service::CurrentUser;
use crate::domains::audit::service::RequestMeta;
use std::future::Future;

/// What a server function's body is handed.
pub struct Call {
    pub state: AppState,
    /// For the audit rows the call writes.
    pub meta: RequestMeta,
    session: Option<SessionUser>,
}

impl Call {
    fn from_context() -> AppResult<Self> {
        let state = app_state()?;
        let meta = request_meta(state.config.trust_proxy);
        Ok(Self {
            state,
            meta,
            session: session_user(),
        })
    }

    pub fn pool(&self) -> &sqlx::PgPool {
        &self.state.pool
    }

    /// The signed-in session, if any (no database read).
    pub fn session(&self) -> Option<SessionUser> {
        self.session
    }

    /// The signed-in session, or `unauthenticated`.
    pub fn signed_in(&self) -> AppResult<SessionUser> {
        self.session
            .ok_or_else(crate::core::AppError::unauthenticated)
    }

    /// The signed-in user with roles and capabilities (one read), or `unauthenticated`.
    pub async fn user(&self) -> AppResult<CurrentUser> {
        let session = self.signed_in()?;
        crate::domains::access::service::load(&self.state.pool, session.user_id, session.session_id)
            .await?
            .ok_or_else(crate::core::AppError::unauthenticated)
    }
}

/// Runs a server function's body with its [`Call`] and gives an error its HTTP status.
pub async fn handle<T, F, Fut>(body: F) -> AppResult<T>
where
    F: FnOnce(Call) -> Fut,
    Fut: Future<Output = AppResult<T>>,
{
    let result = match Call::from_context() {
        Ok(call) => body(call).await,
        Err(err) => Err(err),
    };
    if let Err(err) = &result {
        if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(err.status());
        }
    }
    result
}
