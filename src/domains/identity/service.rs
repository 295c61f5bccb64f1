//! Account rules. Each function is one transaction that also writes its audit rows;
//! emails are sent by the caller after commit, so a rolled-back change sends nothing.
use super::model::UserStatus;
use super::{
    model::{Registration, SessionView, UserSettings},
    password,
};
use crate::core::{
    validation::{Email, Password},
    AppError, AppResult, ErrorCode,
};
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
use crate::domains::config::service::{auth_settings, AuthSettings};
use crate::server::db::OnConstraint;
use crate::server::session::{hash_token, new_token};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

const TOKEN_EMAIL_VERIFY: &str = "EMAIL_VERIFY";
const TOKEN_PASSWORD_RESET: &str = "PASSWORD_RESET";
const MAX_LOCK_MINUTES: i64 = 24 * 60;

pub const INVALID_CREDENTIALS: &str = "Email or password is incorrect.";

/// A new account and the one-time token for its confirmation email.
#[derive(Debug)]
pub struct Registered {
    pub user_id: Uuid,
    pub verify_token: String,
}

pub async fn register(
    pool: &PgPool,
    reg: Registration,
    meta: &RequestMeta,
) -> AppResult<Registered> {
    let hash = password::hash(reg.password.expose().to_owned()).await?;
    let settings = auth_settings(pool).await?;
    let mut tx = pool.begin().await?;
    let user_id = sqlx::query_scalar::<_, Uuid>(
        "INSERT INTO users (email, password_hash, account_type, status)
         VALUES ($1, $2, $3, 'PENDING') RETURNING id",
    )
    .bind(reg.email.as_str())
    .bind(&hash)
    .bind(reg.account_type.as_str())
    .fetch_one(&mut *tx)
    .await
    .on_constraint("users_email_key", || {
        AppError::field(
            "email",
            "An account with this email already exists. Log in, or reset your password.",
        )
    })?;
    create_settings(&mut tx, user_id, &reg.name).await?;
    // Customers and candidates can act at once; professional and company roles become
    // APPROVED when staff approve their profile.
    let role_status = if matches!(reg.role.key, "CUSTOMER" | "CANDIDATE") {
        "APPROVED"
    } else {
        "PENDING"
    };
    sqlx::query(
        "INSERT INTO user_roles (user_id, role_id, status, approved_at)
         SELECT $1, r.id, $3, CASE WHEN $3 = 'APPROVED' THEN now() END
           FROM roles r WHERE r.key = $2 AND r.audience = 'EXTERNAL' AND r.is_active",
    )
    .bind(user_id)
    .bind(reg.role.key)
    .bind(role_status)
    .execute(&mut *tx)
    .await?;
    let verify_token = issue_token(
        &mut tx,
        user_id,
        TOKEN_EMAIL_VERIFY,
        i64::from(settings.email_token_hours) * 60,
    )
    .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user_id),
            Action::Create,
            "user",
            Some(user_id),
            "users",
            "registered",
            meta,
        )
        .label(reg.email.as_str())
        .change(Change::new(
            "email",
            None,
            Some(reg.email.as_str().to_owned()),
        ))
        .change(Change::new("role", None, Some(reg.role.key.to_owned())))
        .change(Change::new(
            "account_type",
            None,
            Some(reg.account_type.as_str().to_owned()),
        )),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user = %user_id, "account registered");
    Ok(Registered {
        user_id,
        verify_token,
    })
}

/// The settings row every new account starts with.
pub async fn create_settings(
    conn: &mut PgConnection,
    user_id: Uuid,
    display_name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO user_settings (user_id, settings_json)
         VALUES ($1, jsonb_build_object('display_name', $2::text,
                 'email_notifications', true, 'marketing_emails', false))",
    )
    .bind(user_id)
    .bind(display_name)
    .execute(conn)
    .await?;
    Ok(())
}

