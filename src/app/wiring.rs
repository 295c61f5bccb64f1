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

/// The whole router over `pool` for tests (mail to a fresh outbox directory).
#[cfg(test)]
pub async fn router_for_tests(pool: &sqlx::PgPool) -> axum::Router {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use crate::server::{config::Config, state::AppState};
    let outbox = std::env::temp_dir().join(format!("nxg-outbox-{}", uuid::Uuid::new_v4()));
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("nxtgauge")
        .build();
    let queue = queue_for_tests(pool).await;
    let config = std::sync::Arc::new(Config::for_tests("unused", outbox));
    let state = AppState::new(options, pool.clone(), config, queue).unwrap();
    super::router::build(state)
}

/// Sends a same-site request with a form body (`method`, `path`, an optional `Cookie`)
/// through `app`, as a browser's form or server-function call would, and answers the
/// status and the body as text.
#[cfg(test)]
pub async fn form_call(
    app: &axum::Router,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> (axum::http::StatusCode, String) {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use axum::http::{header, Request};
    use tower::ServiceExt;
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app
        .clone()
        .oneshot(req.body(axum::body::Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
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
