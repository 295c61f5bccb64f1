//! The public side of jobs: the board (filters, keyset pages), one job's page and a
//! company's public page.
use super::model::{
    Board, BoardQuery, CompanyPage, JobCard, JobCloseReason, JobPage, JobStatus, Pay, BOARD_PAGE,
};
use crate::core::{AppError, AppResult};
use crate::domains::applications::service::response_rate;
use crate::domains::search::model::RatingSummary;
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgPool;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct CardRow {
    id: Uuid,
    title: String,
    company_name: String,
    company_slug: String,
    company_verified: bool,
    location: Option<String>,
    employment_type: String,
    mode_of_work: String,
    budget_inr: Option<i32>,
    salary_range_json: Value,
    approved_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl CardRow {
    fn card(self) -> JobCard {
        JobCard {
            pay: Pay::from_columns(self.budget_inr, &self.salary_range_json)
                .map(Pay::label)
                .unwrap_or_default(),
            id: self.id,
            title: self.title,
            company_name: self.company_name,
            company_slug: self.company_slug,
            company_verified: self.company_verified,
            city: self.location,
            employment_type: self.employment_type,
            mode: self.mode_of_work,
            posted_at: self.approved_at.unwrap_or(self.created_at),
        }
    }
}

const CARD_COLUMNS: &str = "j.id, j.title, c.company_name, c.slug AS company_slug,
    (c.approval_status = 'APPROVED' AND c.verification_status = 'VERIFIED') AS company_verified,
    j.location, j.employment_type, j.mode_of_work, j.budget_inr, j.salary_range_json,
    j.approved_at, j.created_at";

/// The board's cursor: the last card's approval time (microseconds) and id.
fn encode_cursor(at: DateTime<Utc>, id: Uuid) -> String {
    format!("{}_{}", at.timestamp_micros(), id.simple())
}

fn decode_cursor(s: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let (micros, id) = s.split_once('_')?;
    let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
    Some((at, Uuid::parse_str(id).ok()?))
}

/// Escapes `%`, `_` and `\` for a LIKE pattern.
fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// One page of LIVE jobs matching `q`, newest approval first. `after` is the previous
/// page's `next` (an unreadable cursor starts from the top).
pub async fn board(pool: &PgPool, q: &BoardQuery, after: Option<&str>) -> AppResult<Board> {
    let cursor = after.and_then(decode_cursor);
    let rows: Vec<CardRow> = sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS}
           FROM jobs j JOIN company_profiles c ON c.id = j.company_profile_id
          WHERE j.status = 'LIVE' AND j.expires_at > now()
            AND ($1::text IS NULL OR j.location = $1)
            AND ($2::text IS NULL OR j.employment_type = $2)
            AND ($3::text IS NULL OR j.mode_of_work = $3)
            AND ($4::bigint IS NULL OR j.pay_max_inr >= $4)
            AND ($5::text IS NULL OR j.title ILIKE $5 OR j.description ILIKE $5
                 OR c.company_name ILIKE $5)
            AND ($6::timestamptz IS NULL OR (j.approved_at, j.id) < ($6, $7))
          ORDER BY j.approved_at DESC, j.id DESC
          LIMIT $8"
    ))
    .bind(q.city.as_deref())
    .bind(q.employment_type.map(|t| t.as_str()))
    .bind(q.mode.map(|m| m.as_str()))
    .bind(q.min_pay)
    .bind(q.q.as_deref().map(like_pattern))
    .bind(cursor.map(|c| c.0))
    .bind(cursor.map(|c| c.1))
    .bind(BOARD_PAGE + 1)
    .fetch_all(pool)
    .await?;
    let more = rows.len() as i64 > BOARD_PAGE;
    let jobs: Vec<JobCard> = rows
        .into_iter()
        .take(BOARD_PAGE as usize)
        .map(CardRow::card)
        .collect();
    let next = if more {
        jobs.last().map(|j| encode_cursor(j.posted_at, j.id))
    } else {
        None
    };
    Ok(Board { jobs, next })
}

#[derive(sqlx::FromRow)]
struct PageRow {
    #[sqlx(flatten)]
    card: CardRow,
    description: Option<String>,
    status: JobStatus,
    close_reason: Option<JobCloseReason>,
    expires_at: Option<DateTime<Utc>>,
    company_id: Uuid,
    company_city: Option<String>,
    company_industry: Option<String>,
    owner: Uuid,
}

