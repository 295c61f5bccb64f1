//! Submitting to the approval queue. Entity-specific effects of a decision live with
//! the entity's domain; this module owns the request and its log.
use crate::core::{AppError, AppResult, ErrorCode};
use sqlx::PgConnection;
use uuid::Uuid;

/// What is being approved (`approval_requests.entity_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityType {
    Profile,
    Company,
    Lead,
    Job,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Profile => "profile",
            EntityType::Company => "company",
            EntityType::Lead => "lead",
            EntityType::Job => "job",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            EntityType::Profile,
            EntityType::Company,
            EntityType::Lead,
            EntityType::Job,
        ]
        .into_iter()
        .find(|e| e.as_str() == s)
    }
}

/// Opens a PENDING approval request for an entity and logs SUBMITTED, in the caller's
/// transaction. Refused with a CONFLICT when one is already pending for the entity.
pub async fn submit(
    conn: &mut PgConnection,
    entity: EntityType,
    entity_id: Uuid,
    submitted_by: Uuid,
    remarks: Option<&str>,
) -> AppResult<Uuid> {
    // Serialises concurrent submissions of the same entity.
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2::text, 0))")
        .bind(entity.as_str())
        .bind(entity_id)
        .execute(&mut *conn)
        .await?;
    let pending: Option<Uuid> = sqlx::query_scalar(
        "SELECT id FROM approval_requests
          WHERE entity_type = $1 AND entity_id = $2 AND status = 'PENDING'",
    )
    .bind(entity.as_str())
    .bind(entity_id)
    .fetch_optional(&mut *conn)
    .await?;
    if pending.is_some() {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This is already waiting for review. We will e-mail you when it is decided.",
        ));
    }
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO approval_requests (entity_type, entity_id, approval_type, submitted_by_user_id, remarks)
         VALUES ($1, $2, 'CONTENT', $3, $4) RETURNING id",
    )
    .bind(entity.as_str())
    .bind(entity_id)
    .bind(submitted_by)
    .bind(remarks)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO approval_logs (approval_request_id, action, old_status, new_status, acted_by_user_id, remarks)
         VALUES ($1, 'SUBMITTED', NULL, 'PENDING', $2, $3)",
    )
    .bind(id)
    .bind(submitted_by)
    .bind(remarks)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}
