//! Reading verification requests: the professional's own page, the staff queue and one
//! request in detail.
use super::model::{
    DocumentView, MyVerification, ProfileSummary, QueuePage, QueueRow, RequestView,
    VerificationDetail, VerificationFilter, VerificationLog, PAGE_SIZE,
};
use crate::core::roles::role_spec;
use crate::core::state::ApprovalStatus;
use crate::core::{AppError, AppResult};
use crate::domains::access::service::CurrentUser;
use crate::domains::approvals::queue::contains_pattern;
use crate::domains::profiles::service::owned_profile;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Whose names the history shows: staff see people, a professional sees "You" and
/// "Nxtgauge team" (reviewers' names stay internal).
#[derive(Debug, Clone, Copy)]
enum Audience {
    Owner(Uuid),
    Staff,
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: Uuid,
    verification_type: String,
    status: ApprovalStatus,
    submitted_at: DateTime<Utc>,
    reviewed_at: Option<DateTime<Utc>>,
    remarks: Option<String>,
}

/// The requests of one profile, newest first, with documents and history when asked.
async fn requests_of(
    conn: &mut PgConnection,
    profile_id: Uuid,
    role_key: &str,
    audience: Audience,
) -> AppResult<Vec<RequestView>> {
    let rows: Vec<RequestRow> = sqlx::query_as(
        "SELECT id, verification_type, status, submitted_at, reviewed_at, remarks
           FROM verification_requests WHERE user_role_profile_id = $1
          ORDER BY submitted_at DESC, id",
    )
    .bind(profile_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(request_view(conn, r, role_key, audience).await?);
    }
    Ok(out)
}

async fn request_view(
    conn: &mut PgConnection,
    r: RequestRow,
    role_key: &str,
    audience: Audience,
) -> AppResult<RequestView> {
    let mut documents: Vec<DocumentView> = sqlx::query_as(
        "SELECT id, document_type, file_name, mime_type, status, uploaded_at, reviewed_at, remarks
           FROM verification_documents WHERE verification_request_id = $1
          ORDER BY uploaded_at, id",
    )
    .bind(r.id)
    .fetch_all(&mut *conn)
    .await?;
    for d in &mut documents {
        d.document_label = super::model::document_label(role_key, &d.document_type);
    }
    let (owner, names) = match audience {
        Audience::Owner(id) => (Some(id), false),
        Audience::Staff => (None, true),
    };
    let logs: Vec<VerificationLog> = sqlx::query_as(
        "SELECT l.action, l.old_status, l.new_status,
                CASE WHEN $3 THEN COALESCE(s.settings_json->>'display_name', u.email)
                     WHEN l.acted_by_user_id IS NULL THEN NULL
                     WHEN l.acted_by_user_id = $2 THEN 'You'
                     ELSE 'Nxtgauge team' END AS actor_name,
                l.remarks, l.created_at
           FROM verification_logs l
           LEFT JOIN users u ON u.id = l.acted_by_user_id
           LEFT JOIN user_settings s ON s.user_id = u.id
          WHERE l.verification_request_id = $1
          ORDER BY l.created_at, l.id",
    )
    .bind(r.id)
    .bind(owner)
    .bind(names)
    .fetch_all(&mut *conn)
    .await?;
    Ok(RequestView {
        id: r.id,
        verification_type: r.verification_type,
        status: r.status,
        submitted_at: r.submitted_at,
        reviewed_at: r.reviewed_at,
        remarks: r.remarks,
        documents,
        logs,
    })
}

/// The signed-in professional's verification page for one of their role profiles.
pub async fn my_requests(
    pool: &PgPool,
    user_id: Uuid,
    role_key: &str,
) -> AppResult<MyVerification> {
    let spec = role_spec(role_key).ok_or_else(|| AppError::not_found("That role"))?;
    let mut conn = pool.acquire().await?;
    let profile = owned_profile(&mut conn, user_id, role_key, false).await?;
    let verified_at: Option<DateTime<Utc>> =
        sqlx::query_scalar("SELECT verified_at FROM user_role_profiles WHERE id = $1")
            .bind(profile.id)
            .fetch_one(&mut *conn)
            .await?;
    let requests = requests_of(&mut conn, profile.id, role_key, Audience::Owner(user_id)).await?;
    Ok(MyVerification {
        profile_id: profile.id,
        role_key: profile.role_key,
        verification_status: profile.verification_status,
        verified_at,
        requests,
        document_types: spec
            .all_documents()
            .map(|d| (d.key.to_owned(), d.label.to_owned()))
            .collect(),
    })
}

