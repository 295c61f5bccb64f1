//! The notification inbox against a real PostgreSQL: owners only, pages, mark all.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::service;
use crate::core::ErrorCode;
use crate::server::notify::{record, Notice};
use sqlx::PgPool;
use uuid::Uuid;

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

/// Records `n` notifications for `user_id` about `entity_type`; returns their ids.
async fn notify(pool: &PgPool, user_id: Uuid, entity_type: &'static str, n: usize) -> Vec<Uuid> {
    let mut ids = Vec::new();
    for i in 0..n {
        let mut tx = pool.begin().await.unwrap();
        let out = record(
            &mut tx,
            Notice {
                user_id,
                template_key: "new_message",
                title: format!("Notice {i}"),
                body: "Something happened.".into(),
                entity_type,
                entity_id: Uuid::new_v4(),
                link_path: None,
                vars: Vec::new(),
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        ids.push(out.notification_id);
    }
    ids
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn users_see_and_mark_only_their_own(pool: PgPool) {
    let asha = user(&pool, "asha@example.in").await;
    let ravi = user(&pool, "ravi@example.in").await;
    let mine = notify(&pool, asha, "conversation", 2).await;
    let theirs = notify(&pool, ravi, "invoice", 1).await;

    let list = service::list(&pool, asha, None, 30).await.unwrap();
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|n| mine.contains(&n.id) && !n.read));
    assert_eq!(list[0].id, mine[1], "newest first");
    assert!(list[0].link.as_deref().unwrap().starts_with("/messages/"));
    let other = service::list(&pool, ravi, None, 30).await.unwrap();
    assert_eq!(other.len(), 1);
    assert_eq!(other[0].link, None, "no page for an invoice notice");
    // Someone else's cursor pages nothing.
    assert!(service::list(&pool, asha, Some(theirs[0]), 30)
        .await
        .unwrap()
        .is_empty());

    let err = service::mark_read(&pool, asha, theirs[0])
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(service::unread_count(&pool, ravi).await.unwrap(), 1);

    service::mark_read(&pool, asha, mine[0]).await.unwrap();
    service::mark_read(&pool, asha, mine[0]).await.unwrap();
    assert_eq!(service::unread_count(&pool, asha).await.unwrap(), 1);
    let list = service::list(&pool, asha, None, 30).await.unwrap();
    assert!(list.iter().find(|n| n.id == mine[0]).unwrap().read);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn pages_follow_the_cursor_and_all_can_be_marked_read(pool: PgPool) {
    let asha = user(&pool, "asha@example.in").await;
    let ravi = user(&pool, "ravi@example.in").await;
    let ids = notify(&pool, asha, "wallet", 35).await;
    notify(&pool, ravi, "wallet", 2).await;

    let first = service::list(&pool, asha, None, 30).await.unwrap();
    assert_eq!(first.len(), 30);
    assert_eq!(first[0].id, ids[34]);
    let rest = service::list(&pool, asha, Some(first[29].id), 30)
        .await
        .unwrap();
    assert_eq!(rest.len(), 5);
    assert_eq!(rest[4].id, ids[0]);
    assert!(rest.iter().all(|n| n.link.as_deref() == Some("/wallet")));

    assert_eq!(service::mark_all_read(&pool, asha).await.unwrap(), 35);
    assert_eq!(service::unread_count(&pool, asha).await.unwrap(), 0);
    assert_eq!(service::mark_all_read(&pool, asha).await.unwrap(), 0);
    assert_eq!(
        service::unread_count(&pool, ravi).await.unwrap(),
        2,
        "only the caller's"
    );
}
