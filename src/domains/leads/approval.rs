//! A customer's lead in the approval queue (the effect itself is `review::approval_effect`).
use crate::core::capability::Capability;
use crate::core::AppResult;
use crate::domains::approvals::service::EntityType;
use crate::domains::approvals::subject::{ApprovalSubject, Effect};
use futures::future::BoxFuture;
use sqlx::PgConnection;
use uuid::Uuid;

/// Registered at the composition root for `approval_requests.entity_type = 'lead'`.
pub struct LeadSubject;

impl ApprovalSubject for LeadSubject {
    fn kind(&self) -> EntityType {
        EntityType::Lead
    }

    fn capability(&self) -> Capability {
        crate::core::capability::APPROVE_LEADS
    }

    fn decide<'a>(
        &'a self,
        conn: &'a mut PgConnection,
        entity_id: Uuid,
        approve: bool,
        remarks: Option<&'a str>,
    ) -> BoxFuture<'a, AppResult<Option<Effect>>> {
        Box::pin(super::review::approval_effect(
            conn, entity_id, approve, remarks,
        ))
    }
}
