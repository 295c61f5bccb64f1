//! Domain-free UI pieces: form fields with their errors, alerts, toasts and the page frame.
pub mod badge;
pub mod form;
pub mod layout;
pub mod problem;
pub mod queue;
pub mod style;
pub mod tags;
pub mod toast;
pub mod upload;
