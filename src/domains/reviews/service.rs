//! Reviews on the server.
//!
//! - Only someone who dealt with the reviewed party may review it, once: a customer after
//!   accepting a professional's response to their request; a candidate or professional
//!   after an application to a company reached the interview or offer stage
//!   ([`eligibility`]). The interaction is stored with the review (`basis_*`).
//! - A review starts PENDING; a moderator publishes or hides it (`moderation`), which
//!   also keeps `review_stats` (what public pages and search read) in step.
//! - The reviewed party may reply once to a published review; anyone signed in may
//!   report one, which puts it in the moderators' "Reported" queue.
use super::model::ReviewStatus;
use super::model::{
    cursor, public_path, short_name, summary_from, EntityType, RatingSummary, ReplyView,
    ReportInput, ReviewInput, ReviewItem, PAGE,
};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use crate::domains::audit::service::{self as audit, Action, Entry, RequestMeta};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

pub use super::moderation::{moderate, queue, queue_counts, Moderated};

/// The audit module: `audit_logs.module_key` has no `reviews`, and reviews belong to
/// the public pages of profiles (professional and company).
pub(super) const MODULE: &str = "profiles";

/// The interaction that allows a review (`reviews.basis_type`, `basis_id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// An ACCEPTED response (`lead_requests.id`) to one of the reviewer's leads.
    LeadRequest(Uuid),
    /// An application (`job_applications.id`) that reached INTERVIEW or OFFERED.
    JobApplication(Uuid),
}

impl Basis {
    pub fn kind(self) -> &'static str {
        match self {
            Basis::LeadRequest(_) => "LEAD_REQUEST",
            Basis::JobApplication(_) => "JOB_APPLICATION",
        }
    }

    pub fn id(self) -> Uuid {
        match self {
            Basis::LeadRequest(id) | Basis::JobApplication(id) => id,
        }
    }
}

/// A reviewed party: who owns it, its name and its public address.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Party {
    pub id: Uuid,
    pub owner: Uuid,
    pub name: String,
    pub slug: String,
}

/// The professional profile or company `id`, if it exists.
pub async fn party(
    conn: &mut PgConnection,
    entity: EntityType,
    id: Uuid,
) -> AppResult<Option<Party>> {
    let sql = match entity {
        EntityType::Professional => {
            "SELECT id, user_id AS owner, display_name AS name, slug
               FROM user_role_profiles WHERE id = $1"
        }
        EntityType::Company => {
            "SELECT id, user_id AS owner, company_name AS name, slug
               FROM company_profiles WHERE id = $1"
        }
    };
    Ok(sqlx::query_as(sql).bind(id).fetch_optional(conn).await?)
}

/// The professional profile or company at `slug`.
pub async fn party_by_slug(
    pool: &PgPool,
    entity: EntityType,
    slug: &str,
) -> AppResult<Option<Party>> {
    let sql = match entity {
        EntityType::Professional => {
            "SELECT id, user_id AS owner, display_name AS name, slug
               FROM user_role_profiles WHERE slug = $1"
        }
        EntityType::Company => {
            "SELECT id, user_id AS owner, company_name AS name, slug
               FROM company_profiles WHERE slug = $1"
        }
    };
    Ok(sqlx::query_as(sql).bind(slug).fetch_optional(pool).await?)
}

fn not_found(entity: EntityType) -> AppError {
    match entity {
        EntityType::Professional => AppError::not_found("That professional"),
        EntityType::Company => AppError::not_found("That company"),
    }
}

/// Whether `reviewer` may review the professional or company `entity_id`, and on what
/// basis; FORBIDDEN with the reason when not.
pub async fn eligibility(
    pool: &PgPool,
    reviewer: Uuid,
    entity: EntityType,
    entity_id: Uuid,
) -> AppResult<Basis> {
    let mut conn = pool.acquire().await?;
    let party = party(&mut conn, entity, entity_id)
        .await?
        .ok_or_else(|| not_found(entity))?;
    basis(&mut conn, reviewer, entity, &party).await
}

