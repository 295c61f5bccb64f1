//! Service rules against a real PostgreSQL: each test gets its own migrated database.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::model::{ServiceInput, ServiceView, MAX_SERVICES};
use super::service::{self, Owner};
use crate::core::{money::Paise, AppResult, ErrorCode};
use crate::domains::audit::service::RequestMeta;
use sqlx::PgPool;
use uuid::Uuid;

const ROLE: &str = "makeup_artist";

fn meta() -> RequestMeta {
    RequestMeta {
        ip_address: Some("203.0.113.9".into()),
        user_agent: Some("tests".into()),
        request_id: None,
    }
}

fn owner(user_id: Uuid, meta: &RequestMeta) -> Owner<'_> {
    Owner {
        user_id,
        role_key: ROLE,
        meta,
    }
}

async fn user(pool: &PgPool, email: &str) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, account_type, status)
         VALUES ($1, 'h', 'INDIVIDUAL', 'ACTIVE') RETURNING id",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A user with a makeup artist profile.
async fn pro(pool: &PgPool, email: &str) -> Uuid {
    let id = user(pool, email).await;
    sqlx::query(
        "INSERT INTO user_role_profiles (user_id, role_key, display_name, slug)
         VALUES ($1, $2, 'Meera K', $3)",
    )
    .bind(id)
    .bind(ROLE)
    .bind(format!("meera-{id}"))
    .execute(pool)
    .await
    .unwrap();
    id
}

/// What the create server function does: parse, then the service.
async fn create(
    pool: &PgPool,
    user: Uuid,
    name: &str,
    price: &str,
    duration: &str,
) -> AppResult<ServiceView> {
    let m = meta();
    let input = ServiceInput::parse(name, "", price, duration, true)?;
    service::create(pool, owner(user, &m), input).await
}

