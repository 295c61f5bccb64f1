//! Contact views against a real PostgreSQL: a credit is spent once per viewer and
//! profile, whatever the concurrency; no credit, no change.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::*;
use crate::domains::billing::credits::{grant, Grant, Source};

async fn account(pool: &PgPool, email: &str) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, status) VALUES ($1, 'x', 'ACTIVE') RETURNING id",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A listed photographer profile with a phone: `(profile id, owner, slug)`.
async fn professional(pool: &PgPool, listed: bool) -> (Uuid, Uuid, String) {
    let owner = account(pool, &format!("{}@pro.in", Uuid::new_v4().simple())).await;
    let slug = format!("asha-{}", Uuid::new_v4().simple());
    let id = sqlx::query_scalar(
        "INSERT INTO user_role_profiles (user_id, role_key, display_name, slug, status,
                                         approval_status, is_profile_public, phone)
         VALUES ($1, 'photographer', 'Asha Rao', $2, 'ACTIVE', $3, true, '+919876543210')
         RETURNING id",
    )
    .bind(owner)
    .bind(&slug)
    .bind(if listed { "APPROVED" } else { "PENDING" })
    .fetch_one(pool)
    .await
    .unwrap();
    (id, owner, slug)
}

/// A company holding `n` contact views.
async fn company(pool: &PgPool, n: i32) -> Uuid {
    let user = account(pool, &format!("{}@chai.in", Uuid::new_v4().simple())).await;
    sqlx::query("INSERT INTO company_profiles (user_id, company_name) VALUES ($1, 'Chai Point')")
        .bind(user)
        .execute(pool)
        .await
        .unwrap();
    if n > 0 {
        let package: Uuid =
            sqlx::query_scalar("SELECT id FROM pricing_packages WHERE name = '10 Contact Views'")
                .fetch_one(pool)
                .await
                .unwrap();
        let mut conn = pool.acquire().await.unwrap();
        grant(
            &mut conn,
            Grant {
                user_id: user,
                package_id: package,
                kind: "CONTACT_VIEWS",
                total: n,
                validity_days: Some(30),
                source: Source::Grant { by: None },
            },
        )
        .await
        .unwrap();
    }
    user
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn without_a_credit_the_reveal_is_refused_and_changes_nothing(pool: PgPool) {
    let (id, owner, slug) = professional(&pool, true).await;
    let viewer = company(&pool, 0).await;
    let err = reveal(&pool, viewer, &slug, &RequestMeta::default())
        .await
        .unwrap_err();
    assert_eq!(err.buy.as_deref(), Some("contact-views"));
    assert!(err.message.contains("no contact views left"));
    assert_eq!(
        count(&pool, "SELECT count(*) FROM contact_reveals").await,
        0
    );
    assert_eq!(count(&pool, "SELECT count(*) FROM notifications").await, 0);
    assert_eq!(
        panel(&pool, Some(viewer), id, owner).await.unwrap(),
        ContactPanel::Locked { credits: 0 }
    );
    assert_eq!(
        panel(&pool, None, id, owner).await.unwrap(),
        ContactPanel::SignIn
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_reveal_spends_one_credit_once_and_the_owner_sees_who(pool: PgPool) {
    let (id, owner, slug) = professional(&pool, true).await;
    let viewer = company(&pool, 2).await;
    let meta = RequestMeta::default();
    assert!(matches!(
        reveal(&pool, viewer, &slug, &meta).await.unwrap(),
        Revealed::Now(_)
    ));
    assert!(matches!(
        reveal(&pool, viewer, &slug, &meta).await.unwrap(),
        Revealed::Already
    ));
    assert_eq!(
        credits::left(&pool, viewer, PackageType::ContactViews)
            .await
            .unwrap(),
        1
    );
    let ContactPanel::Shown { details, .. } = panel(&pool, Some(viewer), id, owner).await.unwrap()
    else {
        panic!("the viewer should see the details");
    };
    assert_eq!(details.phone.as_deref(), Some("+919876543210"));
    assert!(
        details.email.ends_with("@pro.in"),
        "the account's address by default"
    );
    assert!(matches!(
        panel(&pool, Some(owner), id, owner).await.unwrap(),
        ContactPanel::Owner { viewers: 1, .. }
    ));
    let seen = viewers(&pool, owner, "photographer").await.unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].name.as_str(), seen[0].kind.as_str()),
        ("Chai Point", "Company")
    );
    assert!(viewers(&pool, viewer, "photographer")
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM audit_logs WHERE entity_type = 'contact_reveal'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&pool, "SELECT count(*) FROM notifications WHERE title = 'Chai Point viewed your contact details'").await,
        1
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn concurrent_reveals_by_one_viewer_spend_one_credit(pool: PgPool) {
    let (_, _, slug) = professional(&pool, true).await;
    let viewer = company(&pool, 5).await;
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let (pool, slug) = (pool.clone(), slug.clone());
            tokio::spawn(async move { reveal(&pool, viewer, &slug, &RequestMeta::default()).await })
        })
        .collect();
    let mut now = 0;
    for t in tasks {
        if matches!(t.await.unwrap().unwrap(), Revealed::Now(_)) {
            now += 1;
        }
    }
    assert_eq!(now, 1);
    assert_eq!(
        credits::left(&pool, viewer, PackageType::ContactViews)
            .await
            .unwrap(),
        4
    );
    assert_eq!(
        count(&pool, "SELECT count(*) FROM contact_reveals").await,
        1
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn unlisted_and_own_profiles_cost_nothing(pool: PgPool) {
    let (_, _, hidden) = professional(&pool, false).await;
    let (_, owner, own) = professional(&pool, true).await;
    let viewer = company(&pool, 1).await;
    let meta = RequestMeta::default();
    let err = reveal(&pool, viewer, &hidden, &meta).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(matches!(
        reveal(&pool, owner, &own, &meta).await.unwrap(),
        Revealed::Already
    ));
    assert_eq!(
        credits::left(&pool, viewer, PackageType::ContactViews)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        count(&pool, "SELECT count(*) FROM contact_reveals").await,
        0
    );
}
