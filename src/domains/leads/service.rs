//! The lead workflow on the server.
//!
//! - A customer saves a lead as a DRAFT or sends it for review (PENDING, an approval
//!   request of type `lead`); staff approve it (OPEN, with `expires_at`) or send it back
//!   (DRAFT with remarks). The customer may withdraw or close it.
//! - Professionals with an ACTIVE profile of the lead's profession respond: the lead row
//!   is locked, so "at most N responses" holds under any concurrency, and the debit, the
//!   response and its conversation are one transaction.
//! - The customer reads, accepts or rejects each response. Refunds that become due are
//!   enqueued on the `leads` job queue in the same transaction (`refunds`).
use super::model::{
    response_price, CloseReason, Feed, FEED_PAGE, FeedFilter, FeedRow, LeadInput, LeadForPro, LeadView,
    MyLeadRow, MyResponse, RefundReason, ResponseCard, ResponseInput,
};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use crate::domains::approvals::service::{self as approvals, EntityType};
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
use crate::domains::profiles::spec::role_spec;
use crate::domains::wallet::{
    model::{Direction, Reference},
    service::{self as wallet, Movement},
};
use crate::server::jobs::{Jobs, LeadJob};
use crate::server::notify::{self, Notice, Outgoing};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

const MODULE: &str = "leads";
/// Staff capability to flag a lead as fake.
pub const FLAG: &str = "leads.flag";

/// At most this many matching professionals are told about a new lead.
const MATCH_NOTICES: i64 = 200;

/// The `leads` group of `runtime_configs`, with defaults for missing rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub max_responses: i32,
    pub expiry_days: i32,
    pub unopened_refund_hours: i32,
    pub prices: Option<Value>,
}

pub async fn settings(db: impl PgExecutor<'_>) -> Result<Settings, sqlx::Error> {
    let rows: Vec<(String, Value)> = sqlx::query_as(
        "SELECT config_key, config_value_json FROM runtime_configs
          WHERE config_group = 'leads' AND is_active",
    )
    .fetch_all(db)
    .await?;
    let mut s = Settings {
        max_responses: 5,
        expiry_days: 14,
        unopened_refund_hours: 48,
        prices: None,
    };
    let number = |v: &Value| v.as_i64().and_then(|n| i32::try_from(n).ok());
    for (key, value) in rows {
        match key.as_str() {
            "max_responses_per_lead" => {
                if let Some(n) = number(&value).filter(|n| *n >= 1) {
                    s.max_responses = n;
                }
            }
            "expiry_days" => {
                if let Some(n) = number(&value).filter(|n| *n >= 1) {
                    s.expiry_days = n;
                }
            }
            "unopened_refund_hours" => {
                if let Some(n) = number(&value).filter(|n| *n >= 0) {
                    s.unopened_refund_hours = n;
                }
            }
            "response_price_tracecoins" => s.prices = Some(value),
            _ => {}
        }
    }
    Ok(s)
}

fn role_label(key: &str) -> &'static str {
    role_spec(key).map_or("Professional", |s| s.label)
}

// ---------------------------------------------------------------------------
// The customer's side
// ---------------------------------------------------------------------------

/// Creates (`id` None) or edits a DRAFT lead; with `submit` it goes to review.
/// `requested` is the slug of the professional a "request a quote" came from.
pub async fn save(
    pool: &PgPool,
    user: &CurrentUser,
    id: Option<Uuid>,
    input: &LeadInput,
    requested: Option<&str>,
    submit: bool,
    meta: &RequestMeta,
) -> AppResult<Uuid> {
    let mut tx = pool.begin().await?;
    let requested_profile: Option<Uuid> = match requested.filter(|s| !s.is_empty()) {
        Some(slug) => sqlx::query_scalar(
            "SELECT id FROM user_role_profiles
              WHERE slug = $1 AND status = 'ACTIVE' AND role_key = $2 AND user_id <> $3",
        )
        .bind(slug)
        .bind(input.profession_key)
        .bind(user.id)
        .fetch_optional(&mut *tx)
        .await?,
        None => None,
    };
    let (lead_id, action) = match id {
        None => {
            let id: Uuid = sqlx::query_scalar(
                "INSERT INTO leads (created_by_user_id, profession_key, title, description, location,
                                    budget_inr, required_date, requested_profile_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(user.id)
            .bind(input.profession_key)
            .bind(&input.title)
            .bind(&input.description)
            .bind(&input.city)
            .bind(input.budget_inr)
            .bind(input.required_date)
            .bind(requested_profile)
            .fetch_one(&mut *tx)
            .await?;
            (id, Action::Create)
        }
        Some(id) => {
            let status = owned_status(&mut tx, user.id, id).await?;
            if status != "DRAFT" {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    "Only a draft can be edited. This request is already with our team or live.",
                ));
            }
            sqlx::query(
                "UPDATE leads SET profession_key = $2, title = $3, description = $4, location = $5,
                                  budget_inr = $6, required_date = $7,
                                  requested_profile_id = COALESCE($8, requested_profile_id)
                  WHERE id = $1",
            )
            .bind(id)
            .bind(input.profession_key)
            .bind(&input.title)
            .bind(&input.description)
            .bind(&input.city)
            .bind(input.budget_inr)
            .bind(input.required_date)
            .bind(requested_profile)
            .execute(&mut *tx)
            .await?;
            (id, Action::Update)
        }
    };
    let mut entry = Entry::by_user(
        Some(user.id),
        action,
        "lead",
        Some(lead_id),
        MODULE,
        if submit {
            "lead sent for review"
        } else {
            "lead saved as a draft"
        },
        meta,
    )
    .label(input.title.clone());
    if submit {
        sqlx::query("UPDATE leads SET status = 'PENDING', review_remarks = NULL WHERE id = $1")
            .bind(lead_id)
            .execute(&mut *tx)
            .await?;
        approvals::submit(&mut tx, EntityType::Lead, lead_id, user.id, None).await?;
        entry = entry.change(Change::new(
            "status",
            Some("DRAFT".into()),
            Some("PENDING".into()),
        ));
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(lead_id)
}

