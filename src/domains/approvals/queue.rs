//! Reading the approval queue: the filtered list and everything one request shows a
//! reviewer (the submitted profile rendered through its `RoleSpec`).
use super::model::{
    ApprovalDetail, ApprovalFilter, ApprovalPage, ApprovalRow, CompanySubmission, EarlierRequest,
    ImageView, LogLine, PortfolioView, ProfileSubmission, ServiceView, PAGE_SIZE,
};
use crate::core::roles::{role_spec, FieldKind, FieldSpec, FieldValue, RoleSpec};
use crate::core::state::{ApprovalStatus, ProfileStatus, VerificationStatus};
use crate::core::{media::thumb_url, money::Paise, AppError, AppResult};
use serde_json::Value;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

/// The entity each request is about (one of these joins matches), and its submitter.
const JOINS: &str = "
  FROM approval_requests ar
  LEFT JOIN user_role_profiles p ON ar.entity_type = 'profile' AND p.id = ar.entity_id
  LEFT JOIN company_profiles c ON ar.entity_type = 'company' AND c.id = ar.entity_id
  LEFT JOIN leads l ON ar.entity_type = 'lead' AND l.id = ar.entity_id
  LEFT JOIN jobs j ON ar.entity_type = 'job' AND j.id = ar.entity_id
  JOIN users u ON u.id = ar.submitted_by_user_id
  LEFT JOIN user_settings us ON us.user_id = u.id";

/// The requests this queue decides, with the name to show and who submitted them.
const FILTER: &str = "
 WHERE ar.entity_type = ANY($5)
   AND ar.status = $1
   AND ($2::text IS NULL OR ar.entity_type = $2)
   AND ($3::text IS NULL OR COALESCE(p.role_key, l.profession_key) = $3)
   AND ($4::text IS NULL OR COALESCE(p.display_name, c.company_name, l.title, j.title) ILIKE $4 ESCAPE '\\')";

const ROW_COLUMNS: &str = "SELECT ar.id, ar.entity_type, ar.entity_id, ar.status,
        COALESCE(p.display_name, c.company_name, l.title, j.title, '(deleted)') AS display_name,
        COALESCE(p.role_key, l.profession_key) AS role_key,
        COALESCE(us.settings_json->>'display_name', u.email) AS submitted_by_name,
        ar.submitted_at,
        (EXTRACT(EPOCH FROM now() - ar.submitted_at) / 60)::bigint AS age_minutes";

/// `%text%` for ILIKE with the user's own wildcards taken literally.
pub fn contains_pattern(q: &str) -> String {
    let escaped = q
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// One page of the queue, oldest first, of the entity `types` the reviewer decides.
pub async fn list(
    pool: &PgPool,
    filter: &ApprovalFilter,
    types: &[String],
) -> AppResult<ApprovalPage> {
    let pattern = filter.q.as_deref().map(contains_pattern);
    let offset = i64::from(filter.page.saturating_sub(1)) * PAGE_SIZE;
    let mut rows: Vec<ApprovalRow> = sqlx::query_as(&format!(
        "{ROW_COLUMNS} {JOINS} {FILTER} ORDER BY ar.submitted_at, ar.id LIMIT $6 OFFSET $7"
    ))
    .bind(&filter.status)
    .bind(&filter.entity_type)
    .bind(&filter.role)
    .bind(&pattern)
    .bind(types)
    .bind(PAGE_SIZE + 1)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {JOINS} {FILTER}"))
        .bind(&filter.status)
        .bind(&filter.entity_type)
        .bind(&filter.role)
        .bind(&pattern)
        .bind(types)
        .fetch_one(pool)
        .await?;
    let has_more = rows.len() > usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
    rows.truncate(usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX));
    Ok(ApprovalPage {
        rows,
        total,
        page: filter.page,
        has_more,
    })
}

/// How many requests of the entity `types` wait for a decision.
pub async fn count_pending(pool: &PgPool, types: &[String]) -> AppResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM approval_requests
          WHERE status = 'PENDING' AND entity_type = ANY($1)",
    )
    .bind(types)
    .fetch_one(pool)
    .await?)
}

