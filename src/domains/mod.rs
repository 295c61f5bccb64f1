//! One folder per business domain: model (both targets), api (server functions),
//! service/repo (server only) and pages (UI).
pub mod access;
pub mod audit;
pub mod config;
pub mod identity;
pub mod profiles;
pub mod staff;
