//! Display order of a profile's items and of an item's images: always dense (0..n),
//! rewritten in one statement inside the caller's transaction.
use super::service::{Owner, MODULE};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::audit::service::{Action, Change, Entry};
use sqlx::PgConnection;
use uuid::Uuid;

/// Which ordered list: a profile's items, or one item's images.
#[derive(Debug, Clone, Copy)]
pub(super) enum Order {
    Items,
    Images,
}

impl Order {
    fn ids_sql(self) -> &'static str {
        match self {
            Order::Items => {
                "SELECT id FROM portfolio_items WHERE user_role_profile_id = $1
                  ORDER BY display_order, created_at, id"
            }
            Order::Images => {
                "SELECT id FROM portfolio_images WHERE portfolio_item_id = $1
                  ORDER BY display_order, created_at, id"
            }
        }
    }

    fn write_sql(self) -> &'static str {
        match self {
            Order::Items => {
                "UPDATE portfolio_items p SET display_order = (t.n - 1)::int
                   FROM UNNEST($2::uuid[]) WITH ORDINALITY AS t(id, n)
                  WHERE p.id = t.id AND p.user_role_profile_id = $1
                    AND p.display_order <> (t.n - 1)::int"
            }
            Order::Images => {
                "UPDATE portfolio_images p SET display_order = (t.n - 1)::int
                   FROM UNNEST($2::uuid[]) WITH ORDINALITY AS t(id, n)
                  WHERE p.id = t.id AND p.portfolio_item_id = $1
                    AND p.display_order <> (t.n - 1)::int"
            }
        }
    }
}

pub(super) async fn ordered_ids(
    conn: &mut PgConnection,
    order: Order,
    parent: Uuid,
) -> AppResult<Vec<Uuid>> {
    Ok(sqlx::query_scalar(order.ids_sql())
        .bind(parent)
        .fetch_all(&mut *conn)
        .await?)
}

/// Rewrites display_order as 0..n in the order of `ids`.
pub(super) async fn write_order(
    conn: &mut PgConnection,
    order: Order,
    parent: Uuid,
    ids: &[Uuid],
) -> AppResult<()> {
    sqlx::query(order.write_sql())
        .bind(parent)
        .bind(ids)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Closes the gap a deleted row leaves, keeping the order dense.
pub(super) async fn compact(conn: &mut PgConnection, order: Order, parent: Uuid) -> AppResult<()> {
    let ids = ordered_ids(conn, order, parent).await?;
    write_order(conn, order, parent, &ids).await
}

/// True when `order` names each of `ids` exactly once.
pub(super) fn same_set(ids: &[Uuid], order: &[Uuid]) -> bool {
    let mut a = ids.to_vec();
    let mut b = order.to_vec();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

pub(super) fn stale(what: &str) -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        format!("Your {what} changed since this page loaded. Reload the page and try again."),
    )
}

pub(super) fn order_entry<'a>(
    owner: Owner<'a>,
    entity_type: &'a str,
    entity_id: Uuid,
    summary: &str,
    old: &[Uuid],
    new: &[Uuid],
) -> Entry<'a> {
    let join = |ids: &[Uuid]| {
        ids.iter()
            .map(Uuid::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    Entry::by_user(
        Some(owner.user_id),
        Action::Update,
        entity_type,
        Some(entity_id),
        MODULE,
        summary,
        owner.meta,
    )
    .change(Change::new(
        "display_order",
        Some(join(old)),
        Some(join(new)),
    ))
}