/// One request (of the entity `types` the viewer decides) with its history, as `viewer`
/// sees it.
pub async fn detail(
    pool: &PgPool,
    id: Uuid,
    viewer: Uuid,
    types: &[String],
) -> AppResult<ApprovalDetail> {
    let request: ApprovalRow = sqlx::query_as(&format!(
        "{ROW_COLUMNS} {JOINS}
          WHERE ar.id = $1 AND ar.entity_type = ANY($2)"
    ))
    .bind(id)
    .bind(types)
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| AppError::not_found("That approval request"))?;
    let (submitted_by, submitted_by_email, reviewed_by_name, reviewed_at, remarks): (
        Uuid,
        String,
        Option<String>,
        Option<chrono::DateTime<chrono::Utc>>,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT ar.submitted_by_user_id, su.email,
                COALESCE(rs.settings_json->>'display_name', ru.email), ar.reviewed_at, ar.remarks
           FROM approval_requests ar
           JOIN users su ON su.id = ar.submitted_by_user_id
           LEFT JOIN users ru ON ru.id = ar.reviewed_by_user_id
           LEFT JOIN user_settings rs ON rs.user_id = ru.id
          WHERE ar.id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await?;
    let logs: Vec<LogLine> = sqlx::query_as(
        "SELECT l.action, l.old_status, l.new_status,
                COALESCE(s.settings_json->>'display_name', u.email) AS actor_name,
                l.remarks, l.created_at
           FROM approval_logs l
           LEFT JOIN users u ON u.id = l.acted_by_user_id
           LEFT JOIN user_settings s ON s.user_id = u.id
          WHERE l.approval_request_id = $1
          ORDER BY l.created_at, l.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let earlier: Vec<EarlierRequest> = sqlx::query_as(
        "SELECT id, status, submitted_at, reviewed_at, remarks FROM approval_requests
          WHERE entity_type = $1 AND entity_id = $2 AND id <> $3
          ORDER BY submitted_at DESC",
    )
    .bind(&request.entity_type)
    .bind(request.entity_id)
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(ApprovalDetail {
        request,
        submitted_by_email,
        reviewed_by_name,
        reviewed_at,
        remarks,
        logs,
        earlier,
        own_submission: submitted_by == viewer,
    })
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: Uuid,
    role_key: String,
    slug: String,
    display_name: String,
    bio: Option<String>,
    location: Option<String>,
    avatar_url: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    status: ProfileStatus,
    approval_status: ApprovalStatus,
    verification_status: VerificationStatus,
    rejection_reason: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    title: String,
    description: Option<String>,
    tags: Vec<String>,
    images: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct ServiceRow {
    name: String,
    description: Option<String>,
    price: i32,
    duration_minutes: Option<i32>,
    is_active: bool,
}

/// A professional profile with its role fields, portfolio and services.
pub async fn profile_submission(
    pool: &PgPool,
    profile_id: Uuid,
) -> AppResult<Option<ProfileSubmission>> {
    let row: Option<ProfileRow> = sqlx::query_as(
        "SELECT id, role_key, slug, display_name, bio, location, avatar_url, phone, email, status,
                approval_status, verification_status, rejection_reason
           FROM user_role_profiles WHERE id = $1",
    )
    .bind(profile_id)
    .fetch_optional(pool)
    .await?;
    let Some(p) = row else { return Ok(None) };
    let spec = role_spec(&p.role_key);
    let fields = match spec {
        Some(spec) => role_fields(pool, spec, p.id).await?,
        None => Vec::new(),
    };
    let items: Vec<ItemRow> = sqlx::query_as(
        "SELECT i.title, i.description, i.tags,
                COALESCE(array_agg(im.file_url ORDER BY im.display_order, im.created_at)
                         FILTER (WHERE im.id IS NOT NULL), '{}') AS images
           FROM portfolio_items i
           LEFT JOIN portfolio_images im ON im.portfolio_item_id = i.id
          WHERE i.user_role_profile_id = $1
          GROUP BY i.id
          ORDER BY i.display_order, i.created_at",
    )
    .bind(p.id)
    .fetch_all(pool)
    .await?;
    let portfolio = items
        .into_iter()
        .map(|i| PortfolioView {
            title: i.title,
            description: i.description,
            tags: i.tags,
            images: i
                .images
                .into_iter()
                .map(|url| ImageView {
                    thumb_url: thumb_url(&url),
                    url,
                })
                .collect(),
        })
        .collect();
    let services: Vec<ServiceRow> = sqlx::query_as(
        "SELECT name, description, price, duration_minutes, is_active FROM services
          WHERE user_role_profile_id = $1 ORDER BY is_active DESC, price, name",
    )
    .bind(p.id)
    .fetch_all(pool)
    .await?;
    Ok(Some(ProfileSubmission {
        id: p.id,
        role_label: spec.map_or_else(|| p.role_key.clone(), |s| s.label.to_owned()),
        role_key: p.role_key,
        slug: p.slug,
        display_name: p.display_name,
        bio: p.bio,
        location: p.location,
        avatar_url: p.avatar_url,
        phone: p.phone,
        email: p.email,
        status: p.status,
        approval_status: p.approval_status,
        verification_status: p.verification_status,
        rejection_reason: p.rejection_reason,
        fields,
        portfolio,
        services: services
            .into_iter()
            .map(|s| ServiceView {
                name: s.name,
                description: s.description,
                price: Paise(i64::from(s.price)).format_inr(),
                duration_minutes: s.duration_minutes,
                is_active: s.is_active,
            })
            .collect(),
    }))
}

/// Every role field of a profile as (label, shown value), "—" when empty.
async fn role_fields(
    db: impl PgExecutor<'_>,
    spec: &RoleSpec,
    profile_id: Uuid,
) -> AppResult<Vec<(String, String)>> {
    // `spec.table` is a constant from the role list, never user input.
    let row: Option<Value> = sqlx::query_scalar(&format!(
        "SELECT to_jsonb(t) FROM {} t WHERE user_role_profile_id = $1",
        spec.table
    ))
    .bind(profile_id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else {
        return Ok(Vec::new());
    };
    Ok(spec
        .fields
        .iter()
        .map(|f| {
            let shown = field_value(f, row.get(f.key))
                .and_then(|v| v.display(f))
                .unwrap_or_else(|| match f.kind {
                    FieldKind::Flag => "No".to_owned(),
                    _ => "—".to_owned(),
                });
            (f.label.to_owned(), shown)
        })
        .collect())
}

/// A column's JSON value as the spec types it.
fn field_value(f: &FieldSpec, value: Option<&Value>) -> Option<FieldValue> {
    let value = value?;
    Some(match f.kind {
        FieldKind::Tags { .. } => FieldValue::Tags(
            value
                .as_array()?
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect(),
        ),
        FieldKind::Flag => FieldValue::Flag(value.as_bool()?),
        FieldKind::Number { .. } => {
            FieldValue::Number(value.as_i64().and_then(|n| i32::try_from(n).ok()))
        }
        FieldKind::Money { .. } => FieldValue::Money(value.as_i64()),
        FieldKind::Choice { .. } => FieldValue::Choice(value.as_str()?.to_owned()),
        FieldKind::Text { .. } => FieldValue::Text(value.as_str().map(str::to_owned)),
    })
}

/// A company profile as submitted.
pub async fn company_submission(
    pool: &PgPool,
    company_id: Uuid,
) -> AppResult<Option<CompanySubmission>> {
    Ok(sqlx::query_as(
        "SELECT id, company_name, business_type, industry, contact_person_name, email, phone,
                location, bio, status, approval_status, verification_status
           FROM company_profiles WHERE id = $1",
    )
    .bind(company_id)
    .fetch_optional(pool)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_wildcards_are_literal() {
        assert_eq!(contains_pattern("Asha"), "%Asha%");
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }

    #[test]
    fn role_columns_are_read_as_the_spec_types_them() {
        let spec = role_spec("photographer").unwrap_or_else(|| panic!("photographer spec"));
        let row = serde_json::json!({
            "specialties": ["Wedding", "Candid"],
            "studio_available": true,
            "travel_radius_km": 50,
            "starting_price_inr": 1_500_000,
        });
        let shown: Vec<Option<String>> = [
            "specialties",
            "studio_available",
            "travel_radius_km",
            "starting_price_inr",
        ]
        .iter()
        .map(|k| {
            let f = spec.field(k).unwrap_or_else(|| panic!("{k}"));
            field_value(f, row.get(f.key)).and_then(|v| v.display(f))
        })
        .collect();
        assert_eq!(shown[0].as_deref(), Some("Wedding, Candid"));
        assert_eq!(shown[1].as_deref(), Some("Yes"));
        assert_eq!(shown[2].as_deref(), Some("50 km"));
        assert_eq!(shown[3].as_deref(), Some("₹15,000"));
    }
}
