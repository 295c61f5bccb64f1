//! Job applications: candidates apply once per LIVE job with a cover note; the company
//! that posted the job runs a pipeline board (Applied → Shortlisted → Interview →
//! Offered / Rejected) and messages applicants; candidates follow every application's
//! status and history. The forms' rules and what the pages show are in `model` (browser and
//! server); the workflow in `service`, the company's side (pipeline moves, conversations)
//! in `pipeline`.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
mod pipeline;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;
