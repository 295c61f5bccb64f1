//! Customer and candidate profiles: saving lists them at once (no review).
use super::{
    candidate_row, customer_row, diff, entry, listed_status, require_role, CandidateRow,
    CustomerRow, CANDIDATE, CUSTOMER,
};
use crate::core::{AppError, AppResult};
use crate::domains::account_profiles::form::{
    CandidateForm, CandidateInput, CustomerForm, CustomerInput,
};
use crate::domains::audit::service::{self as audit, Change, RequestMeta};
use sqlx::PgPool;
use uuid::Uuid;

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
            let mut changes = customer_changes(None, input);
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
    let status = listed_status(old.status);
    let mut changes = customer_changes(Some(&old), input);
    diff(
        &mut changes,
        "status",
        Some(old.status.to_string()),
        Some(status.to_string()),
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

fn customer_changes(old: Option<&CustomerRow>, new: &CustomerInput) -> Vec<Change> {
    let mut changes = Vec::new();
    let o = |f: fn(&CustomerRow) -> Option<String>| old.and_then(f);
    diff(
        &mut changes,
        "display_name",
        o(|r| Some(r.display_name.clone())),
        Some(new.display_name.clone()),
    );
    diff(
        &mut changes,
        "location",
        o(|r| r.location.clone()),
        Some(new.city.clone()),
    );
    diff(
        &mut changes,
        "phone",
        o(|r| r.phone.clone()),
        new.phone.clone(),
    );
    changes
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
    let status = listed_status(old.status);
    let mut changes = candidate_changes(Some(&old), input);
    diff(
        &mut changes,
        "status",
        Some(old.status.to_string()),
        Some(status.to_string()),
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
