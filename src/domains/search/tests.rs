//! The search index, search, the public profile and the sitemap against a real
//! PostgreSQL: each test gets its own migrated database; profiles are inserted with SQL.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::model::{SearchQuery, Sort, PAGE_SIZE};
use super::{index, profile, service, sitemap};
use crate::core::roles::{
    default_fields, facet_tokens, role_spec, FieldKind, FieldValue, RoleFields, RoleSpec,
    ROLE_SPECS,
};
use crate::core::ErrorCode;
use sqlx::{PgPool, Postgres, QueryBuilder};
use std::collections::HashSet;
use uuid::Uuid;

const BASE: &str = "http://test.example";

/// A profile to insert; `listed()` gives one that search shows.
struct Pro {
    role: &'static str,
    name: &'static str,
    city: &'static str,
    bio: Option<String>,
    status: &'static str,
    approval: &'static str,
    public: bool,
    verified: bool,
    user_status: &'static str,
    fields: Vec<(&'static str, FieldValue)>,
    /// Days before now the profile was approved.
    approved_days_ago: i32,
}

fn listed(role: &'static str, name: &'static str, city: &'static str) -> Pro {
    Pro {
        role,
        name,
        city,
        bio: None,
        status: "ACTIVE",
        approval: "APPROVED",
        public: true,
        verified: false,
        user_status: "ACTIVE",
        fields: Vec::new(),
        approved_days_ago: 1,
    }
}

fn price(rupees: i64) -> (&'static str, FieldValue) {
    ("starting_price_inr", FieldValue::Money(Some(rupees * 100)))
}

fn tags(key: &'static str, values: &[&str]) -> (&'static str, FieldValue) {
    (
        key,
        FieldValue::Tags(values.iter().map(|v| (*v).to_owned()).collect()),
    )
}

async fn insert_fields(pool: &PgPool, spec: &RoleSpec, profile_id: Uuid, fields: &RoleFields) {
    let mut b: QueryBuilder<Postgres> =
        QueryBuilder::new(format!("INSERT INTO {} (user_role_profile_id", spec.table));
    for f in spec.fields {
        b.push(", ").push(f.key);
    }
    b.push(") VALUES (").push_bind(profile_id);
    for f in spec.fields {
        b.push(", ");
        match fields[f.key].clone() {
            FieldValue::Tags(t) => b.push_bind(t),
            FieldValue::Flag(x) => b.push_bind(x),
            FieldValue::Number(n) => b.push_bind(n),
            FieldValue::Money(m) => b.push_bind(m.map(|v| i32::try_from(v).unwrap())),
            FieldValue::Choice(s) => b.push_bind(s),
            FieldValue::Text(t) => b.push_bind(t),
        };
    }
    b.push(")");
    b.build().execute(pool).await.unwrap();
}

/// Inserts a user, the profile and its extension row; refreshes its index row.
async fn create(pool: &PgPool, p: Pro) -> Uuid {
    let user: Uuid = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, status) VALUES ($1, 'x', $2) RETURNING id",
    )
    .bind(format!("{}@example.in", Uuid::new_v4().simple()))
    .bind(p.user_status)
    .fetch_one(pool)
    .await
    .unwrap();
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO user_role_profiles (user_id, role_key, display_name, bio, location, status,
                approval_status, is_profile_public, verification_status, verified_at, approved_at, slug)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $9 = 'VERIFIED' THEN now() END,
                 date_trunc('day', now()) - make_interval(days => $10), $11)
         RETURNING id",
    )
    .bind(user)
    .bind(p.role)
    .bind(p.name)
    .bind(&p.bio)
    .bind(p.city)
    .bind(p.status)
    .bind(p.approval)
    .bind(p.public)
    .bind(if p.verified { "VERIFIED" } else { "PENDING" })
    .bind(p.approved_days_ago)
    .bind(format!("{}-{}", p.role.replace('_', "-"), Uuid::new_v4().simple()))
    .fetch_one(pool)
    .await
    .unwrap();
    let spec = role_spec(p.role).unwrap();
    let mut fields = default_fields(spec);
    for (k, v) in p.fields {
        fields.insert(k.to_owned(), v);
    }
    insert_fields(pool, spec, id, &fields).await;
    refresh(pool, id).await;
    id
}

async fn refresh(pool: &PgPool, id: Uuid) {
    let mut tx = pool.begin().await.unwrap();
    index::refresh(&mut tx, id).await.unwrap();
    tx.commit().await.unwrap();
}

async fn service(pool: &PgPool, profile: Uuid, name: &str, rupees: i32, active: bool) {
    sqlx::query(
        "INSERT INTO services (user_role_profile_id, name, price, duration_minutes, is_active)
         VALUES ($1, $2, $3, 90, $4)",
    )
    .bind(profile)
    .bind(name)
    .bind(rupees * 100)
    .bind(active)
    .execute(pool)
    .await
    .unwrap();
}

