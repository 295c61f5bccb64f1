//! The background queue: durable deferred work on PostgreSQL with `underway` (its tables
//! live in the `underway` schema, next to ours). Named `queue`, not `jobs`, so it is not
//! mistaken for the job board (`domains::jobs`).
//!
//! The queue runs what the domains register in [`Tasks`] (assembled at the composition
//! root, `app::wiring::tasks`), and imports no domain:
//!
//! - **tasks**: a kind and a JSON input, enqueued by a domain **in the transaction** that
//!   made the work due (the lead refund: a rejection, a withdrawal, a fake flag), so a
//!   rolled-back change never runs it and a committed one always will, even if the
//!   process dies right after the commit;
//! - **sweeps**: on a cron schedule (every minute) the queue runs every registered sweep,
//!   in registration order and in one transaction (leads expire OPEN leads and refund
//!   unopened responses; jobs close LIVE jobs past their time).
//!
//! Several workers (processes) may run at once: `underway` hands each task to one worker
//! (`FOR UPDATE SKIP LOCKED`), and handlers must be idempotent (the lead refund locks and
//! marks the response row, and its wallet credit carries the key `refund:{response id}`),
//! so a retried or duplicated task never pays twice. A failed task is retried; its
//! e-mails go out only after its transaction commits.
use super::{config::Config, notify::Outgoing};
use crate::core::{AppError, AppResult};
use futures::future::BoxFuture;
use serde::{de::DeserializeOwned, Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use sqlx::{PgConnection, PgPool};
use std::{collections::BTreeMap, sync::Arc};
use underway::{job::Context, Job, To};

/// The kind that runs every sweep.
pub const SWEEP: &str = "Sweep";

/// One unit of deferred work: a registered kind and its input.
///
/// Stored externally tagged, `"Sweep"` or `{"Refund": {...}}`: the format of the enum the
/// queue carried before it had a registry, so tasks queued by an older build still run.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub kind: String,
    pub input: Value,
}

impl Task {
    /// A task of `kind` with `input` (any serialisable value).
    pub fn new(kind: &str, input: &impl Serialize) -> AppResult<Self> {
        let input = serde_json::to_value(input).map_err(|err| {
            tracing::error!(%err, kind, "a task input did not serialise");
            AppError::internal()
        })?;
        Ok(Self {
            kind: kind.to_owned(),
            input,
        })
    }

    fn sweep() -> Self {
        Self {
            kind: SWEEP.to_owned(),
            input: Value::Null,
        }
    }
}

impl Serialize for Task {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.input.is_null() {
            serializer.serialize_str(&self.kind)
        } else {
            let mut tagged = serde_json::Map::new();
            tagged.insert(self.kind.clone(), self.input.clone());
            tagged.serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Task {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::String(kind) => Ok(Self {
                kind,
                input: Value::Null,
            }),
            Value::Object(map) if map.len() == 1 => {
                let (kind, input) = map
                    .into_iter()
                    .next()
                    .ok_or_else(|| serde::de::Error::custom("a task is a kind or {kind: input}"))?;
                Ok(Self { kind, input })
            }
            _ => Err(serde::de::Error::custom(
                "a task is a kind or {kind: input}",
            )),
        }
    }
}

/// What a task or sweep returns: the e-mails to send once its transaction commits.
pub type Work<'c> = BoxFuture<'c, AppResult<Vec<Outgoing>>>;
/// Runs one task's input inside the worker's transaction.
pub type Handler = for<'c> fn(&'c mut PgConnection, Value) -> Work<'c>;
/// One domain's periodic clean-up, inside the sweep's transaction.
pub type Sweep = for<'c> fn(&'c mut PgConnection) -> Work<'c>;

/// The queue's registry: task handlers by kind and the sweeps, filled by the domains.
#[derive(Clone, Default)]
pub struct Tasks {
    handlers: BTreeMap<&'static str, Handler>,
    sweeps: Vec<(&'static str, Sweep)>,
}

impl Tasks {
    /// Registers the handler of `kind` (one per kind: a second replaces the first).
    pub fn task(mut self, kind: &'static str, handler: Handler) -> Self {
        self.handlers.insert(kind, handler);
        self
    }

    /// Adds a sweep, run after those registered before it.
    pub fn sweep(mut self, name: &'static str, sweep: Sweep) -> Self {
        self.sweeps.push((name, sweep));
        self
    }

    /// The registered kinds and sweeps (the wiring test).
    pub fn names(&self) -> (Vec<&'static str>, Vec<&'static str>) {
        (
            self.handlers.keys().copied().collect(),
            self.sweeps.iter().map(|(name, _)| *name).collect(),
        )
    }

