//! Company profiles: saved as drafts, then sent to the approval queue.
use super::{company_review, company_row, diff, entry, require_role, CompanyRow, COMPANY, MODULE};
use crate::core::state::ProfileStatus;
use crate::core::{error::FieldErrors, AppError, AppResult, ErrorCode};
use crate::domains::account_profiles::{
    form::{CompanyForm, CompanyInput},
    model::{CompanyProfile, CompanyReview},
};
use crate::domains::approvals::service::{self as approvals, EntityType};
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
use sqlx::PgPool;
use uuid::Uuid;

/// Gives a new company the slug of its name (`acme-studios`, `acme-studios-2`…) for
/// its public page. Two companies of the same name created at the same moment may
/// race for it; the loser keeps the random slug it was created with.
async fn set_readable_slug(conn: &mut sqlx::PgConnection, id: Uuid, name: &str) -> AppResult<()> {
    use crate::domains::profiles::service::{free_slug_in, slug_words, SlugTable};
    let words = slug_words(name);
    let base = if words.is_empty() {
        "company".to_owned()
    } else {
        words
    };
    let slug = free_slug_in(conn, SlugTable::Companies, &base).await?;
    let mut savepoint = sqlx::Connection::begin(&mut *conn).await?;
    match sqlx::query("UPDATE company_profiles SET slug = $2 WHERE id = $1")
        .bind(id)
        .bind(&slug)
        .execute(&mut *savepoint)
        .await
    {
        Ok(_) => savepoint.commit().await?,
        Err(e) if crate::server::db::violates(&e, "company_profiles_slug_key") => {
            savepoint.rollback().await?;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
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
            set_readable_slug(&mut tx, id, &input.company_name).await?;
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
    if row.status == ProfileStatus::Suspended {
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
        status: row.status,
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
            Some(row.approval_status.to_string()),
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