/// Stores a new one-time token (only its hash) and returns the token itself. Earlier
/// unused tokens of the same purpose stop working.
async fn issue_token(
    conn: &mut PgConnection,
    user_id: Uuid,
    purpose: &str,
    valid_minutes: i64,
) -> Result<String, sqlx::Error> {
    sqlx::query(
        "UPDATE user_tokens SET used_at = now()
          WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
    )
    .bind(user_id)
    .bind(purpose)
    .execute(&mut *conn)
    .await?;
    let token = new_token();
    sqlx::query(
        "INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(mins => $4))",
    )
    .bind(user_id)
    .bind(purpose)
    .bind(hash_token(&token))
    .bind(i32::try_from(valid_minutes).unwrap_or(i32::MAX))
    .execute(&mut *conn)
    .await?;
    Ok(token)
}

/// Marks a valid one-time token used and returns its user; the row lock makes a token
/// usable exactly once even when two requests race.
async fn consume_token(conn: &mut PgConnection, token: &str, purpose: &str) -> AppResult<Uuid> {
    let user_id: Option<Uuid> = sqlx::query_scalar(
        "UPDATE user_tokens SET used_at = now()
          WHERE id = (SELECT id FROM user_tokens
                       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL
                         AND expires_at > now()
                       FOR UPDATE)
         RETURNING user_id",
    )
    .bind(hash_token(token.trim()))
    .bind(purpose)
    .fetch_optional(&mut *conn)
    .await?;
    user_id.ok_or_else(|| {
        AppError::new(
            ErrorCode::InvalidToken,
            "This link is invalid or has expired. Request a new one.",
        )
    })
}

