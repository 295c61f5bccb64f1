use super::{config::Config, rate_limit::RateLimiters};
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;
use std::sync::Arc;

/// Everything a request handler or server function needs, cheap to clone.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    pub config: Arc<Config>,
    pub limiters: Arc<RateLimiters>,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, pool: PgPool, config: Config) -> Self {
        let limiters = Arc::new(RateLimiters::new(config.auth_rate_per_minute));
        Self {
            leptos_options,
            pool,
            config: Arc::new(config),
            limiters,
        }
    }
}
