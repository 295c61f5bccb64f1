//! Server functions of the applications pages: who is asking (checked here, on the
//! server) → the form's checks → the service; e-mails go out after commit.
use super::model::{ApplyState, MyApplication, Pipeline, Stage};
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {

    pub use crate::domains::applications::service;
    pub use crate::server::context::app_state;
}

/// What the job page's apply panel offers the viewer (visitors included).
#[server(endpoint = "applications/state")]
pub async fn load_apply_state(job_id: Uuid) -> Result<ApplyState, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.session().map(|s| s.user_id);
        service::apply_state(&app_state()?.pool, user, job_id).await
    })
    .await
}

/// Applies to a job. Answers the application's id.
#[server(endpoint = "applications/apply")]
pub async fn apply_to_job(
    job_id: Uuid,
    #[server(default)] cover_note: String,
) -> Result<Uuid, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        let input = super::model::ApplyInput::parse(&super::model::ApplyForm { cover_note })?;
        let done = service::apply(cx.pool(), &user, job_id, &input, &cx.meta).await?;
        done.outgoing.send(cx.pool(), &cx.state.config).await;
        Ok(done.id)
    })
    .await
}

/// A job's pipeline (its company only), filtered by `stage` and words `q`.
#[server(endpoint = "applications/pipeline")]
pub async fn load_pipeline(
    job_id: Uuid,
    #[server(default)] stage: Option<String>,
    #[server(default)] q: Option<String>,
) -> Result<Pipeline, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        let filter = super::model::PipelineFilter::from_query(stage, q);
        service::pipeline(&app_state()?.pool, session.user_id, job_id, &filter).await
    })
    .await
}

/// Moves an application to `stage` with an optional note. Answers the new stage.
#[server(endpoint = "applications/move")]
pub async fn move_application(
    id: Uuid,
    #[server(default)] stage: String,
    #[server(default)] note: String,
) -> Result<Stage, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        let input = super::model::MoveInput::parse(&super::model::MoveForm { stage, note })?;
        let done = service::move_to(cx.pool(), &user, id, &input, &cx.meta).await?;
        done.outgoing.send(cx.pool(), &cx.state.config).await;
        Ok(done.stage)
    })
    .await
}

/// Opens (or reuses) the conversation with an applicant. Answers its id.
#[server(endpoint = "applications/message")]
pub async fn open_application_conversation(id: Uuid) -> Result<Uuid, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        service::open_conversation(cx.pool(), &user, id, &cx.meta).await
    })
    .await
}

/// The signed-in candidate's applications with their history.
#[server(endpoint = "applications/mine")]
pub async fn load_my_applications() -> Result<Vec<MyApplication>, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::my_applications(&app_state()?.pool, session.user_id).await
    })
    .await
}
