//! Server functions of the approval queue: current user → capability (through the
//! registered subjects) → parse → service; the submitter's e-mail goes out after commit.
//! One request's page, which shows the submitted entity of any kind, is composed in
//! `app::approval_review`.
use super::model::ApprovalPage;
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {

    pub use crate::domains::approvals::model::{ApprovalFilter, Decision};
    pub use crate::domains::approvals::service;
    pub use crate::domains::approvals::subject::ApprovalSubjects;
}

#[server(endpoint = "approvals/list")]
pub async fn list_approvals(
    #[server(default)] status: Option<String>,
    #[server(default)] entity_type: Option<String>,
    #[server(default)] role: Option<String>,
    #[server(default)] q: Option<String>,
    #[server(default)] page: Option<String>,
) -> Result<ApprovalPage, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        let subjects = cx.state.registries.get::<ApprovalSubjects>()?;
        subjects.require_reviewer(&user)?;
        let filter = ApprovalFilter::from_query(status, entity_type, role, q, page);
        service::list(cx.pool(), &filter, &subjects.decidable(&user)).await
    })
    .await
}

/// Approves or rejects a request; answers the new status (`APPROVED` / `REJECTED`).
#[server(endpoint = "approvals/decide")]
pub async fn decide_approval(
    id: Uuid,
    decision: String,
    #[server(default)] remarks: String,
) -> Result<crate::core::state::ApprovalStatus, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        let subjects = cx.state.registries.get::<ApprovalSubjects>()?;
        subjects.require_reviewer(&user)?;
        let decision = Decision::parse(&decision)
            .ok_or_else(|| AppError::field("decision", "Choose Approve or Reject."))?;
        let done =
            service::decide(subjects, cx.pool(), &user, id, decision, &remarks, &cx.meta).await?;
        if let Some(outgoing) = done.outgoing {
            outgoing.send(cx.pool(), &cx.state.config).await;
        }
        // Matching professionals may be many: their e-mails go out after the answer.
        if !done.others.is_empty() {
            let (pool, config) = (cx.state.pool.clone(), cx.state.config.clone());
            tokio::spawn(async move {
                for outgoing in done.others {
                    outgoing.send(&pool, &config).await;
                }
            });
        }
        Ok(decision.outcome())
    })
    .await
}
