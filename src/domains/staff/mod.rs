//! Staff: employees with internal roles. For now, the operator command that creates the
//! first staff accounts (`nxtgauge create-staff`).
#[cfg(feature = "ssr")]
pub mod service;
