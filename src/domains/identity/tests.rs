//! Account rules against a real PostgreSQL: each test gets its own migrated database.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::{model::Registration, service};
use crate::core::{validation::Password, ErrorCode};
use crate::domains::audit::service::RequestMeta;
use crate::server::session::hash_token;
use sqlx::PgPool;
use uuid::Uuid;

const PASSWORD: &str = "correct horse battery";

fn meta() -> RequestMeta {
    RequestMeta {
        ip_address: Some("203.0.113.7".into()),
        user_agent: Some("tests".into()),
        request_id: None,
    }
}

fn registration(email: &str) -> Registration {
    Registration::parse("Asha Rao", email, PASSWORD, "INDIVIDUAL", "photographer").unwrap()
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// A registered and confirmed account.
async fn active_user(pool: &PgPool, email: &str) -> Uuid {
    let reg = service::register(pool, registration(email), &meta())
        .await
        .unwrap();
    service::verify_email(pool, &reg.verify_token, &meta())
        .await
        .unwrap();
    reg.user_id
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn register_writes_user_settings_role_token_and_audit_in_one_go(pool: PgPool) {
    let reg = service::register(&pool, registration("Asha@Example.in"), &meta())
        .await
        .unwrap();
    let (email, status, account_type, hash): (String, String, String, String) = sqlx::query_as(
        "SELECT email, status, account_type, password_hash FROM users WHERE id = $1",
    )
    .bind(reg.user_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(email, "asha@example.in");
    assert_eq!(status, "PENDING");
    assert_eq!(account_type, "INDIVIDUAL");
    assert!(hash.starts_with("$argon2id$"));
    let role: (String, String) = sqlx::query_as(
        "SELECT r.key, ur.status FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = $1",
    )
    .bind(reg.user_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(role, ("photographer".into(), "PENDING".into()));
    let name: String = sqlx::query_scalar(
        "SELECT settings_json->>'display_name' FROM user_settings WHERE user_id = $1",
    )
    .bind(reg.user_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(name, "Asha Rao");
    // Only the token's hash is stored.
    let stored: String =
        sqlx::query_scalar("SELECT token_hash FROM user_tokens WHERE user_id = $1")
            .bind(reg.user_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(stored, hash_token(&reg.verify_token));
    assert_ne!(stored, reg.verify_token);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs a JOIN audit_log_changes c ON c.audit_log_id = a.id
          WHERE a.entity_id = $1 AND a.action = 'CREATE' AND a.ip_address = '203.0.113.7'",
    )
    .bind(reg.user_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, 3);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn duplicate_email_is_a_field_error_and_writes_nothing(pool: PgPool) {
    service::register(&pool, registration("dup@example.in"), &meta())
        .await
        .unwrap();
    let before = count(&pool, "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_logs) + (SELECT count(*) FROM user_tokens)").await;
    let err = service::register(&pool, registration("DUP@example.in"), &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err
        .field_message("email")
        .unwrap()
        .contains("already exists"));
    let after = count(&pool, "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_logs) + (SELECT count(*) FROM user_tokens)").await;
    assert_eq!(before, after);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn login_needs_a_confirmed_email_and_tokens_work_once(pool: PgPool) {
    let reg = service::register(&pool, registration("new@example.in"), &meta())
        .await
        .unwrap();
    let (err, _) = service::login(&pool, "new@example.in", PASSWORD, None, &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::EmailUnverified);

    service::verify_email(&pool, &reg.verify_token, &meta())
        .await
        .unwrap();
    let again = service::verify_email(&pool, &reg.verify_token, &meta())
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::InvalidToken);

    let status: String = sqlx::query_scalar("SELECT status FROM users WHERE id = $1")
        .bind(reg.user_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(status, "ACTIVE");
    let done = service::login(&pool, "NEW@example.in", PASSWORD, None, &meta())
        .await
        .unwrap();
    let stored: String =
        sqlx::query_scalar("SELECT session_token FROM user_sessions WHERE user_id = $1")
            .bind(reg.user_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(stored, hash_token(&done.session_token));
    assert!(done.session_token.len() >= 43, "at least 256 bits of token");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn expired_links_are_refused(pool: PgPool) {
    let reg = service::register(&pool, registration("late@example.in"), &meta())
        .await
        .unwrap();
    sqlx::query("UPDATE user_tokens SET expires_at = now() - interval '1 second'")
        .execute(&pool)
        .await
        .unwrap();
    let err = service::verify_email(&pool, &reg.verify_token, &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidToken);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn unknown_email_and_wrong_password_look_the_same(pool: PgPool) {
    active_user(&pool, "known@example.in").await;
    let (unknown, _) = service::login(&pool, "nobody@example.in", PASSWORD, None, &meta())
        .await
        .unwrap_err();
    let (wrong, _) = service::login(&pool, "known@example.in", "not the password", None, &meta())
        .await
        .unwrap_err();
    assert_eq!(unknown, wrong);
    assert_eq!(wrong.code, ErrorCode::InvalidCredentials);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn repeated_failures_lock_the_account_even_for_the_right_password(pool: PgPool) {
    let user = active_user(&pool, "lock@example.in").await;
    for attempt in 1..=4 {
        let (err, lock) = service::login(&pool, "lock@example.in", "wrong password", None, &meta())
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidCredentials, "attempt {attempt}");
        assert!(lock.is_none());
    }
    let (err, lock) = service::login(&pool, "lock@example.in", "wrong password", None, &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::AccountLocked);
    assert!(err.message.contains("locked until"));
    assert_eq!(lock.unwrap().minutes, 15);
    let (err, _) = service::login(&pool, "lock@example.in", PASSWORD, None, &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::AccountLocked);
    let failed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE entity_id = $1 AND status = 'FAILED'",
    )
    .bind(user)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(failed, 5);

    // When the lock has passed, the right password works and the counter resets.
    sqlx::query("UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1")
        .bind(user)
        .execute(&pool)
        .await
        .unwrap();
    service::login(&pool, "lock@example.in", PASSWORD, None, &meta())
        .await
        .unwrap();
    let (attempts, until): (i32, Option<chrono::DateTime<chrono::Utc>>) =
        sqlx::query_as("SELECT failed_login_attempts, locked_until FROM users WHERE id = $1")
            .bind(user)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((attempts, until), (0, None));
}

#[test]
fn lockout_doubles_after_the_threshold_and_is_capped() {
    let s = crate::domains::config::service::AuthSettings::default();
    assert_eq!(service::lock_minutes(4, &s), None);
    assert_eq!(service::lock_minutes(5, &s), Some(15));
    assert_eq!(service::lock_minutes(6, &s), Some(30));
    assert_eq!(service::lock_minutes(7, &s), Some(60));
    assert_eq!(service::lock_minutes(40, &s), Some(24 * 60));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn login_rotates_the_browsers_session(pool: PgPool) {
    let user = active_user(&pool, "rotate@example.in").await;
    let first = service::login(&pool, "rotate@example.in", PASSWORD, None, &meta())
        .await
        .unwrap();
    let second = service::login(
        &pool,
        "rotate@example.in",
        PASSWORD,
        Some(&first.session_token),
        &meta(),
    )
    .await
    .unwrap();
    assert_ne!(first.session_token, second.session_token);
    let tokens: Vec<String> =
        sqlx::query_scalar("SELECT session_token FROM user_sessions WHERE user_id = $1")
            .bind(user)
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(tokens, vec![hash_token(&second.session_token)]);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn password_reset_unlocks_and_ends_every_session(pool: PgPool) {
    let user = active_user(&pool, "reset@example.in").await;
    service::login(&pool, "reset@example.in", PASSWORD, None, &meta())
        .await
        .unwrap();
    sqlx::query("UPDATE users SET failed_login_attempts = 9, locked_until = now() + interval '1 hour' WHERE id = $1")
        .bind(user)
        .execute(&pool)
        .await
        .unwrap();
    let stale = service::new_reset_token(&pool, user, &meta())
        .await
        .unwrap();
    let token = service::new_reset_token(&pool, user, &meta())
        .await
        .unwrap();
    let new_password = Password::parse("a brand new secret").unwrap();
    // Asking again invalidates the earlier link.
    let err = service::reset_password(&pool, &stale, &new_password, &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidToken);
    service::reset_password(&pool, &token, &new_password, &meta())
        .await
        .unwrap();
    assert_eq!(count(&pool, "SELECT count(*) FROM user_sessions").await, 0);
    let (err, _) = service::login(&pool, "reset@example.in", PASSWORD, None, &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidCredentials);
    service::login(
        &pool,
        "reset@example.in",
        "a brand new secret",
        None,
        &meta(),
    )
    .await
    .unwrap();
    let reuse = service::reset_password(&pool, &token, &new_password, &meta())
        .await
        .unwrap_err();
    assert_eq!(reuse.code, ErrorCode::InvalidToken);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn change_password_checks_the_current_one_and_keeps_only_this_session(pool: PgPool) {
    let user = active_user(&pool, "change@example.in").await;
    service::login(&pool, "change@example.in", PASSWORD, None, &meta())
        .await
        .unwrap();
    service::login(&pool, "change@example.in", PASSWORD, None, &meta())
        .await
        .unwrap();
    let keep: Uuid = sqlx::query_scalar("SELECT id FROM user_sessions WHERE user_id = $1 LIMIT 1")
        .bind(user)
        .fetch_one(&pool)
        .await
        .unwrap();
    let new_password = Password::parse("another long secret").unwrap();
    let err = service::change_password(&pool, user, keep, "not it", &new_password, &meta())
        .await
        .unwrap_err();
    assert!(err.field_message("current_password").is_some());
    assert_eq!(count(&pool, "SELECT count(*) FROM user_sessions").await, 2);
    service::change_password(&pool, user, keep, PASSWORD, &new_password, &meta())
        .await
        .unwrap();
    let left: Vec<Uuid> = sqlx::query_scalar("SELECT id FROM user_sessions")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(left, vec![keep]);
    let changes: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log_changes WHERE field_name = 'password_hash' AND new_value_text = '[redacted]'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(changes, 1);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn logout_others_ends_every_other_session(pool: PgPool) {
    let user = active_user(&pool, "many@example.in").await;
    for _ in 0..3 {
        service::login(&pool, "many@example.in", PASSWORD, None, &meta())
            .await
            .unwrap();
    }
    let keep: Uuid = sqlx::query_scalar("SELECT id FROM user_sessions LIMIT 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        service::logout_others(&pool, user, keep, &meta())
            .await
            .unwrap(),
        2
    );
    let sessions = service::list_sessions(&pool, user, keep).await.unwrap();
    assert_eq!(sessions.len(), 1);
    assert!(sessions[0].current);
    service::logout(&pool, user, keep, &meta()).await.unwrap();
    assert_eq!(count(&pool, "SELECT count(*) FROM user_sessions").await, 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn settings_are_saved_and_audited(pool: PgPool) {
    let user = active_user(&pool, "settings@example.in").await;
    let new = super::model::UserSettings {
        display_name: "Asha R.".into(),
        email_notifications: false,
        marketing_emails: true,
    };
    service::save_settings(&pool, user, &new, &meta())
        .await
        .unwrap();
    assert_eq!(service::get_settings(&pool, user).await.unwrap(), new);
    let changed: Vec<String> = sqlx::query_scalar(
        "SELECT c.field_name FROM audit_log_changes c JOIN audit_logs a ON a.id = c.audit_log_id
          WHERE a.entity_type = 'user_settings' ORDER BY c.field_name",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        changed,
        vec!["display_name", "email_notifications", "marketing_emails"]
    );
}
