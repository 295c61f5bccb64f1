//! Reviews: customers review professionals they hired through a lead, candidates and
//! professionals review companies they interviewed with. The forms' rules are in `model`,
//! what the pages show in `read_model` (both browser and server); the rules in `service`,
//! publishing and hiding (with the kept rating counts) in `moderation`.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod moderation;
pub mod pages;
pub mod read_model;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;
