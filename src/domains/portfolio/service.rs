//! Portfolio rules. Every write is one transaction that first locks the owner's profile
//! row, so limits and reorders of one profile never race (image writes also lock the
//! item row, which the upload endpoint locks too); it writes its audit row and
//! refreshes the search index in the same transaction. Stored image files are removed
//! only after the commit, so a rolled-back delete never loses a file.
use super::model::{moved, Direction, ItemInput, PortfolioImageView, PortfolioItemView, MAX_ITEMS};
use super::order::{compact, order_entry, ordered_ids, same_set, stale, write_order, Order};
use crate::core::{media::thumb_url, AppError, AppResult, ErrorCode};
use crate::domains::audit::service::{self as audit, Action, Change, Entry};
use crate::domains::profiles::service::{owned_profile, ProfileRef};
use crate::domains::search::index;
use crate::server::storage::{portfolio_image_key, portfolio_thumb_key, Storage};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

pub(super) const MODULE: &str = "profiles";
const ITEM: &str = "portfolio_item";
const IMAGE: &str = "portfolio_image";

pub use crate::domains::profiles::service::Owner;

/// The owner's portfolio for editing; NOT_FOUND when they have no profile for the role.
pub async fn list(
    pool: &PgPool,
    user_id: Uuid,
    role_key: &str,
) -> AppResult<Vec<PortfolioItemView>> {
    let mut conn = pool.acquire().await?;
    let profile = owned_profile(&mut conn, user_id, role_key, false).await?;
    items_of_profile(&mut conn, profile.id).await
}

/// A profile's items with their images, both in display order (also for public pages).
pub async fn items_of_profile(
    conn: &mut PgConnection,
    profile_id: Uuid,
) -> AppResult<Vec<PortfolioItemView>> {
    #[derive(sqlx::FromRow)]
    struct Item {
        id: Uuid,
        title: String,
        description: Option<String>,
        tags: Vec<String>,
        display_order: i32,
    }
    let items: Vec<Item> = sqlx::query_as(
        "SELECT id, title, description, tags, display_order FROM portfolio_items
          WHERE user_role_profile_id = $1 ORDER BY display_order, created_at, id",
    )
    .bind(profile_id)
    .fetch_all(&mut *conn)
    .await?;
    let images: Vec<(Uuid, Uuid, String, i32)> = sqlx::query_as(
        "SELECT i.id, i.portfolio_item_id, i.file_url, i.display_order
           FROM portfolio_images i JOIN portfolio_items p ON p.id = i.portfolio_item_id
          WHERE p.user_role_profile_id = $1
          ORDER BY i.display_order, i.created_at, i.id",
    )
    .bind(profile_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(items
        .into_iter()
        .map(|item| PortfolioItemView {
            images: images
                .iter()
                .filter(|(_, parent, _, _)| *parent == item.id)
                .map(|(image_id, _, url, order)| PortfolioImageView {
                    id: *image_id,
                    thumb_url: thumb_url(url),
                    url: url.clone(),
                    display_order: *order,
                })
                .collect(),
            id: item.id,
            title: item.title,
            description: item.description,
            tags: item.tags,
            display_order: item.display_order,
        })
        .collect())
}

pub async fn create_item(
    pool: &PgPool,
    owner: Owner<'_>,
    input: ItemInput,
) -> AppResult<PortfolioItemView> {
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, owner.user_id, owner.role_key, true).await?;
    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM portfolio_items WHERE user_role_profile_id = $1")
            .bind(profile.id)
            .fetch_one(&mut *tx)
            .await?;
    if count >= MAX_ITEMS as i64 {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("A portfolio holds at most {MAX_ITEMS} items. Delete one to add another."),
        ));
    }
    let (id, display_order): (Uuid, i32) = sqlx::query_as(
        "INSERT INTO portfolio_items (user_role_profile_id, title, description, tags, display_order)
         SELECT $1, $2, $3, $4, COALESCE(MAX(display_order) + 1, 0)
           FROM portfolio_items WHERE user_role_profile_id = $1
         RETURNING id, display_order",
    )
    .bind(profile.id)
    .bind(&input.title)
    .bind(&input.description)
    .bind(&input.tags)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(owner.user_id),
            Action::Create,
            ITEM,
            Some(id),
            MODULE,
            "added a portfolio item",
            owner.meta,
        )
        .label(input.title.clone())
        .change(Change::new("title", None, Some(input.title.clone())))
        .change(Change::new("description", None, input.description.clone()))
        .change(Change::new("tags", None, Some(input.tags.join(", ")))),
    )
    .await?;
    index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    Ok(PortfolioItemView {
        id,
        title: input.title,
        description: input.description,
        tags: input.tags,
        display_order,
        images: Vec::new(),
    })
}

