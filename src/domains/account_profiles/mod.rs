//! Customer, company and candidate profiles (one each per account), edited at
//! `/account/profile`.
pub mod api;
#[cfg(feature = "ssr")]
pub mod approval;
pub mod form;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod resume;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;
