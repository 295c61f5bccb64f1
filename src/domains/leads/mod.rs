//! Leads: what customers need, posted for professionals of one profession to respond to.
//! The form's rules are in `model` and what the pages show in `read_model` (browser and
//! server); the workflow in `service`, refunds in `refunds` (run by the `leads` job queue).
#[cfg(feature = "ssr")]
mod answers;
pub mod api;
#[cfg(feature = "ssr")]
pub mod approval;
pub mod model;
pub mod pages;
pub mod read_model;
#[cfg(feature = "ssr")]
pub mod refunds;
#[cfg(feature = "ssr")]
mod respond;
#[cfg(feature = "ssr")]
mod review;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod tasks;
#[cfg(all(test, feature = "ssr"))]
mod tests;