/// The item, locked, when it belongs to `profile`; NOT_FOUND otherwise.
async fn locked_item(
    conn: &mut PgConnection,
    profile: &ProfileRef,
    item_id: Uuid,
) -> AppResult<(String, Option<String>, Vec<String>)> {
    sqlx::query_as(
        "SELECT title, description, tags FROM portfolio_items
          WHERE id = $1 AND user_role_profile_id = $2 FOR UPDATE",
    )
    .bind(item_id)
    .bind(profile.id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::not_found("That portfolio item"))
}

pub async fn update_item(
    pool: &PgPool,
    owner: Owner<'_>,
    item_id: Uuid,
    input: ItemInput,
) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, owner.user_id, owner.role_key, true).await?;
    let (title, description, tags) = locked_item(&mut tx, &profile, item_id).await?;
    sqlx::query("UPDATE portfolio_items SET title = $2, description = $3, tags = $4 WHERE id = $1")
        .bind(item_id)
        .bind(&input.title)
        .bind(&input.description)
        .bind(&input.tags)
        .execute(&mut *tx)
        .await?;
    let mut entry = Entry::by_user(
        Some(owner.user_id),
        Action::Update,
        ITEM,
        Some(item_id),
        MODULE,
        "edited a portfolio item",
        owner.meta,
    )
    .label(input.title.clone());
    if title != input.title {
        entry = entry.change(Change::new("title", Some(title), Some(input.title)));
    }
    if description != input.description {
        entry = entry.change(Change::new("description", description, input.description));
    }
    if tags != input.tags {
        entry = entry.change(Change::new(
            "tags",
            Some(tags.join(", ")),
            Some(input.tags.join(", ")),
        ));
    }
    audit::record(&mut tx, entry).await?;
    index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes the item and its images, then their stored files.
pub async fn delete_item(
    pool: &PgPool,
    storage: &Storage,
    owner: Owner<'_>,
    item_id: Uuid,
) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, owner.user_id, owner.role_key, true).await?;
    let (title, _, _) = locked_item(&mut tx, &profile, item_id).await?;
    let image_ids: Vec<Uuid> =
        sqlx::query_scalar("SELECT id FROM portfolio_images WHERE portfolio_item_id = $1")
            .bind(item_id)
            .fetch_all(&mut *tx)
            .await?;
    sqlx::query("DELETE FROM portfolio_items WHERE id = $1")
        .bind(item_id)
        .execute(&mut *tx)
        .await?;
    compact(&mut tx, Order::Items, profile.id).await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(owner.user_id),
            Action::Delete,
            ITEM,
            Some(item_id),
            MODULE,
            "deleted a portfolio item",
            owner.meta,
        )
        .label(title.clone())
        .change(Change::new("title", Some(title), None))
        .change(Change::new(
            "images",
            Some(image_ids.len().to_string()),
            None,
        )),
    )
    .await?;
    index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    remove_files(storage, profile.id, &image_ids).await;
    Ok(())
}

/// Moves an item one place up or down; at either end nothing changes.
pub async fn move_item(
    pool: &PgPool,
    owner: Owner<'_>,
    item_id: Uuid,
    direction: Direction,
) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, owner.user_id, owner.role_key, true).await?;
    let ids = ordered_ids(&mut tx, Order::Items, profile.id).await?;
    let index = ids
        .iter()
        .position(|id| *id == item_id)
        .ok_or_else(|| AppError::not_found("That portfolio item"))?;
    let Some(new) = moved(&ids, index, direction) else {
        return Ok(());
    };
    write_order(&mut tx, Order::Items, profile.id, &new).await?;
    audit::record(
        &mut tx,
        order_entry(owner, ITEM, item_id, "moved a portfolio item", &ids, &new),
    )
    .await?;
    index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    Ok(())
}

