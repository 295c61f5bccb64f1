//! The audit trail: every write records who did what to which record, in the same
//! transaction as the write, so the trail can never disagree with the data.
#[cfg(feature = "ssr")]
pub mod service;
