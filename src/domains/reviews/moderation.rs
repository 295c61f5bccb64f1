//! Moderating reviews: the queue (new reviews, reported reviews) and the decision.
//!
//! A decision locks the review row, so two moderators deciding at once take turns and
//! the second one sees the first one's status. When a review enters or leaves
//! PUBLISHED, its party's `review_stats` row moves by one review in the same
//! transaction (and, for a professional, the search row is recomputed from it), so
//! public pages and search read one kept row instead of counting reviews.
use super::model::ReviewStatus;
use super::model::{
    public_path, Decision, EntityType, ModerationInput, QueueFilter, QueueItem, ReportView,
};
use super::service::{lock_review, MODULE};
use crate::core::capability::MODERATE_REVIEWS;
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
use crate::server::notify::{self, Notice, Outgoing};
use chrono::{DateTime, Utc};
use sqlx::{types::Json, PgConnection, PgPool};
use uuid::Uuid;

/// What a decision did: the review's status now, and the e-mails to send after commit.
#[derive(Debug)]
pub struct Moderated {
    pub status: ReviewStatus,
    pub outgoing: Vec<Outgoing>,
}

/// Publishes or hides a review (capability `reviews.moderate`). Publishing a review
/// that is already published keeps it and dismisses its reports; every decision
/// resolves the review's open reports.
pub async fn moderate(
    pool: &PgPool,
    staff: &CurrentUser,
    review_id: Uuid,
    input: &ModerationInput,
    meta: &RequestMeta,
) -> AppResult<Moderated> {
    staff.require(MODERATE_REVIEWS)?;
    let mut tx = pool.begin().await?;
    let review = lock_review(&mut tx, review_id)
        .await?
        .ok_or_else(|| AppError::not_found("That review"))?;
    if review.reviewer_user_id == staff.id || review.owner == Some(staff.id) {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "You cannot moderate a review you wrote or one about you. Ask another moderator.",
        ));
    }
    let old = review.status;
    let new = input.decision.status();
    let open_reports: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM review_reports WHERE review_id = $1 AND status = 'OPEN'",
    )
    .bind(review_id)
    .fetch_one(&mut *tx)
    .await?;
    if old == new && open_reports == 0 {
        return Err(AppError::new(
            ErrorCode::Conflict,
            match input.decision {
                Decision::Publish => "This review is already published.",
                Decision::Hide => "This review is already hidden.",
            },
        ));
    }
    sqlx::query(
        "UPDATE reviews SET status = $2, moderation_reason = $3, moderated_by_user_id = $4,
                            moderated_at = now()
          WHERE id = $1",
    )
    .bind(review_id)
    .bind(new)
    .bind(input.reason.as_deref())
    .bind(staff.id)
    .execute(&mut *tx)
    .await?;
    let delta = match (
        old == ReviewStatus::Published,
        new == ReviewStatus::Published,
    ) {
        (false, true) => 1,
        (true, false) => -1,
        _ => 0,
    };
    if delta != 0 {
        apply_stats(
            &mut tx,
            &review.entity_type,
            review.entity_id,
            review.rating,
            delta,
        )
        .await?;
        if review.entity_type == EntityType::Professional.as_str() {
            crate::domains::search::index::refresh(&mut tx, review.entity_id).await?;
        }
    }
    sqlx::query(
        "UPDATE review_reports SET status = 'RESOLVED', resolved_by_user_id = $2,
                                   resolved_at = now()
          WHERE review_id = $1 AND status = 'OPEN'",
    )
    .bind(review_id)
    .bind(staff.id)
    .execute(&mut *tx)
    .await?;
    let name = review.name.clone().unwrap_or_default();
    let summary = match (old == new, input.decision) {
        (true, _) => format!("dismissed {open_reports} report(s) of a published review"),
        (false, Decision::Publish) => "published a review".to_owned(),
        (false, Decision::Hide) => "hid a review".to_owned(),
    };
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(staff.id),
            match input.decision {
                Decision::Publish => Action::Approve,
                Decision::Hide => Action::Reject,
            },
            "review",
            Some(review_id),
            MODULE,
            summary,
            meta,
        )
        .label(name.clone())
        .change(Change::new(
            "status",
            Some(old.to_string()),
            Some(new.to_string()),
        )),
    )
    .await?;
    let entity = EntityType::parse(&review.entity_type);
    let link = entity
        .zip(review.slug.as_deref())
        .map(|(e, slug)| format!("{}#reviews", public_path(e, slug)));
    let mut outgoing = Vec::new();
    if old != new {
        let notice = match input.decision {
            Decision::Publish => review.owner.map(|owner| Notice {
                user_id: owner,
                template_key: "review_published",
                title: format!("A new review of {name} is published"),
                body: format!(
                    "A {}-star review is now on your public page. You can reply to it once.",
                    review.rating
                ),
                entity_type: "review",
                entity_id: review_id,
                link_path: link.clone(),
                vars: Vec::new(),
            }),
            Decision::Hide => Some(Notice {
                user_id: review.reviewer_user_id,
                template_key: "review_hidden",
                title: format!("Your review of {name} was not published"),
                body: input.reason.clone().unwrap_or_default(),
                entity_type: "review",
                entity_id: review_id,
                link_path: link,
                vars: vec![("remarks", input.reason.clone().unwrap_or_default())],
            }),
        };
        if let Some(notice) = notice {
            outgoing.push(notify::record(&mut tx, notice).await?);
        }
    }
    tx.commit().await?;
    Ok(Moderated {
        status: new.to_owned(),
        outgoing,
    })
}

