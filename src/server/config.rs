//! Configuration, read once from the environment at start with clear errors.
use std::{net::SocketAddr, path::PathBuf, time::Duration};

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub database_max_connections: u32,
    /// The address people use to reach the site, for links in emails (no trailing slash).
    pub public_url: String,
    /// `Secure` cookies and the `__Host-` prefix; off only for plain-http localhost.
    pub secure_cookies: bool,
    pub outbox_dir: PathBuf,
    /// Uploaded files (`public/…` and `private/…` keys), a local directory.
    pub storage_dir: PathBuf,
    /// SMTP password for the active `smtp_configs` row (secrets never live in the database).
    pub smtp_password: Option<String>,
    /// Trust the first `X-Forwarded-For` address (only behind a proxy you run).
    pub trust_proxy: bool,
    /// Requests per minute per client address on the sign-in, sign-up and reset endpoints.
    pub auth_rate_per_minute: u32,
    pub log_json: bool,
    /// How long visitors (no session) may be served a cached public page
    /// (`server::page_cache`); zero turns the cache off.
    pub page_cache: Duration,
    /// Run the background job workers and schedules in this process (`NXG_RUN_JOBS`,
    /// default on; turn off for web-only replicas when other processes run them).
    pub run_jobs: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("DATABASE_URL is not set: point it at PostgreSQL, or start the app with scripts/run.sh, which starts a private database")]
    MissingDatabaseUrl,
    #[error("{name} has an invalid value {value:?}: {reason}")]
    Invalid {
        name: &'static str,
        value: String,
        reason: &'static str,
    },
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse_var<T: std::str::FromStr>(
    name: &'static str,
    default: T,
    reason: &'static str,
) -> Result<T, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(value) => value.trim().parse().map_err(|_| ConfigError::Invalid {
            name,
            value,
            reason,
        }),
    }
}

fn parse_bool(name: &'static str, default: bool) -> Result<bool, ConfigError> {
    match var(name).as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => Err(ConfigError::Invalid {
            name,
            value: other.to_owned(),
            reason: "use true or false",
        }),
    }
}

impl Config {
    /// Reads the configuration; `site_addr` is where Leptos listens (LEPTOS_SITE_ADDR).
    pub fn from_env(site_addr: SocketAddr) -> Result<Self, ConfigError> {
        let database_url = var("DATABASE_URL").ok_or(ConfigError::MissingDatabaseUrl)?;
        let public_url = var("NXG_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{site_addr}"))
            .trim_end_matches('/')
            .to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError::Invalid {
                name: "NXG_PUBLIC_URL",
                value: public_url,
                reason: "must start with http:// or https://",
            });
        }
        let default_secure = default_secure_cookies(&public_url);
        Ok(Self {
            database_url,
            database_max_connections: parse_var("NXG_DB_MAX_CONNECTIONS", 20, "a positive number")?,
            secure_cookies: parse_bool("NXG_SECURE_COOKIES", default_secure)?,
            public_url,
            outbox_dir: var("NXG_OUTBOX_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("data/outbox")),
            storage_dir: var("NXG_STORAGE_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("data/storage")),
            smtp_password: var("NXG_SMTP_PASSWORD"),
            trust_proxy: parse_bool("NXG_TRUST_PROXY", false)?,
            auth_rate_per_minute: parse_var("NXG_AUTH_RATE_PER_MINUTE", 30, "a positive number")?,
            log_json: parse_bool("NXG_LOG_JSON", false)?,
            page_cache: Duration::from_secs(parse_var(
                "NXG_PAGE_CACHE_SECS",
                10,
                "a whole number of seconds (0 turns the cache off)",
            )?),
            run_jobs: parse_bool("NXG_RUN_JOBS", true)?,
        })
    }

    /// A configuration for tests: local outbox, no proxies, plain-http cookies, and a
    /// fresh storage directory of its own.
    pub fn for_tests(database_url: &str, outbox_dir: PathBuf) -> Self {
        Self {
            database_url: database_url.to_owned(),
            database_max_connections: 5,
            public_url: "http://127.0.0.1:3000".into(),
            secure_cookies: false,
            outbox_dir,
            storage_dir: std::env::temp_dir().join(format!("nxg-storage-{}", uuid::Uuid::new_v4())),
            smtp_password: None,
            trust_proxy: false,
            auth_rate_per_minute: 1000,
            log_json: false,
            page_cache: Duration::ZERO,
            run_jobs: false,
        }
    }
}

pub const SMTP_TIMEOUT: Duration = Duration::from_secs(15);

/// Cookies are `Secure` unless the site is plain http on this machine (localhost, a
/// loopback address, or the all-interfaces address a developer binds to).
pub fn default_secure_cookies(public_url: &str) -> bool {
    let Some(rest) = public_url.strip_prefix("http://") else {
        return true;
    };
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    let local = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback() || ip.is_unspecified());
    !local
}

#[cfg(test)]
mod tests {
    use super::default_secure_cookies;

    #[test]
    fn cookies_are_secure_except_on_plain_http_localhost() {
        assert!(!default_secure_cookies("http://127.0.0.1:3000"));
        assert!(!default_secure_cookies("http://localhost:3000/"));
        assert!(!default_secure_cookies("http://0.0.0.0:8080"));
        assert!(!default_secure_cookies("http://[::1]:3000"));
        assert!(default_secure_cookies("https://nxtgauge.in"));
        assert!(default_secure_cookies("https://localhost:3000"));
        assert!(default_secure_cookies("http://nxtgauge.in"));
        assert!(default_secure_cookies("http://192.168.1.20:3000"));
    }
}
