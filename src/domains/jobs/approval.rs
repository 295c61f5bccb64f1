//! A job posting in the approval queue (the effect itself is `service::approval_effect`).
use crate::core::AppResult;
use crate::domains::approvals::service::EntityType;
use crate::domains::approvals::subject::{ApprovalSubject, Effect};
use futures::future::BoxFuture;
use sqlx::PgConnection;
use uuid::Uuid;

/// The capability that decides job postings.
pub const APPROVE: &str = "jobs.approve";

/// Registered at the composition root for `approval_requests.entity_type = 'job'`.
pub struct JobSubject;

impl ApprovalSubject for JobSubject {
    fn kind(&self) -> EntityType {
        EntityType::Job
    }

    fn capability(&self) -> &'static str {
        APPROVE
    }

    fn decide<'a>(
        &'a self,
        conn: &'a mut PgConnection,
        entity_id: Uuid,
        approve: bool,
        remarks: Option<&'a str>,
    ) -> BoxFuture<'a, AppResult<Option<Effect>>> {
        Box::pin(super::service::approval_effect(
            conn, entity_id, approve, remarks,
        ))
    }
}
