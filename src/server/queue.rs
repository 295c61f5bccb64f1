//! The background queue: durable deferred work on PostgreSQL with `underway` (its tables
//! live in the `underway` schema, next to ours). Named `queue`, not `jobs`, so it is not
//! mistaken for the job board (`domains::jobs`).
//!
//! One queue, `leads`, carries the lead workflow's deferred work:
//!
//! - `LeadJob::Refund` — return one response's tracecoins. Enqueued **in the
//!   transaction** that made the refund due (a rejection, a withdrawal, a fake flag), so a
//!   rolled-back change never refunds and a committed one always will, even if the
//!   process dies right after the commit.
//! - `LeadJob::Sweep` — on a cron schedule (every minute): expire OPEN leads past
//!   `expires_at` and refund their unanswered responses, refund responses the
//!   customer has not opened within `leads.unopened_refund_hours`, and close LIVE jobs
//!   past their `expires_at` (the job board's ghost-job control).
//!
//! Several workers (processes) may run at once: `underway` hands each task to one worker
//! (`FOR UPDATE SKIP LOCKED`), and the refund itself is idempotent (the response row is
//! locked and marked, and the wallet credit carries the key `refund:{response id}`), so a
//! retried or duplicated task never pays twice.
use super::config::Config;
use crate::domains::leads::{model::RefundReason, refunds};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use std::sync::Arc;
use underway::{job::Context, Job, To};
use uuid::Uuid;

/// What the `leads` queue does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LeadJob {
    Refund {
        lead_request_id: Uuid,
        reason: RefundReason,
    },
    Sweep,
}

/// What a queued task's step can reach.
#[derive(Clone)]
pub struct QueueState {
    pub pool: PgPool,
    pub config: Arc<Config>,
}

/// The app's queues: enqueue with `leads.enqueue_using(&mut *tx, &job)`.
#[derive(Clone)]
pub struct Queue {
    pub leads: Job<LeadJob, QueueState>,
}

/// The sweep's schedule: second 0 of every minute.
pub const SWEEP_SCHEDULE: &str = "0 * * * * *[UTC]";

/// Creates (or updates) `underway`'s own tables. Safe to run from several processes.
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::Error> {
    underway::run_migrations(pool).await
}

impl Queue {
    /// Declares the queues (the `underway` schema must exist: see `migrate`).
    pub async fn build(pool: PgPool, config: Arc<Config>) -> Result<Self, underway::job::Error> {
        let state = QueueState {
            pool: pool.clone(),
            config,
        };
        let leads = Job::builder()
            .state(state)
            .step(
                |cx: Context<QueueState>, job: LeadJob| async move { run_lead_job(cx, job).await },
            )
            .name("leads")
            .pool(pool)
            .build()
            .await?;
        Ok(Self { leads })
    }

    /// Starts the workers and the sweep's schedule; they stop when the process does.
    pub async fn start(&self) -> Result<(), Box<dyn std::error::Error>> {
        let schedule = SWEEP_SCHEDULE.parse()?;
        self.leads.schedule(&schedule, &LeadJob::Sweep).await?;
        let leads = self.leads.clone();
        tokio::spawn(async move {
            if let Err(err) = leads.run().await {
                tracing::error!(%err, "the leads job worker stopped");
            }
        });
        Ok(())
    }

    /// Asks the workers to sweep now (the `sweep-leads` command; tests).
    pub async fn sweep_now(&self) -> Result<(), underway::job::Error> {
        self.leads.enqueue(&LeadJob::Sweep).await?;
        Ok(())
    }
}

/// One task of the `leads` queue, in the worker's transaction; its e-mails go out once
/// that work is committed.
async fn run_lead_job(cx: Context<QueueState>, job: LeadJob) -> underway::task::Result<To<()>> {
    let Context { state, mut tx, .. } = cx;
    let outgoing = match &job {
        LeadJob::Refund {
            lead_request_id,
            reason,
        } => refunds::refund(&mut tx, *lead_request_id, *reason)
            .await
            .map(|o| o.into_iter().collect::<Vec<_>>()),
        LeadJob::Sweep => match refunds::sweep(&mut tx).await {
            Ok(mut mails) => crate::domains::jobs::service::sweep(&mut tx)
                .await
                .map(|more| {
                    mails.extend(more);
                    mails
                }),
            Err(err) => Err(err),
        },
    }
    .map_err(|err| {
        tracing::error!(?job, %err, "lead job failed; it will be retried");
        underway::task::Error::Retryable(err.to_string())
    })?;
    tx.commit().await?;
    for mail in outgoing {
        mail.send(&state.pool, &state.config).await;
    }
    To::done()
}

/// The queue for tests: `underway`'s schema in the test database and the queues declared
/// (no workers: tests run tasks with `run_pending`).
#[cfg(test)]
pub async fn for_tests(pool: &PgPool) -> Queue {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    migrate(pool).await.unwrap();
    let dir = std::env::temp_dir().join(format!("nxg-queue-{}", Uuid::new_v4()));
    Queue::build(pool.clone(), Arc::new(Config::for_tests("unused", dir)))
        .await
        .unwrap()
}

/// Runs queued `leads` tasks until none is left; answers how many ran (tests).
#[cfg(test)]
pub async fn run_pending(queue: &Queue) -> usize {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    let worker = queue.leads.worker();
    let mut ran = 0;
    while worker.process_next_task().await.unwrap().is_some() {
        ran += 1;
    }
    ran
}
