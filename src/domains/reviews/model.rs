//! Reviews as typed into their forms and as pages show them, the same in the browser
//! and on the server: a review (stars and text), the reviewed party's one reply, a
//! report, and a moderator's decision. Every problem is reported at once, by field.
use crate::core::error::FieldErrors;
use crate::core::{AppError, AppResult};
use serde::{Deserialize, Serialize};

pub use super::read_model::*;
pub use crate::domains::search::model::RatingSummary;

pub const TEXT_MIN: usize = 20;
pub const TEXT_MAX: usize = 2000;
pub const REPLY_MAX: usize = 1000;
pub const DETAILS_MAX: usize = 500;
pub const MODERATION_REASON_MAX: usize = 500;
/// Published reviews per page of a public page.
pub const PAGE: i64 = 10;

/// What a review is about (`reviews.entity_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityType {
    /// A professional's role profile (`user_role_profiles.id`).
    Professional,
    /// A company (`company_profiles.id`).
    Company,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Professional => "professional",
            EntityType::Company => "company",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "professional" => Some(EntityType::Professional),
            "company" => Some(EntityType::Company),
            _ => None,
        }
    }

    /// Parses or refuses with a clear error (for server function arguments).
    pub fn require(s: &str) -> AppResult<Self> {
        Self::parse(s).ok_or_else(|| AppError::not_found("That page"))
    }

    /// "a professional" / "a company", for sentences.
    pub fn noun(self) -> &'static str {
        match self {
            EntityType::Professional => "professional",
            EntityType::Company => "company",
        }
    }
}

/// The public page of a reviewed party: `/p/{slug}` or `/companies/{slug}`.
pub fn public_path(entity: EntityType, slug: &str) -> String {
    match entity {
        EntityType::Professional => format!("/p/{slug}"),
        EntityType::Company => format!("/companies/{slug}"),
    }
}

/// The write-a-review page for a reviewed party.
pub fn write_path(entity: EntityType, slug: &str) -> String {
    let key = match entity {
        EntityType::Professional => "profile",
        EntityType::Company => "company",
    };
    format!(
        "/reviews/new?{key}={}",
        crate::core::url::encode_query_value(slug)
    )
}

// ---------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------

/// A review as posted: every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub rating: String,
    pub text: String,
}

/// A checked review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewInput {
    pub rating: i16,
    pub text: String,
}

pub fn parse_rating(input: &str) -> Result<i16, String> {
    match input.trim().parse::<i16>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ => Err("Choose a rating from 1 to 5 stars.".into()),
    }
}

/// Trimmed text of `min..=max` characters without control characters or contact details.
fn parse_body(input: &str, min: usize, max: usize, short: &str) -> Result<String, String> {
    let text = input.trim().replace("\r\n", "\n");
    let len = text.chars().count();
    if len < min {
        return Err(short.to_owned());
    }
    if len > max {
        return Err(format!("Keep this to {max} characters (now {len})."));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err("This text contains characters we cannot accept.".into());
    }
    crate::core::contact::check(&text)?;
    Ok(text)
}

pub fn parse_review_text(input: &str) -> Result<String, String> {
    parse_body(
        input,
        TEXT_MIN,
        TEXT_MAX,
        &format!("Describe your experience in at least {TEXT_MIN} characters."),
    )
}

impl ReviewInput {
    pub fn parse(form: &ReviewForm) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let rating = errs.check("rating", parse_rating(&form.rating));
        let text = errs.check("text", parse_review_text(&form.text));
        errs.into_result()?;
        match (rating, text) {
            (Some(rating), Some(text)) => Ok(Self { rating, text }),
            _ => Err(AppError::internal()),
        }
    }
}

/// The reviewed party's reply: 1–1000 characters, field `text`.
pub fn parse_reply(input: &str) -> AppResult<String> {
    parse_body(input, 1, REPLY_MAX, "Write your reply.").map_err(|m| AppError::field("text", m))
}

/// Why someone reports a review (`review_reports.reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportReason {
    Spam,
    Offensive,
    Fake,
    ConflictOfInterest,
    PrivateInfo,
    Other,
}

