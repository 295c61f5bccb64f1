//! The demo seeder against a real database: what it writes is what the app itself would
//! accept, and it never adds demo data twice or beside real accounts unasked.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::{seed_demo, SeedOptions, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD};
use crate::core::roles::{
    parse_field, parse_fields, rupees_for_form, FieldKind, FieldValue, ROLE_SPECS,
};
use crate::core::{contact, media::thumb_url};
use crate::domains::identity::password;
use crate::domains::offerings::model::ServiceInput;
use crate::domains::portfolio::model::ItemInput;
use crate::server::storage::{key_from_public_url, Storage};
use sqlx::{postgres::PgRow, PgPool, Row};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use uuid::Uuid;

fn temp_dir() -> PathBuf {
    std::env::temp_dir().join(format!("nxg-seed-{}", Uuid::new_v4()))
}

fn small(profiles: u64, images: u64, seed: u64) -> SeedOptions {
    let mut opts = SeedOptions::new(profiles);
    opts.images = images;
    opts.seed = seed;
    // Several batches on two connections, as a big run does.
    opts.batch = 70;
    opts.jobs = 2;
    opts
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// One extension-table column as the typed value the profile form would hold.
fn field_value(row: &PgRow, key: &str, kind: FieldKind) -> FieldValue {
    match kind {
        FieldKind::Tags { .. } => FieldValue::Tags(row.get(key)),
        FieldKind::Flag => FieldValue::Flag(row.get(key)),
        FieldKind::Number { .. } => FieldValue::Number(row.get(key)),
        FieldKind::Money { .. } => FieldValue::Money(row.get::<Option<i32>, _>(key).map(i64::from)),
        FieldKind::Choice { .. } => FieldValue::Choice(row.get(key)),
        FieldKind::Text { .. } => FieldValue::Text(row.get(key)),
    }
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn seeds_a_marketplace_the_app_accepts(pool: PgPool) {
    let dir = temp_dir();
    let storage = Storage::local(&dir).unwrap();
    let index_sql = "SELECT string_agg(indexdef, ';' ORDER BY indexname) FROM pg_indexes
                      WHERE tablename = 'profile_search'";
    let indexes: String = sqlx::query_scalar(index_sql)
        .fetch_one(&pool)
        .await
        .unwrap();
    let report = seed_demo(&pool, &storage, &small(200, 5, 7)).await.unwrap();
    // The search index's indexes, dropped for the bulk load, are all back.
    let after: String = sqlx::query_scalar(index_sql)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(after, indexes);
    assert!(indexes.contains("USING gin"));

    // Counts: every profile, about one user in ten with two roles.
    assert_eq!(report.profiles, 200);
    assert_eq!(
        count(&pool, "SELECT count(*) FROM user_role_profiles").await,
        200
    );
    let users = count(&pool, "SELECT count(*) FROM users").await;
    assert_eq!(users, i64::try_from(report.users).unwrap());
    let two_roles = count(
        &pool,
        "SELECT count(*) FROM (SELECT user_id FROM user_role_profiles GROUP BY user_id
           HAVING count(*) = 2) t",
    )
    .await;
    assert!(
        (5..=45).contains(&two_roles),
        "{two_roles} users with two roles"
    );
    assert_eq!(
        count(
            &pool,
            "SELECT count(DISTINCT role_key) FROM user_role_profiles"
        )
        .await,
        10
    );

    // Accounts look like confirmed sign-ups, with one shared hash of the demo password.
    let (bad_users, hashes): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE status <> 'ACTIVE' OR email_verified_at IS NULL
                                    OR email NOT LIKE '%@' || $1),
                count(DISTINCT password_hash)
           FROM users",
    )
    .bind(DEMO_EMAIL_DOMAIN)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((bad_users, hashes), (0, 1));
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users LIMIT 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(password::verify(DEMO_PASSWORD.into(), hash).await.unwrap());
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM users u JOIN user_settings s ON s.user_id = u.id
              WHERE s.settings_json->>'display_name' <> ''"
        )
        .await,
        users
    );
    // Every profile's role is granted; the demo customer holds CUSTOMER.
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM user_role_profiles p JOIN roles r ON r.key = p.role_key
               JOIN user_roles ur ON ur.user_id = p.user_id AND ur.role_id = r.id
              WHERE ur.status = 'APPROVED'"
        )
        .await,
        200
    );
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM users u JOIN user_roles ur ON ur.user_id = u.id
               JOIN roles r ON r.id = ur.role_id
              WHERE u.email = 'customer@demo.nxtgauge.in' AND r.key = 'CUSTOMER'"
        )
        .await,
        1
    );

    // Listed, readable, unique slugs; about 30 % verified.
    let profiles = sqlx::query(
        "SELECT id, slug, bio, location, status, approval_status, is_profile_public,
                verification_status FROM user_role_profiles",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut slugs = HashSet::new();
    let mut verified = 0;
    for p in &profiles {
        let slug: String = p.get("slug");
        assert!(
            slug.split('-').all(|part| !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "{slug}"
        );
        assert!(slugs.insert(slug));
        assert_eq!(p.get::<String, _>("status"), "ACTIVE");
        assert_eq!(p.get::<String, _>("approval_status"), "APPROVED");
        assert!(p.get::<bool, _>("is_profile_public"));
        let city: String = p.get("location");
        assert!(crate::core::roles::CITIES.contains(&city.as_str()));
        let bio: String = p.get("bio");
        assert!(bio.len() > 100, "{bio}");
        assert_eq!(contact::find(&bio), None, "{bio}");
        if p.get::<String, _>("verification_status") == "VERIFIED" {
            verified += 1;
        }
    }
    assert!((30..=100).contains(&verified), "{verified} verified of 200");

    // Role fields: one extension row per profile, every value valid under RoleSpec.
    for spec in &ROLE_SPECS {
        let rows = sqlx::query(&format!(
            "SELECT x.* FROM {} x JOIN user_role_profiles p ON p.id = x.user_role_profile_id
              WHERE p.role_key = $1",
            spec.table
        ))
        .bind(spec.key)
        .fetch_all(&pool)
        .await
        .unwrap();
        let of_role: i64 =
            sqlx::query_scalar("SELECT count(*) FROM user_role_profiles WHERE role_key = $1")
                .bind(spec.key)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(i64::try_from(rows.len()).unwrap(), of_role, "{}", spec.key);
        for row in &rows {
            let mut form = BTreeMap::new();
            for f in spec.fields {
                let value = field_value(row, f.key, f.kind);
                let parsed = parse_field(f, &value.to_form());
                assert_eq!(parsed.as_ref(), Ok(&value), "{}.{}", spec.key, f.key);
                if f.key == spec.price_field {
                    if let FieldValue::Money(Some(p)) = value {
                        assert!(p > 0 && p % 100 == 0, "{} price {p}", spec.key);
                    }
                }
                form.insert(f.key.to_string(), value.to_form());
            }
            assert!(parse_fields(spec, &form).is_ok(), "{}: {form:?}", spec.key);
        }
    }
    let photographer_prices: Vec<i32> = sqlx::query_scalar(
        "SELECT starting_price_inr FROM photographer_profiles WHERE starting_price_inr IS NOT NULL",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(photographer_prices
        .iter()
        .all(|p| (800_000..=15_000_000).contains(p)));

    // Services and portfolio items pass the app's own form rules.
    let services = sqlx::query(
        "SELECT user_role_profile_id, name, coalesce(description, '') AS description, price,
                duration_minutes FROM services",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    for s in &services {
        let price = rupees_for_form(i64::from(s.get::<i32, _>("price")));
        let duration = s
            .get::<Option<i32>, _>("duration_minutes")
            .map(|d| d.to_string())
            .unwrap_or_default();
        let name: String = s.get("name");
        let description: String = s.get("description");
        assert!(
            ServiceInput::parse(&name, &description, &price, &duration, true).is_ok(),
            "{name}: {description} {price} {duration}"
        );
    }
    assert_per_profile(&pool, "services", 2, 4).await;
    assert_per_profile(&pool, "portfolio_items", 1, 3).await;
    let items = sqlx::query(
        "SELECT title, coalesce(description, '') AS description, tags FROM portfolio_items",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    for item in &items {
        let title: String = item.get("title");
        let description: String = item.get("description");
        let tags: Vec<String> = item.get("tags");
        assert!(
            ItemInput::parse(&title, &description, &tags.join(", ")).is_ok(),
            "{title}: {description} {tags:?}"
        );
    }
    let (min_images, max_images): (i64, i64) = sqlx::query_as(
        "SELECT min(n), max(n) FROM (SELECT count(im.id) AS n FROM portfolio_items i
           LEFT JOIN portfolio_images im ON im.portfolio_item_id = i.id GROUP BY i.id) t",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(min_images >= 1 && max_images <= 4);

    // Pictures: the first five profiles have their own, distinct JPEGs with thumbnails
    // on disk; everyone else points into the shared pool, which is on disk too.
    let urls: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT i.user_role_profile_id, im.file_url FROM portfolio_images im
           JOIN portfolio_items i ON i.id = im.portfolio_item_id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut own_profiles = HashSet::new();
    let mut own_pictures = HashSet::new();
    for (profile_id, url) in &urls {
        let file = on_disk(&dir, url);
        let thumb = on_disk(&dir, &thumb_url(url));
        assert!(file.is_file() && thumb.is_file(), "{url}");
        if !url.contains("/shared/") {
            assert!(
                url.starts_with(&format!("/media/portfolio/{profile_id}/")),
                "{url}"
            );
            own_profiles.insert(*profile_id);
            assert!(
                own_pictures.insert(std::fs::read(&file).unwrap()),
                "{url} repeats"
            );
        }
    }
    assert_eq!(own_profiles.len(), 5);
    assert_eq!(
        i64::try_from(report.images).unwrap(),
        i64::try_from(own_pictures.len()).unwrap() + 24
    );

    // Search lists every profile.
    assert_eq!(report.listed, 200);
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM user_role_profiles p JOIN profile_search s
               ON s.profile_id = p.id AND s.slug = p.slug AND s.role_key = p.role_key"
        )
        .await,
        200
    );

    // The demo photographer is where the README says.
    let (city, price, status): (String, Option<i32>, String) = sqlx::query_as(
        "SELECT p.location, x.starting_price_inr, p.verification_status
           FROM users u JOIN user_role_profiles p ON p.user_id = u.id
           JOIN photographer_profiles x ON x.user_role_profile_id = p.id
          WHERE u.email = 'photographer@demo.nxtgauge.in'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (city.as_str(), price, status.as_str()),
        ("Pune", Some(1_500_000), "VERIFIED")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn on_disk(dir: &Path, url: &str) -> PathBuf {
    dir.join(key_from_public_url(url).unwrap())
}

async fn assert_per_profile(pool: &PgPool, table: &str, least: i64, most: i64) {
    let (min, max): (i64, i64) = sqlx::query_as(&format!(
        "SELECT min(n), max(n) FROM (SELECT count(t.id) AS n FROM user_role_profiles p
           LEFT JOIN {table} t ON t.user_role_profile_id = p.id GROUP BY p.id) c"
    ))
    .fetch_one(pool)
    .await
    .unwrap();
    assert!(min >= least && max <= most, "{table}: {min}..{max}");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn never_seeds_twice_or_beside_real_accounts_unasked(pool: PgPool) {
    let dir = temp_dir();
    let storage = Storage::local(&dir).unwrap();
    let first = seed_demo(&pool, &storage, &small(20, 1, 1)).await.unwrap();
    let own: Vec<String> = sqlx::query_scalar(
        "SELECT file_url FROM portfolio_images WHERE file_url NOT LIKE '%/shared/%'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(!own.is_empty());

    // Again: refused, nothing added.
    let err = seed_demo(&pool, &storage, &small(20, 1, 1))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("--reset"), "{err}");
    assert_eq!(
        count(&pool, "SELECT count(*) FROM users").await,
        i64::try_from(first.users).unwrap()
    );

    // --reset replaces the demo data (and the first run's own pictures).
    let mut again = small(20, 1, 2);
    again.reset = true;
    let second = seed_demo(&pool, &storage, &again).await.unwrap();
    assert_eq!(
        count(&pool, "SELECT count(*) FROM user_role_profiles").await,
        20
    );
    assert_eq!(
        count(&pool, "SELECT count(*) FROM users").await,
        i64::try_from(second.users).unwrap()
    );
    assert_eq!(
        count(&pool, "SELECT count(*) FROM profile_search").await,
        20
    );
    for url in &own {
        assert!(!on_disk(&dir, url).exists(), "{url} was left behind");
    }

    // A real account: refused without --force, and left alone with it.
    sqlx::query(
        "INSERT INTO users (email, password_hash, status) VALUES ('real@example.in', 'x', 'ACTIVE')",
    )
    .execute(&pool)
    .await
    .unwrap();
    let mut beside = small(20, 0, 3);
    beside.reset = true;
    let err = seed_demo(&pool, &storage, &beside)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("--force"), "{err}");
    beside.force = true;
    seed_demo(&pool, &storage, &beside).await.unwrap();
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM users WHERE email = 'real@example.in'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&pool, "SELECT count(*) FROM user_role_profiles").await,
        20
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
