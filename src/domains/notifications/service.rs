//! Reading in-app notifications (`server::notify::record` writes them). Everything is
//! scoped to the owner: another user's notification id matches nothing.
use super::model::{link_for, NotificationView};
use crate::core::{AppError, AppResult};
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    title: String,
    body: String,
    related_entity_type: Option<String>,
    related_entity_id: Option<Uuid>,
    read_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

/// `user_id`'s in-app notifications, newest first, older than `before` (keyset), at
/// most `limit`.
pub async fn list(
    pool: &PgPool,
    user_id: Uuid,
    before: Option<Uuid>,
    limit: i64,
) -> AppResult<Vec<NotificationView>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT n.id, n.title, n.body, n.related_entity_type, n.related_entity_id, n.read_at,
                n.created_at
           FROM notifications n
          WHERE n.user_id = $1 AND n.channel = 'IN_APP'
            AND ($2::uuid IS NULL OR (n.created_at, n.id) <
                 (SELECT b.created_at, b.id FROM notifications b WHERE b.id = $2 AND b.user_id = $1))
          ORDER BY n.created_at DESC, n.id DESC
          LIMIT $3",
    )
    .bind(user_id)
    .bind(before)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| NotificationView {
            link: link_for(r.related_entity_type.as_deref(), r.related_entity_id),
            id: r.id,
            title: r.title,
            body: r.body,
            created_at: r.created_at,
            read: r.read_at.is_some(),
        })
        .collect())
}

/// How many of `user_id`'s in-app notifications are unread.
pub async fn unread_count(pool: &PgPool, user_id: Uuid) -> AppResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM notifications
          WHERE user_id = $1 AND channel = 'IN_APP' AND read_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(pool)
    .await?)
}

/// Marks one of `user_id`'s notifications read (again is fine); others' are NOT FOUND.
pub async fn mark_read(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<()> {
    let found = sqlx::query(
        "UPDATE notifications SET read_at = COALESCE(read_at, now()), status = 'READ'
          WHERE id = $1 AND user_id = $2 AND channel = 'IN_APP'",
    )
    .bind(id)
    .bind(user_id)
    .execute(pool)
    .await?
    .rows_affected();
    if found == 0 {
        return Err(AppError::not_found("That notification"));
    }
    Ok(())
}

/// Marks all of `user_id`'s notifications read; returns how many were unread.
pub async fn mark_all_read(pool: &PgPool, user_id: Uuid) -> AppResult<u64> {
    Ok(sqlx::query(
        "UPDATE notifications SET read_at = now(), status = 'READ'
          WHERE user_id = $1 AND channel = 'IN_APP' AND read_at IS NULL",
    )
    .bind(user_id)
    .execute(pool)
    .await?
    .rows_affected())
}