impl ReportReason {
    pub const ALL: [ReportReason; 6] = [
        ReportReason::Spam,
        ReportReason::Offensive,
        ReportReason::Fake,
        ReportReason::ConflictOfInterest,
        ReportReason::PrivateInfo,
        ReportReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportReason::Spam => "SPAM",
            ReportReason::Offensive => "OFFENSIVE",
            ReportReason::Fake => "FAKE",
            ReportReason::ConflictOfInterest => "CONFLICT_OF_INTEREST",
            ReportReason::PrivateInfo => "PRIVATE_INFO",
            ReportReason::Other => "OTHER",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportReason::Spam => "Spam or advertising",
            ReportReason::Offensive => "Offensive or abusive",
            ReportReason::Fake => "Fake: this did not happen",
            ReportReason::ConflictOfInterest => "Written by a competitor, friend or the business",
            ReportReason::PrivateInfo => "Shares private information",
            ReportReason::Other => "Something else",
        }
    }
}

/// The label of a stored reason (the raw value if it is unknown).
pub fn report_reason_label(s: &str) -> String {
    ReportReason::parse(s).map_or_else(|| s.to_owned(), |r| r.label().to_owned())
}

/// A report as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportForm {
    pub reason: String,
    pub details: String,
}

/// A checked report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportInput {
    pub reason: ReportReason,
    pub details: Option<String>,
}

impl ReportInput {
    pub fn parse(form: &ReportForm) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let reason = errs.check(
            "reason",
            ReportReason::parse(form.reason.trim())
                .ok_or_else(|| "Choose why you are reporting this review.".to_string()),
        );
        let details = form.details.trim();
        let details = if details.is_empty() {
            if reason == Some(ReportReason::Other) {
                errs.add("details", "Tell us what is wrong with this review.");
            }
            None
        } else {
            errs.check(
                "details",
                parse_body(details, 1, DETAILS_MAX, "Tell us what is wrong."),
            )
        };
        errs.into_result()?;
        match reason {
            Some(reason) => Ok(Self { reason, details }),
            None => Err(AppError::internal()),
        }
    }
}

crate::states! {
    /// A review's life (`reviews.status`): PENDING until a moderator publishes it
    /// (PUBLISHED, counted in the rating) or hides it (HIDDEN, the reviewer told why);
    /// a published review can be hidden later and a hidden one published.
    pub enum ReviewStatus {
        Pending = "PENDING",
        Published = "PUBLISHED",
        Hidden = "HIDDEN",
    }
}

/// A moderator's decision on a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Show it on the public page (or keep it there, dismissing reports).
    Publish,
    /// Keep it off the public page.
    Hide,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Publish => "PUBLISH",
            Decision::Hide => "HIDE",
        }
    }

    /// The review status the decision leads to.
    pub fn status(self) -> ReviewStatus {
        match self {
            Decision::Publish => ReviewStatus::Published,
            Decision::Hide => ReviewStatus::Hidden,
        }
    }
}

/// A checked decision: hiding needs a reason (told to the reviewer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModerationInput {
    pub decision: Decision,
    pub reason: Option<String>,
}

