//! The UI kit: domain-free pieces every page uses (class lists, badges, form fields with
//! their errors, alerts, toasts, uploads, the staff queue pieces, a public page's wait,
//! 404 and meta tags, the professional area's tabs, confirm-delete and focus helpers).
//! It imports no domain, and no page imports another domain's page helpers: a piece two
//! domains need lives here.
pub mod badge;
pub mod form;
pub mod page;
pub mod pro_nav;
pub mod problem;
pub mod queue;
pub mod style;
pub mod tags;
pub mod toast;
pub mod upload;
pub mod widgets;
