//! The approval queue's rules: submitting (`submit`, called by the entity's domain in
//! its own transaction) and deciding (`decide`: the request, its log, the entity's
//! effects, audit and the submitter's notice in one transaction). Reading the queue
//! lives in `queue`.
use super::model::{parse_remarks, Decision};
pub use super::queue::{count_pending, detail, list};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use crate::domains::audit::service::{
    self as audit, Action, ActorType, Change, Entry, RequestMeta,
};
use crate::server::notify::{self, Notice, Outgoing};
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

/// The capability that decides profiles and company profiles.
pub const APPROVE: &str = "profiles.approve";
/// The capability that decides customers' leads.
pub const APPROVE_LEADS: &str = "leads.approve";

impl EntityType {
    /// The capability a reviewer needs to decide this kind of request.
    pub fn capability(self) -> &'static str {
        match self {
            EntityType::Lead => APPROVE_LEADS,
            EntityType::Job => "jobs.approve",
            EntityType::Profile | EntityType::Company => APPROVE,
        }
    }
}

/// The entity types (`approval_requests.entity_type`) this queue shows `user`.
pub fn decidable(user: &CurrentUser) -> Vec<String> {
    [
        EntityType::Profile,
        EntityType::Company,
        EntityType::Lead,
        EntityType::Job,
    ]
    .into_iter()
    .filter(|e| user.can(e.capability()))
    .map(|e| e.as_str().to_owned())
    .collect()
}