/// The lead's status when `user` created it; NOT FOUND otherwise (ids do not leak).
/// Locks the row.
async fn owned_status(conn: &mut PgConnection, user: Uuid, id: Uuid) -> AppResult<String> {
    sqlx::query_scalar(
        "SELECT status FROM leads WHERE id = $1 AND created_by_user_id = $2 FOR UPDATE",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::not_found("That request"))
}

/// The customer's leads, newest first.
pub async fn my_leads(pool: &PgPool, user: Uuid) -> AppResult<Vec<MyLeadRow>> {
    Ok(sqlx::query_as(
        "SELECT l.id, l.title, l.profession_key, l.location, l.status, l.close_reason, l.created_at,
                count(r.id) AS responses,
                count(r.id) FILTER (WHERE r.opened_at IS NULL AND r.status = 'PENDING') AS unopened
           FROM leads l LEFT JOIN lead_requests r ON r.lead_id = l.id
          WHERE l.created_by_user_id = $1
          GROUP BY l.id
          ORDER BY l.created_at DESC
          LIMIT 200",
    )
    .bind(user)
    .fetch_all(pool)
    .await?)
}

#[derive(sqlx::FromRow)]
struct LeadRow {
    id: Uuid,
    profession_key: String,
    title: String,
    description: Option<String>,
    location: Option<String>,
    budget_inr: Option<i32>,
    required_date: Option<NaiveDate>,
    status: String,
    close_reason: Option<String>,
    review_remarks: Option<String>,
    created_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
    approved_at: Option<DateTime<Utc>>,
    created_by_user_id: Uuid,
}

const LEAD_COLUMNS: &str = "id, profession_key, title, description, location, budget_inr,
    required_date, status, close_reason, review_remarks, created_at, expires_at, approved_at,
    created_by_user_id";

async fn lead_row(db: impl PgExecutor<'_>, id: Uuid) -> AppResult<Option<LeadRow>> {
    Ok(
        sqlx::query_as(&format!("SELECT {LEAD_COLUMNS} FROM leads WHERE id = $1"))
            .bind(id)
            .fetch_optional(db)
            .await?,
    )
}

#[derive(sqlx::FromRow)]
struct CardRow {
    id: Uuid,
    professional: String,
    slug: String,
    avatar_url: Option<String>,
    bio: Option<String>,
    verified: bool,
    rating_tenths: Option<i32>,
    reviews: i64,
    quote_inr: Option<i32>,
    remarks: Option<String>,
    status: String,
    opened_at: Option<DateTime<Utc>>,
    refunded_at: Option<DateTime<Utc>>,
    conversation_id: Option<Uuid>,
    requested_at: DateTime<Utc>,
}

/// A short line from a bio for a response card.
fn headline(bio: Option<String>) -> Option<String> {
    let bio = bio?;
    let first = bio.lines().next().unwrap_or_default().trim().to_owned();
    if first.is_empty() {
        return None;
    }
    Some(if first.chars().count() > 140 {
        format!("{}…", first.chars().take(139).collect::<String>())
    } else {
        first
    })
}

