//! Customer, company and candidate profile rules. Each save is one transaction on the
//! caller's own row (created on first save) with its audit row; a company goes to the
//! approval queue from here.
use super::model::{
    AccountProfiles, CandidateForm, CandidateInput, CandidateProfile, CompanyForm, CompanyInput,
    CompanyProfile, CompanyReview, CustomerForm, CustomerInput, CustomerProfile,
};
use crate::core::{error::FieldErrors, AppError, AppResult, ErrorCode};
use crate::domains::approvals::service::{self as approvals, EntityType};
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
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
    status: String,
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
    status: String,
    approval_status: String,
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
    status: String,
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
    let latest: Option<(String, Option<String>)> = sqlx::query_as(
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
        Some((status, _)) if status == "PENDING" => CompanyReview::InReview,
        Some((status, remarks)) if status == "REJECTED" => {
            CompanyReview::ChangesRequested { remarks }
        }
        _ if row.approval_status == "APPROVED" => CompanyReview::Approved,
        _ if row.approval_status == "REJECTED" => CompanyReview::ChangesRequested { remarks: None },
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
                status: "DRAFT".into(),
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
                status: "DRAFT".into(),
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
                status: "DRAFT".into(),
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

// ---------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------

/// Saving a customer or candidate profile lists it; a suspension by staff stays.
fn listed_status(old: &str) -> &'static str {
    if old == "SUSPENDED" {
        "SUSPENDED"
    } else {
        "ACTIVE"
    }
}

/// Creates or updates the caller's customer profile and makes it ACTIVE.
pub async fn save_customer(
    pool: &PgPool,
    user_id: Uuid,
    form: &CustomerForm,
    meta: &RequestMeta,
) -> AppResult<Uuid> {
    let mut tx = pool.begin().await?;
    require_role(&mut tx, user_id, CUSTOMER).await?;
    let input = &CustomerInput::parse(form)?;
    let mut old = customer_row(&mut tx, user_id, true).await?;
    if old.is_none() {
        let created: Option<Uuid> = sqlx::query_scalar(
            "INSERT INTO customer_profiles (user_id, display_name, location, phone, status)
             VALUES ($1, $2, $3, $4, 'ACTIVE')
             ON CONFLICT (user_id) DO NOTHING RETURNING id",
        )
        .bind(user_id)
        .bind(&input.display_name)
        .bind(&input.city)
        .bind(&input.phone)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = created {
            let mut changes = Vec::new();
            diff(
                &mut changes,
                "display_name",
                None,
                Some(input.display_name.clone()),
            );
            diff(&mut changes, "location", None, Some(input.city.clone()));
            diff(&mut changes, "phone", None, input.phone.clone());
            diff(&mut changes, "status", None, Some("ACTIVE".into()));
            audit::record(
                &mut tx,
                entry(
                    user_id,
                    true,
                    "customer_profile",
                    id,
                    &input.display_name,
                    meta,
                    changes,
                ),
            )
            .await?;
            tx.commit().await?;
            return Ok(id);
        }
        // Another request created the row first: update it instead.
        old = customer_row(&mut tx, user_id, true).await?;
    }
    let old = old.ok_or_else(AppError::internal)?;
    let status = listed_status(&old.status);
    let mut changes = Vec::new();
    diff(
        &mut changes,
        "display_name",
        Some(old.display_name),
        Some(input.display_name.clone()),
    );
    diff(
        &mut changes,
        "location",
        old.location,
        Some(input.city.clone()),
    );
    diff(&mut changes, "phone", old.phone, input.phone.clone());
    diff(
        &mut changes,
        "status",
        Some(old.status),
        Some(status.into()),
    );
    if !changes.is_empty() {
        sqlx::query(
            "UPDATE customer_profiles SET display_name = $2, location = $3, phone = $4, status = $5
              WHERE id = $1",
        )
        .bind(old.id)
        .bind(&input.display_name)
        .bind(&input.city)
        .bind(&input.phone)
        .bind(status)
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            entry(
                user_id,
                false,
                "customer_profile",
                old.id,
                &input.display_name,
                meta,
                changes,
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(old.id)
}

fn in_review_conflict() -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        "Your company profile is being reviewed. You can edit it again once the review is decided.",
    )
}

