//! Customer, company and candidate profile rules. Each save is one transaction on the
//! caller's own row (created on first save) with its audit row; a company goes to the
//! approval queue from here.
use super::model::{
    AccountProfiles, CandidateProfile, CompanyProfile, CompanyReview, CustomerProfile,
};
use crate::core::state::{ApprovalStatus, ProfileStatus};
use crate::core::{AppError, AppResult};
use crate::domains::approvals::service::EntityType;
use crate::domains::audit::service::{Action, Change, Entry, RequestMeta};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

pub const CUSTOMER: &str = "CUSTOMER";
pub const COMPANY: &str = "COMPANY";
pub const CANDIDATE: &str = "CANDIDATE";

const MODULE: &str = "profiles";

/// Which of CUSTOMER, COMPANY and CANDIDATE the user holds, in any status.
async fn held_roles(conn: &mut PgConnection, user_id: Uuid) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
          WHERE ur.user_id = $1 AND r.is_active AND r.key IN ('CUSTOMER', 'COMPANY', 'CANDIDATE')",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await
}

/// Refuses (and logs) a save of a profile whose role the user does not hold.
async fn require_role(conn: &mut PgConnection, user_id: Uuid, role: &str) -> AppResult<()> {
    if held_roles(conn, user_id).await?.iter().any(|r| r == role) {
        Ok(())
    } else {
        tracing::warn!(user = %user_id, role, "profile save refused: role not held");
        Err(AppError::forbidden())
    }
}

/// Records a field change when the value differs.
fn diff(changes: &mut Vec<Change>, field: &'static str, old: Option<String>, new: Option<String>) {
    if old != new {
        changes.push(Change::new(field, old, new));
    }
}

fn entry<'a>(
    user_id: Uuid,
    created: bool,
    entity_type: &'a str,
    entity_id: Uuid,
    label: &str,
    meta: &'a RequestMeta,
    changes: Vec<Change>,
) -> Entry<'a> {
    let summary = format!(
        "{} {}",
        entity_type.replace('_', " "),
        if created { "created" } else { "updated" }
    );
    let mut e = Entry::by_user(
        Some(user_id),
        if created {
            Action::Create
        } else {
            Action::Update
        },
        entity_type,
        Some(entity_id),
        MODULE,
        summary,
        meta,
    )
    .label(label);
    e.changes = changes;
    e
}

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

#[derive(sqlx::FromRow)]
struct CustomerRow {
    id: Uuid,
    display_name: String,
    location: Option<String>,
    phone: Option<String>,
    status: ProfileStatus,
}

#[derive(sqlx::FromRow)]
struct CompanyRow {
    id: Uuid,
    company_name: String,
    business_type: Option<String>,
    industry: Option<String>,
    contact_person_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    location: Option<String>,
    bio: Option<String>,
    status: ProfileStatus,
    approval_status: ApprovalStatus,
}

#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: Uuid,
    display_name: String,
    bio: Option<String>,
    location: Option<String>,
    experience_years: i32,
    preferred_roles: Vec<String>,
    expected_salary_inr: Option<i32>,
    resume_file_url: Option<String>,
    status: ProfileStatus,
}

const CUSTOMER_COLS: &str = "id, display_name, location, phone, status";
const COMPANY_COLS: &str = "id, company_name, business_type, industry, contact_person_name, email,
        phone, location, bio, status, approval_status";
const CANDIDATE_COLS: &str = "id, display_name, bio, location, experience_years, preferred_roles,
        expected_salary_inr, resume_file_url, status";

