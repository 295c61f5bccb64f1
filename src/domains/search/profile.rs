//! The public profile page's data: read from the source tables (not the index), so the
//! page is complete, and refused unless the profile is listed or the viewer owns it.
use super::index::LISTED;
use super::model::{ProfileFact, PublicPortfolioItem, PublicProfile, PublicService, RatingSummary};
use crate::core::roles::{role_spec, FieldKind, FieldSpec, FieldValue, RoleSpec, ROLE_SPECS};
use crate::core::{AppError, AppResult};
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::{types::Json, PgPool};
use std::sync::OnceLock;
use uuid::Uuid;

/// `[name, description, price (paise), duration_minutes]`.
type ServiceRow = (String, Option<String>, i32, Option<i32>);

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: Uuid,
    user_id: Uuid,
    role_key: String,
    slug: String,
    display_name: String,
    bio: Option<String>,
    location: Option<String>,
    avatar_url: Option<String>,
    verification_status: crate::core::state::VerificationStatus,
    verified_at: Option<DateTime<Utc>>,
    member_since: DateTime<Utc>,
    listed: bool,
    /// The role's extension row (`to_jsonb`), when there is one.
    fields: Option<Value>,
    /// Active services: `[name, description, price, duration_minutes]`, cheapest first.
    services: Json<Vec<ServiceRow>>,
    portfolio: Json<Vec<PublicPortfolioItem>>,
    /// Published reviews, from the kept `review_stats` row: `[stars, count]`.
    ratings: Json<Vec<(i16, i64)>>,
}

/// The page's one statement: the profile with its role row, services, portfolio and
/// rating counts (the kept `review_stats` row) as JSON, so a page view is a single round trip. The role's extension
/// table is picked by a CASE over every role (built once from `ROLE_SPECS`).
fn page_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let fields: String = ROLE_SPECS
            .iter()
            .map(|spec| {
                format!(
                    " WHEN '{}' THEN (SELECT to_jsonb(x) FROM {} x WHERE x.user_role_profile_id = p.id)",
                    spec.key, spec.table
                )
            })
            .collect();
        format!(
            "SELECT p.id, p.user_id, p.role_key, p.slug, p.display_name, p.bio, p.location,
                    p.avatar_url, p.verification_status, p.verified_at,
                    u.created_at AS member_since, ({LISTED}) AS listed,
                    CASE p.role_key{fields} END AS fields,
                    coalesce((SELECT jsonb_agg(jsonb_build_array(s.name, s.description, s.price,
                                                                 s.duration_minutes)
                                               ORDER BY s.price, s.name)
                                FROM services s
                               WHERE s.user_role_profile_id = p.id AND s.is_active), '[]') AS services,
                    coalesce((SELECT jsonb_agg(jsonb_build_object(
                                         'title', t.title, 'description', t.description,
                                         'images', coalesce((SELECT jsonb_agg(i.file_url
                                                                  ORDER BY i.display_order, i.created_at, i.id)
                                                               FROM portfolio_images i
                                                              WHERE i.portfolio_item_id = t.id), '[]'))
                                       ORDER BY t.display_order, t.created_at, t.id)
                                FROM portfolio_items t
                               WHERE t.user_role_profile_id = p.id), '[]') AS portfolio,
                    coalesce((SELECT jsonb_build_array(
                                         jsonb_build_array(5, st.stars_5), jsonb_build_array(4, st.stars_4),
                                         jsonb_build_array(3, st.stars_3), jsonb_build_array(2, st.stars_2),
                                         jsonb_build_array(1, st.stars_1))
                                FROM review_stats st
                               WHERE st.entity_type = 'professional' AND st.entity_id = p.id), '[]') AS ratings
               FROM user_role_profiles p JOIN users u ON u.id = p.user_id
              WHERE p.slug = $1"
        )
    })
}

/// The profile behind `slug` as the public sees it. NOT_FOUND unless it is listed, or
/// `viewer` owns it (then it comes back marked as a preview).
pub async fn load(
    pool: &PgPool,
    slug: &str,
    viewer: Option<Uuid>,
    base_url: &str,
) -> AppResult<PublicProfile> {
    let not_found = || AppError::not_found("That profile");
    let row: ProfileRow = sqlx::query_as(page_sql())
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or_else(not_found)?;
    let preview = !row.listed;
    if preview && viewer != Some(row.user_id) {
        return Err(not_found());
    }
    let spec = role_spec(&row.role_key).ok_or_else(not_found)?;
    let facts = row
        .fields
        .as_ref()
        .map(|f| facts(spec, f))
        .unwrap_or_default();
    let portfolio = row.portfolio.0;
    let cover_url = portfolio.iter().find_map(|i| i.images.first().cloned());
    let verified = row.verification_status == crate::core::state::VerificationStatus::Verified;
    let contact = super::reveal::panel(pool, viewer, row.id, row.user_id).await?;
    Ok(PublicProfile {
        id: row.id,
        slug: row.slug,
        role_key: row.role_key,
        display_name: row.display_name,
        city: row.location.filter(|l| !l.is_empty()),
        bio: row.bio.filter(|b| !b.trim().is_empty()),
        avatar_url: row.avatar_url,
        cover_url,
        verified_at: if verified { row.verified_at } else { None },
        member_since: row.member_since,
        facts,
        services: row
            .services
            .0
            .into_iter()
            .map(
                |(name, description, price, duration_minutes)| PublicService {
                    name,
                    description,
                    price: i64::from(price),
                    duration_minutes,
                },
            )
            .collect(),
        portfolio,
        rating: rating(&row.ratings.0),
        preview,
        base_url: base_url.to_owned(),
        contact,
    })
}

/// The role fields with something to show, labelled, in spec order.
fn facts(spec: &RoleSpec, row: &Value) -> Vec<ProfileFact> {
    spec.fields
        .iter()
        .filter_map(|f| {
            let value = field_value(f, row.get(f.key)?)?;
            Some(ProfileFact {
                label: f.label.to_owned(),
                value: value.display(f)?,
            })
        })
        .collect()
}

/// A column of the extension row (as JSON) typed by its field spec.
pub fn field_value(f: &FieldSpec, v: &Value) -> Option<FieldValue> {
    Some(match f.kind {
        FieldKind::Tags { .. } => FieldValue::Tags(
            v.as_array()?
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect(),
        ),
        FieldKind::Flag => FieldValue::Flag(v.as_bool()?),
        FieldKind::Number { .. } => {
            FieldValue::Number(v.as_i64().and_then(|n| i32::try_from(n).ok()))
        }
        FieldKind::Money { .. } => FieldValue::Money(v.as_i64()),
        FieldKind::Choice { .. } => FieldValue::Choice(v.as_str()?.to_owned()),
        FieldKind::Text { .. } => FieldValue::Text(v.as_str().map(str::to_owned)),
    })
}

/// The average (two places, as in the search index) and histogram of `[stars, count]`.
fn rating(counts: &[(i16, i64)]) -> RatingSummary {
    let mut summary = RatingSummary::default();
    let mut total = 0i64;
    for &(stars, n) in counts {
        if let Some(slot) = usize::try_from(5 - stars)
            .ok()
            .and_then(|i| summary.histogram.get_mut(i))
        {
            *slot = n;
            summary.count += n;
            total += i64::from(stars) * n;
        }
    }
    if summary.count > 0 {
        let hundredths = (total * 100 * 2 + summary.count) / (summary.count * 2);
        summary.average = hundredths as f64 / 100.0;
    }
    summary
}
