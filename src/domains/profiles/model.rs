//! What the profile pages and the server exchange about a professional's own role
//! profiles. Compiled for the browser and the server, so the form checks what the
//! server checks.
use crate::core::roles::{self as spec, RoleFields, RoleSpec};
use crate::core::state::{ApprovalStatus, ProfileStatus, VerificationStatus};
use crate::core::{
    error::FieldErrors, validation::parse_display_name, AppError, AppResult, ErrorCode,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The longest bio, in characters.
pub const BIO_MAX: usize = 2000;

/// Where a profile stands, as its owner sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Stage {
    /// Never submitted, or taken back to draft.
    Draft,
    /// Waiting in the approval queue.
    InReview,
    /// Staff sent it back with remarks.
    ChangesRequested,
    /// Approved and active: on the public page (and in search when public).
    Live,
    /// Taken down by staff.
    Suspended,
}

impl Stage {
    /// Derives the stage from `user_role_profiles.status`, `approval_status` and whether
    /// a PENDING approval request exists.
    pub fn of(
        status: ProfileStatus,
        approval_status: ApprovalStatus,
        pending_review: bool,
    ) -> Self {
        if status == ProfileStatus::Suspended {
            Stage::Suspended
        } else if pending_review {
            Stage::InReview
        } else if approval_status == ApprovalStatus::Rejected {
            Stage::ChangesRequested
        } else if approval_status == ApprovalStatus::Approved && status == ProfileStatus::Active {
            Stage::Live
        } else {
            Stage::Draft
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Draft => "Draft",
            Stage::InReview => "In review",
            Stage::ChangesRequested => "Changes requested",
            Stage::Live => "Live",
            Stage::Suspended => "Suspended",
        }
    }

    /// Tailwind classes of the stage's badge.
    pub fn badge_class(self) -> &'static str {
        match self {
            Stage::Draft => "bg-slate-100 text-slate-700",
            Stage::InReview => "bg-amber-100 text-amber-800",
            Stage::ChangesRequested => "bg-orange-100 text-orange-800",
            Stage::Live => "bg-emerald-100 text-emerald-800",
            Stage::Suspended => "bg-red-100 text-red-800",
        }
    }

    /// Whether the owner may send the profile to review now (the checklist aside).
    pub fn can_submit(self) -> bool {
        matches!(self, Stage::Draft | Stage::ChangesRequested)
    }
}

/// One thing a profile needs before it can be submitted for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// `display_name`, `location`, `bio`, a role field key, `portfolio` or `services`;
    /// also the error key when a submission is refused.
    pub key: String,
    pub label: String,
    pub done: bool,
}

/// A role profile as its owner edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleProfileView {
    pub id: Uuid,
    pub role_key: String,
    pub slug: String,
    pub display_name: String,
    pub bio: Option<String>,
    pub location: Option<String>,
    pub is_profile_public: bool,
    /// The profile photo under `/media`, when one was uploaded.
    pub avatar_url: Option<String>,
    pub fields: RoleFields,
    pub status: ProfileStatus,
    pub approval_status: ApprovalStatus,
    pub verification_status: VerificationStatus,
    pub rejection_reason: Option<String>,
    pub stage: Stage,
    /// When the pending review was requested.
    pub in_review_since: Option<DateTime<Utc>>,
    pub checklist: Vec<ChecklistItem>,
}

impl RoleProfileView {
    pub fn checklist_complete(&self) -> bool {
        self.checklist.iter().all(|i| i.done)
    }

    pub fn verified(&self) -> bool {
        self.verification_status == VerificationStatus::Verified
    }
}

/// One role profile on the "My profiles" page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileCard {
    pub role_key: String,
    pub slug: String,
    pub display_name: String,
    pub stage: Stage,
    pub rejection_reason: Option<String>,
    pub verified: bool,
    pub is_profile_public: bool,
    pub in_review_since: Option<DateTime<Utc>>,
}

/// Everything the "My profiles" page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProfilesView {
    pub profiles: Vec<ProfileCard>,
    /// Professional roles the user holds (from sign-up) but has no profile for yet.
    pub held_without_profile: Vec<String>,
    /// The other professional roles they could add.
    pub addable: Vec<String>,
}

/// The profile form as posted: common fields plus the role fields as raw strings keyed
/// by their `RoleSpec` key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileInput {
    pub display_name: String,
    pub bio: String,
    pub location: String,
    pub is_profile_public: bool,
    pub fields: BTreeMap<String, String>,
}

/// A parsed, valid profile form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileUpdate {
    pub display_name: String,
    pub bio: Option<String>,
    pub location: String,
    pub is_profile_public: bool,
    pub fields: RoleFields,
}

