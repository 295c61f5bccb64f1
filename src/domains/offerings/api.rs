//! Server functions of the services tab. Each one authenticates, parses, and lets the
//! service check that the profile for `role` belongs to the signed-in user.
use super::model::ServiceView;
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::domains::offerings::{
        model::ServiceInput,
        service::{self, Owner},
    };
}

/// The signed-in user's services for `role`, active and inactive, by name.
#[server(endpoint = "offerings/list")]
pub async fn list_services(role: String) -> Result<Vec<ServiceView>, AppError> {
    crate::server::call::handle(|cx| async move {
        let user_id = cx.signed_in()?.user_id;
        ssr::service::list(cx.pool(), user_id, &role).await
    })
    .await
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
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let owner = Owner::of(&cx, &role)?;
        let input = ServiceInput::parse(
            &name,
            &description,
            &price,
            &duration_minutes,
            is_active.is_some(),
        )?;
        service::create(cx.pool(), owner, input).await
    })
    .await
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
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let owner = Owner::of(&cx, &role)?;
        let input = ServiceInput::parse(
            &name,
            &description,
            &price,
            &duration_minutes,
            is_active.is_some(),
        )?;
        service::update(cx.pool(), owner, service_id, input).await
    })
    .await
}

/// Shows (`active` = true) or hides the service on the public profile.
#[server(endpoint = "offerings/set-active")]
pub async fn set_service_active(
    role: String,
    service_id: Uuid,
    active: bool,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let owner = Owner::of(&cx, &role)?;
        service::set_active(cx.pool(), owner, service_id, active).await
    })
    .await
}

#[server(endpoint = "offerings/delete")]
pub async fn delete_service(role: String, service_id: Uuid) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let owner = Owner::of(&cx, &role)?;
        service::delete(cx.pool(), owner, service_id).await
    })
    .await
}