async fn basis(
    conn: &mut PgConnection,
    reviewer: Uuid,
    entity: EntityType,
    party: &Party,
) -> AppResult<Basis> {
    if party.owner == reviewer {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "You cannot review yourself.",
        ));
    }
    match entity {
        EntityType::Professional => {
            let id: Option<Uuid> = sqlx::query_scalar(
                "SELECT r.id FROM lead_requests r JOIN leads l ON l.id = r.lead_id
                  WHERE l.created_by_user_id = $1 AND r.user_role_profile_id = $2
                    AND r.status = 'ACCEPTED'
                  ORDER BY r.decided_at DESC NULLS LAST, r.id
                  LIMIT 1",
            )
            .bind(reviewer)
            .bind(party.id)
            .fetch_optional(&mut *conn)
            .await?;
            id.map(Basis::LeadRequest).ok_or_else(|| {
                AppError::new(
                    ErrorCode::Forbidden,
                    "You can review a professional after they have responded to one of your requests and you accepted the response.",
                )
            })
        }
        EntityType::Company => {
            let id: Option<Uuid> = sqlx::query_scalar(
                "SELECT a.id FROM job_applications a JOIN jobs j ON j.id = a.job_id
                  WHERE a.applicant_user_id = $1 AND j.company_profile_id = $2
                    AND (a.status IN ('INTERVIEW', 'OFFERED')
                         OR EXISTS (SELECT 1 FROM job_application_events e
                                     WHERE e.job_application_id = a.id
                                       AND e.to_status IN ('INTERVIEW', 'OFFERED')))
                  ORDER BY a.applied_at DESC, a.id
                  LIMIT 1",
            )
            .bind(reviewer)
            .bind(party.id)
            .fetch_optional(&mut *conn)
            .await?;
            id.map(Basis::JobApplication).ok_or_else(|| {
                AppError::new(
                    ErrorCode::Forbidden,
                    "You can review a company after one of your applications to it reached the interview or offer stage.",
                )
            })
        }
    }
}

fn already_reviewed(name: &str) -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        format!("You have already reviewed {name}. Each person can review a professional or company once."),
    )
}

/// What the write-a-review page needs: the party, after checking that `reviewer` may
/// review it and has not yet.
pub async fn write_context(
    pool: &PgPool,
    reviewer: Uuid,
    entity: EntityType,
    slug: &str,
) -> AppResult<Party> {
    let party = party_by_slug(pool, entity, slug)
        .await?
        .ok_or_else(|| not_found(entity))?;
    let mut conn = pool.acquire().await?;
    basis(&mut conn, reviewer, entity, &party).await?;
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM reviews
                         WHERE reviewer_user_id = $1 AND entity_type = $2 AND entity_id = $3)",
    )
    .bind(reviewer)
    .bind(entity.as_str())
    .bind(party.id)
    .fetch_one(&mut *conn)
    .await?;
    if exists {
        return Err(already_reviewed(&party.name));
    }
    Ok(party)
}

/// Stores `reviewer`'s review of the party as PENDING, for a moderator. Returns its id.
pub async fn submit(
    pool: &PgPool,
    reviewer: &CurrentUser,
    entity: EntityType,
    entity_id: Uuid,
    input: &ReviewInput,
    meta: &RequestMeta,
) -> AppResult<Uuid> {
    let mut tx = pool.begin().await?;
    let party = party(&mut tx, entity, entity_id)
        .await?
        .ok_or_else(|| not_found(entity))?;
    let basis = basis(&mut tx, reviewer.id, entity, &party).await?;
    let id: Option<Uuid> = sqlx::query_scalar(
        "INSERT INTO reviews (reviewer_user_id, entity_type, entity_id, rating, review_text,
                              basis_type, basis_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT reviews_reviewer_entity_key DO NOTHING
         RETURNING id",
    )
    .bind(reviewer.id)
    .bind(entity.as_str())
    .bind(entity_id)
    .bind(input.rating)
    .bind(&input.text)
    .bind(basis.kind())
    .bind(basis.id())
    .fetch_optional(&mut *tx)
    .await?;
    let id = id.ok_or_else(|| already_reviewed(&party.name))?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(reviewer.id),
            Action::Create,
            "review",
            Some(id),
            MODULE,
            format!(
                "{}-star review of a {} sent for moderation",
                input.rating,
                entity.noun()
            ),
            meta,
        )
        .label(party.name),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The review with who it is about, locked for the caller's transaction.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct LockedReview {
    pub(super) reviewer_user_id: Uuid,
    pub(super) entity_type: String,
    pub(super) entity_id: Uuid,
    pub(super) rating: i16,
    pub(super) status: ReviewStatus,
    pub(super) has_reply: bool,
    pub(super) owner: Option<Uuid>,
    pub(super) name: Option<String>,
    pub(super) slug: Option<String>,
}

