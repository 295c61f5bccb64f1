//! What the approval queue shows and accepts, for the browser and the server alike.
//! `Decision` and the remarks rule are shared with the verification queue.
use crate::core::state::{ApprovalStatus, ProfileStatus, VerificationStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Rows per queue page.
pub const PAGE_SIZE: i64 = 25;
pub const REMARKS_MIN: usize = 10;
pub const REMARKS_MAX: usize = 1000;

/// A reviewer's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Approve,
    Reject,
}

impl Decision {
    /// The value of the form's submit buttons (`approve`, `reject`).
    pub fn parse(input: &str) -> Option<Self> {
        match input {
            "approve" => Some(Decision::Approve),
            "reject" => Some(Decision::Reject),
            _ => None,
        }
    }

    /// The resulting status (`APPROVED`, `REJECTED`).
    pub fn status(self) -> &'static str {
        self.outcome().as_str()
    }

    /// The state the decision leaves the request in.
    pub fn outcome(self) -> ApprovalStatus {
        match self {
            Decision::Approve => ApprovalStatus::Approved,
            Decision::Reject => ApprovalStatus::Rejected,
        }
    }
}

/// A reviewer's remarks: trimmed; required (10–1000 characters) when `required`,
/// otherwise empty or at most 1000 characters. `None` when empty.
pub fn parse_remarks(input: &str, required: bool) -> Result<Option<String>, String> {
    let text = input.trim().replace("\r\n", "\n");
    let len = text.chars().count();
    if len == 0 {
        return if required {
            Err(format!(
                "Say why, so the person knows what to change ({REMARKS_MIN}–{REMARKS_MAX} characters)."
            ))
        } else {
            Ok(None)
        };
    }
    if required && len < REMARKS_MIN {
        return Err(format!(
            "Write at least {REMARKS_MIN} characters so the person knows what to change."
        ));
    }
    if len > REMARKS_MAX {
        return Err(format!(
            "Keep remarks under {REMARKS_MAX} characters (now {len})."
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err("The remarks contain characters we cannot accept.".into());
    }
    Ok(Some(text))
}

/// Request statuses a queue can be filtered by; the first is the default.
pub const STATUSES: [(&str, &str); 3] = [
    ("PENDING", "Waiting for review"),
    ("APPROVED", "Approved"),
    ("REJECTED", "Rejected"),
];

/// The entity types this queue decides.
pub const ENTITY_TYPES: [(&str, &str); 4] = [
    ("profile", "Professional profile"),
    ("company", "Company profile"),
    ("lead", "Customer request"),
    ("job", "Job posting"),
];

pub fn entity_label(key: &str) -> &'static str {
    ENTITY_TYPES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, l)| *l)
        .unwrap_or("Other")
}

/// The queue's filter, as it travels in the page URL (`?status=&type=&role=&q=&page=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalFilter {
    pub status: String,
    pub entity_type: Option<String>,
    pub role: Option<String>,
    pub q: Option<String>,
    pub page: u32,
}

impl ApprovalFilter {
    /// Reads raw query values; anything unknown falls back to "no filter".
    pub fn from_query(
        status: Option<String>,
        entity_type: Option<String>,
        role: Option<String>,
        q: Option<String>,
        page: Option<String>,
    ) -> Self {
        let status = status
            .filter(|s| STATUSES.iter().any(|(k, _)| k == s))
            .unwrap_or_else(|| STATUSES[0].0.to_string());
        let entity_type = entity_type.filter(|t| ENTITY_TYPES.iter().any(|(k, _)| k == t));
        let role = role.filter(|r| crate::core::roles::role_spec(r).is_some());
        Self {
            status,
            entity_type,
            role,
            q: clean_query(q),
            page: parse_page(page),
        }
    }
}

/// Free-text search: trimmed, at most 100 characters, `None` when empty.
pub fn clean_query(q: Option<String>) -> Option<String> {
    q.map(|q| q.trim().chars().take(100).collect::<String>())
        .filter(|q| !q.is_empty())
}

/// A 1-based page number; bad or missing values mean page 1.
pub fn parse_page(page: Option<String>) -> u32 {
    page.and_then(|p| p.trim().parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// One request in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ApprovalRow {
    pub id: Uuid,
    pub entity_type: String,
    pub entity_id: Uuid,
    pub status: ApprovalStatus,
    /// The profile's display name or the company's name.
    pub display_name: String,
    /// For profiles, the role key.
    pub role_key: Option<String>,
    pub submitted_by_name: String,
    pub submitted_at: DateTime<Utc>,
    /// Minutes since submission, computed by the database (server and browser agree).
    pub age_minutes: i64,
}

/// One page of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalPage {
    pub rows: Vec<ApprovalRow>,
    pub total: i64,
    pub page: u32,
    pub has_more: bool,
}

