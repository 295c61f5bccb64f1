//! The server side of the composition root: the registries each domain fills, built
//! once at start-up and carried to requests by `AppState` (see `server::registry`).
//! This is the one place that lists every approval subject; a new kind of entity to
//! approve is one `with(..)` line here and one `approval.rs` in its domain.
use crate::domains::approvals::subject::ApprovalSubjects;
use crate::domains::{account_profiles, jobs, leads, profiles};
use crate::server::{queue::Tasks, registry::Registries};

/// Every kind of entity the approval queue decides.
pub fn approval_subjects() -> ApprovalSubjects {
    ApprovalSubjects::default()
        .with(profiles::approval::ProfileSubject)
        .with(account_profiles::approval::CompanySubject)
        .with(leads::approval::LeadSubject)
        .with(jobs::approval::JobSubject)
}

/// All registries, for `AppState::with_registries`.
pub fn registries() -> Registries {
    Registries::default().with(approval_subjects())
}

/// Every task and sweep the background queue runs.
pub fn tasks() -> Tasks {
    let tasks = leads::tasks::register(Tasks::default());
    let tasks = jobs::tasks::register(tasks);
    crate::domains::billing::tasks::register(tasks)
}

/// The queue for tests: `underway`'s schema in the test database and the queue declared
/// with every task (no workers: tests run tasks with `server::queue::run_pending`).
#[cfg(test)]
pub async fn queue_for_tests(pool: &sqlx::PgPool) -> crate::server::queue::Queue {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use crate::server::{config::Config, queue};
    queue::migrate(pool).await.unwrap();
    let dir = std::env::temp_dir().join(format!("nxg-queue-{}", uuid::Uuid::new_v4()));
    let config = std::sync::Arc::new(Config::for_tests("unused", dir));
    queue::Queue::build(pool.clone(), config, tasks())
        .await
        .unwrap()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_queue_runs_every_domains_tasks() {
        let (kinds, sweeps) = super::tasks().names();
        assert_eq!(kinds, ["Refund"]);
        assert_eq!(sweeps, ["leads", "jobs", "billing"]);
    }
}