const QUEUE_FROM: &str = "
  FROM verification_requests vr
  JOIN user_role_profiles p ON p.id = vr.user_role_profile_id
 WHERE vr.status = $1
   AND ($2::text IS NULL OR vr.verification_type = $2)
   AND ($3::text IS NULL OR p.role_key = $3)
   AND ($4::text IS NULL OR p.display_name ILIKE $4 ESCAPE '\\')";

/// One page of the staff queue, oldest first.
pub async fn queue(pool: &PgPool, filter: &VerificationFilter) -> AppResult<QueuePage> {
    let pattern = filter.q.as_deref().map(contains_pattern);
    let offset = i64::from(filter.page.saturating_sub(1)) * PAGE_SIZE;
    let mut rows: Vec<QueueRow> = sqlx::query_as(&format!(
        "SELECT vr.id, p.id AS profile_id, p.display_name, p.role_key, vr.verification_type,
                vr.status, vr.submitted_at,
                (EXTRACT(EPOCH FROM now() - vr.submitted_at) / 60)::bigint AS age_minutes,
                (SELECT count(*) FROM verification_documents d
                  WHERE d.verification_request_id = vr.id) AS documents,
                (SELECT count(*) FROM verification_documents d
                  WHERE d.verification_request_id = vr.id AND d.status = 'PENDING')
                  AS documents_pending
         {QUEUE_FROM}
         ORDER BY vr.submitted_at, vr.id LIMIT $5 OFFSET $6"
    ))
    .bind(&filter.status)
    .bind(&filter.verification_type)
    .bind(&filter.role)
    .bind(&pattern)
    .bind(PAGE_SIZE + 1)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {QUEUE_FROM}"))
        .bind(&filter.status)
        .bind(&filter.verification_type)
        .bind(&filter.role)
        .bind(&pattern)
        .fetch_one(pool)
        .await?;
    let size = usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
    let has_more = rows.len() > size;
    rows.truncate(size);
    Ok(QueuePage {
        rows,
        total,
        page: filter.page,
        has_more,
    })
}

/// How many requests wait for a decision.
pub async fn count_pending(pool: &PgPool) -> AppResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM verification_requests WHERE status = 'PENDING'")
            .fetch_one(pool)
            .await?,
    )
}

/// One request, its documents and history, the profile, and the profile's earlier
/// requests, as the reviewer `viewer` sees them.
pub async fn detail(
    pool: &PgPool,
    id: Uuid,
    viewer: &CurrentUser,
) -> AppResult<VerificationDetail> {
    let mut conn = pool.acquire().await?;
    let row: RequestRow = sqlx::query_as(
        "SELECT id, verification_type, status, submitted_at, reviewed_at, remarks
           FROM verification_requests WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::not_found("That verification request"))?;
    let profile: ProfileSummary = sqlx::query_as(
        "SELECT p.id, p.user_id, p.role_key, p.slug, p.display_name, p.location,
                u.email AS owner_email, p.status, p.approval_status, p.verification_status,
                p.verified_at
           FROM verification_requests vr
           JOIN user_role_profiles p ON p.id = vr.user_role_profile_id
           JOIN users u ON u.id = p.user_id
          WHERE vr.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let reviewed_by_name: Option<String> = sqlx::query_scalar(
        "SELECT COALESCE(s.settings_json->>'display_name', u.email)
           FROM verification_requests vr JOIN users u ON u.id = vr.reviewed_by_user_id
           LEFT JOIN user_settings s ON s.user_id = u.id
          WHERE vr.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .flatten();
    let age_minutes = (Utc::now() - row.submitted_at).num_minutes();
    let request = request_view(&mut conn, row, &profile.role_key, Audience::Staff).await?;
    let earlier = requests_of(&mut conn, profile.id, &profile.role_key, Audience::Staff)
        .await?
        .into_iter()
        .filter(|r| r.id != id)
        .collect();
    Ok(VerificationDetail {
        request,
        own_profile: profile.user_id == viewer.id,
        profile,
        reviewed_by_name,
        age_minutes,
        earlier,
        can_view_documents: viewer.can(crate::core::capability::VIEW_VERIFICATION_DOCUMENTS),
    })
}
