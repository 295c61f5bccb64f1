//! Test fixtures shared by the approval and verification tests: staff members, a
//! professional with a submitted profile, a company, and a mail configuration whose
//! outbox is a fresh temporary directory.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::service::{submit, EntityType};
use crate::domains::access::service::{load, CurrentUser};
use crate::domains::audit::service::RequestMeta;
use crate::server::config::Config;
use sqlx::PgPool;
use uuid::Uuid;

pub fn meta() -> RequestMeta {
    RequestMeta {
        ip_address: Some("203.0.113.9".into()),
        user_agent: Some("tests".into()),
        request_id: None,
    }
}

/// A mail configuration writing to its own outbox directory.
pub fn mail_config() -> Config {
    let dir = std::env::temp_dir().join(format!("nxg-review-{}", Uuid::new_v4()));
    Config::for_tests("unused", dir)
}

/// A staff member holding `role` (SUPER_ADMIN, VERIFIER, MODERATOR, SUPPORT_AGENT…).
pub async fn staff(pool: &PgPool, email: &str, role: &str) -> CurrentUser {
    let out = crate::domains::staff::service::create_staff(
        pool,
        email,
        "Priya Ops",
        role,
        "a long staff password",
    )
    .await
    .unwrap();
    let id = match out {
        crate::domains::staff::service::StaffOutcome::Created { user_id, .. }
        | crate::domains::staff::service::StaffOutcome::RoleAdded { user_id }
        | crate::domains::staff::service::StaffOutcome::AlreadyHadRole { user_id } => user_id,
    };
    load(pool, id, Uuid::nil()).await.unwrap().unwrap()
}

/// An ACTIVE account with settings and a PENDING external `role`.
pub async fn account(pool: &PgPool, email: &str, name: &str, role: &str) -> Uuid {
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, account_type, status, email_verified_at)
         VALUES ($1, 'h', CASE WHEN $2 = 'COMPANY' THEN 'COMPANY' ELSE 'INDIVIDUAL' END,
                 'ACTIVE', now())
         RETURNING id",
    )
    .bind(email)
    .bind(role)
    .fetch_one(pool)
    .await
    .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    crate::domains::identity::service::create_settings(&mut conn, id, name)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO user_roles (user_id, role_id, status)
         SELECT $1, id, 'PENDING' FROM roles WHERE key = $2
         ON CONFLICT (user_id, role_id) DO NOTHING",
    )
    .bind(id)
    .bind(role)
    .execute(pool)
    .await
    .unwrap();
    id
}

/// A public photographer profile of `user_id` (DRAFT, pending approval) with role
/// fields, one portfolio item with two images and two services.
pub async fn photographer_profile(pool: &PgPool, user_id: Uuid, name: &str) -> Uuid {
    sqlx::query(
        "INSERT INTO user_roles (user_id, role_id, status)
         SELECT $1, id, 'PENDING' FROM roles WHERE key = 'photographer'
         ON CONFLICT (user_id, role_id) DO NOTHING",
    )
    .bind(user_id)
    .execute(pool)
    .await
    .unwrap();
    let slug = format!("photographer-{}", Uuid::new_v4().simple());
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO user_role_profiles (user_id, role_key, display_name, bio, location, slug,
                                         is_profile_public)
         VALUES ($1, 'photographer', $2, 'Weddings across Kerala for ten years.', 'Kochi', $3, true)
         RETURNING id",
    )
    .bind(user_id)
    .bind(name)
    .bind(&slug)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO photographer_profiles (user_role_profile_id, specialties, studio_available,
                                            travel_radius_km, starting_price_inr)
         VALUES ($1, '{Wedding,Candid}', true, 80, 2500000)",
    )
    .bind(id)
    .execute(pool)
    .await
    .unwrap();
    let item: Uuid = sqlx::query_scalar(
        "INSERT INTO portfolio_items (user_role_profile_id, title, tags)
         VALUES ($1, 'Beach wedding', '{wedding}') RETURNING id",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO portfolio_images (portfolio_item_id, file_url, display_order)
         VALUES ($1, '/media/portfolio/a/one.jpg', 0), ($1, '/media/portfolio/a/two.jpg', 1)",
    )
    .bind(item)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO services (user_role_profile_id, name, price, duration_minutes)
         VALUES ($1, 'Half-day shoot', 1500000, 240), ($1, 'Full wedding', 8000000, NULL)",
    )
    .bind(id)
    .execute(pool)
    .await
    .unwrap();
    id
}

/// Puts an entity in the approval queue as `user_id`; returns the request id.
pub async fn submitted(pool: &PgPool, entity: EntityType, entity_id: Uuid, user_id: Uuid) -> Uuid {
    let mut tx = pool.begin().await.unwrap();
    let id = submit(&mut tx, entity, entity_id, user_id, None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// A company account with a company profile; returns (user, company profile).
pub async fn company(pool: &PgPool, email: &str) -> (Uuid, Uuid) {
    let user = account(pool, email, "Meera Iyer", "COMPANY").await;
    let company: Uuid = sqlx::query_scalar(
        "INSERT INTO company_profiles (user_id, company_name, industry, location)
         VALUES ($1, 'Chai Point Studios', 'Media', 'Bengaluru') RETURNING id",
    )
    .bind(user)
    .fetch_one(pool)
    .await
    .unwrap();
    (user, company)
}

pub async fn count(pool: &PgPool, sql: &str, id: Uuid) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}
