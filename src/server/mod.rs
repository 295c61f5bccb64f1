//! Server-only infrastructure: configuration, state, database, sessions, request guards,
//! mail, storage, the queue and telemetry. It imports no domain: the router and `serve`,
//! which assemble everything, live in the composition root (`app::router`, `app::serve`).
pub mod assets;
pub mod call;
pub mod config;
pub mod context;
pub mod csrf;
pub mod csv;
pub mod db;
pub mod headers;
pub mod health;
pub mod images;
pub mod mail;
#[cfg(test)]
mod mail_tests;
pub mod notify;
pub mod page_cache;
pub mod queue;
pub mod rate_limit;
pub mod registry;
#[cfg(test)]
mod schema_tests;
pub mod session;
pub mod state;
pub mod storage;
pub mod telemetry;
pub mod uploads;