/// Moves the party's kept counts by one review of `rating` stars (`delta` ±1).
pub(super) async fn apply_stats(
    conn: &mut PgConnection,
    entity_type: &str,
    entity_id: Uuid,
    rating: i16,
    delta: i32,
) -> AppResult<()> {
    if delta > 0 {
        sqlx::query(
            "INSERT INTO review_stats AS s (entity_type, entity_id, review_count, rating_sum,
                                            stars_1, stars_2, stars_3, stars_4, stars_5)
             VALUES ($1, $2, 1, $3, ($3 = 1)::int, ($3 = 2)::int, ($3 = 3)::int,
                     ($3 = 4)::int, ($3 = 5)::int)
             ON CONFLICT (entity_type, entity_id) DO UPDATE
                SET review_count = s.review_count + 1,
                    rating_sum = s.rating_sum + EXCLUDED.rating_sum,
                    stars_1 = s.stars_1 + EXCLUDED.stars_1,
                    stars_2 = s.stars_2 + EXCLUDED.stars_2,
                    stars_3 = s.stars_3 + EXCLUDED.stars_3,
                    stars_4 = s.stars_4 + EXCLUDED.stars_4,
                    stars_5 = s.stars_5 + EXCLUDED.stars_5",
        )
        .bind(entity_type)
        .bind(entity_id)
        .bind(i32::from(rating))
        .execute(&mut *conn)
        .await?;
        return Ok(());
    }
    let done = sqlx::query(
        "UPDATE review_stats
            SET review_count = review_count - 1, rating_sum = rating_sum - $3,
                stars_1 = stars_1 - ($3 = 1)::int, stars_2 = stars_2 - ($3 = 2)::int,
                stars_3 = stars_3 - ($3 = 3)::int, stars_4 = stars_4 - ($3 = 4)::int,
                stars_5 = stars_5 - ($3 = 5)::int
          WHERE entity_type = $1 AND entity_id = $2",
    )
    .bind(entity_type)
    .bind(entity_id)
    .bind(i32::from(rating))
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        // A published review always has a row; rebuild it rather than lose the change.
        tracing::warn!(%entity_id, entity_type, "review_stats row missing; recounting");
        recount(conn, entity_type, entity_id).await?;
    }
    Ok(())
}

