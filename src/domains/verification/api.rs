//! Server functions of verification: the professional's page and the staff queue.
//! Current user → capability (or ownership) → parse → service; e-mails after commit.
use super::model::{MyVerification, QueuePage, VerificationDetail};
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::core::AppError;

    pub use crate::domains::verification::model::{Decision, VerificationFilter};
    pub use crate::domains::verification::service;
    pub use crate::server::context::app_state;

    pub fn parse_decision(decision: &str) -> Result<Decision, AppError> {
        Decision::parse(decision)
            .ok_or_else(|| AppError::field("decision", "Choose Approve or Reject."))
    }
}

/// The signed-in professional's verification status, requests and documents for one
/// of their profiles.
#[server(endpoint = "verification/mine")]
pub async fn load_my_verification(role: String) -> Result<MyVerification, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        service::my_requests(&app_state()?.pool, user.id, &role).await
    })
    .await
}

/// Opens a verification request for the signed-in user's own profile; answers its id.
#[server(endpoint = "verification/open")]
pub async fn open_verification(
    role: String,
    #[server(default)] verification_type: String,
) -> Result<Uuid, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        service::open_request(cx.pool(), user.id, &role, &verification_type, &cx.meta).await
    })
    .await
}

#[server(endpoint = "verification/queue")]
pub async fn verification_queue(
    #[server(default)] status: Option<String>,
    #[server(default)] verification_type: Option<String>,
    #[server(default)] role: Option<String>,
    #[server(default)] q: Option<String>,
    #[server(default)] page: Option<String>,
) -> Result<QueuePage, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        cx.user()
            .await?
            .require(crate::core::capability::REVIEW_VERIFICATIONS)?;
        let filter = VerificationFilter::from_query(status, verification_type, role, q, page);
        service::queue(&app_state()?.pool, &filter).await
    })
    .await
}

#[server(endpoint = "verification/detail")]
pub async fn load_verification_detail(id: Uuid) -> Result<VerificationDetail, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        user.require(crate::core::capability::REVIEW_VERIFICATIONS)?;
        service::detail(&app_state()?.pool, id, &user).await
    })
    .await
}

/// Approves or rejects one document; answers its new status.
#[server(endpoint = "verification/decide-document")]
pub async fn decide_document(
    id: Uuid,
    decision: String,
    #[server(default)] remarks: String,
) -> Result<crate::core::state::ApprovalStatus, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        user.require(crate::core::capability::REVIEW_VERIFICATIONS)?;
        let decision = parse_decision(&decision)?;
        service::decide_document(cx.pool(), &user, id, decision, &remarks, &cx.meta).await?;
        Ok(decision.outcome())
    })
    .await
}

/// Approves or rejects a whole request, or (`decision = more`) asks for more
/// documents; answers the request's status afterwards.
#[server(endpoint = "verification/decide")]
pub async fn decide_verification(
    id: Uuid,
    decision: String,
    #[server(default)] remarks: String,
) -> Result<crate::core::state::ApprovalStatus, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        user.require(crate::core::capability::REVIEW_VERIFICATIONS)?;
        if decision == "more" {
            let outgoing =
                service::request_documents(cx.pool(), &user, id, &remarks, &cx.meta).await?;
            outgoing.send(cx.pool(), &cx.state.config).await;
            return Ok(crate::core::state::ApprovalStatus::Pending);
        }
        let decision = parse_decision(&decision)?;
        let done =
            service::decide_request(cx.pool(), &user, id, decision, &remarks, &cx.meta).await?;
        done.outgoing.send(cx.pool(), &cx.state.config).await;
        Ok(decision.outcome())
    })
    .await
}
