//! The contract between the approval queue and what it approves. Each kind of entity
//! (professional profiles, company profiles, leads, jobs) implements `ApprovalSubject`
//! in its own domain's `approval.rs`; the composition root collects them into
//! `ApprovalSubjects`, which reaches the queue through `AppState`'s registries. The
//! queue itself names no domain: it locks the request, asks the subject what the
//! decision does to the entity, and writes the log, audit row and notices.
use super::service::EntityType;
use crate::core::{AppError, AppResult};
use crate::domains::access::service::CurrentUser;
use crate::server::notify::Notice;
use futures::future::BoxFuture;
use sqlx::PgConnection;
use uuid::Uuid;

/// What a decision did to the entity, for the audit row and the notices.
#[derive(Debug)]
pub struct Effect {
    /// How the audit row names the entity ("Asha Rao (Photographer)").
    pub label: String,
    /// The entity's status before the decision.
    pub old_status: Option<String>,
    /// To the submitter (the queue fills in who that is).
    pub notice: Option<Notice>,
    /// To others the decision concerns (professionals matching an approved lead).
    pub others: Vec<Notice>,
}

/// One kind of entity the queue decides.
pub trait ApprovalSubject: Send + Sync {
    /// `approval_requests.entity_type` of this kind.
    fn kind(&self) -> EntityType;

    /// The capability a reviewer needs to decide this kind of request.
    fn capability(&self) -> crate::core::capability::Capability;

    /// Applies the decision to the entity inside the decision's transaction (`conn`),
    /// after the request row was locked and marked. `Ok(None)` when the entity no longer
    /// exists; an error rolls the whole decision back.
    fn decide<'a>(
        &'a self,
        conn: &'a mut PgConnection,
        entity_id: Uuid,
        approve: bool,
        remarks: Option<&'a str>,
    ) -> BoxFuture<'a, AppResult<Option<Effect>>>;
}

/// Every kind the queue decides, as the composition root registered them.
#[derive(Default)]
pub struct ApprovalSubjects {
    subjects: Vec<Box<dyn ApprovalSubject>>,
}

impl ApprovalSubjects {
    /// Adds a kind; a second subject of the same kind replaces the first.
    pub fn with(mut self, subject: impl ApprovalSubject + 'static) -> Self {
        self.subjects.retain(|s| s.kind() != subject.kind());
        self.subjects.push(Box::new(subject));
        self
    }

    pub fn get(&self, kind: EntityType) -> Option<&dyn ApprovalSubject> {
        self.subjects
            .iter()
            .find(|s| s.kind() == kind)
            .map(|s| &**s)
    }

    /// The entity types (`approval_requests.entity_type`) `user` may decide.
    pub fn decidable(&self, user: &CurrentUser) -> Vec<String> {
        self.subjects
            .iter()
            .filter(|s| user.can(s.capability()))
            .map(|s| s.kind().as_str().to_owned())
            .collect()
    }

    /// FORBIDDEN unless `user` may decide some kind of request in this queue.
    pub fn require_reviewer(&self, user: &CurrentUser) -> AppResult<()> {
        if self.decidable(user).is_empty() {
            tracing::warn!(user = %user.id, "approval queue refused");
            return Err(AppError::forbidden());
        }
        Ok(())
    }
}

/// The reviewer's remarks as a line of an e-mail ("" when there are none).
pub fn remarks_line(remarks: Option<&str>) -> String {
    remarks
        .map(|r| format!("Note from our team: {r}"))
        .unwrap_or_default()
}

/// `text`, then the remarks line when there are remarks.
pub fn with_remarks(text: &str, remarks: Option<&str>) -> String {
    match remarks {
        Some(r) => format!("{text} {}", remarks_line(Some(r))),
        None => text.to_owned(),
    }
}

/// The user's role becomes APPROVED (and so grants what it grants); the row is created
/// when the user took the role after sign-up.
pub async fn approve_user_role(
    conn: &mut PgConnection,
    user_id: Uuid,
    role_key: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO user_roles (user_id, role_id, status, approved_at)
         SELECT $1, r.id, 'APPROVED', now() FROM roles r WHERE r.key = $2
         ON CONFLICT (user_id, role_id) DO UPDATE SET status = 'APPROVED', approved_at = now()",
    )
    .bind(user_id)
    .bind(role_key)
    .execute(conn)
    .await?;
    Ok(())
}