/// One job's page. LIVE (and CLOSED) jobs are public; a draft or one in review only
/// shows to its company.
pub async fn job_page(
    pool: &PgPool,
    id: Uuid,
    viewer: Option<Uuid>,
    base_url: &str,
) -> AppResult<JobPage> {
    let not_found = || AppError::not_found("That job");
    let row: PageRow = sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS}, j.description, j.status, j.close_reason, j.expires_at,
                c.id AS company_id, c.location AS company_city, c.industry AS company_industry,
                c.user_id AS owner
           FROM jobs j JOIN company_profiles c ON c.id = j.company_profile_id
          WHERE j.id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or_else(not_found)?;
    let own = viewer == Some(row.owner);
    if !own && !matches!(row.status, JobStatus::Live | JobStatus::Closed) {
        return Err(not_found());
    }
    let response_rate = response_rate(pool, row.company_id).await?;
    Ok(JobPage {
        card: row.card.card(),
        description: row.description.unwrap_or_default(),
        status: row.status,
        close_reason: row.close_reason,
        expires_at: row.expires_at,
        company_city: row.company_city,
        company_industry: row.company_industry,
        response_rate,
        own,
        base_url: base_url.to_owned(),
    })
}

#[derive(sqlx::FromRow)]
struct CompanyRow {
    id: Uuid,
    slug: String,
    company_name: String,
    industry: Option<String>,
    business_type: Option<String>,
    location: Option<String>,
    bio: Option<String>,
    verified: bool,
    listed: bool,
    member_since: DateTime<Utc>,
    owner: Uuid,
    review_count: Option<i32>,
    rating_sum: Option<i32>,
    stars: Option<Vec<i32>>,
}

/// Live jobs on a company page at most.
const COMPANY_JOBS: i64 = 50;

/// A company's public page: approved companies are public, the owner also sees theirs
/// before approval (as a preview).
pub async fn company_page(
    pool: &PgPool,
    slug: &str,
    viewer: Option<Uuid>,
    base_url: &str,
) -> AppResult<CompanyPage> {
    let not_found = || AppError::not_found("That company");
    let row: CompanyRow = sqlx::query_as(
        "SELECT c.id, c.slug, c.company_name, c.industry, c.business_type, c.location, c.bio,
                (c.approval_status = 'APPROVED' AND c.verification_status = 'VERIFIED') AS verified,
                (c.status = 'ACTIVE' AND c.approval_status = 'APPROVED') AS listed,
                u.created_at AS member_since, c.user_id AS owner,
                s.review_count, s.rating_sum,
                ARRAY[coalesce(s.stars_5, 0), coalesce(s.stars_4, 0), coalesce(s.stars_3, 0),
                      coalesce(s.stars_2, 0), coalesce(s.stars_1, 0)] AS stars
           FROM company_profiles c JOIN users u ON u.id = c.user_id
           LEFT JOIN review_stats s ON s.entity_type = 'company' AND s.entity_id = c.id
          WHERE c.slug = $1",
    )
    .bind(slug.trim())
    .fetch_optional(pool)
    .await?
    .ok_or_else(not_found)?;
    let own = viewer == Some(row.owner);
    if !row.listed && !own {
        return Err(not_found());
    }
    let jobs: Vec<CardRow> = sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS}
           FROM jobs j JOIN company_profiles c ON c.id = j.company_profile_id
          WHERE j.company_profile_id = $1 AND j.status = 'LIVE' AND j.expires_at > now()
          ORDER BY j.approved_at DESC, j.id DESC
          LIMIT $2"
    ))
    .bind(row.id)
    .bind(COMPANY_JOBS)
    .fetch_all(pool)
    .await?;
    let response_rate = response_rate(pool, row.id).await?;
    let count = i64::from(row.review_count.unwrap_or(0));
    let mut histogram = [0_i64; 5];
    for (slot, n) in histogram.iter_mut().zip(row.stars.unwrap_or_default()) {
        *slot = i64::from(n);
    }
    let rating = RatingSummary {
        average: if count > 0 {
            f64::from(row.rating_sum.unwrap_or(0)) / count as f64
        } else {
            0.0
        },
        count,
        histogram,
    };
    Ok(CompanyPage {
        id: row.id,
        slug: row.slug,
        name: row.company_name,
        industry: row.industry,
        business_type: row.business_type,
        city: row.location,
        bio: row.bio.filter(|b| !b.trim().is_empty()),
        verified: row.verified,
        member_since: row.member_since,
        jobs: jobs.into_iter().map(CardRow::card).collect(),
        response_rate,
        rating,
        own,
        base_url: base_url.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_ignored() {
        let at = DateTime::from_timestamp_micros(1_790_000_000_123_456).unwrap_or_default();
        let id = Uuid::from_u128(42);
        assert_eq!(decode_cursor(&encode_cursor(at, id)), Some((at, id)));
        assert_eq!(decode_cursor("nonsense"), None);
        assert_eq!(decode_cursor("12_notauuid"), None);
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("50%_off"), "%50\\%\\_off%");
    }
}
