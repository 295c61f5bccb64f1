//! What the jobs domain gives the background queue (`server::queue`): the job sweep.
use crate::server::queue::{Tasks, Work};
use sqlx::PgConnection;

/// Adds the job sweep.
pub fn register(tasks: Tasks) -> Tasks {
    tasks.sweep("jobs", sweep)
}

/// Closes LIVE jobs past their `expires_at` (the job board's ghost-job control).
fn sweep(conn: &mut PgConnection) -> Work<'_> {
    Box::pin(super::service::sweep(conn))
}