/// Sets the party's kept counts from its PUBLISHED reviews.
pub async fn recount(conn: &mut PgConnection, entity_type: &str, entity_id: Uuid) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO review_stats AS s (entity_type, entity_id, review_count, rating_sum,
                                        stars_1, stars_2, stars_3, stars_4, stars_5)
         SELECT $1, $2, count(*), coalesce(sum(rating), 0),
                count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2),
                count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4),
                count(*) FILTER (WHERE rating = 5)
           FROM reviews WHERE entity_type = $1 AND entity_id = $2 AND status = 'PUBLISHED'
         ON CONFLICT (entity_type, entity_id) DO UPDATE
            SET review_count = EXCLUDED.review_count, rating_sum = EXCLUDED.rating_sum,
                stars_1 = EXCLUDED.stars_1, stars_2 = EXCLUDED.stars_2,
                stars_3 = EXCLUDED.stars_3, stars_4 = EXCLUDED.stars_4,
                stars_5 = EXCLUDED.stars_5",
    )
    .bind(entity_type)
    .bind(entity_id)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    id: Uuid,
    entity_type: String,
    entity_name: String,
    slug: Option<String>,
    reviewer: String,
    rating: i16,
    text: String,
    status: ReviewStatus,
    created_at: DateTime<Utc>,
    moderation_reason: Option<String>,
    reports: Json<Vec<ReportView>>,
}

/// Items per queue page.
const QUEUE_LIMIT: i64 = 100;

/// The moderation queue: PENDING reviews oldest first, or reviews with open reports,
/// the longest-waiting report first.
pub async fn queue(
    pool: &PgPool,
    staff: &CurrentUser,
    filter: QueueFilter,
) -> AppResult<Vec<QueueItem>> {
    staff.require(MODERATE_REVIEWS)?;
    let (condition, order) = match filter {
        QueueFilter::Pending => ("r.status = 'PENDING'", "r.created_at, r.id"),
        QueueFilter::Reported => (
            "EXISTS (SELECT 1 FROM review_reports x WHERE x.review_id = r.id AND x.status = 'OPEN')",
            "(SELECT min(x.created_at) FROM review_reports x
               WHERE x.review_id = r.id AND x.status = 'OPEN'), r.id",
        ),
    };
    let rows: Vec<QueueRow> = sqlx::query_as(&format!(
        "SELECT r.id, r.entity_type,
                coalesce(p.display_name, c.company_name, 'Removed profile') AS entity_name,
                coalesce(p.slug, c.slug) AS slug,
                coalesce(nullif(s.settings_json->>'display_name', ''), u.email) AS reviewer,
                r.rating, coalesce(r.review_text, '') AS text, r.status, r.created_at,
                r.moderation_reason,
                coalesce((SELECT jsonb_agg(jsonb_build_object('reason', x.reason,
                                                              'details', x.details,
                                                              'created_at', x.created_at)
                                           ORDER BY x.created_at)
                            FROM review_reports x
                           WHERE x.review_id = r.id AND x.status = 'OPEN'), '[]') AS reports
           FROM reviews r
           JOIN users u ON u.id = r.reviewer_user_id
           LEFT JOIN user_settings s ON s.user_id = r.reviewer_user_id
           LEFT JOIN user_role_profiles p ON r.entity_type = 'professional' AND p.id = r.entity_id
           LEFT JOIN company_profiles c ON r.entity_type = 'company' AND c.id = r.entity_id
          WHERE {condition}
          ORDER BY {order}
          LIMIT {QUEUE_LIMIT}"
    ))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| QueueItem {
            page_path: EntityType::parse(&r.entity_type)
                .zip(r.slug.as_deref())
                .map(|(e, slug)| public_path(e, slug)),
            id: r.id,
            entity_type: r.entity_type,
            entity_name: r.entity_name,
            reviewer: r.reviewer,
            rating: r.rating,
            text: r.text,
            status: r.status,
            created_at: r.created_at,
            moderation_reason: r.moderation_reason,
            reports: r.reports.0,
        })
        .collect())
}

/// How many reviews wait: (pending, with open reports).
pub async fn queue_counts(pool: &PgPool, staff: &CurrentUser) -> AppResult<(i64, i64)> {
    staff.require(MODERATE_REVIEWS)?;
    Ok(sqlx::query_as(
        "SELECT (SELECT count(*) FROM reviews WHERE status = 'PENDING'),
                (SELECT count(DISTINCT review_id) FROM review_reports WHERE status = 'OPEN')",
    )
    .fetch_one(pool)
    .await?)
}
