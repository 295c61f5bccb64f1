//! Tracecoin wallets and their append-only ledger: the one place money-like balances move.
//! Every later feature (leads, jobs, purchases, staff bonuses) credits and debits through
//! `service::apply`, inside its own transaction.
pub mod api;
#[cfg(feature = "ssr")]
pub mod export;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;