/// Confirms an email address; the account becomes ACTIVE.
pub async fn verify_email(pool: &PgPool, token: &str, meta: &RequestMeta) -> AppResult<Uuid> {
    let mut tx = pool.begin().await?;
    let user_id = consume_token(&mut tx, token, TOKEN_EMAIL_VERIFY).await?;
    sqlx::query(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, now()),
                status = CASE WHEN status = 'PENDING' THEN 'ACTIVE' ELSE status END
          WHERE id = $1",
    )
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user_id),
            Action::Update,
            "user",
            Some(user_id),
            "users",
            "email confirmed",
            meta,
        )
        .change(Change::new(
            "status",
            Some("PENDING".into()),
            Some("ACTIVE".into()),
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(user_id)
}

#[derive(sqlx::FromRow)]
struct LoginRow {
    id: Uuid,
    password_hash: String,
    status: UserStatus,
    email_verified_at: Option<DateTime<Utc>>,
    locked_until: Option<DateTime<Utc>>,
}

/// A successful sign-in: the new session's raw token for the cookie.
#[derive(Debug)]
pub struct LoggedIn {
    pub user_id: Uuid,
    pub session_token: String,
    pub max_age_secs: i64,
}

/// The outcome of a failed sign-in that locked the account, so the caller can email.
#[derive(Debug)]
pub struct LockNotice {
    pub user_id: Uuid,
    pub minutes: i64,
}

pub fn lock_message(until: DateTime<Utc>) -> AppError {
    AppError::new(
        ErrorCode::AccountLocked,
        format!(
            "Too many failed sign-in attempts. This account is locked until {} IST. \
             Try again then, or reset your password to unlock it now.",
            crate::core::time::ist(until, "%d %b %Y, %H:%M")
        ),
    )
}

/// Minutes of lockout after `failures` consecutive failures: none below the threshold,
/// then the base period doubling with each further failure, capped at a day.
pub fn lock_minutes(failures: i32, settings: &AuthSettings) -> Option<i64> {
    if failures < settings.lockout_threshold {
        return None;
    }
    let doublings = u32::try_from(failures - settings.lockout_threshold)
        .unwrap_or(0)
        .min(16);
    Some((i64::from(settings.lockout_base_minutes) << doublings).min(MAX_LOCK_MINUTES))
}

/// Checks email and password; on success opens a new session (replacing the browser's
/// previous one, so a planted session id is useless).
pub async fn login(
    pool: &PgPool,
    email: &str,
    password_input: &str,
    previous_token: Option<&str>,
    meta: &RequestMeta,
) -> Result<LoggedIn, (AppError, Option<LockNotice>)> {
    let plain = |e: AppError| (e, None);
    let settings = auth_settings(pool).await.map_err(|e| plain(e.into()))?;
    let invalid = || AppError::new(ErrorCode::InvalidCredentials, INVALID_CREDENTIALS);
    let Ok(email) = Email::parse(email) else {
        return Err(plain(invalid()));
    };
    let row: Option<LoginRow> = sqlx::query_as(
        "SELECT id, password_hash, status, email_verified_at, locked_until
           FROM users WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(pool)
    .await
    .map_err(|e| plain(e.into()))?;
    let Some(user) = row else {
        // Spend the same time as a real check so unknown emails are not distinguishable.
        let _ = password::verify(password_input.to_owned(), password::dummy_hash().await).await;
        return Err(plain(invalid()));
    };
    if let Some(until) = user.locked_until.filter(|u| *u > Utc::now()) {
        return Err(plain(lock_message(until)));
    }
    let ok = password::verify(password_input.to_owned(), user.password_hash.clone())
        .await
        .map_err(plain)?;
    if !ok {
        return Err(record_failure(pool, &user, &settings, meta).await);
    }
    if user.status == UserStatus::Suspended {
        return Err(plain(AppError::new(
            ErrorCode::AccountSuspended,
            "This account is suspended. Contact support if you think this is a mistake.",
        )));
    }
    if user.email_verified_at.is_none() {
        return Err(plain(AppError::new(
            ErrorCode::EmailUnverified,
            "Please confirm your email first: open the link we sent you. You can ask for a new link below.",
        )));
    }
    open_session(pool, user.id, previous_token, &settings, meta)
        .await
        .map_err(plain)
}

async fn record_failure(
    pool: &PgPool,
    user: &LoginRow,
    settings: &AuthSettings,
    meta: &RequestMeta,
) -> (AppError, Option<LockNotice>) {
    let result: AppResult<(AppError, Option<LockNotice>)> = async {
        let mut tx = pool.begin().await?;
        // Count atomically in the database: parallel wrong guesses all count.
        let failures: i32 = sqlx::query_scalar(
            "UPDATE users SET failed_login_attempts = failed_login_attempts + 1
              WHERE id = $1 RETURNING failed_login_attempts",
        )
        .bind(user.id)
        .fetch_one(&mut *tx)
        .await?;
        let lock = lock_minutes(failures, settings);
        let mut locked_until = None;
        if let Some(minutes) = lock {
            locked_until = sqlx::query_scalar(
                "UPDATE users SET locked_until = now() + make_interval(mins => $2)
                  WHERE id = $1 RETURNING locked_until",
            )
            .bind(user.id)
            .bind(i32::try_from(minutes).unwrap_or(i32::MAX))
            .fetch_one(&mut *tx)
            .await?;
        }
        let summary = match lock {
            Some(m) => format!("sign-in failed ({failures} in a row); locked for {m} minutes"),
            None => format!("sign-in failed ({failures} in a row)"),
        };
        audit::record(
            &mut tx,
            Entry::by_user(
                Some(user.id),
                Action::Update,
                "user",
                Some(user.id),
                "users",
                summary,
                meta,
            )
            .failed(),
        )
        .await?;
        tx.commit().await?;
        tracing::warn!(user = %user.id, failures, locked = lock.is_some(), "failed sign-in");
        Ok(match (lock, locked_until) {
            (Some(minutes), Some(until)) => (
                lock_message(until),
                Some(LockNotice {
                    user_id: user.id,
                    minutes,
                }),
            ),
            _ => (
                AppError::new(ErrorCode::InvalidCredentials, INVALID_CREDENTIALS),
                None,
            ),
        })
    }
    .await;
    result.unwrap_or_else(|e| (e, None))
}

async fn open_session(
    pool: &PgPool,
    user_id: Uuid,
    previous_token: Option<&str>,
    settings: &AuthSettings,
    meta: &RequestMeta,
) -> AppResult<LoggedIn> {
    let token = new_token();
    let mut tx = pool.begin().await?;
    if let Some(prev) = previous_token {
        sqlx::query("DELETE FROM user_sessions WHERE session_token = $1")
            .bind(hash_token(prev))
            .execute(&mut *tx)
            .await?;
    }
    let session_id: Uuid = sqlx::query_scalar(
        "INSERT INTO user_sessions (user_id, session_token, ip_address, user_agent, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5)) RETURNING id",
    )
    .bind(user_id)
    .bind(hash_token(&token))
    .bind(&meta.ip_address)
    .bind(&meta.user_agent)
    .bind(settings.session_absolute_hours)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE users SET failed_login_attempts = 0, locked_until = NULL, last_login_at = now()
          WHERE id = $1",
    )
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user_id),
            Action::Create,
            "user_session",
            Some(session_id),
            "users",
            "signed in",
            meta,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(LoggedIn {
        user_id,
        session_token: token,
        max_age_secs: i64::from(settings.session_absolute_hours) * 3600,
    })
}