async fn customer_row(
    conn: &mut PgConnection,
    user_id: Uuid,
    lock: bool,
) -> Result<Option<CustomerRow>, sqlx::Error> {
    let lock = if lock { " FOR UPDATE" } else { "" };
    sqlx::query_as(&format!(
        "SELECT {CUSTOMER_COLS} FROM customer_profiles WHERE user_id = $1{lock}"
    ))
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

async fn company_row(
    conn: &mut PgConnection,
    user_id: Uuid,
    lock: bool,
) -> Result<Option<CompanyRow>, sqlx::Error> {
    let lock = if lock { " FOR UPDATE" } else { "" };
    sqlx::query_as(&format!(
        "SELECT {COMPANY_COLS} FROM company_profiles WHERE user_id = $1{lock}"
    ))
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

async fn candidate_row(
    conn: &mut PgConnection,
    user_id: Uuid,
    lock: bool,
) -> Result<Option<CandidateRow>, sqlx::Error> {
    let lock = if lock { " FOR UPDATE" } else { "" };
    sqlx::query_as(&format!(
        "SELECT {CANDIDATE_COLS} FROM candidate_profiles WHERE user_id = $1{lock}"
    ))
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

/// Where a company profile stands, from its row and its latest approval request.
async fn company_review(conn: &mut PgConnection, row: &CompanyRow) -> AppResult<CompanyReview> {
    let latest: Option<(ApprovalStatus, Option<String>)> = sqlx::query_as(
        "SELECT ar.status,
                COALESCE(ar.remarks,
                         (SELECT l.remarks FROM approval_logs l
                           WHERE l.approval_request_id = ar.id AND l.action = 'REJECTED'
                           ORDER BY l.created_at DESC LIMIT 1))
           FROM approval_requests ar
          WHERE ar.entity_type = $1 AND ar.entity_id = $2
          ORDER BY ar.submitted_at DESC, ar.created_at DESC
          LIMIT 1",
    )
    .bind(EntityType::Company.as_str())
    .bind(row.id)
    .fetch_optional(conn)
    .await?;
    Ok(match latest {
        Some((ApprovalStatus::Pending, _)) => CompanyReview::InReview,
        Some((ApprovalStatus::Rejected, remarks)) => CompanyReview::ChangesRequested { remarks },
        _ if row.approval_status == ApprovalStatus::Approved => CompanyReview::Approved,
        _ if row.approval_status == ApprovalStatus::Rejected => {
            CompanyReview::ChangesRequested { remarks: None }
        }
        _ => CompanyReview::Draft,
    })
}

/// The caller's profiles for the roles they hold; unsaved ones are prefilled from the
/// account (name from the settings, e-mail from the login).
pub async fn load(pool: &PgPool, user_id: Uuid) -> AppResult<AccountProfiles> {
    let mut conn = pool.acquire().await?;
    let roles = held_roles(&mut conn, user_id).await?;
    let holds = |r: &str| roles.iter().any(|k| k == r);
    let (email, name): (String, Option<String>) = sqlx::query_as(
        "SELECT u.email, s.settings_json->>'display_name'
           FROM users u LEFT JOIN user_settings s ON s.user_id = u.id WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(AppError::unauthenticated)?;
    let name = name.unwrap_or_default();

    let customer = if holds(CUSTOMER) {
        Some(match customer_row(&mut conn, user_id, false).await? {
            Some(r) => CustomerProfile {
                id: Some(r.id),
                display_name: r.display_name,
                city: r.location,
                phone: r.phone,
                status: r.status,
            },
            None => CustomerProfile {
                id: None,
                display_name: name.clone(),
                city: None,
                phone: None,
                status: ProfileStatus::Draft,
            },
        })
    } else {
        None
    };

    let company = if holds(COMPANY) {
        Some(match company_row(&mut conn, user_id, false).await? {
            Some(r) => {
                let review = company_review(&mut conn, &r).await?;
                CompanyProfile {
                    id: Some(r.id),
                    company_name: r.company_name,
                    business_type: r.business_type,
                    industry: r.industry,
                    contact_person_name: r.contact_person_name,
                    email: r.email,
                    phone: r.phone,
                    city: r.location,
                    about: r.bio,
                    status: r.status,
                    review,
                }
            }
            None => CompanyProfile {
                id: None,
                company_name: String::new(),
                business_type: None,
                industry: None,
                contact_person_name: (!name.is_empty()).then(|| name.clone()),
                email: Some(email),
                phone: None,
                city: None,
                about: None,
                status: ProfileStatus::Draft,
                review: CompanyReview::Draft,
            },
        })
    } else {
        None
    };

    let candidate = if holds(CANDIDATE) {
        Some(match candidate_row(&mut conn, user_id, false).await? {
            Some(r) => CandidateProfile {
                id: Some(r.id),
                display_name: r.display_name,
                bio: r.bio,
                city: r.location,
                experience_years: r.experience_years,
                preferred_roles: r.preferred_roles,
                expected_salary: r.expected_salary_inr.map(i64::from),
                has_resume: r.resume_file_url.is_some(),
                status: r.status,
            },
            None => CandidateProfile {
                id: None,
                display_name: name,
                bio: None,
                city: None,
                experience_years: 0,
                preferred_roles: Vec::new(),
                expected_salary: None,
                has_resume: false,
                status: ProfileStatus::Draft,
            },
        })
    } else {
        None
    };

    Ok(AccountProfiles {
        customer,
        company,
        candidate,
    })
}

/// Saving a customer or candidate profile lists it; a suspension by staff stays.
fn listed_status(old: ProfileStatus) -> ProfileStatus {
    if old == ProfileStatus::Suspended {
        ProfileStatus::Suspended
    } else {
        ProfileStatus::Active
    }
}

mod company;
mod people;

pub use company::{save_company, submit_company};
pub use people::{save_candidate, save_customer};
