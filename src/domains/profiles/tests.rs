//! A professional's own profiles against a real PostgreSQL: each test gets its own
//! migrated database.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::model::{ProfileInput, Stage};
use super::service;
use crate::core::roles::FieldValue;
use crate::core::ErrorCode;
use crate::domains::audit::service::RequestMeta;
use sqlx::PgPool;
use uuid::Uuid;

fn meta() -> RequestMeta {
    RequestMeta {
        ip_address: Some("203.0.113.9".into()),
        user_agent: Some("tests".into()),
        request_id: None,
    }
}

/// An active account named `name`, holding `roles` (as sign-up would give them).
async fn user(pool: &PgPool, email: &str, name: &str, roles: &[&str]) -> Uuid {
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, account_type, status)
         VALUES ($1, 'h', 'INDIVIDUAL', 'ACTIVE') RETURNING id",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO user_settings (user_id, settings_json)
         VALUES ($1, jsonb_build_object('display_name', $2::text))",
    )
    .bind(id)
    .bind(name)
    .execute(pool)
    .await
    .unwrap();
    for role in roles {
        sqlx::query(
            "INSERT INTO user_roles (user_id, role_id, status)
             SELECT $1, id, 'PENDING' FROM roles WHERE key = $2",
        )
        .bind(id)
        .bind(role)
        .execute(pool)
        .await
        .unwrap();
    }
    id
}

fn form(location: &str, bio: &str, fields: &[(&str, &str)]) -> ProfileInput {
    ProfileInput {
        display_name: "Asha Rao".into(),
        bio: bio.into(),
        location: location.into(),
        is_profile_public: true,
        fields: fields
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect(),
    }
}

async fn scalar_i64(pool: &PgPool, sql: &str, id: Uuid) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn audit_count(pool: &PgPool, profile: Uuid) -> i64 {
    scalar_i64(
        pool,
        "SELECT count(*) FROM audit_logs WHERE entity_type = 'user_role_profile' AND entity_id = $1",
        profile,
    )
    .await
}

fn tags(v: &[&str]) -> FieldValue {
    FieldValue::Tags(v.iter().map(|s| (*s).to_string()).collect())
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn create_makes_a_draft_with_a_readable_slug_its_extension_row_and_the_role(pool: PgPool) {
    let asha = user(&pool, "asha@example.in", "Asha Rao", &[]).await;
    let p = service::create_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap();
    assert_eq!(p.slug, "asha-rao-photographer");
    assert_eq!(p.display_name, "Asha Rao");
    assert_eq!((p.status.as_str(), p.user_id), ("DRAFT", asha));
    let ext = scalar_i64(
        &pool,
        "SELECT count(*) FROM photographer_profiles WHERE user_role_profile_id = $1",
        p.id,
    )
    .await;
    assert_eq!(ext, 1);
    let role: (String, String) = sqlx::query_as(
        "SELECT r.key, ur.status FROM user_roles ur JOIN roles r ON r.id = ur.role_id
          WHERE ur.user_id = $1",
    )
    .bind(asha)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(role, ("photographer".into(), "PENDING".into()));
    let audited: (String, String) = sqlx::query_as(
        "SELECT action, summary FROM audit_logs WHERE entity_id = $1 AND actor_user_id = $2",
    )
    .bind(p.id)
    .bind(asha)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited.0, "CREATE");

    // The same role twice is a clear conflict, and writes nothing.
    let err = service::create_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("already have a Photographer profile"));
    assert_eq!(audit_count(&pool, p.id).await, 1);

    // A second role is fine; unknown roles are refused.
    let tutor = service::create_role_profile(&pool, asha, "tutor", &meta())
        .await
        .unwrap();
    assert_eq!(tutor.slug, "asha-rao-tutor");
    let err = service::create_role_profile(&pool, asha, "CUSTOMER", &meta())
        .await
        .unwrap_err();
    assert!(err.fields.contains_key("role"), "{err:?}");

    // Namesakes get -2, -3.
    for (n, email) in [(2, "a2@example.in"), (3, "a3@example.in")] {
        let other = user(&pool, email, "Asha  Rao", &[]).await;
        let p = service::create_role_profile(&pool, other, "photographer", &meta())
            .await
            .unwrap();
        assert_eq!(p.slug, format!("asha-rao-photographer-{n}"));
    }
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_role_chosen_at_sign_up_is_not_added_twice(pool: PgPool) {
    let ravi = user(&pool, "ravi@example.in", "रवि", &["developer"]).await;
    let p = service::create_role_profile(&pool, ravi, "developer", &meta())
        .await
        .unwrap();
    // A name with no Latin letters still gets a valid slug.
    assert_eq!(p.slug, "developer");
    let roles = scalar_i64(
        &pool,
        "SELECT count(*) FROM user_roles WHERE user_id = $1",
        ravi,
    )
    .await;
    assert_eq!(roles, 1);
}

