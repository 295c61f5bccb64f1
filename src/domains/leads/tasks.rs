//! What the leads domain gives the background queue (`server::queue`): the refund task,
//! enqueued in the transaction that makes a refund due, and the lead sweep.
use super::{model::RefundReason, refunds};
use crate::core::AppResult;
use crate::server::queue::{self, Queue, Task, Tasks, Work};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

/// The refund task's kind (stored in queued tasks: never rename).
pub const REFUND: &str = "Refund";

/// Return one response's tracecoins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundTask {
    pub lead_request_id: Uuid,
    pub reason: RefundReason,
}

/// Adds the refund task and the lead sweep.
pub fn register(tasks: Tasks) -> Tasks {
    tasks.task(REFUND, run_refund).sweep("leads", sweep)
}

/// Enqueues a refund in the caller's transaction: it runs only if that commits.
pub async fn enqueue_refund(
    conn: &mut PgConnection,
    queue: &Queue,
    lead_request_id: Uuid,
    reason: RefundReason,
) -> AppResult<()> {
    let task = Task::new(
        REFUND,
        &RefundTask {
            lead_request_id,
            reason,
        },
    )?;
    queue.enqueue_using(conn, &task).await
}

fn run_refund(conn: &mut PgConnection, input: Value) -> Work<'_> {
    Box::pin(async move {
        let task: RefundTask = queue::input(input)?;
        let mail = refunds::refund(conn, task.lead_request_id, task.reason).await?;
        Ok(mail.into_iter().collect())
    })
}

/// Expires OPEN leads past their time and refunds responses left unopened too long.
fn sweep(conn: &mut PgConnection) -> Work<'_> {
    Box::pin(refunds::sweep(conn))
}
