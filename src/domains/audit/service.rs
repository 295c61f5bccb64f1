use sqlx::PgConnection;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
    Approve,
    Reject,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Create => "CREATE",
            Action::Update => "UPDATE",
            Action::Delete => "DELETE",
            Action::Approve => "APPROVE",
            Action::Reject => "REJECT",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorType {
    User,
    Employee,
    System,
    Cron,
}

impl ActorType {
    fn as_str(self) -> &'static str {
        match self {
            ActorType::User => "USER",
            ActorType::Employee => "EMPLOYEE",
            ActorType::System => "SYSTEM",
            ActorType::Cron => "CRON",
        }
    }
}

/// Where a request came from, for the audit trail and the security log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestMeta {
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<Uuid>,
}

/// One field's change. Secrets are recorded as changed, never by value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Change {
    pub fn new(field: &'static str, old: Option<String>, new: Option<String>) -> Self {
        Self { field, old, new }
    }

    pub fn redacted(field: &'static str) -> Self {
        Self {
            field,
            old: Some("[redacted]".into()),
            new: Some("[redacted]".into()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub actor_user_id: Option<Uuid>,
    pub actor_type: ActorType,
    pub action: Action,
    pub entity_type: &'a str,
    pub entity_id: Option<Uuid>,
    pub entity_label: Option<String>,
    pub module_key: &'a str,
    pub success: bool,
    pub summary: String,
    pub meta: &'a RequestMeta,
    pub changes: Vec<Change>,
    /// UI, API, WORKER or CRON.
    pub source_type: &'static str,
}

impl<'a> Entry<'a> {
    /// A successful action by a signed-in (or signing-in) user through the UI.
    pub fn by_user(
        user_id: Option<Uuid>,
        action: Action,
        entity_type: &'a str,
        entity_id: Option<Uuid>,
        module_key: &'a str,
        summary: impl Into<String>,
        meta: &'a RequestMeta,
    ) -> Self {
        Self {
            actor_user_id: user_id,
            actor_type: if user_id.is_some() {
                ActorType::User
            } else {
                ActorType::System
            },
            action,
            entity_type,
            entity_id,
            entity_label: None,
            module_key,
            success: true,
            summary: summary.into(),
            meta,
            changes: Vec::new(),
            source_type: "UI",
        }
    }

    /// Marks the entry as done by an operator command or background worker.
    pub fn from_worker(mut self) -> Self {
        self.source_type = "WORKER";
        self
    }

    pub fn failed(mut self) -> Self {
        self.success = false;
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.entity_label = Some(label.into());
        self
    }

    pub fn change(mut self, change: Change) -> Self {
        self.changes.push(change);
        self
    }
}

/// Writes the audit row and its field changes on the caller's connection (normally
/// inside the caller's transaction).
pub async fn record(conn: &mut PgConnection, entry: Entry<'_>) -> Result<Uuid, sqlx::Error> {
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO audit_logs (actor_user_id, actor_type, action, entity_type, entity_id,
                                 entity_label, module_key, source_type, request_id, ip_address,
                                 user_agent, status, summary)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $13, $8, $9, $10, $11, $12)
         RETURNING id",
    )
    .bind(entry.actor_user_id)
    .bind(entry.actor_type.as_str())
    .bind(entry.action.as_str())
    .bind(entry.entity_type)
    .bind(entry.entity_id)
    .bind(&entry.entity_label)
    .bind(entry.module_key)
    .bind(entry.meta.request_id)
    .bind(&entry.meta.ip_address)
    .bind(&entry.meta.user_agent)
    .bind(if entry.success { "SUCCESS" } else { "FAILED" })
    .bind(&entry.summary)
    .bind(entry.source_type)
    .fetch_one(&mut *conn)
    .await?;
    if !entry.changes.is_empty() {
        let fields: Vec<&str> = entry.changes.iter().map(|c| c.field).collect();
        let olds: Vec<Option<String>> = entry.changes.iter().map(|c| c.old.clone()).collect();
        let news: Vec<Option<String>> = entry.changes.iter().map(|c| c.new.clone()).collect();
        sqlx::query(
            "INSERT INTO audit_log_changes (audit_log_id, field_name, old_value_text, new_value_text)
             SELECT $1, f, o, n FROM UNNEST($2::text[], $3::text[], $4::text[]) AS t(f, o, n)",
        )
        .bind(id)
        .bind(&fields)
        .bind(&olds)
        .bind(&news)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}