/// One of the customer's leads with its responses side by side.
pub async fn lead_for_owner(pool: &PgPool, user: Uuid, id: Uuid) -> AppResult<LeadView> {
    let lead = lead_row(pool, id)
        .await?
        .filter(|l| l.created_by_user_id == user)
        .ok_or_else(|| AppError::not_found("That request"))?;
    let cards: Vec<CardRow> = sqlx::query_as(
        "SELECT r.id, p.display_name AS professional, p.slug, p.avatar_url, p.bio,
                p.verification_status = 'VERIFIED' AS verified,
                (SELECT round(avg(v.rating) * 10)::int FROM reviews v
                  WHERE v.entity_type = 'professional' AND v.entity_id = p.id AND v.status = 'PUBLISHED') AS rating_tenths,
                (SELECT count(*) FROM reviews v
                  WHERE v.entity_type = 'professional' AND v.entity_id = p.id AND v.status = 'PUBLISHED') AS reviews,
                r.quote_inr, r.remarks, r.status, r.opened_at, r.refunded_at, r.conversation_id,
                r.requested_at
           FROM lead_requests r JOIN user_role_profiles p ON p.id = r.user_role_profile_id
          WHERE r.lead_id = $1
          ORDER BY r.requested_at, r.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let max_responses = settings(pool).await?.max_responses;
    Ok(LeadView {
        id: lead.id,
        profession_key: lead.profession_key,
        title: lead.title,
        description: lead.description.unwrap_or_default(),
        location: lead.location,
        budget_inr: lead.budget_inr,
        required_date: lead.required_date,
        status: lead.status,
        close_reason: lead.close_reason,
        review_remarks: lead.review_remarks,
        created_at: lead.created_at,
        expires_at: lead.expires_at,
        max_responses,
        responses: cards
            .into_iter()
            .map(|c| {
                let accepted = c.status == "ACCEPTED";
                ResponseCard {
                    id: c.id,
                    professional: c.professional,
                    slug: c.slug,
                    avatar_url: c.avatar_url,
                    headline: headline(c.bio),
                    verified: c.verified,
                    rating_tenths: c.rating_tenths,
                    reviews: c.reviews,
                    quote_inr: c.quote_inr,
                    message: c.opened_at.and(c.remarks).map(|m| {
                        if accepted {
                            m
                        } else {
                            crate::core::contact::mask(&m)
                        }
                    }),
                    opened: c.opened_at.is_some(),
                    refunded: c.refunded_at.is_some(),
                    status: c.status,
                    conversation_id: c.conversation_id,
                    requested_at: c.requested_at,
                }
            })
            .collect(),
    })
}

/// The response row for its lead's owner, locked: (lead id, lead status, status,
/// opened, profile's user, lead title). NOT FOUND for anyone else.
async fn owned_response(
    conn: &mut PgConnection,
    user: Uuid,
    id: Uuid,
) -> AppResult<(Uuid, String, String, bool, Uuid, String)> {
    sqlx::query_as(
        "SELECT l.id, l.status, r.status, r.opened_at IS NOT NULL, p.user_id, l.title
           FROM lead_requests r
           JOIN leads l ON l.id = r.lead_id
           JOIN user_role_profiles p ON p.id = r.user_role_profile_id
          WHERE r.id = $1 AND l.created_by_user_id = $2
          FOR UPDATE OF r",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::not_found("That response"))
}

/// The customer reads a response: `opened_at` is set the first time.
pub async fn open_response(pool: &PgPool, user: Uuid, id: Uuid) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    owned_response(&mut tx, user, id).await?;
    sqlx::query("UPDATE lead_requests SET opened_at = now() WHERE id = $1 AND opened_at IS NULL")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The customer accepts or rejects a PENDING response. Accepting reveals contact
/// details in their conversation; rejecting one they never opened refunds it.
pub async fn decide_response(
    pool: &PgPool,
    jobs: &Jobs,
    user: &CurrentUser,
    id: Uuid,
    accept: bool,
    meta: &RequestMeta,
) -> AppResult<Vec<Outgoing>> {
    let mut tx = pool.begin().await?;
    let (lead_id, lead_status, status, opened, pro_user, title) =
        owned_response(&mut tx, user.id, id).await?;
    if status != "PENDING" {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!(
                "You have already {} this response.",
                if status == "ACCEPTED" {
                    "accepted"
                } else {
                    "declined"
                }
            ),
        ));
    }
    if lead_status != "OPEN" {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This request is closed, so its responses can no longer be answered.",
        ));
    }
    let new_status = if accept { "ACCEPTED" } else { "REJECTED" };
    let conversation: Option<Uuid> = sqlx::query_scalar(
        "UPDATE lead_requests
            SET status = $2, decided_at = now(),
                opened_at = CASE WHEN $2 = 'ACCEPTED' THEN COALESCE(opened_at, now()) ELSE opened_at END
          WHERE id = $1 RETURNING conversation_id",
    )
    .bind(id)
    .bind(new_status)
    .fetch_one(&mut *tx)
    .await?;
    if !accept && !opened {
        enqueue_refund(&mut tx, jobs, id, RefundReason::RejectedUnread).await?;
    }
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user.id),
            if accept {
                Action::Approve
            } else {
                Action::Reject
            },
            "lead_request",
            Some(id),
            MODULE,
            format!("response {}", new_status.to_lowercase()),
            meta,
        )
        .label(title.clone())
        .change(Change::new(
            "status",
            Some(status),
            Some(new_status.into()),
        )),
    )
    .await?;
    let notice = if accept {
        Notice {
            user_id: pro_user,
            template_key: "lead_response_accepted",
            title: format!("Your response to \u{201c}{title}\u{201d} was accepted"),
            body: "The customer's contact details are now visible in your conversation.".into(),
            entity_type: "conversation",
            entity_id: conversation.unwrap_or(id),
            link_path: Some(
                conversation.map_or_else(|| "/pro/responses".into(), |c| format!("/messages/{c}")),
            ),
            vars: vec![("lead", title)],
        }
    } else {
        Notice {
            user_id: pro_user,
            template_key: "lead_response_rejected",
            title: format!("Your response to \u{201c}{title}\u{201d} was declined"),
            body: if opened {
                "The customer chose another professional.".into()
            } else {
                "The customer chose another professional without opening your response, so your tracecoins come back.".into()
            },
            entity_type: "lead_request",
            entity_id: id,
            link_path: Some("/pro/leads".into()),
            vars: vec![
                ("lead", title),
                (
                    "remarks",
                    if opened {
                        String::new()
                    } else {
                        "You did not lose anything: your tracecoins come back.".into()
                    },
                ),
            ],
        }
    };
    let out = notify::record(&mut tx, notice).await?;
    tx.commit().await?;
    tracing::info!(lead = %lead_id, response = %id, status = new_status, "response decided");
    Ok(vec![out])
}