impl ModerationInput {
    pub fn parse(decision: &str, reason: &str) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let decision = errs.check(
            "decision",
            [Decision::Publish, Decision::Hide]
                .into_iter()
                .find(|d| d.as_str() == decision.trim())
                .ok_or_else(|| "Choose Publish or Hide.".to_string()),
        );
        let text = reason.trim().replace("\r\n", "\n");
        let len = text.chars().count();
        let reason = if text.is_empty() {
            if decision == Some(Decision::Hide) {
                errs.add(
                    "reason",
                    "Give a reason for hiding this review; the reviewer is told it.",
                );
            }
            None
        } else if len > MODERATION_REASON_MAX {
            errs.add(
                "reason",
                format!("Keep the reason to {MODERATION_REASON_MAX} characters (now {len})."),
            );
            None
        } else {
            Some(text)
        };
        errs.into_result()?;
        match decision {
            Some(decision) => Ok(Self { decision, reason }),
            None => Err(AppError::internal()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use uuid::Uuid;

    #[test]
    fn a_review_needs_stars_and_real_text() {
        let ok = ReviewInput::parse(&ReviewForm {
            rating: "4".into(),
            text: "  Lovely candid photos, delivered on time.  ".into(),
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok.rating, 4);
        assert_eq!(ok.text, "Lovely candid photos, delivered on time.");
        for rating in ["0", "6", "", "four", "-1"] {
            let err = ReviewInput::parse(&ReviewForm {
                rating: rating.into(),
                text: "Lovely candid photos, delivered on time.".into(),
            })
            .unwrap_err();
            assert_eq!(
                err.field_message("rating").as_deref(),
                Some("Choose a rating from 1 to 5 stars.")
            );
        }
        let err = ReviewInput::parse(&ReviewForm {
            rating: "5".into(),
            text: "Great!".into(),
        })
        .unwrap_err();
        assert!(err.field_message("text").is_some());
        assert!(err.field_message("rating").is_none());
        let long = ReviewInput::parse(&ReviewForm {
            rating: "5".into(),
            text: "a".repeat(TEXT_MAX + 1),
        })
        .unwrap_err();
        assert!(long.field_message("text").is_some());
        let contact = ReviewInput::parse(&ReviewForm {
            rating: "5".into(),
            text: "Brilliant work, call him on 98765 43210 directly.".into(),
        })
        .unwrap_err();
        assert!(contact
            .field_message("text")
            .is_some_and(|m| m.contains("phone")));
    }

    #[test]
    fn replies_reports_and_decisions_have_their_rules() {
        assert!(parse_reply("  ").is_err());
        assert_eq!(
            parse_reply(" Thank you! ").unwrap_or_default(),
            "Thank you!"
        );
        assert!(parse_reply(&"x".repeat(REPLY_MAX + 1)).is_err());

        let other = ReportInput::parse(&ReportForm {
            reason: "OTHER".into(),
            details: " ".into(),
        })
        .unwrap_err();
        assert!(other.field_message("details").is_some());
        let spam = ReportInput::parse(&ReportForm {
            reason: "SPAM".into(),
            details: String::new(),
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((spam.reason, spam.details), (ReportReason::Spam, None));
        assert!(ReportInput::parse(&ReportForm {
            reason: "BORING".into(),
            details: String::new(),
        })
        .unwrap_err()
        .field_message("reason")
        .is_some());
        assert!(ReportInput::parse(&ReportForm {
            reason: "FAKE".into(),
            details: "d".repeat(DETAILS_MAX + 1),
        })
        .is_err());

        let hide = ModerationInput::parse("HIDE", "").unwrap_err();
        assert!(hide.field_message("reason").is_some());
        let publish = ModerationInput::parse("PUBLISH", "").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(publish.decision, Decision::Publish);
        assert!(ModerationInput::parse("HIDE", &"r".repeat(501)).is_err());
        assert!(ModerationInput::parse("DELETE", "x").is_err());
    }

    #[test]
    fn names_shorten_and_cursors_round_trip() {
        assert_eq!(short_name("Asha Rao"), "Asha R.");
        assert_eq!(short_name("  asha  maria rao "), "asha R.");
        assert_eq!(short_name("Asha"), "Asha");
        assert_eq!(short_name(""), "Nxtgauge member");
        let item = ReviewItem {
            id: Uuid::new_v4(),
            reviewer: "A".into(),
            rating: 5,
            text: String::new(),
            created_at: DateTime::from_timestamp_micros(1_700_000_000_123_456).unwrap_or_default(),
            reply: None,
            mine: false,
        };
        assert_eq!(
            parse_cursor(&cursor(&item)),
            Some((item.created_at, item.id))
        );
        assert_eq!(parse_cursor("junk"), None);
    }

    #[test]
    fn summaries_average_to_two_places() {
        let s = summary_from(3, 13, [1, 2, 0, 0, 0]);
        assert!((s.average - 4.33).abs() < 1e-9);
        assert_eq!(s.histogram, [1, 2, 0, 0, 0]);
        assert_eq!(summary_from(0, 0, [0; 5]).average, 0.0);
    }
}
