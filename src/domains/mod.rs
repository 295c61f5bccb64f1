//! One folder per business domain: model (both targets), api (server functions),
//! service/repo (server only) and pages (UI).
pub mod access;
pub mod account_profiles;
pub mod applications;
pub mod approvals;
pub mod audit;
pub mod billing;
pub mod config;
pub mod identity;
pub mod jobs;
pub mod leads;
pub mod messaging;
pub mod notifications;
pub mod offerings;
pub mod portfolio;
pub mod profiles;
pub mod reviews;
pub mod search;
pub mod staff;
pub mod verification;
pub mod wallet;