/// FORBIDDEN unless `user` may decide some kind of request in this queue.
pub fn require_reviewer(user: &CurrentUser) -> AppResult<()> {
    if decidable(user).is_empty() {
        tracing::warn!(user = %user.id, "approval queue refused");
        return Err(AppError::forbidden());
    }
    Ok(())
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

/// What a decision did to the entity, for the audit row and the notices.
struct Effect {
    label: String,
    old_status: Option<String>,
    notice: Option<Notice>,
    others: Vec<Notice>,
}

/// Approves or rejects one PENDING request in one transaction: the request, its log,
/// the entity's effects, the search index, the audit row and the submitter's in-app
/// notice. The request row is locked, so when two reviewers decide at once exactly
/// one wins and the other gets a CONFLICT. Send `Decided::outgoing` after this returns.
pub async fn decide(
    pool: &PgPool,
    staff: &CurrentUser,
    id: Uuid,
    decision: Decision,
    remarks: &str,
    meta: &RequestMeta,
) -> AppResult<Decided> {
    require_reviewer(staff)?;
    let remarks = parse_remarks(remarks, decision == Decision::Reject)
        .map_err(|m| AppError::field("remarks", m))?;
    let mut tx = pool.begin().await?;
    let row: Option<(String, Uuid, String, Uuid)> = sqlx::query_as(
        "SELECT entity_type, entity_id, status, submitted_by_user_id FROM approval_requests
          WHERE id = $1 FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((entity_type, entity_id, status, submitted_by)) = row else {
        return Err(AppError::not_found("That approval request"));
    };
    let Some(kind) = EntityType::parse(&entity_type) else {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This queue decides professional profiles, company profiles, leads and jobs only.",
        ));
    };
    staff.require(kind.capability())?;
    if submitted_by == staff.id {
        tracing::warn!(user = %staff.id, request = %id, "reviewer tried to decide their own submission");
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "You submitted this yourself, so another reviewer has to decide it.",
        ));
    }
    if status != "PENDING" {
        return Err(already_decided(&mut tx, id, &status).await?);
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
    let effect = match kind {
        EntityType::Profile => {
            profile_effect(&mut tx, entity_id, decision, remarks.as_deref()).await?
        }
        EntityType::Company => {
            company_effect(&mut tx, entity_id, decision, remarks.as_deref()).await?
        }
        EntityType::Lead => lead_effect(&mut tx, entity_id, decision, remarks.as_deref()).await?,
        EntityType::Job => job_effect(&mut tx, entity_id, decision, remarks.as_deref()).await?,
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

/// The reviewer's remarks as a line of an e-mail ("" when there are none).
pub fn remarks_line(remarks: Option<&str>) -> String {
    remarks
        .map(|r| format!("Note from our team: {r}"))
        .unwrap_or_default()
}

async fn profile_effect(
    conn: &mut PgConnection,
    profile_id: Uuid,
    decision: Decision,
    remarks: Option<&str>,
) -> AppResult<Effect> {
    let row: Option<(Uuid, String, String, String)> = sqlx::query_as(
        "SELECT user_id, role_key, display_name, approval_status FROM user_role_profiles
          WHERE id = $1 FOR UPDATE",
    )
    .bind(profile_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((user_id, role_key, display_name, old_status)) = row else {
        return entity_gone(decision, "profile");
    };
    let role = crate::core::roles::role_label(&role_key);
    let notice = match decision {
        Decision::Approve => {
            sqlx::query(
                "UPDATE user_role_profiles
                    SET status = 'ACTIVE', approval_status = 'APPROVED', approved_at = now(),
                        rejection_reason = NULL
                  WHERE id = $1",
            )
            .bind(profile_id)
            .execute(&mut *conn)
            .await?;
            approve_user_role(conn, user_id, &role_key).await?;
            Notice {
                user_id,
                template_key: "profile_approved",
                title: format!("Your {role} profile is approved"),
                body: with_remarks(
                    "Customers can now find your profile in search and send you leads.",
                    remarks,
                ),
                entity_type: "profile",
                entity_id: profile_id,
                link_path: Some(format!("/pro/{role_key}")),
                vars: vec![
                    ("role", role.to_owned()),
                    ("remarks", remarks_line(remarks)),
                ],
            }
        }
        Decision::Reject => {
            sqlx::query(
                "UPDATE user_role_profiles SET approval_status = 'REJECTED', rejection_reason = $2
                  WHERE id = $1",
            )
            .bind(profile_id)
            .bind(remarks)
            .execute(&mut *conn)
            .await?;
            Notice {
                user_id,
                template_key: "profile_rejected",
                title: format!("Your {role} profile needs changes"),
                body: remarks.unwrap_or_default().to_owned(),
                entity_type: "profile",
                entity_id: profile_id,
                link_path: Some(format!("/pro/{role_key}")),
                vars: vec![
                    ("role", role.to_owned()),
                    ("remarks", remarks.unwrap_or_default().to_owned()),
                ],
            }
        }
    };
    crate::domains::search::index::refresh(conn, profile_id).await?;
    Ok(Effect {
        label: format!("{display_name} ({role})"),
        old_status: Some(old_status),
        notice: Some(notice),
        others: Vec::new(),
    })
}

async fn company_effect(
    conn: &mut PgConnection,
    company_id: Uuid,
    decision: Decision,
    remarks: Option<&str>,
) -> AppResult<Effect> {
    let row: Option<(Uuid, String, String)> = sqlx::query_as(
        "SELECT user_id, company_name, approval_status FROM company_profiles
          WHERE id = $1 FOR UPDATE",
    )
    .bind(company_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((user_id, company, old_status)) = row else {
        return entity_gone(decision, "company profile");
    };
    let notice = match decision {
        Decision::Approve => {
            sqlx::query(
                "UPDATE company_profiles SET status = 'ACTIVE', approval_status = 'APPROVED',
                                             verification_status = 'VERIFIED'
                  WHERE id = $1",
            )
            .bind(company_id)
            .execute(&mut *conn)
            .await?;
            approve_user_role(conn, user_id, "COMPANY").await?;
            Notice {
                user_id,
                template_key: "company_approved",
                title: "Your company profile is approved".into(),
                body: with_remarks("You can now post jobs and hire professionals.", remarks),
                entity_type: "company",
                entity_id: company_id,
                link_path: Some("/account/profile".into()),
                vars: vec![
                    ("company", company.clone()),
                    ("remarks", remarks_line(remarks)),
                ],
            }
        }
        Decision::Reject => {
            sqlx::query("UPDATE company_profiles SET approval_status = 'REJECTED' WHERE id = $1")
                .bind(company_id)
                .execute(&mut *conn)
                .await?;
            Notice {
                user_id,
                template_key: "company_rejected",
                title: "Your company profile needs changes".into(),
                body: remarks.unwrap_or_default().to_owned(),
                entity_type: "company",
                entity_id: company_id,
                link_path: Some("/account/profile".into()),
                vars: vec![
                    ("company", company.clone()),
                    ("remarks", remarks.unwrap_or_default().to_owned()),
                ],
            }
        }
    };
    Ok(Effect {
        label: company,
        old_status: Some(old_status),
        notice: Some(notice),
        others: Vec::new(),
    })
}

async fn lead_effect(
    conn: &mut PgConnection,
    lead_id: Uuid,
    decision: Decision,
    remarks: Option<&str>,
) -> AppResult<Effect> {
    let decided = crate::domains::leads::service::approval_effect(
        conn,
        lead_id,
        decision == Decision::Approve,
        remarks,
    )
    .await?;
    let Some(d) = decided else {
        return entity_gone(decision, "lead");
    };
    Ok(Effect {
        label: d.title,
        old_status: Some(d.old_status),
        notice: d.owner_notice,
        others: d.matches,
    })
}

async fn job_effect(
    conn: &mut PgConnection,
    job_id: Uuid,
    decision: Decision,
    remarks: Option<&str>,
) -> AppResult<Effect> {
    let decided = crate::domains::jobs::service::approval_effect(
        conn,
        job_id,
        decision == Decision::Approve,
        remarks,
    )
    .await?;
    let Some(d) = decided else {
        return entity_gone(decision, "job");
    };
    Ok(Effect {
        label: d.title,
        old_status: Some(d.old_status),
        notice: d.owner_notice,
        others: Vec::new(),
    })
}

/// A request whose entity was deleted after submission can only be closed by a
/// rejection (nobody is told: the owner removed it themselves).
fn entity_gone(decision: Decision, what: &str) -> AppResult<Effect> {
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

fn with_remarks(text: &str, remarks: Option<&str>) -> String {
    match remarks {
        Some(r) => format!("{text} {}", remarks_line(Some(r))),
        None => text.to_owned(),
    }
}

/// The user's role becomes APPROVED (and so grants what it grants); the row is created
/// when the user took the role after sign-up.
async fn approve_user_role(
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