crate::states! {
    /// What a line of an approval request's history records (`approval_logs.action`).
    pub enum ApprovalAction {
        Submitted = "SUBMITTED",
        Approved = "APPROVED",
        Rejected = "REJECTED",
    }
}

impl ApprovalAction {
    /// The line as a reviewer reads it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Submitted => "Submitted for review",
            Self::Approved => "Approved",
            Self::Rejected => "Rejected",
        }
    }
}

/// One line of a request's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LogLine {
    pub action: ApprovalAction,
    pub old_status: Option<String>,
    pub new_status: Option<String>,
    pub actor_name: Option<String>,
    pub remarks: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// An earlier request for the same entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EarlierRequest {
    pub id: Uuid,
    pub status: ApprovalStatus,
    pub submitted_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub remarks: Option<String>,
}

/// A submitted portfolio image: the full picture and its thumbnail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageView {
    pub url: String,
    pub thumb_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioView {
    pub title: String,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub images: Vec<ImageView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceView {
    pub name: String,
    pub description: Option<String>,
    /// Formatted rupees (₹1,500).
    pub price: String,
    pub duration_minutes: Option<i32>,
    pub is_active: bool,
}

/// A professional profile as submitted for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileSubmission {
    pub id: Uuid,
    pub role_key: String,
    pub role_label: String,
    pub slug: String,
    pub display_name: String,
    pub bio: Option<String>,
    pub location: Option<String>,
    pub avatar_url: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub status: ProfileStatus,
    pub approval_status: ApprovalStatus,
    pub verification_status: VerificationStatus,
    pub rejection_reason: Option<String>,
    /// Role fields as (label, shown value); empty values are left out.
    pub fields: Vec<(String, String)>,
    pub portfolio: Vec<PortfolioView>,
    pub services: Vec<ServiceView>,
}

/// A company profile as submitted for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CompanySubmission {
    pub id: Uuid,
    pub company_name: String,
    pub business_type: Option<String>,
    pub industry: Option<String>,
    pub contact_person_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub location: Option<String>,
    pub bio: Option<String>,
    pub status: ProfileStatus,
    pub approval_status: ApprovalStatus,
    pub verification_status: VerificationStatus,
}

/// Everything a reviewer needs to decide one request but the submitted entity itself,
/// which the composition root adds (`app::approval_review`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalDetail {
    pub request: ApprovalRow,
    pub submitted_by_email: String,
    pub reviewed_by_name: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub remarks: Option<String>,
    pub logs: Vec<LogLine>,
    pub earlier: Vec<EarlierRequest>,
    /// The signed-in reviewer submitted this themselves (they may look, not decide).
    pub own_submission: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections_need_ten_to_a_thousand_characters_of_remarks() {
        assert!(parse_remarks("   ", true).is_err());
        assert!(parse_remarks("too short", true).is_err());
        assert_eq!(
            parse_remarks("  Please add portfolio photos.  ", true).unwrap_or_default(),
            Some("Please add portfolio photos.".to_string())
        );
        assert!(parse_remarks(&"x".repeat(1001), true).is_err());
        assert!(parse_remarks(&"x".repeat(1000), true).is_ok());
    }

    #[test]
    fn approvals_take_optional_remarks() {
        assert_eq!(parse_remarks("", false), Ok(None));
        assert_eq!(parse_remarks("ok", false), Ok(Some("ok".into())));
        assert!(parse_remarks(&"x".repeat(1001), false).is_err());
        assert!(parse_remarks("bad\u{7}bell", false).is_err());
    }

    #[test]
    fn filters_fall_back_to_the_pending_queue() {
        let f = ApprovalFilter::from_query(
            Some("nonsense".into()),
            Some("vacancy".into()),
            Some("astronaut".into()),
            Some("   ".into()),
            Some("0".into()),
        );
        assert_eq!(f.status, "PENDING");
        assert_eq!(f.entity_type, None);
        assert_eq!(f.role, None);
        assert_eq!(f.q, None);
        assert_eq!(f.page, 1);
        let f = ApprovalFilter::from_query(
            Some("REJECTED".into()),
            Some("profile".into()),
            Some("tutor".into()),
            Some(" Asha ".into()),
            Some("3".into()),
        );
        assert_eq!(
            (
                f.status.as_str(),
                f.entity_type.as_deref(),
                f.role.as_deref()
            ),
            ("REJECTED", Some("profile"), Some("tutor"))
        );
        assert_eq!((f.q.as_deref(), f.page), (Some("Asha"), 3));
        assert_eq!(Decision::parse("approve"), Some(Decision::Approve));
        assert_eq!(Decision::parse("APPROVE"), None);
    }
}
