//! Authorization by capability (permission keys), never by role name.
#[cfg(feature = "ssr")]
pub mod service;
