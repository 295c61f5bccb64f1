//! Server functions of the job pages: signed-in user → rules → service. The board, job
//! and company pages are open to visitors.
// `save_job` takes the form's fields one by one, as the browser posts them; the
// generated client function carries the same list.
#![allow(clippy::too_many_arguments)]
use super::model::{Board, BoardFilter, CompanyJobs, CompanyPage, JobEditor, JobPage, PostingCost};
use crate::core::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::domains::access::service::current_user;
    pub use crate::domains::jobs::service;
    pub use crate::server::context::{app_state, request_meta, session_user};
}

/// Creates or edits a draft job; `intent` "post" pays for it and sends it for review.
/// Answers its id.
#[server(endpoint = "jobs/save")]
pub async fn save_job(
    #[server(default)] id: Option<Uuid>,
    #[server(default)] title: String,
    #[server(default)] description: String,
    #[server(default)] city: String,
    #[server(default)] employment_type: String,
    #[server(default)] mode: String,
    #[server(default)] pay_kind: String,
    #[server(default)] salary_min: String,
    #[server(default)] salary_max: String,
    #[server(default)] budget: String,
    #[server(default)] intent: String,
) -> Result<Uuid, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            let form = super::model::JobForm {
                title,
                description,
                city,
                employment_type,
                mode,
                pay_kind,
                salary_min,
                salary_max,
                budget,
            };
            let input = super::model::JobInput::parse(&form)?;
            let state = app_state()?;
            let meta = request_meta(state.config.trust_proxy);
            service::save(&state.pool, &user, id, &input, intent == "post", &meta).await
        }
        .await,
    )
}

/// The company's jobs (FORBIDDEN with guidance for a user without a company profile).
#[server(endpoint = "jobs/mine")]
pub async fn load_company_jobs() -> Result<CompanyJobs, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            service::company_jobs(&app_state()?.pool, &user).await
        }
        .await,
    )
}

/// What posting a new job would cost the signed-in company.
#[server(endpoint = "jobs/cost")]
pub async fn load_posting_cost() -> Result<PostingCost, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            let state = app_state()?;
            let mut conn = state.pool.acquire().await?;
            service::my_company(&mut conn, user.id).await?;
            drop(conn);
            service::posting_cost(&state.pool, user.id).await
        }
        .await,
    )
}

#[server(endpoint = "jobs/editor")]
pub async fn load_job_editor(id: Uuid) -> Result<JobEditor, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            service::editor(&app_state()?.pool, &user, id).await
        }
        .await,
    )
}

#[server(endpoint = "jobs/close")]
pub async fn close_job(id: Uuid) -> Result<(), AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            let state = app_state()?;
            let meta = request_meta(state.config.trust_proxy);
            service::close(&state.pool, &user, id, &meta).await
        }
        .await,
    )
}

/// One page of the public board.
#[server(endpoint = "jobs/board", input = Json)]
pub async fn load_board(filter: BoardFilter, after: Option<String>) -> Result<Board, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let query = super::model::BoardQuery::parse(&filter)?;
            service::board(&app_state()?.pool, &query, after.as_deref()).await
        }
        .await,
    )
}

/// The job page at `/jobs/{id}`: NOT_FOUND (404) unless it is public or the viewer's.
#[server(endpoint = "jobs/page", input = Json)]
pub async fn get_job(id: Uuid) -> Result<JobPage, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let state = app_state()?;
            let viewer = session_user().map(|s| s.user_id);
            service::job_page(&state.pool, id, viewer, &state.config.public_url).await
        }
        .await,
    )
}

/// The company page at `/companies/{slug}`.
#[server(endpoint = "jobs/company", input = Json)]
pub async fn get_company(slug: String) -> Result<CompanyPage, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let state = app_state()?;
            let viewer = session_user().map(|s| s.user_id);
            service::company_page(&state.pool, &slug, viewer, &state.config.public_url).await
        }
        .await,
    )
}
