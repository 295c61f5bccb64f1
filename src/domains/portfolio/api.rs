//! Server functions of the portfolio tab. Each one authenticates, parses, and lets the
//! service check that the profile for `role` belongs to the signed-in user.
use super::model::PortfolioItemView;
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::core::{AppError, AppResult};
    pub use crate::domains::portfolio::{
        model::{Direction, ItemInput},
        service::{self, Owner},
    };

    pub fn parse_direction(input: &str) -> AppResult<Direction> {
        Direction::parse(input).map_err(|m| AppError::field("direction", m))
    }
}

/// The signed-in user's portfolio for `role`, items and images in display order.
#[server(endpoint = "portfolio/list")]
pub async fn list_portfolio(role: String) -> Result<Vec<PortfolioItemView>, AppError> {
    crate::server::call::handle(|cx| async move {
        let user_id = cx.signed_in()?.user_id;
        ssr::service::list(cx.pool(), user_id, &role).await
    })
    .await
}

#[server(endpoint = "portfolio/create")]
pub async fn create_portfolio_item(
    role: String,
    title: String,
    #[server(default)] description: String,
    #[server(default)] tags: String,
) -> Result<PortfolioItemView, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let owner = Owner::of(&cx, &role)?;
        let input = ItemInput::parse(&title, &description, &tags)?;
        service::create_item(cx.pool(), owner, input).await
    })
    .await
}

#[server(endpoint = "portfolio/update")]
pub async fn update_portfolio_item(
    role: String,
    item_id: Uuid,
    title: String,
    #[server(default)] description: String,
    #[server(default)] tags: String,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let owner = Owner::of(&cx, &role)?;
        let input = ItemInput::parse(&title, &description, &tags)?;
        service::update_item(cx.pool(), owner, item_id, input).await
    })
    .await
}

/// Deletes the item, its images and their stored files.
#[server(endpoint = "portfolio/delete")]
pub async fn delete_portfolio_item(role: String, item_id: Uuid) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let owner = Owner::of(&cx, &role)?;
        service::delete_item(cx.pool(), &cx.state.storage, owner, item_id).await
    })
    .await
}

/// Moves an item one place; `direction` is `earlier` (up) or `later` (down).
#[server(endpoint = "portfolio/move")]
pub async fn move_portfolio_item(
    role: String,
    item_id: Uuid,
    direction: String,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let owner = Owner::of(&cx, &role)?;
        let direction = parse_direction(&direction)?;
        service::move_item(cx.pool(), owner, item_id, direction).await
    })
    .await
}

/// Puts the items in the order of `ids`, which must list each of them exactly once.
#[server(endpoint = "portfolio/reorder")]
pub async fn reorder_portfolio_items(
    role: String,
    #[server(default)] ids: Vec<Uuid>,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let owner = Owner::of(&cx, &role)?;
        service::reorder_items(cx.pool(), owner, &ids).await
    })
    .await
}

#[server(endpoint = "portfolio/delete-image")]
pub async fn delete_portfolio_image(role: String, image_id: Uuid) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let owner = Owner::of(&cx, &role)?;
        service::delete_image(cx.pool(), &cx.state.storage, owner, image_id).await
    })
    .await
}

/// Moves an image one place within its item; `earlier` (left) or `later` (right).
#[server(endpoint = "portfolio/move-image")]
pub async fn move_portfolio_image(
    role: String,
    image_id: Uuid,
    direction: String,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let owner = Owner::of(&cx, &role)?;
        let direction = parse_direction(&direction)?;
        service::move_image(cx.pool(), owner, image_id, direction).await
    })
    .await
}

/// Puts an item's images in the order of `ids`, which must list each exactly once.
#[server(endpoint = "portfolio/reorder-images")]
pub async fn reorder_portfolio_images(
    role: String,
    item_id: Uuid,
    #[server(default)] ids: Vec<Uuid>,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let owner = Owner::of(&cx, &role)?;
        service::reorder_images(cx.pool(), owner, item_id, &ids).await
    })
    .await
}
