//! Keeps `profile_search` current. Placeholder signature until built.
use crate::core::AppResult;
use sqlx::PgConnection;
use uuid::Uuid;

/// Recomputes the search row of one profile (deletes it when the profile is not listed),
/// in the caller's transaction.
pub async fn refresh(conn: &mut PgConnection, profile_id: Uuid) -> AppResult<()> {
    let _ = (conn, profile_id);
    Ok(())
}
