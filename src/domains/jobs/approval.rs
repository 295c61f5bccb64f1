//! A job posting in the approval queue (the effect itself is `service::approval_effect`).
use crate::core::capability::Capability;
use crate::core::AppResult;
use crate::domains::approvals::service::EntityType;
use crate::domains::approvals::subject::{ApprovalSubject, Effect};
use futures::future::BoxFuture;
use sqlx::PgConnection;
use uuid::Uuid;

/// Registered at the composition root for `approval_requests.entity_type = 'job'`.
pub struct JobSubject;

impl ApprovalSubject for JobSubject {
    fn kind(&self) -> EntityType {
        EntityType::Job
    }

    fn capability(&self) -> Capability {
        crate::core::capability::APPROVE_JOBS
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