/// A review of `profile` by a new reviewer, stored as `status`; the kept
/// `review_stats` row is recounted as moderation would leave it.
async fn review(pool: &PgPool, profile: Uuid, rating: i16, status: &str) {
    let reviewer: Uuid = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, account_type, status)
         VALUES ('reviewer-' || gen_random_uuid() || '@example.in', 'h', 'INDIVIDUAL', 'ACTIVE')
         RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO reviews (reviewer_user_id, entity_type, entity_id, rating, status, moderated_at)
         VALUES ($1, 'professional', $2, $3, $4, CASE WHEN $4 <> 'PENDING' THEN now() END)",
    )
    .bind(reviewer)
    .bind(profile)
    .bind(rating)
    .bind(status)
    .execute(pool)
    .await
    .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    crate::domains::reviews::moderation::recount(&mut conn, "professional", profile)
        .await
        .unwrap();
}

async fn indexed(pool: &PgPool) -> HashSet<Uuid> {
    sqlx::query_scalar("SELECT profile_id FROM profile_search")
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .collect()
}

async fn slug_of(pool: &PgPool, id: Uuid) -> String {
    sqlx::query_scalar("SELECT slug FROM user_role_profiles WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

fn query(pairs: &[(&'static str, &str)]) -> SearchQuery {
    let mut map = leptos_router::params::ParamsMap::new();
    for (k, v) in pairs {
        map.insert(*k, (*v).to_owned());
    }
    let (q, problems) = SearchQuery::from_query_map(&map);
    assert!(problems.is_empty(), "{problems:?}");
    q
}

async fn names(pool: &PgPool, q: &SearchQuery) -> Vec<String> {
    service::search(pool, q, BASE)
        .await
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.display_name)
        .collect()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn only_active_approved_public_profiles_of_active_users_are_listed(pool: PgPool) {
    let shown = create(&pool, listed("photographer", "Shown", "Pune")).await;
    let draft = create(
        &pool,
        Pro {
            status: "DRAFT",
            ..listed("photographer", "Draft", "Pune")
        },
    )
    .await;
    let pending = create(
        &pool,
        Pro {
            approval: "PENDING",
            ..listed("photographer", "Pending", "Pune")
        },
    )
    .await;
    let hidden = create(
        &pool,
        Pro {
            public: false,
            ..listed("photographer", "Hidden", "Pune")
        },
    )
    .await;
    let suspended = create(
        &pool,
        Pro {
            user_status: "SUSPENDED",
            ..listed("photographer", "Suspended", "Pune")
        },
    )
    .await;
    assert_eq!(indexed(&pool).await, HashSet::from([shown]));
    for id in [draft, pending, hidden, suspended] {
        assert!(!indexed(&pool).await.contains(&id));
    }

    sqlx::query("UPDATE user_role_profiles SET is_profile_public = false WHERE id = $1")
        .bind(shown)
        .execute(&pool)
        .await
        .unwrap();
    refresh(&pool, shown).await;
    assert!(
        indexed(&pool).await.is_empty(),
        "unpublishing removes the row"
    );

    sqlx::query("UPDATE user_role_profiles SET is_profile_public = true WHERE id = $1")
        .bind(shown)
        .execute(&pool)
        .await
        .unwrap();
    refresh(&pool, shown).await;
    assert_eq!(indexed(&pool).await, HashSet::from([shown]));

    let owner: Uuid = sqlx::query_scalar("UPDATE users SET status = 'SUSPENDED' WHERE id = (SELECT user_id FROM user_role_profiles WHERE id = $1) RETURNING id")
        .bind(shown)
        .fetch_one(&pool)
        .await
        .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    index::refresh_user(&mut conn, owner).await.unwrap();
    assert!(
        indexed(&pool).await.is_empty(),
        "a suspended account is unlisted"
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_row_is_computed_from_profile_services_portfolio_and_reviews(pool: PgPool) {
    let bio = format!("Candid   wedding stories.\n{}", "x".repeat(300));
    let id = create(
        &pool,
        Pro {
            bio: Some(bio),
            verified: true,
            fields: vec![price(25_000), tags("specialties", &["Wedding", "Candid"])],
            ..listed("photographer", "Asha Rao", "Pune")
        },
    )
    .await;
    service(&pool, id, "Wedding Photography", 18_000, true).await;
    service(&pool, id, "Cheap but inactive", 100, false).await;
    let empty_item: Uuid = sqlx::query_scalar(
        "INSERT INTO portfolio_items (user_role_profile_id, title, display_order) VALUES ($1, 'Empty', 0) RETURNING id",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    let item: Uuid = sqlx::query_scalar(
        "INSERT INTO portfolio_items (user_role_profile_id, title, display_order) VALUES ($1, 'Goa beach wedding', 1) RETURNING id",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO portfolio_images (portfolio_item_id, file_url, display_order) VALUES ($1, '/media/b.jpg', 1), ($1, '/media/a.jpg', 0)")
        .bind(item)
        .execute(&pool)
        .await
        .unwrap();
    assert_ne!(empty_item, item);
    review(&pool, id, 5, "PUBLISHED").await;
    review(&pool, id, 4, "PUBLISHED").await;
    review(&pool, id, 4, "PUBLISHED").await;
    review(&pool, id, 1, "HIDDEN").await;
    refresh(&pool, id).await;

    #[allow(clippy::type_complexity, reason = "one row of the index")]
    let row: (String, String, Option<String>, Option<i64>, bool, f64, i32, String, i32) = sqlx::query_as(
        "SELECT city, headline, cover_url, price_from, is_verified, rating_avg::float8, rating_count,
                document::text, score FROM profile_search WHERE profile_id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(row.0, "Pune");
    assert_eq!(row.1.chars().count(), 200);
    assert!(
        row.1.starts_with("Candid   wedding stories. xxx"),
        "{}",
        row.1
    );
    assert_eq!(
        row.2.as_deref(),
        Some("/media/a.jpg"),
        "first image of the first item with images"
    );
    assert_eq!(
        row.3,
        Some(1_800_000),
        "the cheaper of role price and active services"
    );
    assert!(row.4);
    assert!((row.5 - 4.33).abs() < 1e-9, "{}", row.5);
    assert_eq!(row.6, 3);
    // Name A, profession/tags/city B, services/portfolio C, bio D.
    for lexeme in [
        "'asha':1A",
        "'photograph':",
        "'pune':",
        "'photographi':",
        "'goa':",
        "'stori':",
    ] {
        assert!(row.7.contains(lexeme), "{lexeme} in {}", row.7);
    }
    // 300 verified + 100 × (13 + 10.5) / 6 = 392 + 40 cover + 20 bio + 3 reviews.
    assert_eq!(row.8, 300 + 392 + 40 + 20 + 3);

    let matches: bool = sqlx::query_scalar(
        "SELECT document @@ websearch_to_tsquery('english', 'goa beach') FROM profile_search WHERE profile_id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(matches, "portfolio titles are searchable");
}

/// Varied values for every facet field of a role, in mixed case.
fn sample_fields(spec: &RoleSpec) -> Vec<(&'static str, FieldValue)> {
    let mut out = Vec::new();
    let mut flag_on = true;
    for f in spec.facets() {
        let v = match f.kind {
            FieldKind::Tags { suggestions, .. } => FieldValue::Tags(
                suggestions
                    .iter()
                    .rev()
                    .take(3)
                    .map(|s| (*s).to_owned())
                    .chain(["Custom Tag".to_owned()])
                    .collect(),
            ),
            FieldKind::Flag => {
                flag_on = !flag_on;
                FieldValue::Flag(!flag_on)
            }
            FieldKind::Choice { options } => {
                FieldValue::Choice(options.last().map(|o| o.0.to_owned()).unwrap())
            }
            _ => continue,
        };
        out.push((f.key, v));
    }
    out
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn sql_facets_equal_spec_facet_tokens_for_every_role(pool: PgPool) {
    let indexes_before = secondary_indexes(&pool).await;
    assert!(indexes_before.len() == 9, "{indexes_before:?}");
    let mut expected = Vec::new();
    for spec in &ROLE_SPECS {
        let fields = sample_fields(spec);
        let id = create(
            &pool,
            Pro {
                fields: fields.clone(),
                ..listed(spec.key, "Facet Pro", "Delhi")
            },
        )
        .await;
        let mut all = default_fields(spec);
        for (k, v) in fields {
            all.insert(k.to_owned(), v);
        }
        let tokens = facet_tokens(spec, &all);
        assert!(!tokens.is_empty(), "{}", spec.key);
        expected.push((id, tokens));
    }
    // Both paths of the same statement: one profile at a time (above) and all at once.
    for pass in ["refresh", "rebuild_all"] {
        for (id, tokens) in &expected {
            let facets: Vec<String> =
                sqlx::query_scalar("SELECT facets FROM profile_search WHERE profile_id = $1")
                    .bind(id)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            assert_eq!(&facets, tokens, "{pass}");
        }
        sqlx::query("DELETE FROM profile_search")
            .execute(&pool)
            .await
            .unwrap();
        let mut conn = pool.acquire().await.unwrap();
        assert_eq!(index::rebuild_all(&mut conn).await.unwrap(), 10);
        // The bulk path dropped and rebuilt them.
        assert_eq!(secondary_indexes(&pool).await, indexes_before);
    }
}

async fn secondary_indexes(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT pg_get_indexdef(indexrelid) FROM pg_index
          WHERE indrelid = 'profile_search'::regclass AND NOT indisprimary ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn rebuild_all_adds_updates_and_removes_rows(pool: PgPool) {
    let a = create(
        &pool,
        Pro {
            fields: vec![price(900)],
            ..listed("photographer", "A", "Pune")
        },
    )
    .await;
    let b = create(&pool, listed("tutor", "B", "Pune")).await;
    // Changes made behind the index's back, as a bulk load would.
    sqlx::query("UPDATE photographer_profiles SET starting_price_inr = 50000 WHERE user_role_profile_id = $1")
        .bind(a)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE user_role_profiles SET status = 'SUSPENDED' WHERE id = $1")
        .bind(b)
        .execute(&pool)
        .await
        .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    assert_eq!(index::rebuild_all(&mut conn).await.unwrap(), 1);
    assert_eq!(indexed(&pool).await, HashSet::from([a]));
    let p: Option<i64> =
        sqlx::query_scalar("SELECT price_from FROM profile_search WHERE profile_id = $1")
            .bind(a)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(p, Some(50_000));
    let before: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("SELECT updated_at FROM profile_search WHERE profile_id = $1")
            .bind(a)
            .fetch_one(&pool)
            .await
            .unwrap();
    index::rebuild_all(&mut conn).await.unwrap();
    let after: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("SELECT updated_at FROM profile_search WHERE profile_id = $1")
            .bind(a)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(before, after, "unchanged rows are not rewritten");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn filters_narrow_by_role_city_price_facets_verification_and_rating(pool: PgPool) {
    let wedding = create(
        &pool,
        Pro {
            verified: true,
            fields: vec![price(15_000), tags("specialties", &["Wedding", "Candid"])],
            ..listed("photographer", "Pune Wedding", "Pune")
        },
    )
    .await;
    create(
        &pool,
        Pro {
            fields: vec![price(18_000), tags("specialties", &["Wedding"])],
            ..listed("photographer", "Pune Budget", "Pune")
        },
    )
    .await;
    create(
        &pool,
        Pro {
            fields: vec![price(25_000), tags("specialties", &["Wedding", "Candid"])],
            ..listed("photographer", "Pune Premium", "Pune")
        },
    )
    .await;
    create(
        &pool,
        Pro {
            fields: vec![price(10_000)],
            ..listed("photographer", "Mumbai Cheap", "Mumbai")
        },
    )
    .await;
    create(&pool, listed("photographer", "Pune On Request", "Pune")).await;
    create(
        &pool,
        Pro {
            fields: vec![("hourly_rate_inr", FieldValue::Money(Some(50_000)))],
            ..listed("tutor", "Pune Tutor", "Pune")
        },
    )
    .await;
    review(&pool, wedding, 5, "PUBLISHED").await;
    refresh(&pool, wedding).await;

    let mut got = names(
        &pool,
        &query(&[
            ("role", "photographer"),
            ("city", "Pune"),
            ("max_price", "20000"),
            ("sort", "price_asc"),
        ]),
    )
    .await;
    assert_eq!(
        got,
        vec!["Pune Wedding", "Pune Budget"],
        "photographer in Pune under ₹20,000"
    );
    got = names(
        &pool,
        &query(&[
            ("role", "photographer"),
            ("city", "Pune"),
            ("min_price", "16000"),
        ]),
    )
    .await;
    got.sort();
    assert_eq!(got, vec!["Pune Budget", "Pune Premium"]);
    got = names(
        &pool,
        &query(&[
            ("role", "photographer"),
            ("f", "specialties:wedding"),
            ("f", "specialties:candid"),
        ]),
    )
    .await;
    got.sort();
    assert_eq!(
        got,
        vec!["Pune Premium", "Pune Wedding"],
        "facets are ANDed"
    );
    assert_eq!(
        names(&pool, &query(&[("verified", "1")])).await,
        vec!["Pune Wedding"]
    );
    assert_eq!(
        names(&pool, &query(&[("min_rating", "4")])).await,
        vec!["Pune Wedding"]
    );
    assert_eq!(
        names(&pool, &query(&[("city", "Pune"), ("role", "tutor")])).await,
        vec!["Pune Tutor"]
    );

    let r = service::search(
        &pool,
        &query(&[("role", "photographer"), ("city", "Pune")]),
        BASE,
    )
    .await
    .unwrap();
    assert_eq!(r.total, 4);
    assert!(!r.counts_capped);
    assert!(
        r.roles.is_empty() && r.cities.is_empty(),
        "role and city are chosen"
    );
    let count = |t: &str| r.facets.iter().find(|f| f.value == t).map(|f| f.count);
    assert_eq!(count("specialties:wedding"), Some(3));
    assert_eq!(count("specialties:candid"), Some(2));
    let all = service::search(&pool, &SearchQuery::default(), BASE)
        .await
        .unwrap();
    assert_eq!(all.total, 6);
    assert_eq!(all.roles[0].value, "photographer");
    assert_eq!(all.roles[0].count, 5);
    assert_eq!(all.cities[0].value, "Pune");
    assert_eq!(all.cities[0].count, 5);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn text_search_tolerates_typos_and_ranks_names_first(pool: PgPool) {
    let studio = create(&pool, listed("photographer", "Lens Studio", "Pune")).await;
    service(&pool, studio, "Wedding Photography", 20_000, true).await;
    refresh(&pool, studio).await;
    create(
        &pool,
        Pro {
            bio: Some("I love photography and travel.".into()),
            ..listed("tutor", "Meera Iyer", "Chennai")
        },
    )
    .await;
    create(&pool, listed("developer", "Kiran Rust", "Pune")).await;

    assert_eq!(
        names(&pool, &query(&[("q", "wedding photography")])).await[0],
        "Lens Studio"
    );
    let fixed = service::search(&pool, &query(&[("q", "photgraphy")]), BASE)
        .await
        .unwrap();
    assert!(fixed.fuzzy);
    let typo: Vec<String> = fixed.hits.into_iter().map(|h| h.display_name).collect();
    assert!(typo.contains(&"Lens Studio".to_owned()), "{typo:?}");
    assert_eq!(
        names(&pool, &query(&[("q", "meeera")])).await,
        vec!["Meera Iyer"]
    );
    // Name (A) outranks bio (D).
    let ranked = names(&pool, &query(&[("q", "photography")])).await;
    assert_eq!(ranked, vec!["Lens Studio", "Meera Iyer"]);
    assert!(names(&pool, &query(&[("q", "plumber")])).await.is_empty());
    assert_eq!(
        names(&pool, &query(&[("q", "photographers pune")])).await,
        vec!["Lens Studio"]
    );
}

/// Walks every page of `q` and returns the profile ids in order.
async fn walk(pool: &PgPool, q: &SearchQuery) -> Vec<String> {
    let mut out = Vec::new();
    let mut page = q.clone();
    for _ in 0..20 {
        let r = service::search(pool, &page, BASE).await.unwrap();
        assert!(r.hits.len() <= PAGE_SIZE);
        out.extend(r.hits.into_iter().map(|h| h.slug));
        match r.next {
            Some(c) => page = q.page_after(&c),
            None => return out,
        }
    }
    panic!("too many pages");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn every_sort_order_pages_without_gaps_or_overlaps(pool: PgPool) {
    // 30 photographers and 15 tutors with many ties: equal prices, ratings, dates;
    // every fifth has no price.
    for i in 0..45i32 {
        let role = if i < 30 { "photographer" } else { "tutor" };
        let key = if i < 30 {
            "starting_price_inr"
        } else {
            "hourly_rate_inr"
        };
        let money = (i % 5 != 0).then_some(i64::from(i % 4) * 100_000);
        let id = create(
            &pool,
            Pro {
                verified: i % 3 == 0,
                approved_days_ago: i % 7,
                fields: vec![(key, FieldValue::Money(money))],
                ..listed(role, "Pro", "Pune")
            },
        )
        .await;
        for r in 0..(i % 4) {
            review(
                &pool,
                id,
                i16::try_from(1 + (i + r) % 5).unwrap(),
                "PUBLISHED",
            )
            .await;
        }
        refresh(&pool, id).await;
    }
    #[derive(sqlx::FromRow)]
    struct Row {
        slug: String,
        role_key: String,
        profile_id: Uuid,
        score: i32,
        rating: i32,
        rating_count: i32,
        price_from: Option<i64>,
        listed_at: chrono::DateTime<chrono::Utc>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT slug, role_key, profile_id, score, (rating_avg * 100)::int AS rating, rating_count,
                price_from, listed_at FROM profile_search",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    for sort in Sort::ALL {
        for role in [None, Some("photographer")] {
            let mut expected: Vec<&Row> = rows
                .iter()
                .filter(|r| role.is_none_or(|k| r.role_key == k))
                .collect();
            expected.sort_by(|a, b| match sort {
                Sort::Relevance => (b.score, b.profile_id).cmp(&(a.score, a.profile_id)),
                Sort::Rating => (b.rating, b.rating_count, b.profile_id).cmp(&(
                    a.rating,
                    a.rating_count,
                    a.profile_id,
                )),
                Sort::Newest => (b.listed_at, b.profile_id).cmp(&(a.listed_at, a.profile_id)),
                Sort::PriceLow => (a.price_from.is_none(), a.price_from, a.profile_id).cmp(&(
                    b.price_from.is_none(),
                    b.price_from,
                    b.profile_id,
                )),
                Sort::PriceHigh => (a.price_from.is_none(), b.price_from, b.profile_id).cmp(&(
                    b.price_from.is_none(),
                    a.price_from,
                    a.profile_id,
                )),
            });
            let expected: Vec<String> = expected.into_iter().map(|r| r.slug.clone()).collect();
            let mut q = SearchQuery {
                sort,
                ..SearchQuery::default()
            };
            q.role = role.map(str::to_owned);
            let got = walk(&pool, &q).await;
            assert_eq!(got, expected, "{sort:?} {role:?}");
        }
    }
    // A price range pages through priced profiles only.
    let q = query(&[("min_price", "1000"), ("sort", "price_desc")]);
    let got = walk(&pool, &q).await;
    let priced = rows
        .iter()
        .filter(|r| r.price_from.is_some_and(|p| p >= 100_000))
        .count();
    assert_eq!(got.len(), priced);
    assert_eq!(got.iter().collect::<HashSet<_>>().len(), priced);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn text_results_page_by_tier_and_score(pool: PgPool) {
    for i in 0..25 {
        let name: &'static str = if i % 2 == 0 {
            "Wedding Films"
        } else {
            "Studio"
        };
        let id = create(&pool, listed("video_editor", name, "Pune")).await;
        service(
            &pool,
            id,
            if i % 3 == 0 { "Wedding edit" } else { "Reels" },
            5_000,
            true,
        )
        .await;
        refresh(&pool, id).await;
    }
    let q = query(&[("q", "wedding")]);
    let got = walk(&pool, &q).await;
    let matching: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM profile_search WHERE document @@ websearch_to_tsquery('english', 'wedding')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(i64::try_from(got.len()).unwrap(), matching);
    assert_eq!(got.iter().collect::<HashSet<_>>().len(), got.len());
    // Name matches (tier 0) come before service-only matches (tier 1).
    let names: Vec<String> = service::search(&pool, &q, BASE)
        .await
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.display_name)
        .collect();
    let first_studio = names.iter().position(|n| n == "Studio").unwrap();
    assert_eq!(first_studio, 13, "13 \"Wedding Films\" first: {names:?}");
    assert!(names[first_studio..].iter().all(|n| n == "Studio"));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn kept_counts_follow_every_change(pool: PgPool) {
    let a = create(
        &pool,
        Pro {
            fields: vec![tags("specialties", &["Wedding", "Candid"])],
            ..listed("photographer", "A", "Pune")
        },
    )
    .await;
    let b = create(
        &pool,
        Pro {
            fields: vec![tags("specialties", &["Wedding"])],
            ..listed("photographer", "B", "Pune")
        },
    )
    .await;
    create(&pool, listed("tutor", "C", "Delhi")).await;
    sqlx::query("UPDATE user_role_profiles SET location = 'Mumbai' WHERE id = $1")
        .bind(a)
        .execute(&pool)
        .await
        .unwrap();
    refresh(&pool, a).await;
    sqlx::query("UPDATE photographer_profiles SET specialties = '{Portrait}' WHERE user_role_profile_id = $1")
        .bind(b)
        .execute(&pool)
        .await
        .unwrap();
    refresh(&pool, b).await;
    refresh(&pool, b).await;
    sqlx::query("UPDATE user_role_profiles SET status = 'SUSPENDED' WHERE role_key = 'tutor'")
        .execute(&pool)
        .await
        .unwrap();
    let tutor: Uuid =
        sqlx::query_scalar("SELECT id FROM user_role_profiles WHERE role_key = 'tutor'")
            .fetch_one(&pool)
            .await
            .unwrap();
    refresh(&pool, tutor).await;
    let kept = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (String, String, String, i64)>(sql)
                .fetch_all(&pool)
                .await
                .unwrap()
        }
    };
    let expected = kept(
        "SELECT role_key, city, '', count(*) FROM profile_search GROUP BY 1, 2
         UNION ALL SELECT role_key, city, t, count(*) FROM profile_search, unnest(facets) t GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3",
    )
    .await;
    let counts = kept(
        "SELECT role_key, city, token, n::bigint FROM profile_search_counts WHERE n <> 0 ORDER BY 1, 2, 3",
    )
    .await;
    assert_eq!(counts, expected);
    assert!(expected.contains(&(
        "photographer".into(),
        "Mumbai".into(),
        "specialties:candid".into(),
        1
    )));
    assert!(expected.contains(&(
        "photographer".into(),
        "Pune".into(),
        "specialties:portrait".into(),
        1
    )));
    let r = service::search(&pool, &query(&[("role", "photographer")]), BASE)
        .await
        .unwrap();
    assert_eq!(r.total, 2);
    assert!(!r.counts_capped);
    assert_eq!(r.cities.len(), 2);
    let mut conn = pool.acquire().await.unwrap();
    index::rebuild_all(&mut conn).await.unwrap();
    assert_eq!(
        kept("SELECT role_key, city, token, n::bigint FROM profile_search_counts ORDER BY 1, 2, 3")
            .await,
        expected
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_tampered_cursor_is_a_clear_validation_error(pool: PgPool) {
    create(&pool, listed("photographer", "A", "Pune")).await;
    for after in ["garbage!", "MS5wcmljZV9hc2MucC01LngK", "AAAA"] {
        let q = SearchQuery {
            after: Some(after.into()),
            ..SearchQuery::default()
        };
        let err = service::search(&pool, &q, BASE).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation, "{after}");
        assert_eq!(err.status(), axum::http::StatusCode::UNPROCESSABLE_ENTITY);
        assert!(err.message.contains("first page"));
    }
    // A cursor made for another order.
    let mut many = Vec::new();
    for _ in 0..21 {
        many.push(create(&pool, listed("photographer", "B", "Pune")).await);
    }
    let next = service::search(&pool, &SearchQuery::default(), BASE)
        .await
        .unwrap()
        .next
        .unwrap();
    let q = SearchQuery {
        sort: Sort::Newest,
        after: Some(next),
        ..SearchQuery::default()
    };
    assert!(service::search(&pool, &q, BASE)
        .await
        .unwrap_err()
        .is_validation());
    // Values the form never sends are refused by the server too.
    let bad = SearchQuery {
        facets: vec!["specialties:wedding".into()],
        role: Some("tutor".into()),
        ..SearchQuery::default()
    };
    assert!(service::search(&pool, &bad, BASE)
        .await
        .unwrap_err()
        .field_message("f")
        .is_some());
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_public_page_shows_listed_profiles_and_previews_only_to_owners(pool: PgPool) {
    let id = create(
        &pool,
        Pro {
            bio: Some("Weddings across Maharashtra.".into()),
            verified: true,
            fields: vec![
                price(15_000),
                tags("specialties", &["Wedding"]),
                ("studio_available", FieldValue::Flag(true)),
            ],
            ..listed("photographer", "Asha Rao", "Pune")
        },
    )
    .await;
    service(&pool, id, "Full day", 40_000, true).await;
    service(&pool, id, "Retired", 1_000, false).await;
    review(&pool, id, 5, "PUBLISHED").await;
    review(&pool, id, 4, "PUBLISHED").await;
    review(&pool, id, 1, "PENDING").await;
    let slug = slug_of(&pool, id).await;
    let p = profile::load(&pool, &slug, None, BASE).await.unwrap();
    assert!(!p.preview);
    assert!(p.verified_at.is_some());
    assert_eq!(p.city.as_deref(), Some("Pune"));
    assert_eq!(p.services.len(), 1);
    assert_eq!(p.rating.count, 2);
    assert_eq!(p.rating.histogram, [1, 1, 0, 0, 0]);
    assert!((p.rating.average - 4.5).abs() < 1e-9);
    let fact = |l: &str| {
        p.facts
            .iter()
            .find(|f| f.label == l)
            .map(|f| f.value.clone())
    };
    assert_eq!(fact("Specialties").as_deref(), Some("Wedding"));
    assert_eq!(fact("Studio available").as_deref(), Some("Yes"));
    assert_eq!(fact("Starting price").as_deref(), Some("₹15,000"));
    assert_eq!(fact("Outdoor shoots"), None);

    let owner: Uuid = sqlx::query_scalar(
        "UPDATE user_role_profiles SET approval_status = 'PENDING' WHERE id = $1 RETURNING user_id",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    let err = profile::load(&pool, &slug, None, BASE).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(err.status(), axum::http::StatusCode::NOT_FOUND);
    let stranger = Some(Uuid::new_v4());
    assert_eq!(
        profile::load(&pool, &slug, stranger, BASE)
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    assert!(
        profile::load(&pool, &slug, Some(owner), BASE)
            .await
            .unwrap()
            .preview
    );
    assert_eq!(
        profile::load(&pool, "no-such-profile", None, BASE)
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
}

fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(str::to_owned)
        .collect()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_sitemap_lists_exactly_the_listed_profiles(pool: PgPool) {
    let mut listed_slugs = HashSet::new();
    for i in 0..12 {
        let id = create(&pool, listed(ROLE_SPECS[i % 10].key, "Pro", "Pune")).await;
        listed_slugs.insert(format!("{BASE}/p/{}", slug_of(&pool, id).await));
    }
    create(
        &pool,
        Pro {
            public: false,
            ..listed("tutor", "Hidden", "Pune")
        },
    )
    .await;
    let xml = sitemap::root(&pool, BASE, sitemap::LIMITS).await.unwrap();
    assert!(xml.contains("<urlset") && xml.contains("<lastmod>"));
    let all = locs(&xml);
    let profiles: HashSet<String> = all.iter().filter(|l| l.contains("/p/")).cloned().collect();
    assert_eq!(profiles, listed_slugs);
    assert!(all.contains(&format!("{BASE}/search?role=photographer")));
    assert!(all.contains(&format!("{BASE}/")));

    // Past the single-file limit it becomes an index of files that together hold them all.
    let small = sitemap::Limits {
        single_file: 15,
        per_file: 5,
    };
    let index_xml = sitemap::root(&pool, BASE, small).await.unwrap();
    assert!(index_xml.contains("<sitemapindex"));
    let files = locs(&index_xml);
    assert_eq!(files.len(), 3);
    assert_eq!(files[0], format!("{BASE}/sitemap-1.xml"));
    let mut seen = Vec::new();
    for n in 1..=3 {
        let xml = sitemap::file_n(&pool, BASE, small, n)
            .await
            .unwrap()
            .unwrap();
        seen.extend(locs(&xml).into_iter().filter(|l| l.contains("/p/")));
    }
    assert_eq!(seen.len(), listed_slugs.len(), "no profile in two files");
    assert_eq!(seen.into_iter().collect::<HashSet<_>>(), listed_slugs);
    assert!(sitemap::file_n(&pool, BASE, small, 4)
        .await
        .unwrap()
        .is_none());
}

mod bench_tmp {
    use super::*;
    use std::time::Instant;

    const URLS: &[&str] = &[
        "",
        "role=photographer",
        "role=photographer&city=Pune",
        "role=photographer&city=Pune&max_price=20000",
        "role=photographer&city=Pune&max_price=20000&sort=price_asc",
        "role=photographer&f=specialties:wedding",
        "role=photographer&city=Mumbai&f=specialties:wedding&f=camera_brands:leica",
        "q=wedding+photography",
        "q=wedding",
        "q=photgraphy",
        "q=wedding+photographers+in+pune",
        "role=photographer&q=candid+wedding",
        "q=aarav+sharma",
        "role=tutor&city=Delhi&q=physics",
        "city=Pune",
        "sort=newest",
        "role=developer&sort=rating",
        "role=makeup_artist&verified=1&min_rating=4",
        "role=catering_service&city=Mumbai&sort=price_desc",
        "role=photographer&city=Pune&sort=price_asc",
    ];

    fn parse(qs: &str) -> SearchQuery {
        let mut map = leptos_router::params::ParamsMap::new();
        for pair in qs.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap();
            map.insert(k.to_owned(), v.replace('+', " "));
        }
        SearchQuery::from_query_map(&map).0
    }

    #[tokio::test]
    #[ignore = "manual benchmark"]
    async fn bench() {
        let url = std::env::var("BENCH_URL").unwrap();
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(4)
            .after_connect(|c, _| {
                Box::pin(async move {
                    if std::env::var("BENCH_LOG").is_ok() {
                        sqlx::query("SET log_min_duration_statement = 0")
                            .execute(&mut *c)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .unwrap();
        if std::env::var("BENCH_REBUILD").is_ok() {
            sqlx::query("TRUNCATE profile_search")
                .execute(&pool)
                .await
                .unwrap();
            let mut conn = pool.acquire().await.unwrap();
            let t = Instant::now();
            let n = index::rebuild_all(&mut conn).await.unwrap();
            println!("rebuild_all (empty): {n} rows in {:?}", t.elapsed());
            let t = Instant::now();
            let n = index::rebuild_all(&mut conn).await.unwrap();
            println!(
                "rebuild_all (again, nothing changed): {n} rows in {:?}",
                t.elapsed()
            );
            return;
        }
        let rounds: usize = std::env::var("BENCH_ROUNDS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(20);
        for u in URLS {
            let q = parse(u);
            let first = service::search(&pool, &q, BASE).await.unwrap();
            let page2 = first.next.as_ref().map(|c| q.page_after(c));
            for (label, query) in [
                (u.to_string(), Some(q.clone())),
                (format!("{u} [page 2]"), page2),
            ] {
                let Some(query) = query else { continue };
                let mut times = Vec::new();
                let mut total = 0;
                for _ in 0..rounds {
                    let t = Instant::now();
                    let r = service::search(&pool, &query, BASE).await.unwrap();
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                    total = r.total;
                }
                times.sort_by(|a, b| a.partial_cmp(b).unwrap());
                let p = |f: f64| times[((times.len() as f64 - 1.0) * f).round() as usize];
                println!(
                    "{label:<80} total {total:>5}  p50 {:>6.2} ms  p95 {:>6.2} ms",
                    p(0.5),
                    p(0.95)
                );
            }
        }
    }
}