    async fn run(&self, conn: &mut PgConnection, task: &Task) -> AppResult<Vec<Outgoing>> {
        if task.kind == SWEEP {
            let mut outgoing = Vec::new();
            for (_, sweep) in &self.sweeps {
                outgoing.extend(sweep(&mut *conn).await?);
            }
            return Ok(outgoing);
        }
        let handler = self.handlers.get(task.kind.as_str()).ok_or_else(|| {
            tracing::error!(kind = task.kind, "no handler registered for this task");
            AppError::internal()
        })?;
        handler(conn, task.input.clone()).await
    }
}

/// A task's input, read back (an unreadable one is a bug: logged, INTERNAL).
pub fn input<T: DeserializeOwned>(input: Value) -> AppResult<T> {
    serde_json::from_value(input).map_err(|err| {
        tracing::error!(%err, "a task input did not deserialise");
        AppError::internal()
    })
}

/// What a queued task's step can reach.
#[derive(Clone)]
pub struct QueueState {
    pub pool: PgPool,
    pub config: Arc<Config>,
    pub tasks: Arc<Tasks>,
}

/// The app's queue: enqueue with `queue.enqueue_using(&mut *tx, &task)`.
#[derive(Clone)]
pub struct Queue {
    job: Job<Task, QueueState>,
}

/// The sweep's schedule: second 0 of every minute.
pub const SWEEP_SCHEDULE: &str = "0 * * * * *[UTC]";

/// The queue's name in `underway`'s tables. "leads" because its first tasks were the lead
/// workflow's; kept so that tasks queued by an older build are picked up.
const QUEUE_NAME: &str = "leads";

/// Creates (or updates) `underway`'s own tables. Safe to run from several processes.
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::Error> {
    underway::run_migrations(pool).await
}

impl Queue {
    /// Declares the queue (the `underway` schema must exist: see `migrate`).
    pub async fn build(
        pool: PgPool,
        config: Arc<Config>,
        tasks: Tasks,
    ) -> Result<Self, underway::job::Error> {
        let state = QueueState {
            pool: pool.clone(),
            config,
            tasks: Arc::new(tasks),
        };
        let job = Job::builder()
            .state(state)
            .step(|cx: Context<QueueState>, task: Task| async move { run_task(cx, task).await })
            .name(QUEUE_NAME)
            .pool(pool)
            .build()
            .await?;
        Ok(Self { job })
    }

    /// Starts the workers and the sweep's schedule; they stop when the process does.
    pub async fn start(&self) -> Result<(), Box<dyn std::error::Error>> {
        let schedule = SWEEP_SCHEDULE.parse()?;
        self.job.schedule(&schedule, &Task::sweep()).await?;
        let job = self.job.clone();
        tokio::spawn(async move {
            if let Err(err) = job.run().await {
                tracing::error!(%err, "the queue worker stopped");
            }
        });
        Ok(())
    }

    /// Enqueues `task` in the caller's transaction: it runs only if that commits.
    pub async fn enqueue_using(&self, conn: &mut PgConnection, task: &Task) -> AppResult<()> {
        self.job.enqueue_using(conn, task).await.map_err(|err| {
            tracing::error!(%err, kind = task.kind, "could not enqueue a task");
            AppError::internal()
        })?;
        Ok(())
    }

    /// Asks the workers to sweep now (the `sweep-leads` command; tests).
    pub async fn sweep_now(&self) -> Result<(), underway::job::Error> {
        self.job.enqueue(&Task::sweep()).await?;
        Ok(())
    }
}

/// One task, in the worker's transaction; its e-mails go out once that work is committed.
async fn run_task(cx: Context<QueueState>, task: Task) -> underway::task::Result<To<()>> {
    let Context { state, mut tx, .. } = cx;
    let outgoing = state.tasks.run(&mut tx, &task).await.map_err(|err| {
        tracing::error!(?task, %err, "queued task failed; it will be retried");
        underway::task::Error::Retryable(err.to_string())
    })?;
    tx.commit().await?;
    for mail in outgoing {
        mail.send(&state.pool, &state.config).await;
    }
    To::done()
}

/// Runs queued tasks until none is left; answers how many ran (tests).
#[cfg(test)]
pub async fn run_pending(queue: &Queue) -> usize {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    let worker = queue.job.worker();
    let mut ran = 0;
    while worker.process_next_task().await.unwrap().is_some() {
        ran += 1;
    }
    ran
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_keep_the_stored_format() {
        let sweep = serde_json::to_value(Task::sweep()).unwrap_or_default();
        assert_eq!(sweep, serde_json::json!("Sweep"));
        let refund = serde_json::json!({"Refund": {"lead_request_id": "x", "reason": "DECLINED"}});
        let task: Task = serde_json::from_value(refund.clone()).unwrap_or_else(|_| Task::sweep());
        assert_eq!(task.kind, "Refund");
        assert_eq!(serde_json::to_value(&task).unwrap_or_default(), refund);
        assert!(serde_json::from_value::<Task>(serde_json::json!({"a": 1, "b": 2})).is_err());
    }
}
