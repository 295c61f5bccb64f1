//! Server functions of the job pages: signed-in user → rules → service. The board, job
//! and company pages are open to visitors.
// `save_job` takes the form's fields one by one, as the browser posts them; the
// generated client function carries the same list.
use super::model::{Board, BoardFilter, CompanyJobs, CompanyPage, JobEditor, JobPage, PostingCost};
use crate::core::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {

    pub use crate::domains::jobs::service;
    pub use crate::server::context::app_state;
}

/// Creates or edits a draft job; `intent` "post" pays for it and sends it for review.
/// Answers its id.
#[server(endpoint = "jobs/save")]
pub async fn save_job(
    #[server(default)] id: Option<Uuid>,
    #[server(flatten)] form: super::model::JobForm,
    #[server(default)] intent: String,
) -> Result<Uuid, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        let input = super::model::JobInput::parse(&form)?;
        service::save(cx.pool(), &user, id, &input, intent == "post", &cx.meta).await
    })
    .await
}

/// The company's jobs (FORBIDDEN with guidance for a user without a company profile).
#[server(endpoint = "jobs/mine")]
pub async fn load_company_jobs() -> Result<CompanyJobs, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        service::company_jobs(&app_state()?.pool, &user).await
    })
    .await
}

/// What posting a new job would cost the signed-in company.
#[server(endpoint = "jobs/cost")]
pub async fn load_posting_cost() -> Result<PostingCost, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        let mut conn = cx.state.pool.acquire().await?;
        service::my_company(&mut conn, user.id).await?;
        drop(conn);
        service::posting_cost(cx.pool(), user.id).await
    })
    .await
}

#[server(endpoint = "jobs/editor")]
pub async fn load_job_editor(id: Uuid) -> Result<JobEditor, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        service::editor(&app_state()?.pool, &user, id).await
    })
    .await
}

#[server(endpoint = "jobs/close")]
pub async fn close_job(id: Uuid) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        service::close(cx.pool(), &user, id, &cx.meta).await
    })
    .await
}

/// One page of the public board.
#[server(endpoint = "jobs/board", input = Json)]
pub async fn load_board(filter: BoardFilter, after: Option<String>) -> Result<Board, AppError> {
    crate::server::call::handle(|_| async move {
        use ssr::*;
        let query = super::model::BoardQuery::parse(&filter)?;
        service::board(&app_state()?.pool, &query, after.as_deref()).await
    })
    .await
}

/// The job page at `/jobs/{id}`: NOT_FOUND (404) unless it is public or the viewer's.
#[server(endpoint = "jobs/page", input = Json)]
pub async fn get_job(id: Uuid) -> Result<JobPage, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let viewer = cx.session().map(|s| s.user_id);
        service::job_page(cx.pool(), id, viewer, &cx.state.config.public_url).await
    })
    .await
}

/// The company page at `/companies/{slug}`.
#[server(endpoint = "jobs/company", input = Json)]
pub async fn get_company(slug: String) -> Result<CompanyPage, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let viewer = cx.session().map(|s| s.user_id);
        service::company_page(cx.pool(), &slug, viewer, &cx.state.config.public_url).await
    })
    .await
}