/// Puts the items in the order given, which must name each of the profile's items once.
pub async fn reorder_items(pool: &PgPool, owner: Owner<'_>, order: &[Uuid]) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, owner.user_id, owner.role_key, true).await?;
    let ids = ordered_ids(&mut tx, Order::Items, profile.id).await?;
    if !same_set(&ids, order) {
        return Err(stale("portfolio items"));
    }
    if ids == order {
        return Ok(());
    }
    write_order(&mut tx, Order::Items, profile.id, order).await?;
    audit::record(
        &mut tx,
        order_entry(
            owner,
            "user_role_profile",
            profile.id,
            "reordered portfolio items",
            &ids,
            order,
        ),
    )
    .await?;
    index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    Ok(())
}

/// The image's item (and the item's title) when the image belongs to `profile`. The
/// item row is locked, as the upload endpoint does, so uploads to the item wait.
async fn image_item(
    conn: &mut PgConnection,
    profile: &ProfileRef,
    image_id: Uuid,
) -> AppResult<(Uuid, String)> {
    sqlx::query_as(
        "SELECT p.id, p.title FROM portfolio_images i
           JOIN portfolio_items p ON p.id = i.portfolio_item_id
          WHERE i.id = $1 AND p.user_role_profile_id = $2
            FOR UPDATE OF p",
    )
    .bind(image_id)
    .bind(profile.id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::not_found("That image"))
}

/// Deletes one image and its stored files.
pub async fn delete_image(
    pool: &PgPool,
    storage: &Storage,
    owner: Owner<'_>,
    image_id: Uuid,
) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, owner.user_id, owner.role_key, true).await?;
    let (item_id, title) = image_item(&mut tx, &profile, image_id).await?;
    let url: String =
        sqlx::query_scalar("DELETE FROM portfolio_images WHERE id = $1 RETURNING file_url")
            .bind(image_id)
            .fetch_one(&mut *tx)
            .await?;
    compact(&mut tx, Order::Images, item_id).await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(owner.user_id),
            Action::Delete,
            IMAGE,
            Some(image_id),
            MODULE,
            "deleted a portfolio image",
            owner.meta,
        )
        .label(title)
        .change(Change::new("file_url", Some(url), None)),
    )
    .await?;
    index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    remove_files(storage, profile.id, &[image_id]).await;
    Ok(())
}

/// Moves an image one place left or right within its item.
pub async fn move_image(
    pool: &PgPool,
    owner: Owner<'_>,
    image_id: Uuid,
    direction: Direction,
) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, owner.user_id, owner.role_key, true).await?;
    let (item_id, _) = image_item(&mut tx, &profile, image_id).await?;
    let ids = ordered_ids(&mut tx, Order::Images, item_id).await?;
    let index = ids
        .iter()
        .position(|id| *id == image_id)
        .ok_or_else(|| AppError::not_found("That image"))?;
    let Some(new) = moved(&ids, index, direction) else {
        return Ok(());
    };
    write_order(&mut tx, Order::Images, item_id, &new).await?;
    audit::record(
        &mut tx,
        order_entry(
            owner,
            IMAGE,
            image_id,
            "moved a portfolio image",
            &ids,
            &new,
        ),
    )
    .await?;
    index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    Ok(())
}

/// Puts an item's images in the order given, which must name each of them once.
pub async fn reorder_images(
    pool: &PgPool,
    owner: Owner<'_>,
    item_id: Uuid,
    order: &[Uuid],
) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, owner.user_id, owner.role_key, true).await?;
    locked_item(&mut tx, &profile, item_id).await?;
    let ids = ordered_ids(&mut tx, Order::Images, item_id).await?;
    if !same_set(&ids, order) {
        return Err(stale("images"));
    }
    if ids == order {
        return Ok(());
    }
    write_order(&mut tx, Order::Images, item_id, order).await?;
    audit::record(
        &mut tx,
        order_entry(
            owner,
            ITEM,
            item_id,
            "reordered portfolio images",
            &ids,
            order,
        ),
    )
    .await?;
    index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the images' files and thumbnails; a failure is logged, the rows are gone.
async fn remove_files(storage: &Storage, profile_id: Uuid, image_ids: &[Uuid]) {
    let keys: Vec<String> = image_ids
        .iter()
        .flat_map(|id| {
            [
                portfolio_image_key(profile_id, *id),
                portfolio_thumb_key(profile_id, *id),
            ]
        })
        .collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    storage.delete_quietly(&keys).await;
}
