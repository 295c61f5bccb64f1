use super::{
    config::Config,
    rate_limit::RateLimiters,
    registry::Registries,
    storage::{Storage, StorageInitError},
};
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
    pub storage: Storage,
    pub queue: super::queue::Queue,
    /// What the domains registered at the composition root (`with_registries`).
    pub registries: Registries,
}

impl AppState {
    /// Fails only when the storage directory cannot be created or opened.
    pub fn new(
        leptos_options: LeptosOptions,
        pool: PgPool,
        config: Arc<Config>,
        queue: super::queue::Queue,
    ) -> Result<Self, StorageInitError> {
        let limiters = Arc::new(RateLimiters::new(config.auth_rate_per_minute));
        let storage = Storage::local(&config.storage_dir)?;
        Ok(Self {
            leptos_options,
            pool,
            config,
            limiters,
            storage,
            queue,
            registries: Registries::default(),
        })
    }

    /// The same state with the composition root's registries.
    pub fn with_registries(mut self, registries: Registries) -> Self {
        self.registries = registries;
        self
    }
}