#[test]
fn slugs_are_lower_case_words_joined_by_hyphens() {
    assert_eq!(
        service::slug_base("  Dr. Asha  O'Brien-Rao ", "makeup_artist"),
        "dr-asha-o-brien-rao-makeup-artist"
    );
    let long = service::slug_base(&"abcdefghij ".repeat(20), "social_media_manager");
    assert!(long.len() <= 100 - 9, "{long}");
    assert!(!long.contains("--") && !long.starts_with('-'));
}

/// A role, the raw form of its fields, and the typed values they must read back as.
type Case = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    Vec<(&'static str, FieldValue)>,
);

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn saving_round_trips_every_field_kind(pool: PgPool) {
    let id = user(&pool, "many@example.in", "Meera Iyer", &[]).await;
    let bio = "Ten years of weddings, classes and code across Pune.";
    let cases: Vec<Case> = vec![
        (
            "photographer",
            vec![
                ("specialties", "Wedding, candid"),
                ("camera_brands", "sony"),
                ("studio_available", "on"),
                ("travel_radius_km", "120"),
                ("starting_price_inr", "₹15,000.50"),
            ],
            vec![
                ("specialties", tags(&["Wedding", "candid"])),
                ("camera_brands", tags(&["sony"])),
                ("studio_available", FieldValue::Flag(true)),
                ("outdoor_shoots", FieldValue::Flag(false)),
                ("travel_radius_km", FieldValue::Number(Some(120))),
                ("starting_price_inr", FieldValue::Money(Some(1_500_050))),
            ],
        ),
        (
            "tutor",
            vec![
                ("subjects", "Mathematics, Physics"),
                ("board_types", "CBSE"),
                ("qualification", "M.Sc. Physics, B.Ed."),
                ("teaches_online", "on"),
                ("experience_years", "7"),
                ("hourly_rate_inr", "800"),
            ],
            vec![
                ("subjects", tags(&["Mathematics", "Physics"])),
                ("board_types", tags(&["CBSE"])),
                (
                    "qualification",
                    FieldValue::Text(Some("M.Sc. Physics, B.Ed.".into())),
                ),
                ("teaches_online", FieldValue::Flag(true)),
                ("teaches_offline", FieldValue::Flag(false)),
                ("experience_years", FieldValue::Number(Some(7))),
                ("hourly_rate_inr", FieldValue::Money(Some(80_000))),
            ],
        ),
        (
            "developer",
            vec![
                ("tech_stack", "Rust, PostgreSQL"),
                ("experience_years", "4"),
                ("availability", "PART_TIME"),
                ("remote_ok", "on"),
                ("hourly_rate_inr", ""),
            ],
            vec![
                ("tech_stack", tags(&["Rust", "PostgreSQL"])),
                ("experience_years", FieldValue::Number(Some(4))),
                ("availability", FieldValue::Choice("PART_TIME".into())),
                ("remote_ok", FieldValue::Flag(true)),
                ("hourly_rate_inr", FieldValue::Money(None)),
            ],
        ),
        (
            "catering_service",
            vec![
                ("business_name", "Annapurna Caterers"),
                ("cuisine_types", "Gujarati, Jain"),
                ("event_types", "Wedding"),
                ("min_guests", "50"),
                ("max_guests", "1500"),
                ("has_serving_staff", "on"),
                ("price_per_head_inr", "450"),
            ],
            vec![
                (
                    "business_name",
                    FieldValue::Text(Some("Annapurna Caterers".into())),
                ),
                ("cuisine_types", tags(&["Gujarati", "Jain"])),
                ("event_types", tags(&["Wedding"])),
                ("min_guests", FieldValue::Number(Some(50))),
                ("max_guests", FieldValue::Number(Some(1500))),
                ("has_setup_team", FieldValue::Flag(false)),
                ("has_serving_staff", FieldValue::Flag(true)),
                ("price_per_head_inr", FieldValue::Money(Some(45_000))),
            ],
        ),
    ];
    for (role, raw, want) in cases {
        let p = service::create_role_profile(&pool, id, role, &meta())
            .await
            .unwrap();
        service::save_role_profile(&pool, id, role, &form("navi mumbai", bio, &raw), &meta())
            .await
            .unwrap();
        let view = service::load_role_profile(&pool, id, role).await.unwrap();
        assert_eq!(view.location.as_deref(), Some("Navi Mumbai"));
        assert_eq!(view.bio.as_deref(), Some(bio));
        assert!(view.is_profile_public);
        for (key, value) in want {
            assert_eq!(view.fields[key], value, "{role}.{key}");
        }
        assert_eq!(
            view.fields.len(),
            crate::core::roles::role_spec(role).unwrap().fields.len()
        );
        // The change is audited field by field.
        let changed: Vec<String> = sqlx::query_scalar(
            "SELECT c.field_name FROM audit_log_changes c JOIN audit_logs a ON a.id = c.audit_log_id
              WHERE a.entity_id = $1 AND a.action = 'UPDATE' ORDER BY c.field_name",
        )
        .bind(p.id)
        .fetch_all(&pool)
        .await
        .unwrap();
        assert!(changed.contains(&"bio".to_string()), "{changed:?}");
        assert!(changed.contains(&"location".to_string()), "{changed:?}");
        assert!(
            changed.contains(&raw[0].0.to_string()),
            "{role}: {changed:?}"
        );
    }
    // Money is stored as INTEGER paise.
    let paise: Option<i32> = sqlx::query_scalar(
        "SELECT e.starting_price_inr FROM photographer_profiles e
           JOIN user_role_profiles p ON p.id = e.user_role_profile_id WHERE p.user_id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(paise, Some(1_500_050));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn every_bad_field_is_reported_and_nothing_is_written(pool: PgPool) {
    let id = user(&pool, "asha@example.in", "Asha Rao", &[]).await;
    let p = service::create_role_profile(&pool, id, "photographer", &meta())
        .await
        .unwrap();
    let good = form("Pune", "Candid weddings.", &[("specialties", "Wedding")]);
    service::save_role_profile(&pool, id, "photographer", &good, &meta())
        .await
        .unwrap();
    let audits = audit_count(&pool, p.id).await;
    for (bio, says) in [
        ("Call me on +91 98765 43210", "phone number"),
        ("Portfolio at https://asha.example.com/work", "link"),
        ("Portfolio at ashaphotos.in", "link"),
        ("Mail asha.rao@example.com for dates", "e-mail address"),
    ] {
        let err = service::save_role_profile(
            &pool,
            id,
            "photographer",
            &form("Pune", bio, &[("specialties", "Portrait")]),
            &meta(),
        )
        .await
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.fields["bio"].contains(says), "{bio}: {:?}", err.fields);
    }
    // Several bad fields at once, common and role ones.
    let mut bad = form(
        "Atlantis",
        "ok",
        &[("specialties", ""), ("travel_radius_km", "-1")],
    );
    bad.display_name = "A".into();
    let err = service::save_role_profile(&pool, id, "photographer", &bad, &meta())
        .await
        .unwrap_err();
    for key in [
        "display_name",
        "location",
        "specialties",
        "travel_radius_km",
    ] {
        assert!(err.fields.contains_key(key), "{key}: {:?}", err.fields);
    }
    let view = service::load_role_profile(&pool, id, "photographer")
        .await
        .unwrap();
    assert_eq!(view.bio.as_deref(), Some("Candid weddings."));
    assert_eq!(view.fields["specialties"], tags(&["Wedding"]));
    assert_eq!(audit_count(&pool, p.id).await, audits);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn nobody_can_save_or_submit_someone_elses_profile(pool: PgPool) {
    let asha = user(&pool, "asha@example.in", "Asha Rao", &[]).await;
    let ravi = user(&pool, "ravi@example.in", "Ravi Kumar", &[]).await;
    let p = service::create_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap();
    service::save_role_profile(
        &pool,
        asha,
        "photographer",
        &form("Pune", "Asha's bio.", &[("specialties", "Wedding")]),
        &meta(),
    )
    .await
    .unwrap();
    // Profiles are found by (caller, role): Ravi has no photographer profile to reach.
    let hijack = form("Delhi", "Ravi was here.", &[("specialties", "Food")]);
    let err = service::save_role_profile(&pool, ravi, "photographer", &hijack, &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = service::submit_role_profile(&pool, ravi, "photographer", &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = service::load_role_profile(&pool, ravi, "photographer")
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    // Once Ravi has his own, his saves touch only his.
    service::create_role_profile(&pool, ravi, "photographer", &meta())
        .await
        .unwrap();
    service::save_role_profile(&pool, ravi, "photographer", &hijack, &meta())
        .await
        .unwrap();
    let view = service::load_role_profile(&pool, asha, "photographer")
        .await
        .unwrap();
    assert_eq!(view.id, p.id);
    assert_eq!(view.bio.as_deref(), Some("Asha's bio."));
    assert_eq!(view.location.as_deref(), Some("Pune"));
    assert_eq!(view.fields["specialties"], tags(&["Wedding"]));
    let requests = scalar_i64(
        &pool,
        "SELECT count(*) FROM approval_requests WHERE entity_id = $1",
        p.id,
    )
    .await;
    assert_eq!(requests, 0);
}

async fn add_portfolio_image_and_service(pool: &PgPool, profile: Uuid) {
    let item: Uuid = sqlx::query_scalar(
        "INSERT INTO portfolio_items (user_role_profile_id, title) VALUES ($1, 'Weddings')
         RETURNING id",
    )
    .bind(profile)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO portfolio_images (portfolio_item_id, file_url) VALUES ($1, 'public/x.webp')",
    )
    .bind(item)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO services (user_role_profile_id, name, price) VALUES ($1, 'Wedding day', 2500000)",
    )
    .bind(profile)
    .execute(pool)
    .await
    .unwrap();
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn submitting_needs_the_checklist_then_opens_exactly_one_review(pool: PgPool) {
    let asha = user(&pool, "asha@example.in", "Asha Rao", &["photographer"]).await;
    let p = service::create_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap();
    let err = service::submit_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    let missing: Vec<&str> = err.fields.keys().map(String::as_str).collect();
    assert_eq!(
        missing,
        ["bio", "location", "portfolio", "services", "specialties"]
    );

    service::save_role_profile(
        &pool,
        asha,
        "photographer",
        &form(
            "Pune",
            "Candid weddings since 2015.",
            &[("specialties", "Wedding")],
        ),
        &meta(),
    )
    .await
    .unwrap();
    let err = service::submit_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap_err();
    let missing: Vec<&str> = err.fields.keys().map(String::as_str).collect();
    assert_eq!(missing, ["portfolio", "services"]);
    assert_eq!(
        scalar_i64(
            &pool,
            "SELECT count(*) FROM approval_requests WHERE entity_id = $1",
            p.id
        )
        .await,
        0
    );

    add_portfolio_image_and_service(&pool, p.id).await;
    let before = service::load_role_profile(&pool, asha, "photographer")
        .await
        .unwrap();
    assert!(before.checklist_complete());
    assert_eq!(before.stage, Stage::Draft);
    let request = service::submit_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap();
    let (entity_type, status, by): (String, String, Uuid) = sqlx::query_as(
        "SELECT entity_type, status, submitted_by_user_id FROM approval_requests WHERE entity_id = $1",
    )
    .bind(p.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (entity_type.as_str(), status.as_str(), by),
        ("profile", "PENDING", asha)
    );
    let logs: Vec<String> =
        sqlx::query_scalar("SELECT action FROM approval_logs WHERE approval_request_id = $1")
            .bind(request)
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(logs, ["SUBMITTED"]);
    let view = service::load_role_profile(&pool, asha, "photographer")
        .await
        .unwrap();
    assert_eq!(view.stage, Stage::InReview);
    assert_eq!(view.approval_status.as_str(), "PENDING");
    assert!(view.in_review_since.is_some());

    // Submitting again is refused and opens nothing.
    let err = service::submit_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(
        scalar_i64(
            &pool,
            "SELECT count(*) FROM approval_requests WHERE entity_id = $1",
            p.id
        )
        .await,
        1
    );
    // Create, save and submit were each audited.
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_logs WHERE entity_id = $1 ORDER BY created_at, action",
    )
    .bind(p.id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(actions, ["CREATE", "UPDATE", "UPDATE"]);
    let submitted: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs a JOIN audit_log_changes c ON c.audit_log_id = a.id
          WHERE a.entity_id = $1 AND c.field_name = 'approval_status' AND c.new_value_text = 'PENDING'",
    )
    .bind(p.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(submitted, 1);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn sent_back_profiles_can_be_resubmitted_live_and_suspended_ones_cannot(pool: PgPool) {
    let asha = user(&pool, "asha@example.in", "Asha Rao", &[]).await;
    let p = service::create_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap();
    service::save_role_profile(
        &pool,
        asha,
        "photographer",
        &form("Pune", "Candid weddings.", &[("specialties", "Wedding")]),
        &meta(),
    )
    .await
    .unwrap();
    add_portfolio_image_and_service(&pool, p.id).await;
    let first = service::submit_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap();
    // Staff send it back (what approvals::decide does on a rejection).
    sqlx::query("UPDATE approval_requests SET status = 'REJECTED' WHERE id = $1")
        .bind(first)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE user_role_profiles SET approval_status = 'REJECTED',
                rejection_reason = 'Add photos of your own work.' WHERE id = $1",
    )
    .bind(p.id)
    .execute(&pool)
    .await
    .unwrap();
    let view = service::load_role_profile(&pool, asha, "photographer")
        .await
        .unwrap();
    assert_eq!(view.stage, Stage::ChangesRequested);
    assert_eq!(
        view.rejection_reason.as_deref(),
        Some("Add photos of your own work.")
    );
    let mine = service::my_role_profiles(&pool, asha).await.unwrap();
    assert_eq!(mine.profiles[0].stage, Stage::ChangesRequested);
    assert_eq!(
        mine.profiles[0].rejection_reason.as_deref(),
        Some("Add photos of your own work.")
    );

    let second = service::submit_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap();
    assert_ne!(first, second);
    let view = service::load_role_profile(&pool, asha, "photographer")
        .await
        .unwrap();
    assert_eq!(view.stage, Stage::InReview);
    assert_eq!(view.rejection_reason, None);

    // Approved and active: live, nothing to resubmit.
    sqlx::query("UPDATE approval_requests SET status = 'APPROVED' WHERE id = $1")
        .bind(second)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE user_role_profiles SET approval_status = 'APPROVED', status = 'ACTIVE' WHERE id = $1",
    )
    .bind(p.id)
    .execute(&pool)
    .await
    .unwrap();
    let err = service::submit_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    // A live profile's edits go live, under the same contact filter.
    service::save_role_profile(
        &pool,
        asha,
        "photographer",
        &form("Mumbai", "Now in Mumbai.", &[("specialties", "Wedding")]),
        &meta(),
    )
    .await
    .unwrap();
    let err = service::save_role_profile(
        &pool,
        asha,
        "photographer",
        &form(
            "Mumbai",
            "WhatsApp 9876543210",
            &[("specialties", "Wedding")],
        ),
        &meta(),
    )
    .await
    .unwrap_err();
    assert!(err.fields.contains_key("bio"));
    let view = service::load_role_profile(&pool, asha, "photographer")
        .await
        .unwrap();
    assert_eq!(
        (view.stage, view.bio.as_deref()),
        (Stage::Live, Some("Now in Mumbai."))
    );

    sqlx::query("UPDATE user_role_profiles SET status = 'SUSPENDED' WHERE id = $1")
        .bind(p.id)
        .execute(&pool)
        .await
        .unwrap();
    let err = service::submit_role_profile(&pool, asha, "photographer", &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert!(err.message.contains("suspended"));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn my_profiles_lists_cards_and_roles_still_without_a_profile(pool: PgPool) {
    let asha = user(
        &pool,
        "asha@example.in",
        "Asha Rao",
        &["photographer", "CUSTOMER"],
    )
    .await;
    let mine = service::my_role_profiles(&pool, asha).await.unwrap();
    assert!(mine.profiles.is_empty());
    assert_eq!(mine.held_without_profile, ["photographer"]);
    assert_eq!(mine.addable.len(), 9);
    assert!(!mine
        .addable
        .iter()
        .any(|r| r == "photographer" || r == "CUSTOMER"));

    service::create_role_profile(&pool, asha, "tutor", &meta())
        .await
        .unwrap();
    let mine = service::my_role_profiles(&pool, asha).await.unwrap();
    assert_eq!(mine.profiles.len(), 1);
    assert_eq!(mine.profiles[0].role_key, "tutor");
    assert_eq!(mine.profiles[0].stage, Stage::Draft);
    assert!(!mine.profiles[0].verified);
    assert_eq!(mine.held_without_profile, ["photographer"]);
    assert_eq!(mine.addable.len(), 8);
    assert!(!mine.addable.iter().any(|r| r == "tutor"));
}

/// The save server function through the whole router, with the body a browser's
/// `ActionForm` sends: role fields as `fields[key]` (serde_qs brackets, percent-encoded
/// as `URLSearchParams` writes them).
mod over_http {
    use super::*;
    use axum::{
        body::Body,
        http::{header, Request, StatusCode},
    };
    use tower::ServiceExt;

    async fn app(pool: &PgPool) -> axum::Router {
        crate::app::wiring::router_for_tests(pool).await
    }

    async fn cookie(pool: &PgPool, user: Uuid) -> String {
        crate::server::session::test_cookie(pool, user).await
    }

    async fn post(
        app: &axum::Router,
        path: &str,
        cookie: &str,
        body: &str,
    ) -> (StatusCode, String) {
        crate::app::wiring::form_call(app, "POST", path, Some(cookie), body).await
    }

    #[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
    async fn the_save_endpoint_reads_bracketed_role_fields(pool: PgPool) {
        let app = app(&pool).await;
        let asha = user(&pool, "asha@example.in", "Asha Rao", &[]).await;
        let ravi = user(&pool, "ravi@example.in", "Ravi Kumar", &[]).await;
        let asha_cookie = cookie(&pool, asha).await;
        let (status, body) = post(
            &app,
            "/api/profiles/create",
            &asha_cookie,
            "role=photographer",
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body, "\"photographer\"");

        let body = "role=photographer&display_name=Asha+Rao&bio=Candid+weddings.&location=Pune\
            &is_profile_public=on\
            &fields%5Bspecialties%5D=Wedding%2C+Candid&fields%5Bcamera_brands%5D=\
            &fields%5Bstudio_available%5D=on&fields%5Btravel_radius_km%5D=50\
            &fields%5Bstarting_price_inr%5D=15%2C000";
        let (status, reply) = post(&app, "/api/profiles/save", &asha_cookie, body).await;
        assert_eq!(status, StatusCode::OK, "{reply}");
        let view = service::load_role_profile(&pool, asha, "photographer")
            .await
            .unwrap();
        assert_eq!(view.fields["specialties"], tags(&["Wedding", "Candid"]));
        assert_eq!(view.fields["studio_available"], FieldValue::Flag(true));
        assert_eq!(view.fields["outdoor_shoots"], FieldValue::Flag(false));
        assert_eq!(
            view.fields["travel_radius_km"],
            FieldValue::Number(Some(50))
        );
        assert_eq!(
            view.fields["starting_price_inr"],
            FieldValue::Money(Some(1_500_000))
        );
        assert!(view.is_profile_public);

        // Unencoded brackets work too; a missing checkbox means off; errors come back
        // as 422 keyed by field.
        let (status, reply) = post(
            &app,
            "/api/profiles/save",
            &asha_cookie,
            "role=photographer&display_name=Asha+Rao&bio=x&location=Pune&fields[specialties]=&fields[travel_radius_km]=abc",
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
        let err: crate::core::AppError = serde_json::from_str(&reply).unwrap();
        assert!(err.fields.contains_key("specialties"), "{reply}");
        assert!(err.fields.contains_key("travel_radius_km"), "{reply}");
        let (status, reply) = post(
            &app,
            "/api/profiles/save",
            &asha_cookie,
            "role=photographer&display_name=Asha+Rao&bio=x&location=Pune&fields[specialties]=Food",
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{reply}");
        let view = service::load_role_profile(&pool, asha, "photographer")
            .await
            .unwrap();
        assert_eq!(view.fields["specialties"], tags(&["Food"]));
        assert_eq!(view.fields["studio_available"], FieldValue::Flag(false));
        assert!(!view.is_profile_public);

        // Without a session nothing is saved; with another user's session, their own
        // (missing) profile is all they can reach.
        let (status, _) = post(
            &app,
            "/api/profiles/save",
            "",
            "role=photographer&fields[specialties]=Hack",
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let ravi_cookie = cookie(&pool, ravi).await;
        let (status, _) = post(
            &app,
            "/api/profiles/save",
            &ravi_cookie,
            "role=photographer&display_name=Ravi+K&location=Pune&fields[specialties]=Hack",
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, reply) = post(
            &app,
            "/api/profiles/load",
            &ravi_cookie,
            "role=photographer",
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{reply}");
        let (status, reply) = post(&app, "/api/profiles/mine", &asha_cookie, "").await;
        assert_eq!(status, StatusCode::OK, "{reply}");
        let mine: super::super::model::MyProfilesView = serde_json::from_str(&reply).unwrap();
        assert_eq!(mine.profiles[0].display_name, "Asha Rao");
    }

    async fn get(app: &axum::Router, path: &str, cookie: &str) -> (StatusCode, String) {
        let req = Request::builder()
            .uri(path)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 22)
            .await
            .unwrap();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    #[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
    async fn the_pages_render_on_the_server_with_labelled_fields(pool: PgPool) {
        let app = app(&pool).await;
        let asha = user(&pool, "asha@example.in", "Asha Rao", &["photographer"]).await;
        let asha_cookie = cookie(&pool, asha).await;
        let (status, html) = get(&app, "/pro", &asha_cookie).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Create your Photographer profile"), "{html}");
        assert!(html.contains(r#"<label for="new-role""#), "{html}");

        service::create_role_profile(&pool, asha, "photographer", &meta())
            .await
            .unwrap();
        let (status, html) = get(&app, "/pro/photographer", &asha_cookie).await;
        assert_eq!(status, StatusCode::OK);
        for needle in [
            r#"<label for="display_name""#,
            r#"<label for="bio""#,
            r#"<label for="location""#,
            r#"<label for="is_profile_public""#,
            r#"<label for="field-specialties""#,
            r#"name="fields[specialties]""#,
            r#"<label for="field-studio_available""#,
            r#"<label for="field-travel_radius_km""#,
            r#"<label for="field-starting_price_inr""#,
            r#"inputmode="decimal""#,
            "Submit for review",
            "At least one portfolio image",
            r#"href="/pro/photographer/portfolio""#,
        ] {
            assert!(html.contains(needle), "missing {needle}");
        }

        // Visitors are asked to log in; unknown roles say so.
        let (status, html) = get(&app, "/pro/photographer", "").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("/login?next=/pro/photographer"));
        let (_, html) = get(&app, "/pro/plumber", &asha_cookie).await;
        assert!(html.contains("There is no such profile"));
    }
}