pub(super) async fn lock_review(
    conn: &mut PgConnection,
    id: Uuid,
) -> AppResult<Option<LockedReview>> {
    Ok(sqlx::query_as(
        "SELECT r.reviewer_user_id, r.entity_type, r.entity_id, r.rating, r.status,
                r.reply_text IS NOT NULL AS has_reply,
                coalesce(p.user_id, c.user_id) AS owner,
                coalesce(p.display_name, c.company_name) AS name,
                coalesce(p.slug, c.slug) AS slug
           FROM reviews r
           LEFT JOIN user_role_profiles p ON r.entity_type = 'professional' AND p.id = r.entity_id
           LEFT JOIN company_profiles c ON r.entity_type = 'company' AND c.id = r.entity_id
          WHERE r.id = $1
          FOR UPDATE OF r",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// The reviewed party answers a published review, once. Returns the reply as stored.
pub async fn reply(
    pool: &PgPool,
    user: &CurrentUser,
    review_id: Uuid,
    text: &str,
    meta: &RequestMeta,
) -> AppResult<ReplyView> {
    let mut tx = pool.begin().await?;
    let review = lock_review(&mut tx, review_id)
        .await?
        .ok_or_else(|| AppError::not_found("That review"))?;
    if review.owner != Some(user.id) {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "Only the professional or company a review is about can reply to it.",
        ));
    }
    if review.status != ReviewStatus::Published {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "You can reply to a review once it is published.",
        ));
    }
    if review.has_reply {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "You have already replied to this review.",
        ));
    }
    let at: DateTime<Utc> = sqlx::query_scalar(
        "UPDATE reviews SET reply_text = $2, replied_at = now(), replied_by_user_id = $3
          WHERE id = $1 RETURNING replied_at",
    )
    .bind(review_id)
    .bind(text)
    .bind(user.id)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user.id),
            Action::Update,
            "review",
            Some(review_id),
            MODULE,
            "replied to a review",
            meta,
        )
        .label(review.name.unwrap_or_default()),
    )
    .await?;
    tx.commit().await?;
    Ok(ReplyView {
        text: text.to_owned(),
        at,
    })
}

/// Anyone signed in, except its author, reports a published review. One open report
/// per person and review; a report that was resolved may be raised again.
pub async fn report(
    pool: &PgPool,
    user: &CurrentUser,
    review_id: Uuid,
    input: &ReportInput,
    meta: &RequestMeta,
) -> AppResult<Uuid> {
    let mut tx = pool.begin().await?;
    let review: Option<(Uuid, ReviewStatus)> =
        sqlx::query_as("SELECT reviewer_user_id, status FROM reviews WHERE id = $1 FOR SHARE")
            .bind(review_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((reviewer, _)) = review.filter(|(_, s)| *s == ReviewStatus::Published) else {
        return Err(AppError::not_found("That review"));
    };
    if reviewer == user.id {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "You cannot report your own review.",
        ));
    }
    let id: Option<Uuid> = sqlx::query_scalar(
        "INSERT INTO review_reports AS t (review_id, reporter_user_id, reason, details)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT review_reports_review_reporter_key DO UPDATE
            SET reason = EXCLUDED.reason, details = EXCLUDED.details, status = 'OPEN',
                resolved_by_user_id = NULL, resolved_at = NULL, created_at = now()
          WHERE t.status = 'RESOLVED'
         RETURNING id",
    )
    .bind(review_id)
    .bind(user.id)
    .bind(input.reason.as_str())
    .bind(input.details.as_deref())
    .fetch_optional(&mut *tx)
    .await?;
    let id = id.ok_or_else(|| {
        AppError::new(
            ErrorCode::Conflict,
            "You have already reported this review. Our team will look at it.",
        )
    })?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user.id),
            Action::Create,
            "review_report",
            Some(id),
            MODULE,
            format!("reported a review as {}", input.reason.as_str()),
            meta,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: Uuid,
    reviewer_user_id: Uuid,
    reviewer: Option<String>,
    rating: i16,
    review_text: Option<String>,
    created_at: DateTime<Utc>,
    reply_text: Option<String>,
    replied_at: Option<DateTime<Utc>>,
}

