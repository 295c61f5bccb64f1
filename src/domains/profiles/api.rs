//! Server functions for a professional's own role profiles. Every one needs a session
//! and reaches only the caller's profiles: profiles are looked up by (caller, role),
//! never by an id the browser sends.
use super::model::{MyProfilesView, RoleProfileView};
use crate::core::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::domains::profiles::{model::ProfileInput, service};
    pub use crate::server::context::{app_state, request_meta, require_session, respond};
}

/// The caller's role profiles and the roles they can still create.
#[server(endpoint = "profiles/mine")]
pub async fn list_my_profiles() -> Result<MyProfilesView, AppError> {
    use ssr::*;
    respond(
        async move {
            let session = require_session()?;
            let state = app_state()?;
            service::my_role_profiles(&state.pool, session.user_id).await
        }
        .await,
    )
}

/// Creates the caller's profile for a professional role; answers with the role key (the
/// editor lives at `/pro/{role}`).
#[server(endpoint = "profiles/create")]
pub async fn create_profile(role: String) -> Result<String, AppError> {
    use ssr::*;
    respond(
        async move {
            let session = require_session()?;
            let state = app_state()?;
            let meta = request_meta(state.config.trust_proxy);
            let profile =
                service::create_role_profile(&state.pool, session.user_id, &role, &meta).await?;
            Ok(profile.role_key)
        }
        .await,
    )
}

#[server(endpoint = "profiles/load")]
pub async fn load_profile(role: String) -> Result<RoleProfileView, AppError> {
    use ssr::*;
    respond(
        async move {
            let session = require_session()?;
            let state = app_state()?;
            service::load_role_profile(&state.pool, session.user_id, &role).await
        }
        .await,
    )
}

/// Saves the profile form. Role fields arrive as `fields[<key>]=…` (serde_qs brackets),
/// so one endpoint serves every role; a missing checkbox means "off".
#[server(endpoint = "profiles/save")]
pub async fn save_profile(
    role: String,
    #[server(default)] display_name: String,
    #[server(default)] bio: String,
    #[server(default)] location: String,
    #[server(default)] is_profile_public: Option<String>,
    #[server(default)] fields: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async move {
            let session = require_session()?;
            let state = app_state()?;
            let input = ProfileInput {
                display_name,
                bio,
                location,
                is_profile_public: is_profile_public.is_some(),
                fields,
            };
            service::save_role_profile(
                &state.pool,
                session.user_id,
                &role,
                &input,
                &request_meta(state.config.trust_proxy),
            )
            .await
        }
        .await,
    )
}

/// Sends the caller's profile for review once its checklist is complete.
#[server(endpoint = "profiles/submit")]
pub async fn submit_profile(role: String) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async move {
            let session = require_session()?;
            let state = app_state()?;
            service::submit_role_profile(
                &state.pool,
                session.user_id,
                &role,
                &request_meta(state.config.trust_proxy),
            )
            .await?;
            Ok(())
        }
        .await,
    )
}