async fn enqueue_refund(
    conn: &mut PgConnection,
    jobs: &Jobs,
    lead_request_id: Uuid,
    reason: RefundReason,
) -> AppResult<()> {
    jobs.leads
        .enqueue_using(
            &mut *conn,
            &LeadJob::Refund {
                lead_request_id,
                reason,
            },
        )
        .await
        .map_err(|err| {
            tracing::error!(%err, "could not enqueue a refund");
            AppError::internal()
        })?;
    Ok(())
}

/// The customer withdraws (`Withdrawn`: every response not accepted is refunded) or
/// closes (`Closed`: pending responses are declined, refunded if never opened) a lead.
pub async fn end(
    pool: &PgPool,
    jobs: &Jobs,
    user: &CurrentUser,
    id: Uuid,
    reason: CloseReason,
    meta: &RequestMeta,
) -> AppResult<Vec<Outgoing>> {
    let mut tx = pool.begin().await?;
    let status = owned_status(&mut tx, user.id, id).await?;
    let allowed = match reason {
        CloseReason::Withdrawn => ["DRAFT", "PENDING", "OPEN"].contains(&status.as_str()),
        CloseReason::Closed => status == "OPEN",
        _ => false,
    };
    if !allowed {
        return Err(AppError::new(
            ErrorCode::Conflict,
            match (reason, status.as_str()) {
                (_, "CLOSED") => "This request is already closed.",
                (CloseReason::Closed, _) => {
                    "Only a live request can be closed. Withdraw it instead."
                }
                _ => "This request cannot be changed now.",
            },
        ));
    }
    let title = close_lead(&mut tx, id, reason).await?;
    let mut outgoing = Vec::new();
    let responses: Vec<(Uuid, String, bool)> = sqlx::query_as(
        "SELECT id, status, opened_at IS NOT NULL FROM lead_requests
          WHERE lead_id = $1 AND refunded_at IS NULL ORDER BY requested_at FOR UPDATE",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    for (response, status, opened) in responses {
        match reason {
            CloseReason::Withdrawn if status != "ACCEPTED" => {
                enqueue_refund(&mut tx, jobs, response, RefundReason::Withdrawn).await?;
            }
            CloseReason::Closed if status == "PENDING" => {
                sqlx::query(
                    "UPDATE lead_requests SET status = 'REJECTED', decided_at = now() WHERE id = $1",
                )
                .bind(response)
                .execute(&mut *tx)
                .await?;
                if !opened {
                    enqueue_refund(&mut tx, jobs, response, RefundReason::RejectedUnread).await?;
                }
                let pro: Uuid = sqlx::query_scalar(
                    "SELECT p.user_id FROM lead_requests r
                       JOIN user_role_profiles p ON p.id = r.user_role_profile_id WHERE r.id = $1",
                )
                .bind(response)
                .fetch_one(&mut *tx)
                .await?;
                outgoing.push(
                    notify::record(
                        &mut tx,
                        Notice {
                            user_id: pro,
                            template_key: "lead_response_rejected",
                            title: format!("\u{201c}{title}\u{201d} was closed"),
                            body: "The customer closed the request before answering your response.".into(),
                            entity_type: "lead_request",
                            entity_id: response,
                            link_path: Some("/pro/leads".into()),
                            vars: vec![
                                ("lead", title.clone()),
                                ("remarks", "The customer closed the request.".into()),
                            ],
                        },
                    )
                    .await?,
                );
            }
            _ => {}
        }
    }
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user.id),
            Action::Update,
            "lead",
            Some(id),
            MODULE,
            format!("lead {}", reason.as_str().to_lowercase()),
            meta,
        )
        .label(title)
        .change(Change::new("status", Some(status), Some("CLOSED".into())))
        .change(Change::new(
            "close_reason",
            None,
            Some(reason.as_str().into()),
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(outgoing)
}

/// Marks a lead CLOSED for `reason` and closes a pending approval request for it.
/// Returns its title.
async fn close_lead(conn: &mut PgConnection, id: Uuid, reason: CloseReason) -> AppResult<String> {
    let title: String = sqlx::query_scalar(
        "UPDATE leads SET status = 'CLOSED', close_reason = $2, closed_at = now()
          WHERE id = $1 RETURNING title",
    )
    .bind(id)
    .bind(reason.as_str())
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "WITH closed AS (
            UPDATE approval_requests SET status = 'REJECTED', reviewed_at = now(),
                   remarks = 'Closed: the request was withdrawn or removed before review.'
             WHERE entity_type = 'lead' AND entity_id = $1 AND status = 'PENDING'
         RETURNING id)
         INSERT INTO approval_logs (approval_request_id, action, old_status, new_status, remarks)
         SELECT id, 'REJECTED', 'PENDING', 'REJECTED', 'Closed before review.' FROM closed",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(title)
}

