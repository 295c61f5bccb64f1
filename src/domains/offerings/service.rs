//! Service rules. Every write is one transaction that first locks the owner's profile
//! row, so the limit and the unique-name rule hold under concurrent requests; it writes
//! its audit row and refreshes the search index in the same transaction.
use super::model::{ServiceInput, ServiceView, MAX_SERVICES};
use crate::core::{money::Paise, AppError, AppResult, ErrorCode};
use crate::domains::audit::service::{self as audit, Action, Change, Entry};
use crate::domains::profiles::service::{owned_profile, ProfileRef};
use crate::domains::search::index;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

const MODULE: &str = "profiles";
const ENTITY: &str = "service";

pub use crate::domains::profiles::service::Owner;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    name: String,
    description: Option<String>,
    price: i32,
    duration_minutes: Option<i32>,
    is_active: bool,
}

impl From<Row> for ServiceView {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            name: r.name,
            description: r.description,
            price: Paise(i64::from(r.price)),
            duration_minutes: r.duration_minutes,
            is_active: r.is_active,
        }
    }
}

const COLUMNS: &str = "id, name, description, price, duration_minutes, is_active";

/// The owner's services for editing, active and inactive; NOT_FOUND without a profile.
pub async fn list(pool: &PgPool, user_id: Uuid, role_key: &str) -> AppResult<Vec<ServiceView>> {
    let mut conn = pool.acquire().await?;
    let profile = owned_profile(&mut conn, user_id, role_key, false).await?;
    services_of_profile(&mut conn, profile.id, false).await
}

/// A profile's services by name; with `active_only`, what the public sees.
pub async fn services_of_profile(
    conn: &mut PgConnection,
    profile_id: Uuid,
    active_only: bool,
) -> AppResult<Vec<ServiceView>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM services
          WHERE user_role_profile_id = $1 AND (is_active OR NOT $2)
          ORDER BY lower(name), id"
    ))
    .bind(profile_id)
    .bind(active_only)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(ServiceView::from).collect())
}

/// Refuses a name the profile already uses for another service, in any case.
async fn check_unique_name(
    conn: &mut PgConnection,
    profile: &ProfileRef,
    name: &str,
    except: Option<Uuid>,
) -> AppResult<()> {
    let taken: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM services
          WHERE user_role_profile_id = $1 AND lower(name) = lower($2)
            AND id IS DISTINCT FROM $3)",
    )
    .bind(profile.id)
    .bind(name)
    .bind(except)
    .fetch_one(&mut *conn)
    .await?;
    if taken {
        return Err(AppError::field(
            "name",
            format!("You already offer a service called “{name}”. Choose another name."),
        ));
    }
    Ok(())
}

fn describe(s: &ServiceInput) -> [Change; 5] {
    [
        Change::new("name", None, Some(s.name.clone())),
        Change::new("description", None, s.description.clone()),
        Change::new("price", None, Some(s.price.0.to_string())),
        Change::new(
            "duration_minutes",
            None,
            s.duration_minutes.map(|m| m.to_string()),
        ),
        Change::new("is_active", None, Some(s.is_active.to_string())),
    ]
}

pub async fn create(
    pool: &PgPool,
    owner: Owner<'_>,
    input: ServiceInput,
) -> AppResult<ServiceView> {
    let price = input.price_paise_i32()?;
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, owner.user_id, owner.role_key, true).await?;
    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM services WHERE user_role_profile_id = $1")
            .bind(profile.id)
            .fetch_one(&mut *tx)
            .await?;
    if count >= MAX_SERVICES as i64 {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("A profile lists at most {MAX_SERVICES} services. Delete one to add another."),
        ));
    }
    check_unique_name(&mut tx, &profile, &input.name, None).await?;
    let row: Row = sqlx::query_as(&format!(
        "INSERT INTO services (user_role_profile_id, name, description, price, duration_minutes, is_active)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {COLUMNS}"
    ))
    .bind(profile.id)
    .bind(&input.name)
    .bind(&input.description)
    .bind(price)
    .bind(input.duration_minutes)
    .bind(input.is_active)
    .fetch_one(&mut *tx)
    .await?;
    let mut entry = Entry::by_user(
        Some(owner.user_id),
        Action::Create,
        ENTITY,
        Some(row.id),
        MODULE,
        "added a service",
        owner.meta,
    )
    .label(input.name.clone());
    for change in describe(&input) {
        entry = entry.change(change);
    }
    audit::record(&mut tx, entry).await?;
    index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    Ok(row.into())
}