pub async fn logout(
    pool: &PgPool,
    user_id: Uuid,
    session_id: Uuid,
    meta: &RequestMeta,
) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM user_sessions WHERE id = $1 AND user_id = $2")
        .bind(session_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user_id),
            Action::Delete,
            "user_session",
            Some(session_id),
            "users",
            "signed out",
            meta,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of the user except `keep`; returns how many ended.
pub async fn logout_others(
    pool: &PgPool,
    user_id: Uuid,
    keep: Uuid,
    meta: &RequestMeta,
) -> AppResult<u64> {
    let mut tx = pool.begin().await?;
    let ended = sqlx::query("DELETE FROM user_sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user_id),
            Action::Delete,
            "user_session",
            None,
            "users",
            format!("signed out {ended} other session(s)"),
            meta,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(ended)
}

pub async fn list_sessions(
    pool: &PgPool,
    user_id: Uuid,
    current: Uuid,
) -> AppResult<Vec<SessionView>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        user_agent: Option<String>,
        ip_address: Option<String>,
        created_at: DateTime<Utc>,
        last_seen_at: DateTime<Utc>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, user_agent, ip_address, created_at, last_seen_at FROM user_sessions
          WHERE user_id = $1 AND expires_at > now() ORDER BY last_seen_at DESC",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionView {
            current: r.id == current,
            id: r.id,
            user_agent: r.user_agent,
            ip_address: r.ip_address,
            created_at: r.created_at,
            last_seen_at: r.last_seen_at,
        })
        .collect())
}

/// An account that may receive a one-time link ("forgot password", "resend confirmation").
#[derive(Debug, sqlx::FromRow)]
pub struct LinkRecipient {
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub verified: bool,
}

/// The account behind `email`, unless there is none or it is suspended.
pub async fn find_for_email_link(pool: &PgPool, email: &str) -> AppResult<Option<LinkRecipient>> {
    let Ok(email) = Email::parse(email) else {
        return Ok(None);
    };
    Ok(sqlx::query_as(
        "SELECT u.id AS user_id, u.email, COALESCE(s.settings_json->>'display_name', u.email) AS name,
                u.email_verified_at IS NOT NULL AS verified
           FROM users u LEFT JOIN user_settings s ON s.user_id = u.id
          WHERE u.email = $1 AND u.status <> 'SUSPENDED'",
    )
    .bind(email.as_str())
    .fetch_optional(pool)
    .await?)
}