/// Staff flag a lead as fake: it closes and every response is refunded.
pub async fn flag_fake(
    pool: &PgPool,
    jobs: &Jobs,
    staff: &CurrentUser,
    id: Uuid,
    remarks: &str,
    meta: &RequestMeta,
) -> AppResult<()> {
    staff.require(FLAG)?;
    let remarks = crate::domains::approvals::model::parse_remarks(remarks, true)
        .map_err(|m| AppError::field("remarks", m))?;
    let mut tx = pool.begin().await?;
    let status: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT status, close_reason FROM leads WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((status, close_reason)) = status else {
        return Err(AppError::not_found("That request"));
    };
    if close_reason.as_deref() == Some("FAKE") {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This request is already flagged as fake.",
        ));
    }
    if status == "CLOSED" {
        sqlx::query("UPDATE leads SET close_reason = 'FAKE', review_remarks = $2 WHERE id = $1")
            .bind(id)
            .bind(&remarks)
            .execute(&mut *tx)
            .await?;
    } else {
        close_lead(&mut tx, id, CloseReason::Fake).await?;
        sqlx::query("UPDATE leads SET review_remarks = $2 WHERE id = $1")
            .bind(id)
            .bind(&remarks)
            .execute(&mut *tx)
            .await?;
    }
    let responses: Vec<Uuid> = sqlx::query_scalar(
        "SELECT id FROM lead_requests WHERE lead_id = $1 AND refunded_at IS NULL",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    for response in responses {
        enqueue_refund(&mut tx, jobs, response, RefundReason::Fake).await?;
    }
    let mut entry = Entry::by_user(
        Some(staff.id),
        Action::Reject,
        "lead",
        Some(id),
        MODULE,
        "lead flagged as fake",
        meta,
    )
    .change(Change::new("close_reason", close_reason, Some("FAKE".into())))
    .change(Change::new("remarks", None, remarks));
    entry.actor_type = crate::domains::audit::service::ActorType::Employee;
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// What approving or rejecting a lead does (called by the approval queue's `decide` in
/// its transaction): approved leads open for `expiry_days` and matching professionals
/// are told; rejected ones go back to DRAFT with the remarks.
pub async fn approval_effect(
    conn: &mut PgConnection,
    id: Uuid,
    approve: bool,
    remarks: Option<&str>,
) -> AppResult<Option<LeadDecision>> {
    let lead: Option<(Uuid, String, String, Option<String>, Option<Uuid>, String)> =
        sqlx::query_as(
            "SELECT created_by_user_id, title, profession_key, location, requested_profile_id, status
               FROM leads WHERE id = $1 FOR UPDATE",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some((owner, title, profession, city, requested, status)) = lead else {
        return Ok(None);
    };
    if status != "PENDING" {
        if approve {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "The customer withdrew this request, so it cannot be approved. Reject it to close the review.",
            ));
        }
        return Ok(Some(LeadDecision {
            title,
            old_status: status,
            owner_notice: None,
            matches: Vec::new(),
        }));
    }
    let remarks_line = remarks
        .map(|r| format!("Note from our team: {r}"))
        .unwrap_or_default();
    if !approve {
        sqlx::query("UPDATE leads SET status = 'DRAFT', review_remarks = $2 WHERE id = $1")
            .bind(id)
            .bind(remarks)
            .execute(&mut *conn)
            .await?;
        return Ok(Some(LeadDecision {
            owner_notice: Some(Notice {
                user_id: owner,
                template_key: "lead_rejected",
                title: format!("Your request \u{201c}{title}\u{201d} needs changes"),
                body: remarks.unwrap_or_default().to_owned(),
                entity_type: "lead",
                entity_id: id,
                link_path: Some(format!("/leads/{id}")),
                vars: vec![
                    ("lead", title.clone()),
                    ("remarks", remarks.unwrap_or_default().to_owned()),
                ],
            }),
            title,
            old_status: status,
            matches: Vec::new(),
        }));
    }
    let s = settings(&mut *conn).await?;
    sqlx::query(
        "UPDATE leads SET status = 'OPEN', approved_at = now(), review_remarks = NULL,
                          expires_at = now() + make_interval(days => $2)
          WHERE id = $1",
    )
    .bind(id)
    .bind(s.expiry_days)
    .execute(&mut *conn)
    .await?;
    let price = response_price(s.prices.as_ref(), &profession);
    let matches: Vec<(Uuid, Uuid)> = sqlx::query_as(
        "SELECT p.user_id, p.id FROM user_role_profiles p
          WHERE p.role_key = $1 AND p.status = 'ACTIVE' AND p.user_id <> $2
            AND (p.location = $3 OR p.id = $4)
          ORDER BY (p.id = $4) DESC NULLS LAST, p.approved_at DESC NULLS LAST
          LIMIT $5",
    )
    .bind(&profession)
    .bind(owner)
    .bind(&city)
    .bind(requested)
    .bind(MATCH_NOTICES)
    .fetch_all(&mut *conn)
    .await?;
    let where_ = city.as_deref().map(|c| format!(" in {c}")).unwrap_or_default();
    Ok(Some(LeadDecision {
        owner_notice: Some(Notice {
            user_id: owner,
            template_key: "lead_approved",
            title: format!("Your request \u{201c}{title}\u{201d} is live"),
            body: "Professionals can now see it and respond.".into(),
            entity_type: "lead",
            entity_id: id,
            link_path: Some(format!("/leads/{id}")),
            vars: vec![("lead", title.clone()), ("remarks", remarks_line)],
        }),
        matches: matches
            .into_iter()
            .map(|(user_id, profile)| Notice {
                user_id,
                template_key: "lead_matching",
                title: if Some(profile) == requested {
                    format!("A customer asked you for a quote: {title}")
                } else {
                    format!("New {} request{where_}: {title}", role_label(&profession))
                },
                body: format!("Responding costs {price} tracecoins."),
                entity_type: "lead",
                entity_id: id,
                link_path: Some(format!("/pro/leads/{id}")),
                vars: vec![("lead", title.clone()), ("amount", price.to_string())],
            })
            .collect(),
        title,
        old_status: status,
    }))
}

