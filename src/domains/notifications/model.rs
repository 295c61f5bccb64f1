//! In-app notifications as their owner sees them, shared by the server and the browser.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Notifications per page.
pub const PAGE: i64 = 30;

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: Uuid,
    pub title: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
    /// Where it is about, when the site has a page for that.
    pub link: Option<String>,
}

/// One page of notifications, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationsPage {
    pub items: Vec<NotificationView>,
    /// The id to continue after, when there are older notifications.
    pub older: Option<Uuid>,
    /// Unread notifications in all pages.
    pub unread: i64,
}

/// The page a notification about `entity_type` `entity_id` leads to, if any.
pub fn link_for(entity_type: Option<&str>, entity_id: Option<Uuid>) -> Option<String> {
    match (entity_type?, entity_id) {
        ("conversation", Some(id)) => Some(format!("/messages/{id}")),
        ("lead", Some(id)) => Some(format!("/leads/{id}")),
        ("lead_match", Some(id)) => Some(format!("/pro/leads/{id}")),
        ("lead_request", _) => Some("/pro/responses".into()),
        ("job", Some(id)) => Some(format!("/company/jobs/{id}")),
        ("job_application", _) => Some("/applications".into()),
        ("job_applicants", Some(id)) => Some(format!("/company/jobs/{id}/applicants")),
        ("profile", _) => Some("/pro".into()),
        ("wallet", _) => Some("/wallet".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_link_to_what_they_are_about() {
        let id = Uuid::nil();
        assert_eq!(
            link_for(Some("conversation"), Some(id)).as_deref(),
            Some("/messages/00000000-0000-0000-0000-000000000000")
        );
        assert_eq!(
            link_for(Some("lead"), Some(id)).as_deref(),
            Some("/leads/00000000-0000-0000-0000-000000000000")
        );
        assert_eq!(link_for(Some("lead"), None), None);
        assert_eq!(
            link_for(Some("lead_request"), Some(id)).as_deref(),
            Some("/pro/responses")
        );
        assert_eq!(link_for(Some("profile"), Some(id)).as_deref(), Some("/pro"));
        assert_eq!(
            link_for(Some("job_application"), Some(id)).as_deref(),
            Some("/applications")
        );
        assert_eq!(
            link_for(Some("job_applicants"), Some(id)).as_deref(),
            Some("/company/jobs/00000000-0000-0000-0000-000000000000/applicants")
        );
        assert_eq!(link_for(Some("job_applicants"), None), None);
        assert_eq!(
            link_for(Some("job"), Some(id)).as_deref(),
            Some("/company/jobs/00000000-0000-0000-0000-000000000000")
        );
        assert_eq!(link_for(Some("wallet"), None).as_deref(), Some("/wallet"));
        // Review notices carry their page in the e-mail (`link_path`): the public page
        // needs the party's slug, which the id alone does not give.
        assert_eq!(link_for(Some("review"), Some(id)), None);
        assert_eq!(link_for(Some("invoice"), Some(id)), None);
        assert_eq!(link_for(None, Some(id)), None);
    }
}
