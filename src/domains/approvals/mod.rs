//! The approval queue: staff approve or reject what users submit (profiles and company
//! profiles now; leads and jobs later). `approval_requests` + `approval_logs`.
pub mod api;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod fixtures;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queue;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;
