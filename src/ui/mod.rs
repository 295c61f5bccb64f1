//! The UI kit: domain-free pieces every page uses (class lists, badges, form fields with
//! their errors, alerts, toasts, uploads, the staff queue pieces). It imports no domain.
pub mod badge;
pub mod form;
pub mod problem;
pub mod queue;
pub mod style;
pub mod tags;
pub mod toast;
pub mod upload;
