use serde_json::Value;
use sqlx::PgExecutor;

/// One value of `runtime_configs`, or `None` when absent or inactive.
pub async fn get_value(
    db: impl PgExecutor<'_>,
    group: &str,
    key: &str,
) -> Result<Option<Value>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT config_value_json FROM runtime_configs
          WHERE config_group = $1 AND config_key = $2 AND is_active",
    )
    .bind(group)
    .bind(key)
    .fetch_optional(db)
    .await
}

/// Every active setting of one group, as `(config_key, value)`.
pub async fn group(
    db: impl PgExecutor<'_>,
    group: &str,
) -> Result<Vec<(String, Value)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT config_key, config_value_json FROM runtime_configs
          WHERE config_group = $1 AND is_active",
    )
    .bind(group)
    .fetch_all(db)
    .await
}

/// A setting as a whole number of at least `min`; `None` when it is anything else, so
/// the caller keeps its default.
pub fn int_at_least(value: &Value, min: i32) -> Option<i32> {
    value
        .as_i64()
        .and_then(|n| i32::try_from(n).ok())
        .filter(|n| *n >= min)
}

/// The sign-in rules, with safe defaults when a row is missing or malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthSettings {
    pub session_idle_minutes: i32,
    pub session_absolute_hours: i32,
    pub lockout_threshold: i32,
    pub lockout_base_minutes: i32,
    pub email_token_hours: i32,
    pub reset_token_minutes: i32,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            session_idle_minutes: 720,
            session_absolute_hours: 720,
            lockout_threshold: 5,
            lockout_base_minutes: 15,
            email_token_hours: 48,
            reset_token_minutes: 60,
        }
    }
}

pub async fn auth_settings(db: impl PgExecutor<'_>) -> Result<AuthSettings, sqlx::Error> {
    let mut s = AuthSettings::default();
    for (key, value) in group(db, "auth").await? {
        let Some(n) = int_at_least(&value, 1) else {
            tracing::warn!(%key, "ignoring non-positive or non-numeric auth setting");
            continue;
        };
        match key.as_str() {
            "session_idle_minutes" => s.session_idle_minutes = n,
            "session_absolute_hours" => s.session_absolute_hours = n,
            "lockout_threshold" => s.lockout_threshold = n,
            "lockout_base_minutes" => s.lockout_base_minutes = n,
            "email_token_hours" => s.email_token_hours = n,
            "reset_token_minutes" => s.reset_token_minutes = n,
            _ => {}
        }
    }
    Ok(s)
}
