//! Verification pages: the professional's `/pro/:role/verification` and the staff queue.
mod detail;
mod mine;
mod mine_upload;
mod queue;

pub use detail::VerificationDetailPage;
pub use mine::VerificationPage;
pub use queue::VerificationQueuePage;

use super::model::{VerificationAction, VerificationLog};

/// A history line: "Document decision by Priya", "More documents requested by …".
fn log_text(l: &VerificationLog) -> String {
    // Document decisions carry no request statuses (see service::decide_document).
    let document = l.old_status.is_none() && l.action != VerificationAction::Submitted;
    let what = match (l.action, document) {
        (VerificationAction::Submitted, _) => "Request opened",
        (VerificationAction::Approved, true) => "Document approved",
        (VerificationAction::Rejected, true) => "Document rejected",
        (VerificationAction::Approved, false) => "Request approved",
        (VerificationAction::Rejected, false) => "Request rejected",
        (VerificationAction::DocumentRequested, _) => "More documents requested",
    };
    match &l.actor_name {
        Some(who) => format!("{what} by {who}"),
        None => what.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(action: &str, old: Option<&str>) -> VerificationLog {
        VerificationLog {
            action: VerificationAction::parse(action).unwrap_or(VerificationAction::Submitted),
            old_status: old.map(str::to_owned),
            new_status: None,
            actor_name: Some("Priya".into()),
            remarks: None,
            created_at: chrono::DateTime::<chrono::Utc>::default(),
        }
    }

    #[test]
    fn document_and_request_decisions_read_differently() {
        assert_eq!(
            log_text(&line("APPROVED", None)),
            "Document approved by Priya"
        );
        assert_eq!(
            log_text(&line("APPROVED", Some("PENDING"))),
            "Request approved by Priya"
        );
        assert_eq!(
            log_text(&line("DOCUMENT_REQUESTED", Some("PENDING"))),
            "More documents requested by Priya"
        );
    }
}