/// What a lead decision changed, for the approval queue.
#[derive(Debug)]
pub struct LeadDecision {
    pub title: String,
    pub old_status: String,
    pub owner_notice: Option<Notice>,
    pub matches: Vec<Notice>,
}

/// The lead as submitted, for the reviewer.
pub async fn lead_for_review(pool: &PgPool, id: Uuid) -> AppResult<Option<LeadView>> {
    let Some(lead) = lead_row(pool, id).await? else {
        return Ok(None);
    };
    Ok(Some(LeadView {
        id: lead.id,
        profession_key: lead.profession_key,
        title: lead.title,
        description: lead.description.unwrap_or_default(),
        location: lead.location,
        budget_inr: lead.budget_inr,
        required_date: lead.required_date,
        status: lead.status,
        close_reason: lead.close_reason,
        review_remarks: lead.review_remarks,
        created_at: lead.created_at,
        expires_at: lead.expires_at,
        max_responses: settings(pool).await?.max_responses,
        responses: Vec::new(),
    }))
}

// ---------------------------------------------------------------------------
// The professional's side
// ---------------------------------------------------------------------------

/// The viewer's ACTIVE professional profiles: (id, role key, city).
async fn active_profiles(
    db: impl PgExecutor<'_>,
    user: Uuid,
) -> AppResult<Vec<(Uuid, String, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT id, role_key, location FROM user_role_profiles
          WHERE user_id = $1 AND status = 'ACTIVE' ORDER BY role_key",
    )
    .bind(user)
    .fetch_all(db)
    .await?)
}

