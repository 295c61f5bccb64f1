//! Sessions live in `user_sessions`. The browser holds a 256-bit random token; the
//! database holds only its SHA-256, so a leaked table cannot be replayed. A session ends
//! after `session_idle_minutes` without use or at `expires_at` (the absolute limit),
//! whichever comes first.
use super::state::AppState;
use crate::domains::config::service::AuthSettings;
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap},
    middleware::Next,
    response::Response,
};
use base64::Engine as _;
use rand::RngCore as _;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use uuid::Uuid;

pub const COOKIE_SECURE: &str = "__Host-nxg_session";
pub const COOKIE_PLAIN: &str = "nxg_session";

/// The signed-in user of this request, put in the request extensions by [`load_session`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionUser {
    pub session_id: Uuid,
    pub user_id: Uuid,
}

/// A fresh random token (256 bits, URL-safe) for sessions and one-time links.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        COOKIE_SECURE
    } else {
        COOKIE_PLAIN
    }
}

/// `Set-Cookie` value for a new session; `max_age_secs` matches the absolute expiry.
pub fn session_cookie(token: &str, secure: bool, max_age_secs: i64) -> String {
    let name = cookie_name(secure);
    let secure_attr = if secure { "; Secure" } else { "" };
    format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure_attr}")
}

pub fn clear_cookie(secure: bool) -> String {
    session_cookie("", secure, 0)
}

pub fn token_from_headers(headers: &HeaderMap, secure: bool) -> Option<String> {
    let name = cookie_name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

/// Resolves the session cookie to a [`SessionUser`], refreshing `last_seen_at` at most
/// once a minute so browsing does not write on every request.
pub async fn load_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let is_asset = path.starts_with("/pkg/") || path == "/favicon.ico";
    if !is_asset {
        if let Some(token) = token_from_headers(req.headers(), state.config.secure_cookies) {
            match lookup(&state.pool, &hash_token(&token)).await {
                Ok(Some(user)) => {
                    req.extensions_mut().insert(user);
                }
                Ok(None) => {}
                Err(err) => tracing::error!(error = %err, "session lookup failed"),
            }
        }
    }
    next.run(req).await
}

