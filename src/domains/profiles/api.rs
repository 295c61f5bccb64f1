//! Server functions for a professional's own role profiles. Every one needs a session
//! and reaches only the caller's profiles: profiles are looked up by (caller, role),
//! never by an id the browser sends.
use super::contact::ContactSettings;
use super::model::{MyProfilesView, RoleProfileView};
use crate::core::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::domains::profiles::{model::ProfileInput, service};
}

/// The caller's role profiles and the roles they can still create.
#[server(endpoint = "profiles/mine")]
pub async fn list_my_profiles() -> Result<MyProfilesView, AppError> {
    use ssr::*;
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        service::my_role_profiles(cx.pool(), session.user_id).await
    })
    .await
}

/// Creates the caller's profile for a professional role; answers with the role key (the
/// editor lives at `/pro/{role}`).
#[server(endpoint = "profiles/create")]
pub async fn create_profile(role: String) -> Result<String, AppError> {
    use ssr::*;
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        let profile =
            service::create_role_profile(cx.pool(), session.user_id, &role, &cx.meta).await?;
        Ok(profile.role_key)
    })
    .await
}

#[server(endpoint = "profiles/load")]
pub async fn load_profile(role: String) -> Result<RoleProfileView, AppError> {
    use ssr::*;
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        service::load_role_profile(cx.pool(), session.user_id, &role).await
    })
    .await
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
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        let input = ProfileInput {
            display_name,
            bio,
            location,
            is_profile_public: is_profile_public.is_some(),
            fields,
        };
        service::save_role_profile(cx.pool(), session.user_id, &role, &input, &cx.meta).await
    })
    .await
}

/// Sends the caller's profile for review once its checklist is complete.
#[server(endpoint = "profiles/submit")]
pub async fn submit_profile(role: String) -> Result<(), AppError> {
    use ssr::*;
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        service::submit_role_profile(cx.pool(), session.user_id, &role, &cx.meta).await?;
        Ok(())
    })
    .await
}

/// The contact details of the caller's profile for `role`, and who viewed them.
#[server(endpoint = "profiles/contact")]
pub async fn load_contact_settings(role: String) -> Result<ContactSettings, AppError> {
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        crate::domains::profiles::contact::load(cx.pool(), session.user_id, &role).await
    })
    .await
}

/// Saves the phone and e-mail that a contact view shows.
#[server(endpoint = "profiles/contact/save")]
pub async fn save_contact(
    role: String,
    #[server(default)] phone: String,
    #[server(default)] contact_email: String,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        crate::domains::profiles::contact::save(
            cx.pool(),
            session.user_id,
            &role,
            &phone,
            &contact_email,
            &cx.meta,
        )
        .await
    })
    .await
}