/// OPEN leads matching the viewer's ACTIVE profiles, newest first, older than `before`
/// (the last row's approval time and id).
pub async fn feed(
    pool: &PgPool,
    user: Uuid,
    filter: &FeedFilter,
    before: Option<(DateTime<Utc>, Uuid)>,
) -> AppResult<Feed> {
    let profiles = active_profiles(pool, user).await?;
    let pattern = filter
        .q
        .as_deref()
        .map(crate::domains::approvals::queue::contains_pattern);
    let rows: Vec<FeedRow> = if profiles.is_empty() {
        Vec::new()
    } else {
        sqlx::query_as(
            "SELECT l.id, l.title, l.profession_key, l.location, l.budget_inr, l.required_date,
                    l.approved_at,
                    (SELECT count(*) FROM lead_requests r WHERE r.lead_id = l.id) AS responses,
                    EXISTS (SELECT 1 FROM lead_requests r
                             WHERE r.lead_id = l.id AND r.user_role_profile_id = p.id) AS responded,
                    COALESCE(l.requested_profile_id = p.id, false) AS requested_me
               FROM user_role_profiles p
               JOIN leads l ON l.profession_key = p.role_key AND l.status = 'OPEN'
              WHERE p.user_id = $1 AND p.status = 'ACTIVE'
                AND l.expires_at > now() AND l.created_by_user_id <> $1
                AND ($2::text IS NULL OR p.role_key = $2)
                AND (l.requested_profile_id = p.id
                     OR $3 OR l.location = COALESCE($4, p.location))
                AND ($5::text IS NULL OR l.title ILIKE $5 ESCAPE '\\' OR l.description ILIKE $5 ESCAPE '\\')
                AND ($6::timestamptz IS NULL OR (l.approved_at, l.id) < ($6, $7))
              ORDER BY l.approved_at DESC, l.id DESC
              LIMIT $8",
        )
        .bind(user)
        .bind(&filter.role)
        .bind(filter.all_cities)
        .bind(&filter.city)
        .bind(&pattern)
        .bind(before.map(|b| b.0))
        .bind(before.map(|b| b.1))
        .bind(FEED_PAGE)
        .fetch_all(pool)
        .await?
    };
    Ok(Feed {
        roles: profiles
            .into_iter()
            .map(|(_, key, city)| {
                let label = role_label(&key).to_owned();
                (key, label, city)
            })
            .collect(),
        rows,
        max_responses: settings(pool).await?.max_responses,
        balance: wallet::balance(pool, user).await?,
    })
}

/// One lead as a professional sees it: visible when OPEN and of one of their ACTIVE
/// professions, or when they responded to it.
pub async fn lead_for_pro(pool: &PgPool, user: Uuid, id: Uuid) -> AppResult<LeadForPro> {
    let lead = lead_row(pool, id)
        .await?
        .ok_or_else(|| AppError::not_found("That request"))?;
    let profile: Option<Uuid> = active_profiles(pool, user)
        .await?
        .into_iter()
        .find(|(_, role, _)| *role == lead.profession_key)
        .map(|(id, _, _)| id);
    let mine: Option<MyResponse> = sqlx::query_as(&format!(
        "{MY_RESPONSE_SELECT} WHERE r.lead_id = $1 AND p.user_id = $2"
    ))
    .bind(id)
    .bind(user)
    .fetch_optional(pool)
    .await?;
    let visible = mine.is_some()
        || (profile.is_some() && lead.status == "OPEN" && lead.created_by_user_id != user);
    if !visible {
        return Err(AppError::not_found("That request"));
    }
    let responses: i64 = sqlx::query_scalar("SELECT count(*) FROM lead_requests WHERE lead_id = $1")
        .bind(id)
        .fetch_one(pool)
        .await?;
    let s = settings(pool).await?;
    Ok(LeadForPro {
        id: lead.id,
        price: response_price(s.prices.as_ref(), &lead.profession_key),
        profession_key: lead.profession_key,
        title: lead.title,
        description: lead.description.unwrap_or_default(),
        location: lead.location,
        budget_inr: lead.budget_inr,
        required_date: lead.required_date,
        status: lead.status,
        approved_at: lead.approved_at,
        expires_at: lead.expires_at,
        responses,
        max_responses: s.max_responses,
        balance: wallet::balance(pool, user).await?,
        mine,
    })
}

const MY_RESPONSE_SELECT: &str = "SELECT r.id, r.lead_id, l.title AS lead_title, r.status,
        r.price_tracecoins, r.quote_inr, r.opened_at IS NOT NULL AS opened, r.refund_reason,
        r.conversation_id, r.requested_at
   FROM lead_requests r
   JOIN leads l ON l.id = r.lead_id
   JOIN user_role_profiles p ON p.id = r.user_role_profile_id";

/// The professional's responses, newest first.
pub async fn my_responses(pool: &PgPool, user: Uuid) -> AppResult<Vec<MyResponse>> {
    Ok(sqlx::query_as(&format!(
        "{MY_RESPONSE_SELECT} WHERE p.user_id = $1 ORDER BY r.requested_at DESC LIMIT 200"
    ))
    .bind(user)
    .fetch_all(pool)
    .await?)
}