pub async fn new_verification_token(pool: &PgPool, user_id: Uuid) -> AppResult<String> {
    let settings = auth_settings(pool).await?;
    let mut tx = pool.begin().await?;
    let token = issue_token(
        &mut tx,
        user_id,
        TOKEN_EMAIL_VERIFY,
        i64::from(settings.email_token_hours) * 60,
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn new_reset_token(
    pool: &PgPool,
    user_id: Uuid,
    meta: &RequestMeta,
) -> AppResult<String> {
    let settings = auth_settings(pool).await?;
    let mut tx = pool.begin().await?;
    let token = issue_token(
        &mut tx,
        user_id,
        TOKEN_PASSWORD_RESET,
        i64::from(settings.reset_token_minutes),
    )
    .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            None,
            Action::Create,
            "user_token",
            Some(user_id),
            "users",
            "password reset requested",
            meta,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Sets a new password from a reset link: unlocks the account, confirms the email (the
/// person just proved they read it) and ends every session.
pub async fn reset_password(
    pool: &PgPool,
    token: &str,
    new_password: &Password,
    meta: &RequestMeta,
) -> AppResult<Uuid> {
    let hash = password::hash(new_password.expose().to_owned()).await?;
    let mut tx = pool.begin().await?;
    let user_id = consume_token(&mut tx, token, TOKEN_PASSWORD_RESET).await?;
    sqlx::query(
        "UPDATE users SET password_hash = $2, failed_login_attempts = 0, locked_until = NULL,
                email_verified_at = COALESCE(email_verified_at, now()),
                status = CASE WHEN status = 'PENDING' THEN 'ACTIVE' ELSE status END
          WHERE id = $1",
    )
    .bind(user_id)
    .bind(&hash)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM user_sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user_id),
            Action::Update,
            "user",
            Some(user_id),
            "users",
            "password reset",
            meta,
        )
        .change(Change::redacted("password_hash")),
    )
    .await?;
    tx.commit().await?;
    Ok(user_id)
}

/// Changes the password of a signed-in user who knows the current one; other sessions end.
pub async fn change_password(
    pool: &PgPool,
    user_id: Uuid,
    keep_session: Uuid,
    current: &str,
    new_password: &Password,
    meta: &RequestMeta,
) -> AppResult<()> {
    let stored: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(pool)
        .await?;
    if !password::verify(current.to_owned(), stored).await? {
        return Err(AppError::field(
            "current_password",
            "Your current password is not correct.",
        ));
    }
    if current == new_password.expose() {
        return Err(AppError::field(
            "new_password",
            "Choose a password different from the current one.",
        ));
    }
    let hash = password::hash(new_password.expose().to_owned()).await?;
    let mut tx = pool.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
        .bind(user_id)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM user_sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep_session)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user_id),
            Action::Update,
            "user",
            Some(user_id),
            "users",
            "password changed",
            meta,
        )
        .change(Change::redacted("password_hash")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn get_settings(pool: &PgPool, user_id: Uuid) -> AppResult<UserSettings> {
    let json: Option<serde_json::Value> =
        sqlx::query_scalar("SELECT settings_json FROM user_settings WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    let json = json.unwrap_or_default();
    Ok(UserSettings {
        display_name: json["display_name"].as_str().unwrap_or_default().to_owned(),
        email_notifications: json["email_notifications"].as_bool().unwrap_or(true),
        marketing_emails: json["marketing_emails"].as_bool().unwrap_or(false),
    })
}

pub async fn save_settings(
    pool: &PgPool,
    user_id: Uuid,
    new: &UserSettings,
    meta: &RequestMeta,
) -> AppResult<()> {
    let old = get_settings(pool, user_id).await?;
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO user_settings (user_id, settings_json) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE
            SET settings_json = user_settings.settings_json || EXCLUDED.settings_json",
    )
    .bind(user_id)
    .bind(serde_json::json!({
        "display_name": new.display_name,
        "email_notifications": new.email_notifications,
        "marketing_emails": new.marketing_emails,
    }))
    .execute(&mut *tx)
    .await?;
    let mut entry = Entry::by_user(
        Some(user_id),
        Action::Update,
        "user_settings",
        Some(user_id),
        "users",
        "settings saved",
        meta,
    );
    if old.display_name != new.display_name {
        entry = entry.change(Change::new(
            "display_name",
            Some(old.display_name),
            Some(new.display_name.clone()),
        ));
    }
    if old.email_notifications != new.email_notifications {
        entry = entry.change(Change::new(
            "email_notifications",
            Some(old.email_notifications.to_string()),
            Some(new.email_notifications.to_string()),
        ));
    }
    if old.marketing_emails != new.marketing_emails {
        entry = entry.change(Change::new(
            "marketing_emails",
            Some(old.marketing_emails.to_string()),
            Some(new.marketing_emails.to_string()),
        ));
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}