/// Creates or updates the caller's company profile. A new profile is a DRAFT; an
/// approved one stays approved; one waiting for review cannot change under the reviewer.
pub async fn save_company(
    pool: &PgPool,
    user_id: Uuid,
    form: &CompanyForm,
    meta: &RequestMeta,
) -> AppResult<Uuid> {
    let mut tx = pool.begin().await?;
    require_role(&mut tx, user_id, COMPANY).await?;
    let input = &CompanyInput::parse(form)?;
    let mut old = company_row(&mut tx, user_id, true).await?;
    if old.is_none() {
        let created: Option<Uuid> = sqlx::query_scalar(
            "INSERT INTO company_profiles (user_id, company_name, business_type, industry,
                                           contact_person_name, email, phone, location, bio, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'DRAFT')
             ON CONFLICT (user_id) DO NOTHING RETURNING id",
        )
        .bind(user_id)
        .bind(&input.company_name)
        .bind(input.business_type)
        .bind(input.industry)
        .bind(&input.contact_person_name)
        .bind(&input.email)
        .bind(&input.phone)
        .bind(&input.city)
        .bind(&input.about)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = created {
            let changes = company_changes(None, input);
            audit::record(
                &mut tx,
                entry(
                    user_id,
                    true,
                    "company_profile",
                    id,
                    &input.company_name,
                    meta,
                    changes,
                ),
            )
            .await?;
            tx.commit().await?;
            return Ok(id);
        }
        old = company_row(&mut tx, user_id, true).await?;
    }
    let old = old.ok_or_else(AppError::internal)?;
    if company_review(&mut tx, &old).await? == CompanyReview::InReview {
        return Err(in_review_conflict());
    }
    let changes = company_changes(Some(&old), input);
    if !changes.is_empty() {
        sqlx::query(
            "UPDATE company_profiles
                SET company_name = $2, business_type = $3, industry = $4, contact_person_name = $5,
                    email = $6, phone = $7, location = $8, bio = $9
              WHERE id = $1",
        )
        .bind(old.id)
        .bind(&input.company_name)
        .bind(input.business_type)
        .bind(input.industry)
        .bind(&input.contact_person_name)
        .bind(&input.email)
        .bind(&input.phone)
        .bind(&input.city)
        .bind(&input.about)
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            entry(
                user_id,
                false,
                "company_profile",
                old.id,
                &input.company_name,
                meta,
                changes,
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(old.id)
}

fn company_changes(old: Option<&CompanyRow>, new: &CompanyInput) -> Vec<Change> {
    let mut changes = Vec::new();
    let o = |f: fn(&CompanyRow) -> Option<String>| old.and_then(f);
    diff(
        &mut changes,
        "company_name",
        o(|r| Some(r.company_name.clone())),
        Some(new.company_name.clone()),
    );
    diff(
        &mut changes,
        "business_type",
        o(|r| r.business_type.clone()),
        new.business_type.map(Into::into),
    );
    diff(
        &mut changes,
        "industry",
        o(|r| r.industry.clone()),
        new.industry.map(Into::into),
    );
    diff(
        &mut changes,
        "contact_person_name",
        o(|r| r.contact_person_name.clone()),
        new.contact_person_name.clone(),
    );
    diff(
        &mut changes,
        "email",
        o(|r| r.email.clone()),
        new.email.clone(),
    );
    diff(
        &mut changes,
        "phone",
        o(|r| r.phone.clone()),
        new.phone.clone(),
    );
    diff(
        &mut changes,
        "location",
        o(|r| r.location.clone()),
        new.city.clone(),
    );
    diff(&mut changes, "bio", o(|r| r.bio.clone()), new.about.clone());
    if old.is_none() {
        diff(&mut changes, "status", None, Some("DRAFT".into()));
    }
    changes
}

/// Sends the caller's saved company profile to the approval queue: one PENDING
/// approval request, `approval_status` PENDING. Refused for a profile that is missing
/// fields (field errors name them), already approved or already waiting.
pub async fn submit_company(pool: &PgPool, user_id: Uuid, meta: &RequestMeta) -> AppResult<Uuid> {
    let mut tx = pool.begin().await?;
    require_role(&mut tx, user_id, COMPANY).await?;
    let row = company_row(&mut tx, user_id, true).await?.ok_or_else(|| {
        AppError::new(
            ErrorCode::NotFound,
            "Save your company profile before submitting it for review.",
        )
    })?;
    if row.status == "SUSPENDED" {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "Your company profile is suspended. Please contact support.",
        ));
    }
    match company_review(&mut tx, &row).await? {
        CompanyReview::InReview => {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "Your company profile is already waiting for review. We will e-mail you when it is decided.",
            ))
        }
        CompanyReview::Approved => {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "Your company profile is already approved.",
            ))
        }
        CompanyReview::Draft | CompanyReview::ChangesRequested { .. } => {}
    }
    let view = CompanyProfile {
        id: Some(row.id),
        company_name: row.company_name.clone(),
        business_type: row.business_type.clone(),
        industry: row.industry.clone(),
        contact_person_name: row.contact_person_name.clone(),
        email: row.email.clone(),
        phone: row.phone.clone(),
        city: row.location.clone(),
        about: row.bio.clone(),
        status: row.status.clone(),
        review: CompanyReview::Draft,
    };
    let missing = view.missing_for_review();
    if !missing.is_empty() {
        let mut errs = FieldErrors::new();
        for (field, _) in &missing {
            errs.add(field, "Needed before you submit for review.");
        }
        let mut err = errs.into_result().err().unwrap_or_else(AppError::internal);
        let labels: Vec<&str> = missing.iter().map(|(_, l)| *l).collect();
        err.message = format!(
            "Complete your company profile before submitting it: add {}.",
            labels.join(", ")
        );
        return Err(err);
    }
    let request_id = approvals::submit(&mut tx, EntityType::Company, row.id, user_id, None).await?;
    sqlx::query("UPDATE company_profiles SET approval_status = 'PENDING' WHERE id = $1")
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user_id),
            Action::Update,
            "company_profile",
            Some(row.id),
            MODULE,
            "company profile submitted for review",
            meta,
        )
        .label(&row.company_name)
        .change(Change::new(
            "approval_status",
            Some(row.approval_status.clone()),
            Some("PENDING".into()),
        ))
        .change(Change::new(
            "approval_request_id",
            None,
            Some(request_id.to_string()),
        )),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user = %user_id, company = %row.id, "company profile submitted for review");
    Ok(request_id)
}