async fn rows(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM services")
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn audits(pool: &PgPool, user: Uuid, action: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs
          WHERE actor_user_id = $1 AND action = $2 AND entity_type = 'service'
            AND module_key = 'profiles'",
    )
    .bind(user)
    .bind(action)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn services_are_created_updated_toggled_deleted_and_audited(pool: PgPool) {
    let u = pro(&pool, "meera@example.in").await;
    let m = meta();
    let bridal = create(&pool, u, "Bridal makeup", "25,000", "180")
        .await
        .unwrap();
    assert_eq!(bridal.price, Paise(2_500_000));
    assert_eq!(bridal.duration_minutes, Some(180));
    assert!(bridal.is_active);
    let stored: i32 = sqlx::query_scalar("SELECT price FROM services WHERE id = $1")
        .bind(bridal.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 2_500_000);
    // The most a service may cost fits the INTEGER column.
    let top = create(&pool, u, "Destination wedding", "1,00,00,000", "")
        .await
        .unwrap();
    assert_eq!(top.price, Paise(1_000_000_000));
    assert_eq!(
        service::list(&pool, u, ROLE).await.unwrap(),
        vec![bridal.clone(), top.clone()]
    );

    let input = ServiceInput::parse(
        "Bridal makeup (HD)",
        "Airbrush, hair and draping.",
        "27999.50",
        "",
        false,
    )
    .unwrap();
    let updated = service::update(&pool, owner(u, &m), bridal.id, input)
        .await
        .unwrap();
    assert_eq!(updated.name, "Bridal makeup (HD)");
    assert_eq!(updated.price, Paise(2_799_950));
    assert_eq!(updated.duration_minutes, None);
    assert!(!updated.is_active);
    let changed: Vec<String> = sqlx::query_scalar(
        "SELECT c.field_name FROM audit_log_changes c JOIN audit_logs a ON a.id = c.audit_log_id
          WHERE a.entity_id = $1 AND a.action = 'UPDATE' ORDER BY c.field_name",
    )
    .bind(bridal.id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        changed,
        vec![
            "description",
            "duration_minutes",
            "is_active",
            "name",
            "price"
        ]
    );

    service::set_active(&pool, owner(u, &m), bridal.id, true)
        .await
        .unwrap();
    // Asking for the state it already has changes nothing and audits nothing.
    service::set_active(&pool, owner(u, &m), bridal.id, true)
        .await
        .unwrap();
    let listed = service::list(&pool, u, ROLE).await.unwrap();
    assert!(listed.iter().all(|s| s.is_active));
    assert_eq!(audits(&pool, u, "UPDATE").await, 2);

    service::delete(&pool, owner(u, &m), top.id).await.unwrap();
    let listed = service::list(&pool, u, ROLE).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, bridal.id);
    assert_eq!(audits(&pool, u, "CREATE").await, 2);
    assert_eq!(audits(&pool, u, "DELETE").await, 1);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn contact_details_and_bad_values_are_refused_and_nothing_is_written(pool: PgPool) {
    let u = pro(&pool, "meera@example.in").await;
    let err = ServiceInput::parse(
        "WhatsApp 98765 43210",
        "Book at meera.studio/bridal",
        "abc",
        "5",
        true,
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.fields["name"].contains("phone number"));
    assert!(err.fields["description"].contains("link"));
    assert!(err.fields.contains_key("price"));
    assert!(err.fields.contains_key("duration_minutes"));
    for (price, duration) in [("1,00,00,000.01", ""), ("", ""), ("500", "10081")] {
        assert!(create(&pool, u, "Party makeup", price, duration)
            .await
            .is_err());
    }
    assert_eq!(rows(&pool).await, 0);

    let party = create(&pool, u, "Party makeup", "4000", "60")
        .await
        .unwrap();
    assert!(
        ServiceInput::parse("Party makeup", "mail meera@example.com", "4000", "", true).is_err()
    );
    // A parse error stops the update before the service; the row is as it was.
    let listed = service::list(&pool, u, ROLE).await.unwrap();
    assert_eq!(listed, vec![party]);
    assert_eq!(audits(&pool, u, "UPDATE").await, 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn names_are_unique_per_profile_in_any_case(pool: PgPool) {
    let u = pro(&pool, "meera@example.in").await;
    let other = pro(&pool, "isha@example.in").await;
    let m = meta();
    let bridal = create(&pool, u, "Bridal makeup", "25000", "")
        .await
        .unwrap();
    let party = create(&pool, u, "Party makeup", "4000", "").await.unwrap();

    let err = create(&pool, u, "BRIDAL MAKEUP", "1", "")
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.fields["name"].contains("already offer"));
    let rename = ServiceInput::parse("bridal Makeup", "", "4000", "", true).unwrap();
    let err = service::update(&pool, owner(u, &m), party.id, rename)
        .await
        .unwrap_err();
    assert!(err.fields.contains_key("name"));
    // Renaming a service to itself in another case is fine.
    let same = ServiceInput::parse("BRIDAL makeup", "", "25000", "", true).unwrap();
    service::update(&pool, owner(u, &m), bridal.id, same)
        .await
        .unwrap();
    // Another professional may use the same name.
    create(&pool, other, "Bridal makeup", "20000", "")
        .await
        .unwrap();
    let names: Vec<String> = service::list(&pool, u, ROLE)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, vec!["BRIDAL makeup", "Party makeup"]);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_profile_lists_at_most_twenty_services(pool: PgPool) {
    let u = pro(&pool, "meera@example.in").await;
    for n in 0..MAX_SERVICES {
        create(&pool, u, &format!("Look number {n}"), "1000", "")
            .await
            .unwrap();
    }
    let err = create(&pool, u, "One too many", "1000", "")
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("20"));
    assert_eq!(rows(&pool).await, MAX_SERVICES as i64);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn another_user_cannot_list_change_or_delete_services(pool: PgPool) {
    let u = pro(&pool, "meera@example.in").await;
    let other = pro(&pool, "isha@example.in").await;
    let stranger = user(&pool, "customer@example.in").await;
    let m = meta();
    let bridal = create(&pool, u, "Bridal makeup", "25000", "180")
        .await
        .unwrap();

    assert_eq!(
        service::list(&pool, stranger, ROLE).await.unwrap_err().code,
        ErrorCode::NotFound
    );
    assert!(service::list(&pool, other, ROLE).await.unwrap().is_empty());
    for actor in [other, stranger] {
        let input = ServiceInput::parse("Stolen", "", "1", "", false).unwrap();
        let refusals = [
            service::update(&pool, owner(actor, &m), bridal.id, input)
                .await
                .map(|_| ()),
            service::set_active(&pool, owner(actor, &m), bridal.id, false).await,
            service::delete(&pool, owner(actor, &m), bridal.id).await,
        ];
        for r in refusals {
            assert_eq!(r.unwrap_err().code, ErrorCode::NotFound);
        }
    }
    assert_eq!(service::list(&pool, u, ROLE).await.unwrap(), vec![bridal]);
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_logs WHERE actor_user_id = ANY($1)")
            .bind(vec![other, stranger])
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(audited, 0);
}
