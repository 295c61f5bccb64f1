//! The `nxtgauge` command line (clap): with no command it serves the app; every operator
//! command has a file here with its flags, its `--help` and what it does.
//!
//! Command names and flags are an interface: `scripts/run.sh`, `bench/run.sh` and the
//! Playwright helpers (`end2end/tests/helpers.ts`) call them. `seed-demo` exists only in
//! builds with the `demo` feature (see `crate::demo`).
use crate::server::config::{Config, ConfigError};
use clap::{Parser, Subcommand};

mod config;
mod create_coupon;
mod create_staff;
mod grant_package;
#[cfg(feature = "demo")]
mod seed_demo;
mod sweep_leads;
#[cfg(test)]
mod tests;

/// Nxtgauge: services marketplace and job board for India.
///
/// With no command, serves the app (configuration from the environment and .env, see
/// .env.example). The commands are operator tools for the same database.
#[derive(Debug, Parser)]
#[command(name = "nxtgauge")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    CreateStaff(create_staff::Args),
    #[cfg(feature = "demo")]
    SeedDemo(seed_demo::Args),
    Config(config::Args),
    SweepLeads(sweep_leads::Args),
    GrantPackage(grant_package::Args),
    CreateCoupon(create_coupon::Args),
}

/// Runs the command named on the command line; with none, serves the app. A usage error
/// or `--help` ends the process here, before anything connects.
pub async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let _ = dotenvy::dotenv();
    match Cli::parse().command {
        None => crate::app::serve::serve().await,
        Some(Command::CreateStaff(args)) => create_staff::run(args).await,
        #[cfg(feature = "demo")]
        Some(Command::SeedDemo(args)) => seed_demo::run(args).await,
        Some(Command::Config(args)) => config::run(args).await,
        Some(Command::SweepLeads(args)) => sweep_leads::run(args).await,
        Some(Command::GrantPackage(args)) => grant_package::run(args).await,
        Some(Command::CreateCoupon(args)) => create_coupon::run(args).await,
    }
}

/// A small pool on `DATABASE_URL`: a command runs a few statements, one at a time.
async fn connect() -> Result<sqlx::PgPool, Box<dyn std::error::Error>> {
    let url = std::env::var("DATABASE_URL")
        .map_err(|_| "DATABASE_URL is not set (try: eval \"$(scripts/pg.sh start)\")")?;
    Ok(crate::server::db::connect(&url, 2).await?)
}

/// The server's configuration, for a command that needs more than the database. Commands
/// do not listen: the address only stands in for the server's default one
/// (127.0.0.1:3000), from which `NXG_PUBLIC_URL` defaults.
fn server_config() -> Result<Config, ConfigError> {
    Config::from_env(([127, 0, 0, 1], 3000).into())
}
