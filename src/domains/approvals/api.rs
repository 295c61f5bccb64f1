//! Server functions of the approval queue and the staff home page: current user →
//! capability → parse → service; the submitter's e-mail goes out after commit.
use super::model::{ApprovalDetail, ApprovalPage, StaffOverview};
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::domains::access::service::current_user;
    pub use crate::domains::approvals::model::{ApprovalFilter, Decision};
    pub use crate::domains::approvals::service;
    pub use crate::server::context::{app_state, request_meta};
}

/// Pending counts for the queues the signed-in staff member may see; FORBIDDEN for
/// anyone without a staff capability.
#[server(endpoint = "staff/overview")]
pub async fn load_staff_overview() -> Result<StaffOverview, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            if user.capabilities.is_empty() {
                tracing::warn!(user = %user.id, "staff home refused");
                return Err(AppError::forbidden());
            }
            let state = app_state()?;
            let types = service::decidable(&user);
            let pending_approvals = if types.is_empty() {
                None
            } else {
                Some(service::count_pending(&state.pool, &types).await?)
            };
            let pending_verifications = if user.can(crate::domains::verification::service::REVIEW) {
                Some(crate::domains::verification::service::count_pending(&state.pool).await?)
            } else {
                None
            };
            let can_grant_bonus = user.can(crate::domains::wallet::model::GRANT_BONUS);
            Ok(StaffOverview {
                display_name: user.display_name,
                pending_approvals,
                pending_verifications,
                can_grant_bonus,
            })
        }
        .await,
    )
}

#[server(endpoint = "approvals/list")]
pub async fn list_approvals(
    #[server(default)] status: Option<String>,
    #[server(default)] entity_type: Option<String>,
    #[server(default)] role: Option<String>,
    #[server(default)] q: Option<String>,
    #[server(default)] page: Option<String>,
) -> Result<ApprovalPage, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            service::require_reviewer(&user)?;
            let filter = ApprovalFilter::from_query(status, entity_type, role, q, page);
            service::list(&app_state()?.pool, &filter, &service::decidable(&user)).await
        }
        .await,
    )
}

#[server(endpoint = "approvals/detail")]
pub async fn load_approval_detail(id: Uuid) -> Result<ApprovalDetail, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            service::require_reviewer(&user)?;
            service::detail(&app_state()?.pool, id, user.id, &service::decidable(&user)).await
        }
        .await,
    )
}

/// Approves or rejects a request; answers the new status (`APPROVED` / `REJECTED`).
#[server(endpoint = "approvals/decide")]
pub async fn decide_approval(
    id: Uuid,
    decision: String,
    #[server(default)] remarks: String,
) -> Result<String, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            service::require_reviewer(&user)?;
            let decision = Decision::parse(&decision)
                .ok_or_else(|| AppError::field("decision", "Choose Approve or Reject."))?;
            let state = app_state()?;
            let meta = request_meta(state.config.trust_proxy);
            let done = service::decide(&state.pool, &user, id, decision, &remarks, &meta).await?;
            if let Some(outgoing) = done.outgoing {
                outgoing.send(&state.pool, &state.config).await;
            }
            // Matching professionals may be many: their e-mails go out after the answer.
            if !done.others.is_empty() {
                let (pool, config) = (state.pool.clone(), state.config.clone());
                tokio::spawn(async move {
                    for outgoing in done.others {
                        outgoing.send(&pool, &config).await;
                    }
                });
            }
            Ok(done.status.to_owned())
        }
        .await,
    )
}
