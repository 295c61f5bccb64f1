//! Portfolio rules against a real PostgreSQL (a fresh database per test) and a storage
//! directory of its own.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::model::{Direction, ItemInput, PortfolioItemView, MAX_ITEMS};
use super::service::{self, Owner};
use crate::core::{AppResult, ErrorCode};
use crate::domains::audit::service::RequestMeta;
use crate::server::storage::{portfolio_image_key, portfolio_thumb_key, Storage};
use sqlx::PgPool;
use uuid::Uuid;

const ROLE: &str = "photographer";

fn meta() -> RequestMeta {
    RequestMeta {
        ip_address: Some("203.0.113.9".into()),
        user_agent: Some("tests".into()),
        request_id: None,
    }
}

/// A user with a photographer profile; returns (user id, profile id).
async fn pro(pool: &PgPool, email: &str) -> (Uuid, Uuid) {
    let user: Uuid = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, account_type, status)
         VALUES ($1, 'h', 'INDIVIDUAL', 'ACTIVE') RETURNING id",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap();
    let profile: Uuid = sqlx::query_scalar(
        "INSERT INTO user_role_profiles (user_id, role_key, display_name, slug)
         VALUES ($1, $2, 'Asha Rao', $3) RETURNING id",
    )
    .bind(user)
    .bind(ROLE)
    .bind(format!("asha-{user}"))
    .fetch_one(pool)
    .await
    .unwrap();
    (user, profile)
}

fn storage() -> (Storage, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("nxg-portfolio-{}", Uuid::new_v4()));
    (Storage::local(&dir).unwrap(), dir)
}

/// What the create server function does: parse, then the service.
async fn create(
    pool: &PgPool,
    user: Uuid,
    title: &str,
    description: &str,
    tags: &str,
) -> AppResult<PortfolioItemView> {
    let m = meta();
    let input = ItemInput::parse(title, description, tags)?;
    service::create_item(pool, owner(user, &m), input).await
}

fn owner(user_id: Uuid, meta: &RequestMeta) -> Owner<'_> {
    Owner {
        user_id,
        role_key: ROLE,
        meta,
    }
}

/// Adds an image row and its two stored files, as the upload endpoint does.
async fn image(pool: &PgPool, storage: &Storage, profile: Uuid, item: Uuid) -> Uuid {
    let id = Uuid::new_v4();
    sqlx::query(
        "INSERT INTO portfolio_images (id, portfolio_item_id, file_url, display_order)
         SELECT $1, $2, $3, COALESCE(MAX(display_order) + 1, 0)
           FROM portfolio_images WHERE portfolio_item_id = $2",
    )
    .bind(id)
    .bind(item)
    .bind(format!("/media/portfolio/{profile}/{id}.jpg"))
    .execute(pool)
    .await
    .unwrap();
    storage
        .put(&portfolio_image_key(profile, id), b"jpeg".to_vec())
        .await
        .unwrap();
    storage
        .put(&portfolio_thumb_key(profile, id), b"thumb".to_vec())
        .await
        .unwrap();
    id
}

async fn titles(pool: &PgPool, user: Uuid) -> Vec<String> {
    service::list(pool, user, ROLE)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.title)
        .collect()
}

async fn image_ids(pool: &PgPool, user: Uuid, item: Uuid) -> Vec<Uuid> {
    let items = service::list(pool, user, ROLE).await.unwrap();
    let item = items.into_iter().find(|i| i.id == item).unwrap();
    item.images.iter().map(|i| i.id).collect()
}

