//! Leads: what customers need, posted for professionals of one profession to respond to
//! (issue 4; the form's rules so far, the workflow next).
pub mod model;
