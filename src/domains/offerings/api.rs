//! Server functions of the services tab. Each one authenticates, parses, and lets the
//! service check that the profile for `role` belongs to the signed-in user.
use super::model::ServiceView;
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::core::AppResult;
    use crate::domains::audit::service::RequestMeta;
    pub use crate::domains::offerings::{
        model::ServiceInput,
        service::{self, Owner},
    };
    use crate::server::{context, state::AppState};
    use uuid::Uuid;

    /// The app state, the signed-in user and where the request came from.
    pub fn caller() -> AppResult<(AppState, Uuid, RequestMeta)> {
        let state = context::app_state()?;
        let session = context::require_session()?;
        let meta = context::request_meta(state.config.trust_proxy);
        Ok((state, session.user_id, meta))
    }
}

/// The signed-in user's services for `role`, active and inactive, by name.
#[server(endpoint = "offerings/list")]
pub async fn list_services(role: String) -> Result<Vec<ServiceView>, AppError> {
    crate::server::context::respond(
        async move {
            let (state, user_id, _) = ssr::caller()?;
            ssr::service::list(&state.pool, user_id, &role).await
        }
        .await,
    )
}

/// `price` is in rupees; `is_active` is present (any value) when the box is ticked.
#[server(endpoint = "offerings/create")]
pub async fn create_service(
    role: String,
    name: String,
    #[server(default)] description: String,
    price: String,
    #[server(default)] duration_minutes: String,
    #[server(default)] is_active: Option<String>,
) -> Result<ServiceView, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let (state, user_id, meta) = caller()?;
            let input = ServiceInput::parse(
                &name,
                &description,
                &price,
                &duration_minutes,
                is_active.is_some(),
            )?;
            let owner = Owner {
                user_id,
                role_key: &role,
                meta: &meta,
            };
            service::create(&state.pool, owner, input).await
        }
        .await,
    )
}

#[server(endpoint = "offerings/update")]
pub async fn update_service(
    role: String,
    service_id: Uuid,
    name: String,
    #[server(default)] description: String,
    price: String,
    #[server(default)] duration_minutes: String,
    #[server(default)] is_active: Option<String>,
) -> Result<ServiceView, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let (state, user_id, meta) = caller()?;
            let input = ServiceInput::parse(
                &name,
                &description,
                &price,
                &duration_minutes,
                is_active.is_some(),
            )?;
            let owner = Owner {
                user_id,
                role_key: &role,
                meta: &meta,
            };
            service::update(&state.pool, owner, service_id, input).await
        }
        .await,
    )
}

/// Shows (`active` = true) or hides the service on the public profile.
#[server(endpoint = "offerings/set-active")]
pub async fn set_service_active(
    role: String,
    service_id: Uuid,
    active: bool,
) -> Result<(), AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let (state, user_id, meta) = caller()?;
            let owner = Owner {
                user_id,
                role_key: &role,
                meta: &meta,
            };
            service::set_active(&state.pool, owner, service_id, active).await
        }
        .await,
    )
}

#[server(endpoint = "offerings/delete")]
pub async fn delete_service(role: String, service_id: Uuid) -> Result<(), AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let (state, user_id, meta) = caller()?;
            let owner = Owner {
                user_id,
                role_key: &role,
                meta: &meta,
            };
            service::delete(&state.pool, owner, service_id).await
        }
        .await,
    )
}
