//! The public profile page's data: read from the source tables (not the index), so the
//! page is complete, and refused unless the profile is listed or the viewer owns it.
use super::index::LISTED;
use super::model::{ProfileFact, PublicPortfolioItem, PublicProfile, PublicService, RatingSummary};
use crate::core::{AppError, AppResult};
use crate::domains::profiles::spec::{role_spec, FieldKind, FieldSpec, FieldValue, RoleSpec};
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgPool;
use uuid::Uuid;

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
    verification_status: String,
    verified_at: Option<DateTime<Utc>>,
    member_since: DateTime<Utc>,
    listed: bool,
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
    let sql = format!(
        "SELECT p.id, p.user_id, p.role_key, p.slug, p.display_name, p.bio, p.location,
                p.avatar_url, p.verification_status, p.verified_at,
                u.created_at AS member_since, ({LISTED}) AS listed
           FROM user_role_profiles p JOIN users u ON u.id = p.user_id
          WHERE p.slug = $1"
    );
    let row: ProfileRow = sqlx::query_as(&sql)
        .bind(slug)
        .fetch_optional(pool)
        .await?
        .ok_or_else(not_found)?;
    let preview = !row.listed;
    if preview && viewer != Some(row.user_id) {
        return Err(not_found());
    }
    let spec = role_spec(&row.role_key).ok_or_else(not_found)?;
    let facts = facts(pool, spec, row.id).await?;
    let services: Vec<(String, Option<String>, i32, Option<i32>)> = sqlx::query_as(
        "SELECT name, description, price, duration_minutes FROM services
          WHERE user_role_profile_id = $1 AND is_active ORDER BY price, name",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await?;
    let portfolio = portfolio(pool, row.id).await?;
    let rating = rating(pool, row.id).await?;
    let cover_url = portfolio.iter().find_map(|i| i.images.first().cloned());
    let verified = row.verification_status == "VERIFIED";
    Ok(PublicProfile {
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
        services: services
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
        rating,
        preview,
        base_url: base_url.to_owned(),
    })
}

/// The role fields with something to show, labelled, in spec order.
async fn facts(pool: &PgPool, spec: &RoleSpec, profile_id: Uuid) -> AppResult<Vec<ProfileFact>> {
    let sql = format!(
        "SELECT to_jsonb(x) FROM {} x WHERE x.user_role_profile_id = $1",
        spec.table
    );
    let row: Option<Value> = sqlx::query_scalar(&sql)
        .bind(profile_id)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else {
        return Ok(Vec::new());
    };
    Ok(spec
        .fields
        .iter()
        .filter_map(|f| {
            let value = field_value(f, row.get(f.key)?)?;
            Some(ProfileFact {
                label: f.label.to_owned(),
                value: value.display(f)?,
            })
        })
        .collect())
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

async fn portfolio(pool: &PgPool, profile_id: Uuid) -> AppResult<Vec<PublicPortfolioItem>> {
    let items: Vec<(Uuid, String, Option<String>)> = sqlx::query_as(
        "SELECT id, title, description FROM portfolio_items
          WHERE user_role_profile_id = $1 ORDER BY display_order, created_at, id",
    )
    .bind(profile_id)
    .fetch_all(pool)
    .await?;
    let ids: Vec<Uuid> = items.iter().map(|i| i.0).collect();
    let images: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT portfolio_item_id, file_url FROM portfolio_images
          WHERE portfolio_item_id = ANY($1) ORDER BY display_order, created_at, id",
    )
    .bind(&ids)
    .fetch_all(pool)
    .await?;
    Ok(items
        .into_iter()
        .map(|(id, title, description)| PublicPortfolioItem {
            title,
            description,
            images: images
                .iter()
                .filter(|(item, _)| *item == id)
                .map(|(_, url)| url.clone())
                .collect(),
        })
        .collect())
}

async fn rating(pool: &PgPool, profile_id: Uuid) -> AppResult<RatingSummary> {
    let counts: Vec<(i16, i64)> = sqlx::query_as(
        "SELECT rating, count(*) FROM reviews
          WHERE entity_type = 'professional' AND entity_id = $1 AND status = 'PUBLISHED'
          GROUP BY rating",
    )
    .bind(profile_id)
    .fetch_all(pool)
    .await?;
    let mut summary = RatingSummary::default();
    let mut total = 0i64;
    for (stars, n) in counts {
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
        // Rounded to two places, as in the search index.
        let hundredths = (total * 100 * 2 + summary.count) / (summary.count * 2);
        summary.average = hundredths as f64 / 100.0;
    }
    Ok(summary)
}
