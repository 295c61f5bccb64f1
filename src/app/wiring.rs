//! The server side of the composition root: the registries each domain fills, built
//! once at start-up and carried to requests by `AppState` (see `server::registry`).
//! This is the one place that lists every approval subject; a new kind of entity to
//! approve is one `with(..)` line here and one `approval.rs` in its domain.
use crate::domains::approvals::subject::ApprovalSubjects;
use crate::domains::{account_profiles, jobs, leads, profiles};
use crate::server::registry::Registries;

/// Every kind of entity the approval queue decides.
pub fn approval_subjects() -> ApprovalSubjects {
    ApprovalSubjects::default()
        .with(profiles::approval::ProfileSubject)
        .with(account_profiles::approval::CompanySubject)
        .with(leads::approval::LeadSubject)
        .with(jobs::approval::JobSubject)
}

/// All registries, for `AppState::with_registries`.
pub fn registries() -> Registries {
    Registries::default().with(approval_subjects())
}
