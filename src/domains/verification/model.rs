//! What the verification pages show and accept, for the browser and the server alike.
use crate::core::state::{ApprovalStatus, ProfileStatus, VerificationStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use crate::domains::approvals::model::{clean_query, parse_page, Decision, PAGE_SIZE};

/// `verification_requests.verification_type`: (value, label, what it proves).
pub const VERIFICATION_TYPES: [(&str, &str, &str); 3] = [
    (
        "IDENTITY",
        "Identity",
        "You are who your profile says: a government photo ID (Aadhaar, PAN, passport or driving licence).",
    ),
    (
        "BUSINESS",
        "Business",
        "Your business is registered: a GST certificate or similar registration.",
    ),
    (
        "DOCUMENT",
        "Qualification",
        "A certificate or licence your role needs (for example a degree or a food licence).",
    ),
];

pub fn parse_verification_type(input: &str) -> Result<&'static str, String> {
    VERIFICATION_TYPES
        .iter()
        .find(|(k, _, _)| *k == input)
        .map(|(k, _, _)| *k)
        .ok_or_else(|| "Choose what you want to verify.".to_string())
}

pub fn verification_type_label(key: &str) -> &'static str {
    VERIFICATION_TYPES
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, l, _)| *l)
        .unwrap_or("Other")
}

/// The label of a document type for a role ("Aadhaar card"), or the raw key.
pub fn document_label(role_key: &str, document_type: &str) -> String {
    crate::core::roles::role_spec(role_key)
        .and_then(|s| s.document(document_type))
        .map_or_else(|| document_type.to_owned(), |d| d.label.to_owned())
}

/// Where a private verification document is downloaded (owner or reviewers only).
pub fn document_url(id: Uuid) -> String {
    format!("/files/verification-documents/{id}")
}

/// Where documents for a request are uploaded (multipart `document_type`, `file`).
pub fn upload_endpoint(request_id: Uuid) -> String {
    format!("/api/uploads/verification/{request_id}")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct DocumentView {
    pub id: Uuid,
    pub document_type: String,
    /// Filled in by the service from the role's document list.
    #[cfg_attr(feature = "ssr", sqlx(default))]
    pub document_label: String,
    pub file_name: Option<String>,
    pub mime_type: Option<String>,
    pub status: ApprovalStatus,
    pub uploaded_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub remarks: Option<String>,
}

crate::states! {
    /// What a line of a verification request's history records
    /// (`verification_logs.action`): the request opened, a request or document decided,
    /// more documents asked for.
    pub enum VerificationAction {
        Submitted = "SUBMITTED",
        Approved = "APPROVED",
        Rejected = "REJECTED",
        DocumentRequested = "DOCUMENT_REQUESTED",
    }
}

/// One line of a request's history. `actor_name` is "You" / "Nxtgauge team" on the
/// professional's page and the person's name on the staff pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct VerificationLog {
    pub action: VerificationAction,
    pub old_status: Option<String>,
    pub new_status: Option<String>,
    pub actor_name: Option<String>,
    pub remarks: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: Uuid,
    pub verification_type: String,
    pub status: ApprovalStatus,
    pub submitted_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub remarks: Option<String>,
    pub documents: Vec<DocumentView>,
    pub logs: Vec<VerificationLog>,
}

/// The professional's verification page for one role profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyVerification {
    pub profile_id: Uuid,
    pub role_key: String,
    pub verification_status: VerificationStatus,
    pub verified_at: Option<DateTime<Utc>>,
    /// Newest first; at most one is PENDING.
    pub requests: Vec<RequestView>,
    /// (key, label) of the documents this role may upload.
    pub document_types: Vec<(String, String)>,
}

impl MyVerification {
    pub fn open_request(&self) -> Option<&RequestView> {
        self.requests
            .iter()
            .find(|r| r.status == ApprovalStatus::Pending)
    }
}

/// The staff queue's filter (`?status=&type=&role=&q=&page=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationFilter {
    pub status: String,
    pub verification_type: Option<String>,
    pub role: Option<String>,
    pub q: Option<String>,
    pub page: u32,
}

impl VerificationFilter {
    pub fn from_query(
        status: Option<String>,
        verification_type: Option<String>,
        role: Option<String>,
        q: Option<String>,
        page: Option<String>,
    ) -> Self {
        use crate::domains::approvals::model::STATUSES;
        Self {
            status: status
                .filter(|s| STATUSES.iter().any(|(k, _)| k == s))
                .unwrap_or_else(|| STATUSES[0].0.to_string()),
            verification_type: verification_type.filter(|t| parse_verification_type(t).is_ok()),
            role: role.filter(|r| crate::core::roles::role_spec(r).is_some()),
            q: clean_query(q),
            page: parse_page(page),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct QueueRow {
    pub id: Uuid,
    pub profile_id: Uuid,
    pub display_name: String,
    pub role_key: String,
    pub verification_type: String,
    pub status: ApprovalStatus,
    pub submitted_at: DateTime<Utc>,
    pub age_minutes: i64,
    pub documents: i64,
    pub documents_pending: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    pub total: i64,
    pub page: u32,
    pub has_more: bool,
}

/// The profile behind a request, as the reviewer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProfileSummary {
    pub id: Uuid,
    pub user_id: Uuid,
    pub role_key: String,
    pub slug: String,
    pub display_name: String,
    pub location: Option<String>,
    pub owner_email: String,
    pub status: ProfileStatus,
    pub approval_status: ApprovalStatus,
    pub verification_status: VerificationStatus,
    pub verified_at: Option<DateTime<Utc>>,
}

/// One request with everything a reviewer needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationDetail {
    pub request: RequestView,
    pub profile: ProfileSummary,
    pub reviewed_by_name: Option<String>,
    /// Minutes since the request was opened (computed on the server).
    pub age_minutes: i64,
    /// Earlier requests of the same profile, newest first (without documents).
    pub earlier: Vec<RequestView>,
    /// The reviewer owns this profile (they may look, not decide).
    pub own_profile: bool,
    /// The reviewer may open the documents.
    pub can_view_documents: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verification_types_are_a_closed_list() {
        assert_eq!(parse_verification_type("IDENTITY"), Ok("IDENTITY"));
        assert!(parse_verification_type("identity").is_err());
        assert_eq!(verification_type_label("DOCUMENT"), "Qualification");
        assert_eq!(document_label("photographer", "PAN"), "PAN card");
        assert_eq!(document_label("photographer", "ODD"), "ODD");
    }

    #[test]
    fn queue_filters_ignore_unknown_values() {
        let f = VerificationFilter::from_query(
            None,
            Some("SELFIE".into()),
            Some("tutor".into()),
            None,
            Some("x".into()),
        );
        assert_eq!(f.status, "PENDING");
        assert_eq!(f.verification_type, None);
        assert_eq!(f.role.as_deref(), Some("tutor"));
        assert_eq!(f.page, 1);
    }
}
