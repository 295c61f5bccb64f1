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
    CloseReason, LeadInput, LeadStatus, LeadView, MyLeadRow, ResponseCard, ResponseStatus,
};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use crate::domains::approvals::service::{self as approvals, EntityType};
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

pub use super::answers::{decide_response, end, flag_fake, open_response};
pub use super::respond::{feed, lead_for_pro, my_responses, send_response, Responded};
pub use super::review::{approval_effect, lead_for_review};

pub(super) const MODULE: &str = "leads";

/// The `leads` group of `runtime_configs`, with defaults for missing rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub max_responses: i32,
    pub expiry_days: i32,
    pub unopened_refund_hours: i32,
    pub prices: Option<Value>,
}

pub async fn settings(db: impl PgExecutor<'_>) -> Result<Settings, sqlx::Error> {
    use crate::domains::config::service::{group, int_at_least};
    let mut s = Settings {
        max_responses: 5,
        expiry_days: 14,
        unopened_refund_hours: 48,
        prices: None,
    };
    for (key, value) in group(db, "leads").await? {
        match key.as_str() {
            "max_responses_per_lead" => {
                s.max_responses = int_at_least(&value, 1).unwrap_or(s.max_responses);
            }
            "expiry_days" => s.expiry_days = int_at_least(&value, 1).unwrap_or(s.expiry_days),
            "unopened_refund_hours" => {
                s.unopened_refund_hours =
                    int_at_least(&value, 0).unwrap_or(s.unopened_refund_hours);
            }
            "response_price_tracecoins" => s.prices = Some(value),
            _ => {}
        }
    }
    Ok(s)
}

pub(super) use crate::core::roles::role_label;

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
        Some(slug) => {
            sqlx::query_scalar(
                "SELECT id FROM user_role_profiles
              WHERE slug = $1 AND status = 'ACTIVE' AND role_key = $2 AND user_id <> $3",
            )
            .bind(slug)
            .bind(input.profession_key)
            .bind(user.id)
            .fetch_optional(&mut *tx)
            .await?
        }
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
            if status != LeadStatus::Draft {
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
pub(super) async fn owned_status(
    conn: &mut PgConnection,
    user: Uuid,
    id: Uuid,
) -> AppResult<LeadStatus> {
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
pub(super) struct LeadRow {
    pub(super) id: Uuid,
    pub(super) profession_key: String,
    pub(super) title: String,
    pub(super) description: Option<String>,
    pub(super) location: Option<String>,
    pub(super) budget_inr: Option<i32>,
    pub(super) required_date: Option<NaiveDate>,
    pub(super) status: LeadStatus,
    pub(super) close_reason: Option<CloseReason>,
    pub(super) review_remarks: Option<String>,
    pub(super) created_at: DateTime<Utc>,
    pub(super) expires_at: Option<DateTime<Utc>>,
    pub(super) approved_at: Option<DateTime<Utc>>,
    pub(super) created_by_user_id: Uuid,
    pub(super) requested_profile_id: Option<Uuid>,
}

impl LeadRow {
    /// The lead as its customer (or a reviewer) reads it, with these responses.
    pub(super) fn view(self, max_responses: i32, responses: Vec<ResponseCard>) -> LeadView {
        LeadView {
            id: self.id,
            profession_key: self.profession_key,
            title: self.title,
            description: self.description.unwrap_or_default(),
            location: self.location,
            budget_inr: self.budget_inr,
            required_date: self.required_date,
            status: self.status,
            close_reason: self.close_reason,
            review_remarks: self.review_remarks,
            created_at: self.created_at,
            expires_at: self.expires_at,
            max_responses,
            responses,
        }
    }
}

const LEAD_COLUMNS: &str = "id, profession_key, title, description, location, budget_inr,
    required_date, status, close_reason, review_remarks, created_at, expires_at, approved_at,
    created_by_user_id, requested_profile_id";

/// The lead, locked for the rest of the caller's transaction.
pub(super) async fn lock_lead(conn: &mut PgConnection, id: Uuid) -> AppResult<Option<LeadRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {LEAD_COLUMNS} FROM leads WHERE id = $1 FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

pub(super) async fn lead_row(db: impl PgExecutor<'_>, id: Uuid) -> AppResult<Option<LeadRow>> {
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
    status: ResponseStatus,
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
    Some(crate::core::validation::ellipsize(&first, 140))
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
    let responses = cards
        .into_iter()
        .map(|c| {
            let accepted = c.status == ResponseStatus::Accepted;
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
        .collect();
    Ok(lead.view(max_responses, responses))
}