/// Creates or updates the caller's candidate profile and makes it ACTIVE (candidates
/// need no approval). The résumé is managed by the upload endpoint and is not touched.
pub async fn save_candidate(
    pool: &PgPool,
    user_id: Uuid,
    form: &CandidateForm,
    meta: &RequestMeta,
) -> AppResult<Uuid> {
    let mut tx = pool.begin().await?;
    require_role(&mut tx, user_id, CANDIDATE).await?;
    let input = &CandidateInput::parse(form)?;
    let salary = input
        .expected_salary
        .map(i32::try_from)
        .transpose()
        .map_err(|_| AppError::field("expected_salary", "That salary is too large."))?;
    let mut old = candidate_row(&mut tx, user_id, true).await?;
    if old.is_none() {
        let created: Option<Uuid> = sqlx::query_scalar(
            "INSERT INTO candidate_profiles (user_id, display_name, bio, location, experience_years,
                                             preferred_roles, expected_salary_inr, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE')
             ON CONFLICT (user_id) DO NOTHING RETURNING id",
        )
        .bind(user_id)
        .bind(&input.display_name)
        .bind(&input.bio)
        .bind(&input.city)
        .bind(input.experience_years)
        .bind(&input.preferred_roles)
        .bind(salary)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = created {
            let mut changes = candidate_changes(None, input);
            diff(&mut changes, "status", None, Some("ACTIVE".into()));
            audit::record(
                &mut tx,
                entry(
                    user_id,
                    true,
                    "candidate_profile",
                    id,
                    &input.display_name,
                    meta,
                    changes,
                ),
            )
            .await?;
            tx.commit().await?;
            return Ok(id);
        }
        old = candidate_row(&mut tx, user_id, true).await?;
    }
    let old = old.ok_or_else(AppError::internal)?;
    let status = listed_status(&old.status);
    let mut changes = candidate_changes(Some(&old), input);
    diff(
        &mut changes,
        "status",
        Some(old.status.clone()),
        Some(status.into()),
    );
    if !changes.is_empty() {
        sqlx::query(
            "UPDATE candidate_profiles
                SET display_name = $2, bio = $3, location = $4, experience_years = $5,
                    preferred_roles = $6, expected_salary_inr = $7, status = $8
              WHERE id = $1",
        )
        .bind(old.id)
        .bind(&input.display_name)
        .bind(&input.bio)
        .bind(&input.city)
        .bind(input.experience_years)
        .bind(&input.preferred_roles)
        .bind(salary)
        .bind(status)
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            entry(
                user_id,
                false,
                "candidate_profile",
                old.id,
                &input.display_name,
                meta,
                changes,
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(old.id)
}

fn candidate_changes(old: Option<&CandidateRow>, new: &CandidateInput) -> Vec<Change> {
    let mut changes = Vec::new();
    let o = |f: fn(&CandidateRow) -> Option<String>| old.and_then(f);
    diff(
        &mut changes,
        "display_name",
        o(|r| Some(r.display_name.clone())),
        Some(new.display_name.clone()),
    );
    diff(&mut changes, "bio", o(|r| r.bio.clone()), new.bio.clone());
    diff(
        &mut changes,
        "location",
        o(|r| r.location.clone()),
        Some(new.city.clone()),
    );
    diff(
        &mut changes,
        "experience_years",
        o(|r| Some(r.experience_years.to_string())),
        Some(new.experience_years.to_string()),
    );
    diff(
        &mut changes,
        "preferred_roles",
        o(|r| Some(r.preferred_roles.join(", "))),
        Some(new.preferred_roles.join(", ")),
    );
    diff(
        &mut changes,
        "expected_salary_inr",
        o(|r| r.expected_salary_inr.map(|p| p.to_string())),
        new.expected_salary.map(|p| p.to_string()),
    );
    changes
}
