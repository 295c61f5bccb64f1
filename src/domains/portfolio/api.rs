//! Server functions of the portfolio tab. Each one authenticates, parses, and lets the
//! service check that the profile for `role` belongs to the signed-in user.
use super::model::PortfolioItemView;
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::core::{AppError, AppResult};
    use crate::domains::audit::service::RequestMeta;
    pub use crate::domains::portfolio::{
        model::{Direction, ItemInput},
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

    pub fn parse_direction(input: &str) -> AppResult<Direction> {
        Direction::parse(input).map_err(|m| AppError::field("direction", m))
    }
}

/// The signed-in user's portfolio for `role`, items and images in display order.
#[server(endpoint = "portfolio/list")]
pub async fn list_portfolio(role: String) -> Result<Vec<PortfolioItemView>, AppError> {
    crate::server::context::respond(
        async move {
            let (state, user_id, _) = ssr::caller()?;
            ssr::service::list(&state.pool, user_id, &role).await
        }
        .await,
    )
}

#[server(endpoint = "portfolio/create")]
pub async fn create_portfolio_item(
    role: String,
    title: String,
    #[server(default)] description: String,
    #[server(default)] tags: String,
) -> Result<PortfolioItemView, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let (state, user_id, meta) = caller()?;
            let input = ItemInput::parse(&title, &description, &tags)?;
            let owner = Owner {
                user_id,
                role_key: &role,
                meta: &meta,
            };
            service::create_item(&state.pool, owner, input).await
        }
        .await,
    )
}

#[server(endpoint = "portfolio/update")]
pub async fn update_portfolio_item(
    role: String,
    item_id: Uuid,
    title: String,
    #[server(default)] description: String,
    #[server(default)] tags: String,
) -> Result<(), AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let (state, user_id, meta) = caller()?;
            let input = ItemInput::parse(&title, &description, &tags)?;
            let owner = Owner {
                user_id,
                role_key: &role,
                meta: &meta,
            };
            service::update_item(&state.pool, owner, item_id, input).await
        }
        .await,
    )
}

/// Deletes the item, its images and their stored files.
#[server(endpoint = "portfolio/delete")]
pub async fn delete_portfolio_item(role: String, item_id: Uuid) -> Result<(), AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let (state, user_id, meta) = caller()?;
            let owner = Owner {
                user_id,
                role_key: &role,
                meta: &meta,
            };
            service::delete_item(&state.pool, &state.storage, owner, item_id).await
        }
        .await,
    )
}

/// Moves an item one place; `direction` is `earlier` (up) or `later` (down).
#[server(endpoint = "portfolio/move")]
pub async fn move_portfolio_item(
    role: String,
    item_id: Uuid,
    direction: String,
) -> Result<(), AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let (state, user_id, meta) = caller()?;
            let direction = parse_direction(&direction)?;
            let owner = Owner {
                user_id,
                role_key: &role,
                meta: &meta,
            };
            service::move_item(&state.pool, owner, item_id, direction).await
        }
        .await,
    )
}

/// Puts the items in the order of `ids`, which must list each of them exactly once.
#[server(endpoint = "portfolio/reorder")]
pub async fn reorder_portfolio_items(
    role: String,
    #[server(default)] ids: Vec<Uuid>,
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
            service::reorder_items(&state.pool, owner, &ids).await
        }
        .await,
    )
}

#[server(endpoint = "portfolio/delete-image")]
pub async fn delete_portfolio_image(role: String, image_id: Uuid) -> Result<(), AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let (state, user_id, meta) = caller()?;
            let owner = Owner {
                user_id,
                role_key: &role,
                meta: &meta,
            };
            service::delete_image(&state.pool, &state.storage, owner, image_id).await
        }
        .await,
    )
}

/// Moves an image one place within its item; `earlier` (left) or `later` (right).
#[server(endpoint = "portfolio/move-image")]
pub async fn move_portfolio_image(
    role: String,
    image_id: Uuid,
    direction: String,
) -> Result<(), AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let (state, user_id, meta) = caller()?;
            let direction = parse_direction(&direction)?;
            let owner = Owner {
                user_id,
                role_key: &role,
                meta: &meta,
            };
            service::move_image(&state.pool, owner, image_id, direction).await
        }
        .await,
    )
}

/// Puts an item's images in the order of `ids`, which must list each exactly once.
#[server(endpoint = "portfolio/reorder-images")]
pub async fn reorder_portfolio_images(
    role: String,
    item_id: Uuid,
    #[server(default)] ids: Vec<Uuid>,
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
            service::reorder_images(&state.pool, owner, item_id, &ids).await
        }
        .await,
    )
}