/// The bio: optional while drafting, at most [`BIO_MAX`] characters, no contact details.
pub fn parse_bio(input: &str) -> Result<Option<String>, String> {
    spec::parse_text(input, BIO_MAX, false, "a bio")
}

impl ProfileInput {
    /// Checks every field and reports every problem at once, keyed by the form's field
    /// names (`display_name`, `bio`, `location`, and each role field's key).
    pub fn parse(&self, spec: &RoleSpec) -> AppResult<ProfileUpdate> {
        let mut errors = FieldErrors::new();
        let display_name = errors.check("display_name", parse_display_name(&self.display_name));
        let bio = errors.check("bio", parse_bio(&self.bio));
        let location = errors.check("location", spec::parse_city(&self.location));
        let fields = match spec::parse_fields(spec, &self.fields) {
            Ok(fields) => Some(fields),
            Err(role_errors) => {
                if let Err(e) = role_errors.into_result() {
                    for (key, message) in e.fields {
                        errors.add(&key, message);
                    }
                }
                None
            }
        };
        errors.into_result()?;
        match (display_name, bio, location, fields) {
            (Some(display_name), Some(bio), Some(location), Some(fields)) => Ok(ProfileUpdate {
                display_name,
                bio,
                location,
                is_profile_public: self.is_profile_public,
                fields,
            }),
            _ => Err(AppError::new(
                ErrorCode::Validation,
                "Please correct the highlighted fields.",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;
    use crate::core::roles::{role_spec, FieldValue, ROLE_SPECS};

    fn input(fields: &[(&str, &str)]) -> ProfileInput {
        ProfileInput {
            display_name: "  Asha   Rao ".into(),
            bio: "Candid wedding photographer for ten years.".into(),
            location: "pune".into(),
            is_profile_public: true,
            fields: fields
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
        }
    }

    #[test]
    fn parses_common_and_role_fields_together() {
        let spec = role_spec("photographer").unwrap();
        let parsed = input(&[("specialties", "Wedding"), ("starting_price_inr", "1,500")])
            .parse(spec)
            .unwrap();
        assert_eq!(parsed.display_name, "Asha Rao");
        assert_eq!(parsed.location, "Pune");
        assert_eq!(
            parsed.fields["starting_price_inr"],
            FieldValue::Money(Some(150_000))
        );
    }

    #[test]
    fn reports_common_and_role_errors_at_once() {
        let spec = role_spec("photographer").unwrap();
        let mut bad = input(&[("specialties", ""), ("travel_radius_km", "x")]);
        bad.display_name = "A".into();
        bad.bio = "Call me on 98765 43210".into();
        bad.location = "Atlantis".into();
        let err = bad.parse(spec).unwrap_err();
        for key in [
            "display_name",
            "bio",
            "location",
            "specialties",
            "travel_radius_km",
        ] {
            assert!(err.fields.contains_key(key), "{key}: {:?}", err.fields);
        }
        assert!(err.fields["bio"].contains("phone number"));
    }

    #[test]
    fn bios_are_bounded() {
        assert_eq!(parse_bio("  "), Ok(None));
        assert!(parse_bio(&"a".repeat(BIO_MAX)).is_ok());
        assert!(parse_bio(&"a".repeat(BIO_MAX + 1)).is_err());
        assert!(parse_bio("mail me at asha@example.com").is_err());
        assert!(parse_bio("see www.asha.in").is_err());
    }

    #[test]
    fn role_field_keys_never_collide_with_common_fields() {
        for spec in ROLE_SPECS.iter() {
            for f in spec.fields {
                assert!(
                    ![
                        "display_name",
                        "bio",
                        "location",
                        "is_profile_public",
                        "role"
                    ]
                    .contains(&f.key),
                    "{}.{}",
                    spec.key,
                    f.key
                );
            }
        }
    }

    #[test]
    fn stages_follow_status_and_review() {
        assert_eq!(
            Stage::of(ProfileStatus::Draft, ApprovalStatus::Pending, false),
            Stage::Draft
        );
        assert_eq!(
            Stage::of(ProfileStatus::Draft, ApprovalStatus::Pending, true),
            Stage::InReview
        );
        assert_eq!(
            Stage::of(ProfileStatus::Draft, ApprovalStatus::Rejected, false),
            Stage::ChangesRequested
        );
        assert_eq!(
            Stage::of(ProfileStatus::Active, ApprovalStatus::Approved, false),
            Stage::Live
        );
        assert_eq!(
            Stage::of(ProfileStatus::Active, ApprovalStatus::Approved, true),
            Stage::InReview
        );
        assert_eq!(
            Stage::of(ProfileStatus::Suspended, ApprovalStatus::Approved, true),
            Stage::Suspended
        );
        assert!(Stage::Draft.can_submit() && Stage::ChangesRequested.can_submit());
        assert!(!Stage::Live.can_submit() && !Stage::InReview.can_submit());
    }
}