/// The service, locked, when it belongs to `profile`; NOT_FOUND otherwise.
async fn locked_service(
    conn: &mut PgConnection,
    profile: &ProfileRef,
    id: Uuid,
) -> AppResult<ServiceView> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM services WHERE id = $1 AND user_role_profile_id = $2 FOR UPDATE"
    ))
    .bind(id)
    .bind(profile.id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(ServiceView::from)
        .ok_or_else(|| AppError::not_found("That service"))
}

pub async fn update(
    pool: &PgPool,
    owner: Owner<'_>,
    id: Uuid,
    input: ServiceInput,
) -> AppResult<ServiceView> {
    let price = input.price_paise_i32()?;
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, owner.user_id, owner.role_key, true).await?;
    let old = locked_service(&mut tx, &profile, id).await?;
    check_unique_name(&mut tx, &profile, &input.name, Some(id)).await?;
    let row: Row = sqlx::query_as(&format!(
        "UPDATE services SET name = $2, description = $3, price = $4, duration_minutes = $5,
                is_active = $6
          WHERE id = $1 RETURNING {COLUMNS}"
    ))
    .bind(id)
    .bind(&input.name)
    .bind(&input.description)
    .bind(price)
    .bind(input.duration_minutes)
    .bind(input.is_active)
    .fetch_one(&mut *tx)
    .await?;
    let new: ServiceView = row.into();
    let mut entry = Entry::by_user(
        Some(owner.user_id),
        Action::Update,
        ENTITY,
        Some(id),
        MODULE,
        "edited a service",
        owner.meta,
    )
    .label(new.name.clone());
    let minutes = |d: Option<i32>| d.map(|m| m.to_string());
    let pairs = [
        ("name", Some(old.name.clone()), Some(new.name.clone())),
        (
            "description",
            old.description.clone(),
            new.description.clone(),
        ),
        (
            "price",
            Some(old.price.0.to_string()),
            Some(new.price.0.to_string()),
        ),
        (
            "duration_minutes",
            minutes(old.duration_minutes),
            minutes(new.duration_minutes),
        ),
        (
            "is_active",
            Some(old.is_active.to_string()),
            Some(new.is_active.to_string()),
        ),
    ];
    for (field, before, after) in pairs {
        if before != after {
            entry = entry.change(Change::new(field, before, after));
        }
    }
    audit::record(&mut tx, entry).await?;
    index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    Ok(new)
}

/// Shows (`active`) or hides the service on the public profile. Setting the state it
/// already has changes nothing, so a double click cannot flip it back.
pub async fn set_active(pool: &PgPool, owner: Owner<'_>, id: Uuid, active: bool) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, owner.user_id, owner.role_key, true).await?;
    let old = locked_service(&mut tx, &profile, id).await?;
    if old.is_active == active {
        return Ok(());
    }
    sqlx::query("UPDATE services SET is_active = $2 WHERE id = $1")
        .bind(id)
        .bind(active)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(owner.user_id),
            Action::Update,
            ENTITY,
            Some(id),
            MODULE,
            if active {
                "activated a service"
            } else {
                "deactivated a service"
            },
            owner.meta,
        )
        .label(old.name)
        .change(Change::new(
            "is_active",
            Some(old.is_active.to_string()),
            Some(active.to_string()),
        )),
    )
    .await?;
    index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete(pool: &PgPool, owner: Owner<'_>, id: Uuid) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, owner.user_id, owner.role_key, true).await?;
    let old = locked_service(&mut tx, &profile, id).await?;
    sqlx::query("DELETE FROM services WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(owner.user_id),
            Action::Delete,
            ENTITY,
            Some(id),
            MODULE,
            "deleted a service",
            owner.meta,
        )
        .label(old.name.clone())
        .change(Change::new("name", Some(old.name), None))
        .change(Change::new("price", Some(old.price.0.to_string()), None)),
    )
    .await?;
    index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    Ok(())
}
