use sqlx::{postgres::PgPoolOptions, PgPool};
use std::time::Duration;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

pub async fn connect(url: &str, max_connections: u32) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .connect(url)
        .await
}

pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
}

/// Whether `err` is the violation of the named unique, check or foreign-key constraint.
pub fn violates(err: &sqlx::Error, constraint: &str) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.constraint() == Some(constraint))
}

/// Turns the violation of one named constraint into the error a person should read
/// (usually a field error: "this e-mail already has an account"), so that a race the
/// pre-checks cannot see still ends as a clear refusal rather than a 500. Every other
/// database error stays what it is.
pub trait OnConstraint<T> {
    fn on_constraint(
        self,
        constraint: &str,
        refusal: impl FnOnce() -> crate::core::AppError,
    ) -> crate::core::AppResult<T>;
}

impl<T> OnConstraint<T> for Result<T, sqlx::Error> {
    fn on_constraint(
        self,
        constraint: &str,
        refusal: impl FnOnce() -> crate::core::AppError,
    ) -> crate::core::AppResult<T> {
        match self {
            Ok(value) => Ok(value),
            Err(err) if violates(&err, constraint) => Err(refusal()),
            Err(err) => Err(err.into()),
        }
    }
}
