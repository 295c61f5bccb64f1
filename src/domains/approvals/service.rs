//! The approval queue's rules: submitting (`submit`, called by the entity's domain in
//! its own transaction) and deciding (`decide`: the request, its log, the entity's
//! effects through its registered `ApprovalSubject`, audit and the submitter's notice in
//! one transaction). Reading the queue lives in `queue`.
use super::model::{parse_remarks, Decision};
pub use super::queue::{count_pending, detail, list};
pub use super::subject::{remarks_line, ApprovalSubject};
use super::subject::{ApprovalSubjects, Effect};
use crate::core::state::ApprovalStatus;
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use crate::domains::audit::service::{
    self as audit, Action, ActorType, Change, Entry, RequestMeta,
};
use crate::server::notify::{self, Outgoing};
use sqlx::{PgConnection, PgPool};
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

    /// How an error message names a missing entity of this kind.
    pub fn what(self) -> &'static str {
        match self {
            EntityType::Profile => "profile",
            EntityType::Company => "company profile",
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

/// A committed decision and the e-mails to send.
#[derive(Debug)]
pub struct Decided {
    pub status: &'static str,
    /// To the submitter; `None` when the entity no longer exists (its request was closed
    /// by a rejection).
    pub outgoing: Option<Outgoing>,
    /// To others the decision concerns (professionals matching an approved lead).
    pub others: Vec<Outgoing>,
}

/// Approves or rejects one PENDING request in one transaction: the request, its log,
/// the entity's effects, the search index, the audit row and the submitter's in-app
/// notice. The request row is locked, so when two reviewers decide at once exactly
/// one wins and the other gets a CONFLICT. Send `Decided::outgoing` after this returns.
pub async fn decide(
    subjects: &ApprovalSubjects,
    pool: &PgPool,
    staff: &CurrentUser,
    id: Uuid,
    decision: Decision,
    remarks: &str,
    meta: &RequestMeta,
) -> AppResult<Decided> {
    subjects.require_reviewer(staff)?;
    let remarks = parse_remarks(remarks, decision == Decision::Reject)
        .map_err(|m| AppError::field("remarks", m))?;
    let mut tx = pool.begin().await?;
    let row: Option<(String, Uuid, ApprovalStatus, Uuid)> = sqlx::query_as(
        "SELECT entity_type, entity_id, status, submitted_by_user_id FROM approval_requests
          WHERE id = $1 FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((entity_type, entity_id, status, submitted_by)) = row else {
        return Err(AppError::not_found("That approval request"));
    };
    let Some(subject) = EntityType::parse(&entity_type).and_then(|kind| subjects.get(kind)) else {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This queue decides professional profiles, company profiles, leads and jobs only.",
        ));
    };
    staff.require(subject.capability())?;
    if submitted_by == staff.id {
        tracing::warn!(user = %staff.id, request = %id, "reviewer tried to decide their own submission");
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "You submitted this yourself, so another reviewer has to decide it.",
        ));
    }
    if status != ApprovalStatus::Pending {
        return Err(already_decided(&mut tx, id, status.as_str()).await?);
    }
    let new_status = decision.status();
    sqlx::query(
        "UPDATE approval_requests
            SET status = $2, reviewed_by_user_id = $3, reviewed_at = now(), remarks = $4
          WHERE id = $1",
    )
    .bind(id)
    .bind(new_status)
    .bind(staff.id)
    .bind(&remarks)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO approval_logs (approval_request_id, action, old_status, new_status, acted_by_user_id, remarks)
         VALUES ($1, $2, 'PENDING', $2, $3, $4)",
    )
    .bind(id)
    .bind(new_status)
    .bind(staff.id)
    .bind(&remarks)
    .execute(&mut *tx)
    .await?;
    let effect = match subject
        .decide(
            &mut tx,
            entity_id,
            decision == Decision::Approve,
            remarks.as_deref(),
        )
        .await?
    {
        Some(effect) => effect,
        None => entity_gone(decision, subject.kind())?,
    };
    let mut entry = Entry::by_user(
        Some(staff.id),
        match decision {
            Decision::Approve => Action::Approve,
            Decision::Reject => Action::Reject,
        },
        &entity_type,
        Some(entity_id),
        "approvals",
        format!(
            "{entity_type} {} (approval request {id})",
            new_status.to_lowercase()
        ),
        meta,
    )
    .label(effect.label)
    .change(Change::new(
        "approval_status",
        effect.old_status,
        Some(new_status.to_owned()),
    ))
    .change(Change::new("remarks", None, remarks.clone()));
    entry.actor_type = ActorType::Employee;
    audit::record(&mut tx, entry).await?;
    let outgoing = match effect.notice {
        Some(mut notice) => {
            notice.user_id = submitted_by;
            Some(notify::record(&mut tx, notice).await?)
        }
        None => None,
    };
    let mut others = Vec::with_capacity(effect.others.len());
    for notice in effect.others {
        others.push(notify::record(&mut tx, notice).await?);
    }
    tx.commit().await?;
    tracing::info!(request = %id, reviewer = %staff.id, status = new_status, "approval decided");
    Ok(Decided {
        status: new_status,
        outgoing,
        others,
    })
}

/// The CONFLICT for a request someone already decided, naming who and what.
async fn already_decided(conn: &mut PgConnection, id: Uuid, status: &str) -> AppResult<AppError> {
    let by: Option<String> = sqlx::query_scalar(
        "SELECT COALESCE(s.settings_json->>'display_name', u.email)
           FROM approval_requests r JOIN users u ON u.id = r.reviewed_by_user_id
           LEFT JOIN user_settings s ON s.user_id = u.id
          WHERE r.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .flatten();
    let verdict = status.to_lowercase();
    Ok(AppError::new(
        ErrorCode::Conflict,
        match by {
            Some(name) => {
                format!("{name} has already {verdict} this request. Reload to see the decision.")
            }
            None => format!("This request has already been {verdict}. Reload to see the decision."),
        },
    ))
}

/// A request whose entity was deleted after submission can only be closed by a
/// rejection (nobody is told: the owner removed it themselves).
fn entity_gone(decision: Decision, kind: EntityType) -> AppResult<Effect> {
    let what = kind.what();
    match decision {
        Decision::Approve => Err(AppError::new(
            ErrorCode::Conflict,
            format!("The submitted {what} no longer exists, so it cannot be approved. Reject the request to close it."),
        )),
        Decision::Reject => Ok(Effect {
            label: format!("deleted {what}"),
            old_status: None,
            notice: None,
            others: Vec::new(),
        }),
    }
}