/// The live session with this token hash: not past its absolute expiry, used within the
/// idle limit (`runtime_configs` auth.session_idle_minutes), and its user ACTIVE.
pub async fn lookup(pool: &PgPool, token_hash: &str) -> Result<Option<SessionUser>, sqlx::Error> {
    let row: Option<(Uuid, Uuid, bool)> = sqlx::query_as(
        "SELECT s.id, s.user_id, s.last_seen_at < now() - interval '1 minute'
           FROM user_sessions s JOIN users u ON u.id = s.user_id
          WHERE s.session_token = $1
            AND s.expires_at > now()
            AND s.last_seen_at > now() - make_interval(mins => COALESCE(
                  (SELECT (c.config_value_json #>> '{}')::int FROM runtime_configs c
                    WHERE c.config_group = 'auth' AND c.config_key = 'session_idle_minutes'
                      AND c.is_active), $2))
            AND u.status = 'ACTIVE'",
    )
    .bind(token_hash)
    .bind(AuthSettings::default().session_idle_minutes)
    .fetch_optional(pool)
    .await?;
    let Some((session_id, user_id, stale)) = row else {
        return Ok(None);
    };
    if stale {
        sqlx::query("UPDATE user_sessions SET last_seen_at = now() WHERE id = $1")
            .bind(session_id)
            .execute(pool)
            .await?;
    }
    Ok(Some(SessionUser {
        session_id,
        user_id,
    }))
}

/// A signed-in session for `user_id` in tests: its `Cookie` header value.
#[cfg(test)]
pub async fn test_cookie(pool: &PgPool, user_id: Uuid) -> String {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    let token = new_token();
    sqlx::query(
        "INSERT INTO user_sessions (user_id, session_token, expires_at)
         VALUES ($1, $2, now() + interval '1 day')",
    )
    .bind(user_id)
    .bind(hash_token(&token))
    .execute(pool)
    .await
    .unwrap();
    format!("nxg_session={token}")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43); // 32 bytes, base64 without padding
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), a);
    }

    #[test]
    fn cookie_attributes_follow_the_transport() {
        let secure = session_cookie("t", true, 60);
        assert!(secure.starts_with("__Host-nxg_session=t;"));
        assert!(secure.contains("HttpOnly") && secure.contains("SameSite=Lax"));
        assert!(secure.ends_with("; Secure"));
        let plain = session_cookie("t", false, 60);
        assert!(plain.starts_with("nxg_session=t;") && !plain.contains("Secure"));
    }

    async fn exec(pool: &PgPool, sql: &str) {
        sqlx::query(sql).execute(pool).await.unwrap();
    }

    async fn session_for_new_user(pool: &PgPool) -> (Uuid, String) {
        let user: Uuid = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, account_type, status)
             VALUES ('s@example.in', 'h', 'INDIVIDUAL', 'ACTIVE') RETURNING id",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        let token = new_token();
        sqlx::query(
            "INSERT INTO user_sessions (user_id, session_token, expires_at)
             VALUES ($1, $2, now() + interval '30 days')",
        )
        .bind(user)
        .bind(hash_token(&token))
        .execute(pool)
        .await
        .unwrap();
        (user, hash_token(&token))
    }

    #[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
    async fn sessions_end_when_idle_expired_or_suspended(pool: PgPool) {
        let (user, hash) = session_for_new_user(&pool).await;
        let found = lookup(&pool, &hash).await.unwrap().unwrap();
        assert_eq!(found.user_id, user);
        assert!(lookup(&pool, "not-a-token").await.unwrap().is_none());

        // Idle for longer than the configured 720 minutes.
        exec(
            &pool,
            "UPDATE user_sessions SET last_seen_at = now() - interval '721 minutes'",
        )
        .await;
        assert!(lookup(&pool, &hash).await.unwrap().is_none());
        // A shorter idle limit set by staff applies at once.
        exec(
            &pool,
            "UPDATE user_sessions SET last_seen_at = now() - interval '10 minutes'",
        )
        .await;
        assert!(lookup(&pool, &hash).await.unwrap().is_some());
        exec(
            &pool,
            "UPDATE runtime_configs SET config_value_json = '5'
              WHERE config_group = 'auth' AND config_key = 'session_idle_minutes'",
        )
        .await;
        // (the lookup above counted as use, so make the session idle again)
        exec(
            &pool,
            "UPDATE user_sessions SET last_seen_at = now() - interval '10 minutes'",
        )
        .await;
        assert!(lookup(&pool, &hash).await.unwrap().is_none());
        exec(&pool, "UPDATE runtime_configs SET config_value_json = '720' WHERE config_key = 'session_idle_minutes'").await;

        // Past the absolute expiry, however recently used.
        exec(&pool, "UPDATE user_sessions SET last_seen_at = now(), expires_at = now() - interval '1 second'").await;
        assert!(lookup(&pool, &hash).await.unwrap().is_none());

        exec(
            &pool,
            "UPDATE user_sessions SET expires_at = now() + interval '1 day'",
        )
        .await;
        exec(&pool, "UPDATE users SET status = 'SUSPENDED'").await;
        assert!(lookup(&pool, &hash).await.unwrap().is_none());
    }

    #[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
    async fn use_refreshes_last_seen_at_most_once_a_minute(pool: PgPool) {
        let (_, hash) = session_for_new_user(&pool).await;
        exec(
            &pool,
            "UPDATE user_sessions SET last_seen_at = now() - interval '5 minutes'",
        )
        .await;
        lookup(&pool, &hash).await.unwrap().unwrap();
        let fresh: bool = sqlx::query_scalar(
            "SELECT last_seen_at > now() - interval '5 seconds' FROM user_sessions",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert!(fresh);
    }

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; nxg_session=abc; b=2".parse().unwrap());
        assert_eq!(token_from_headers(&h, false).as_deref(), Some("abc"));
        assert_eq!(token_from_headers(&h, true), None);
    }
}