async fn audits(pool: &PgPool, user: Uuid, action: &str, entity_type: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs
          WHERE actor_user_id = $1 AND action = $2 AND entity_type = $3
            AND module_key = 'profiles' AND status = 'SUCCESS'",
    )
    .bind(user)
    .bind(action)
    .bind(entity_type)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn item_count(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM portfolio_items")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn items_are_created_listed_updated_and_audited(pool: PgPool) {
    let (user, _) = pro(&pool, "asha@example.in").await;
    assert!(service::list(&pool, user, ROLE).await.unwrap().is_empty());
    let first = create(
        &pool,
        user,
        "Wedding at Udaipur",
        "Two days.",
        "wedding, candid",
    )
    .await
    .unwrap();
    let second = create(&pool, user, "Pre-wedding in Jaipur", "", "")
        .await
        .unwrap();
    assert_eq!((first.display_order, second.display_order), (0, 1));
    let listed = service::list(&pool, user, ROLE).await.unwrap();
    assert_eq!(listed, vec![first.clone(), second.clone()]);
    assert_eq!(listed[0].tags, vec!["wedding".to_string(), "candid".into()]);

    let m = meta();
    let input = ItemInput::parse("Wedding at Udaipur Palace", "", "wedding").unwrap();
    service::update_item(&pool, owner(user, &m), first.id, input)
        .await
        .unwrap();
    let listed = service::list(&pool, user, ROLE).await.unwrap();
    assert_eq!(listed[0].title, "Wedding at Udaipur Palace");
    assert_eq!(listed[0].description, None);
    assert_eq!(listed[0].tags, vec!["wedding".to_string()]);

    assert_eq!(audits(&pool, user, "CREATE", "portfolio_item").await, 2);
    assert_eq!(audits(&pool, user, "UPDATE", "portfolio_item").await, 1);
    let changed: Vec<String> = sqlx::query_scalar(
        "SELECT c.field_name FROM audit_log_changes c JOIN audit_logs a ON a.id = c.audit_log_id
          WHERE a.entity_id = $1 AND a.action = 'UPDATE' ORDER BY c.field_name",
    )
    .bind(first.id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(changed, vec!["description", "tags", "title"]);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn contact_details_are_refused_with_field_errors_and_nothing_is_written(pool: PgPool) {
    let (user, _) = pro(&pool, "asha@example.in").await;
    let err = create(
        &pool,
        user,
        "Call 98765 43210",
        "Portfolio at https://asha.example.com",
        "wedding, call 98765 43210",
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.fields["title"].contains("phone number"));
    assert!(err.fields["description"].contains("link"));
    assert!(err.fields["tags"].contains("phone number"));
    assert_eq!(item_count(&pool).await, 0);

    // The same rule guards edits (the update server function parses first, too).
    create(&pool, user, "Wedding", "", "").await.unwrap();
    let err = ItemInput::parse("Wedding", "DM @asha_clicks", "").unwrap_err();
    assert!(err.fields["description"].contains("handle"));
    assert_eq!(titles(&pool, user).await, vec!["Wedding"]);
    assert_eq!(
        service::list(&pool, user, ROLE).await.unwrap()[0].description,
        None
    );
    assert_eq!(audits(&pool, user, "CREATE", "portfolio_item").await, 1);
    assert_eq!(audits(&pool, user, "UPDATE", "portfolio_item").await, 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_portfolio_holds_at_most_thirty_items(pool: PgPool) {
    let (user, _) = pro(&pool, "asha@example.in").await;
    for n in 0..MAX_ITEMS {
        create(&pool, user, &format!("Event number {n}"), "", "")
            .await
            .unwrap();
    }
    let err = create(&pool, user, "One too many", "", "")
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("30"));
    assert_eq!(item_count(&pool).await, MAX_ITEMS as i64);
    let orders: Vec<i32> = service::list(&pool, user, ROLE)
        .await
        .unwrap()
        .iter()
        .map(|i| i.display_order)
        .collect();
    assert_eq!(orders, (0..MAX_ITEMS as i32).collect::<Vec<_>>());
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn another_user_cannot_list_change_or_delete_items(pool: PgPool) {
    let (owner_id, profile) = pro(&pool, "asha@example.in").await;
    let (other, _) = pro(&pool, "ravi@example.in").await;
    let stranger: Uuid = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, account_type, status)
         VALUES ('c@example.in', 'h', 'INDIVIDUAL', 'ACTIVE') RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let (storage, dir) = storage();
    let a = create(&pool, owner_id, "Wedding", "", "").await.unwrap();
    let b = create(&pool, owner_id, "Birthday", "", "").await.unwrap();
    let img = image(&pool, &storage, profile, a.id).await;

    // Without a photographer profile there is nothing to list.
    let err = service::list(&pool, stranger, ROLE).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    // With one, the owner's items are not in it, and cannot be touched through it.
    assert!(service::list(&pool, other, ROLE).await.unwrap().is_empty());
    let m = meta();
    let o = owner(other, &m);
    let input = ItemInput::parse("Mine now", "", "").unwrap();
    let refusals = [
        service::update_item(&pool, o, a.id, input).await,
        service::delete_item(&pool, &storage, o, a.id).await,
        service::move_item(&pool, o, b.id, Direction::Earlier).await,
        service::delete_image(&pool, &storage, o, img).await,
        service::move_image(&pool, o, img, Direction::Later).await,
        service::reorder_images(&pool, o, a.id, &[img]).await,
    ];
    for r in refusals {
        assert_eq!(r.unwrap_err().code, ErrorCode::NotFound);
    }
    // The owner's ids are not the other user's item set.
    let err = service::reorder_items(&pool, o, &[b.id, a.id])
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let s = owner(stranger, &m);
    assert_eq!(
        service::delete_item(&pool, &storage, s, a.id)
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    assert_eq!(titles(&pool, owner_id).await, vec!["Wedding", "Birthday"]);
    assert_eq!(image_ids(&pool, owner_id, a.id).await, vec![img]);
    assert!(storage
        .get(&portfolio_image_key(profile, img))
        .await
        .unwrap()
        .is_some());
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_logs WHERE actor_user_id = ANY($1)")
            .bind(vec![other, stranger])
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(audited, 0);
    std::fs::remove_dir_all(dir).unwrap();
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn items_move_and_reorder_only_with_the_exact_id_set(pool: PgPool) {
    let (user, _) = pro(&pool, "asha@example.in").await;
    let (other, _) = pro(&pool, "ravi@example.in").await;
    let a = create(&pool, user, "Alpha", "", "").await.unwrap().id;
    let b = create(&pool, user, "Bravo", "", "").await.unwrap().id;
    let c = create(&pool, user, "Charlie", "", "").await.unwrap().id;
    let foreign = create(&pool, other, "Foreign", "", "").await.unwrap().id;
    let m = meta();
    let o = owner(user, &m);

    service::move_item(&pool, o, c, Direction::Earlier)
        .await
        .unwrap();
    assert_eq!(titles(&pool, user).await, vec!["Alpha", "Charlie", "Bravo"]);
    service::move_item(&pool, o, a, Direction::Later)
        .await
        .unwrap();
    assert_eq!(titles(&pool, user).await, vec!["Charlie", "Alpha", "Bravo"]);
    // At an end, nothing moves and nothing is audited.
    let before = audits(&pool, user, "UPDATE", "portfolio_item").await;
    service::move_item(&pool, o, c, Direction::Earlier)
        .await
        .unwrap();
    assert_eq!(
        audits(&pool, user, "UPDATE", "portfolio_item").await,
        before
    );

    service::reorder_items(&pool, o, &[b, c, a]).await.unwrap();
    assert_eq!(titles(&pool, user).await, vec!["Bravo", "Charlie", "Alpha"]);
    let orders: Vec<i32> = service::list(&pool, user, ROLE)
        .await
        .unwrap()
        .iter()
        .map(|i| i.display_order)
        .collect();
    assert_eq!(orders, vec![0, 1, 2]);
    assert_eq!(audits(&pool, user, "UPDATE", "user_role_profile").await, 1);

    for wrong in [
        vec![a, b],
        vec![a, b, c, c],
        vec![a, b, b],
        vec![a, b, foreign],
        vec![a, b, c, foreign],
        vec![],
    ] {
        let err = service::reorder_items(&pool, o, &wrong).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict, "{wrong:?}");
    }
    assert_eq!(titles(&pool, user).await, vec!["Bravo", "Charlie", "Alpha"]);
    assert_eq!(titles(&pool, other).await, vec!["Foreign"]);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn concurrent_reorders_serialize_and_keep_the_order_dense(pool: PgPool) {
    let (user, _) = pro(&pool, "asha@example.in").await;
    let mut ids = Vec::new();
    for n in 0..6 {
        ids.push(
            create(&pool, user, &format!("Item {n}"), "", "")
                .await
                .unwrap()
                .id,
        );
    }
    let m = meta();
    let forward = ids.clone();
    let mut backward = ids.clone();
    backward.reverse();
    let mut rotated = ids.clone();
    rotated.rotate_left(2);
    let (r1, r2, r3, r4) = tokio::join!(
        service::reorder_items(&pool, owner(user, &m), &backward),
        service::reorder_items(&pool, owner(user, &m), &rotated),
        service::move_item(&pool, owner(user, &m), ids[0], Direction::Later),
        service::reorder_items(&pool, owner(user, &m), &forward),
    );
    for r in [r1, r2, r3, r4] {
        r.unwrap();
    }
    let listed = service::list(&pool, user, ROLE).await.unwrap();
    let orders: Vec<i32> = listed.iter().map(|i| i.display_order).collect();
    assert_eq!(orders, (0..6).collect::<Vec<_>>());
    let mut got: Vec<Uuid> = listed.iter().map(|i| i.id).collect();
    got.sort_unstable();
    let mut want = ids;
    want.sort_unstable();
    assert_eq!(got, want);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn images_move_reorder_and_delete_with_their_files(pool: PgPool) {
    let (user, profile) = pro(&pool, "asha@example.in").await;
    let (storage, dir) = storage();
    let item = create(&pool, user, "Wedding", "", "").await.unwrap().id;
    let x = image(&pool, &storage, profile, item).await;
    let y = image(&pool, &storage, profile, item).await;
    let z = image(&pool, &storage, profile, item).await;
    let m = meta();
    let o = owner(user, &m);

    let listed = service::list(&pool, user, ROLE).await.unwrap();
    let first = &listed[0].images[0];
    assert_eq!(first.url, format!("/media/portfolio/{profile}/{x}.jpg"));
    assert_eq!(
        first.thumb_url,
        format!("/media/portfolio/{profile}/{x}_thumb.jpg")
    );

    service::move_image(&pool, o, z, Direction::Earlier)
        .await
        .unwrap();
    assert_eq!(image_ids(&pool, user, item).await, vec![x, z, y]);
    service::reorder_images(&pool, o, item, &[y, x, z])
        .await
        .unwrap();
    assert_eq!(image_ids(&pool, user, item).await, vec![y, x, z]);
    let err = service::reorder_images(&pool, o, item, &[y, x])
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(image_ids(&pool, user, item).await, vec![y, x, z]);

    service::delete_image(&pool, &storage, o, x).await.unwrap();
    assert_eq!(image_ids(&pool, user, item).await, vec![y, z]);
    let orders: Vec<i32> = service::list(&pool, user, ROLE).await.unwrap()[0]
        .images
        .iter()
        .map(|i| i.display_order)
        .collect();
    assert_eq!(orders, vec![0, 1]);
    assert!(storage
        .get(&portfolio_image_key(profile, x))
        .await
        .unwrap()
        .is_none());
    assert!(storage
        .get(&portfolio_thumb_key(profile, x))
        .await
        .unwrap()
        .is_none());
    assert!(storage
        .get(&portfolio_image_key(profile, y))
        .await
        .unwrap()
        .is_some());
    assert_eq!(audits(&pool, user, "DELETE", "portfolio_image").await, 1);
    assert_eq!(audits(&pool, user, "UPDATE", "portfolio_image").await, 1);
    assert_eq!(audits(&pool, user, "UPDATE", "portfolio_item").await, 1);
    std::fs::remove_dir_all(dir).unwrap();
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn deleting_an_item_removes_its_images_and_stored_files(pool: PgPool) {
    let (user, profile) = pro(&pool, "asha@example.in").await;
    let (storage, dir) = storage();
    let keep = create(&pool, user, "Birthday", "", "").await.unwrap().id;
    let gone = create(&pool, user, "Wedding", "", "").await.unwrap().id;
    let last = create(&pool, user, "Concert", "", "").await.unwrap().id;
    let kept_image = image(&pool, &storage, profile, keep).await;
    let doomed = [
        image(&pool, &storage, profile, gone).await,
        image(&pool, &storage, profile, gone).await,
    ];
    let m = meta();
    service::delete_item(&pool, &storage, owner(user, &m), gone)
        .await
        .unwrap();

    assert_eq!(titles(&pool, user).await, vec!["Birthday", "Concert"]);
    let orders: Vec<(Uuid, i32)> = service::list(&pool, user, ROLE)
        .await
        .unwrap()
        .iter()
        .map(|i| (i.id, i.display_order))
        .collect();
    assert_eq!(orders, vec![(keep, 0), (last, 1)]);
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM portfolio_images WHERE id = ANY($1)")
        .bind(doomed.to_vec())
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);
    for id in doomed {
        assert!(storage
            .get(&portfolio_image_key(profile, id))
            .await
            .unwrap()
            .is_none());
        assert!(storage
            .get(&portfolio_thumb_key(profile, id))
            .await
            .unwrap()
            .is_none());
    }
    assert!(storage
        .get(&portfolio_image_key(profile, kept_image))
        .await
        .unwrap()
        .is_some());
    let (label, images): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT a.entity_label, c.old_value_text FROM audit_logs a
           JOIN audit_log_changes c ON c.audit_log_id = a.id AND c.field_name = 'images'
          WHERE a.entity_id = $1 AND a.action = 'DELETE'",
    )
    .bind(gone)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(label.as_deref(), Some("Wedding"));
    assert_eq!(images.as_deref(), Some("2"));
    std::fs::remove_dir_all(dir).unwrap();
}