/// A page of published reviews of the party, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub items: Vec<ReviewItem>,
    pub next: Option<String>,
}

/// Published reviews of the party, newest first, after the `before` cursor (keyset on
/// `(created_at, id)`, [`PAGE`] at a time). `viewer` marks their own reviews.
pub async fn published(
    pool: &PgPool,
    entity: EntityType,
    entity_id: Uuid,
    before: Option<(DateTime<Utc>, Uuid)>,
    viewer: Option<Uuid>,
) -> AppResult<Published> {
    let (at, id) = before.unzip();
    let rows: Vec<ItemRow> = sqlx::query_as(
        "SELECT r.id, r.reviewer_user_id, s.settings_json->>'display_name' AS reviewer,
                r.rating, r.review_text, r.created_at, r.reply_text, r.replied_at
           FROM reviews r LEFT JOIN user_settings s ON s.user_id = r.reviewer_user_id
          WHERE r.entity_type = $1 AND r.entity_id = $2 AND r.status = 'PUBLISHED'
            AND ($3::timestamptz IS NULL OR (r.created_at, r.id) < ($3, $4))
          ORDER BY r.created_at DESC, r.id DESC
          LIMIT $5",
    )
    .bind(entity.as_str())
    .bind(entity_id)
    .bind(at)
    .bind(id)
    .bind(PAGE + 1)
    .fetch_all(pool)
    .await?;
    let more = rows.len() as i64 > PAGE;
    let items: Vec<ReviewItem> = rows
        .into_iter()
        .take(PAGE as usize)
        .map(|r| ReviewItem {
            id: r.id,
            reviewer: short_name(r.reviewer.as_deref().unwrap_or_default()),
            rating: r.rating,
            text: r.review_text.unwrap_or_default(),
            created_at: r.created_at,
            reply: r
                .reply_text
                .zip(r.replied_at)
                .map(|(text, at)| ReplyView { text, at }),
            mine: viewer == Some(r.reviewer_user_id),
        })
        .collect();
    let next = if more { items.last().map(cursor) } else { None };
    Ok(Published { items, next })
}

/// The party's rating summary: one row of the kept `review_stats`.
pub async fn summary(
    pool: &PgPool,
    entity: EntityType,
    entity_id: Uuid,
) -> AppResult<RatingSummary> {
    let row: Option<(i32, i32, i32, i32, i32, i32, i32)> = sqlx::query_as(
        "SELECT review_count, rating_sum, stars_5, stars_4, stars_3, stars_2, stars_1
           FROM review_stats WHERE entity_type = $1 AND entity_id = $2",
    )
    .bind(entity.as_str())
    .bind(entity_id)
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        Some((count, sum, s5, s4, s3, s2, s1)) => summary_from(
            i64::from(count),
            i64::from(sum),
            [s5, s4, s3, s2, s1].map(i64::from),
        ),
        None => RatingSummary::default(),
    })
}

/// The party's public page.
pub fn page_path(entity: EntityType, party: &Party) -> String {
    public_path(entity, &party.slug)
}
