//! The approval queue: staff approve or reject what users submit. What a decision does
//! to each kind of entity is that entity's domain's `ApprovalSubject` (`subject`). `approval_requests` + `approval_logs`.
pub mod api;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod fixtures;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queue;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod subject;
#[cfg(all(test, feature = "ssr"))]
mod tests;
