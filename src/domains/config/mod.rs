//! Runtime configuration (`runtime_configs`): values staff may tune without a deploy.
#[cfg(feature = "ssr")]
pub mod service;