/// A committed response.
#[derive(Debug)]
pub struct Responded {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub balance_after: i32,
    pub outgoing: Outgoing,
}

/// Responds to an OPEN lead: checks the profile, the limit and the price, debits the
/// wallet, records the response and opens its conversation, in one transaction. A
/// refused debit (too few tracecoins) changes nothing.
pub async fn respond(
    pool: &PgPool,
    user: &CurrentUser,
    lead_id: Uuid,
    input: &ResponseInput,
    meta: &RequestMeta,
) -> AppResult<Responded> {
    let mut tx = pool.begin().await?;
    // The lead row lock serialises responses to one lead: the count below is exact.
    let lead: Option<(String, String, Option<DateTime<Utc>>, Uuid, String)> = sqlx::query_as(
        "SELECT status, profession_key, expires_at, created_by_user_id, title
           FROM leads WHERE id = $1 FOR UPDATE",
    )
    .bind(lead_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((status, profession, expires_at, owner, title)) = lead else {
        return Err(AppError::not_found("That request"));
    };
    let profile: Option<(Uuid, String)> = sqlx::query_as(
        "SELECT id, display_name FROM user_role_profiles
          WHERE user_id = $1 AND role_key = $2 AND status = 'ACTIVE'",
    )
    .bind(user.id)
    .bind(&profession)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((profile_id, pro_name)) = profile else {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            format!(
                "You need an approved {} profile to respond to this request.",
                role_label(&profession)
            ),
        ));
    };
    if owner == user.id {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This is your own request.",
        ));
    }
    if status != "OPEN" || expires_at.is_none_or(|e| e <= Utc::now()) {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This request is no longer taking responses.",
        ));
    }
    let already: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM lead_requests WHERE lead_id = $1 AND user_role_profile_id = $2)",
    )
    .bind(lead_id)
    .bind(profile_id)
    .fetch_one(&mut *tx)
    .await?;
    if already {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "You have already responded to this request.",
        ));
    }
    let s = settings(&mut *tx).await?;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM lead_requests WHERE lead_id = $1")
        .bind(lead_id)
        .fetch_one(&mut *tx)
        .await?;
    if count >= i64::from(s.max_responses) {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!(
                "This request already has {} responses, the most it takes. Nothing was charged.",
                s.max_responses
            ),
        ));
    }
    let price = response_price(s.prices.as_ref(), &profession);
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO lead_requests (lead_id, user_role_profile_id, remarks, price_tracecoins, quote_inr)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(lead_id)
    .bind(profile_id)
    .bind(&input.message)
    .bind(price)
    .bind(input.quote_inr)
    .fetch_one(&mut *tx)
    .await?;
    let balance_after = if price > 0 {
        let key = format!("lead-response:{id}");
        wallet::apply(
            &mut tx,
            &Movement {
                user_id: user.id,
                direction: Direction::Debit,
                amount: price,
                reference: Reference::Lead,
                reference_id: Some(lead_id),
                remarks: Some(&format!("Response to \u{201c}{}\u{201d}", short(&title))),
                idempotency_key: &key,
                actor: Some(user.id),
            },
            meta,
        )
        .await?
        .balance_after
    } else {
        wallet::balance(&mut *tx, user.id).await?
    };
    let conversation_id = crate::domains::messaging::service::start(
        &mut tx,
        "LEAD",
        id,
        &title,
        &[(owner, "OWNER"), (user.id, "MEMBER")],
        Some((user.id, &input.message)),
    )
    .await?;
    sqlx::query("UPDATE lead_requests SET conversation_id = $2 WHERE id = $1")
        .bind(id)
        .bind(conversation_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user.id),
            Action::Create,
            "lead_request",
            Some(id),
            MODULE,
            format!("responded to a lead for {price} tracecoins"),
            meta,
        )
        .label(title.clone()),
    )
    .await?;
    let outgoing = notify::record(
        &mut tx,
        Notice {
            user_id: owner,
            template_key: "lead_response_received",
            title: format!("{pro_name} responded to \u{201c}{title}\u{201d}"),
            body: "Compare the responses and accept the one you like.".into(),
            entity_type: "lead",
            entity_id: lead_id,
            link_path: Some(format!("/leads/{lead_id}")),
            vars: vec![("lead", title), ("sender", pro_name)],
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(lead = %lead_id, response = %id, price, "lead response");
    Ok(Responded {
        id,
        conversation_id,
        balance_after,
        outgoing,
    })
}

fn short(title: &str) -> String {
    if title.chars().count() > 80 {
        format!("{}…", title.chars().take(79).collect::<String>())
    } else {
        title.to_owned()
    }
}
