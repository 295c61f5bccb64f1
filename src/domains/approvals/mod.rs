//! The approval queue: staff approve or reject what users submit (profiles and company
//! profiles now; leads and jobs later). `approval_requests` + `approval_logs`.
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
