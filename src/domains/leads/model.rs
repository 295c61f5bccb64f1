//! A customer's lead as typed into the form, and its checks (the same in the browser
//! and on the server): every problem is reported at once, field by field.
use crate::core::error::FieldErrors;
use crate::core::money::Paise;
use crate::core::roles::{parse_city, parse_text, role_spec};
use crate::core::AppResult;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use super::read_model::*;

pub const TITLE_MIN: usize = 10;
pub const TITLE_MAX: usize = 120;
pub const DESCRIPTION_MIN: usize = 30;
pub const DESCRIPTION_MAX: usize = 4000;
/// The largest budget, in rupees (₹1 crore).
pub const BUDGET_MAX_RUPEES: i64 = 10_000_000;
/// How far ahead a lead's date may be.
pub const DATE_MAX_DAYS_AHEAD: i64 = 365;

/// The form as posted: every field a string, an absent one empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LeadForm {
    pub profession: String,
    pub title: String,
    pub description: String,
    pub city: String,
    /// Rupees, optional ("15000", "15,000").
    pub budget: String,
    /// `YYYY-MM-DD`, optional.
    pub required_date: String,
}

/// A checked lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadInput {
    pub profession_key: &'static str,
    pub title: String,
    pub description: String,
    pub city: String,
    /// Whole rupees (`leads.budget_inr`).
    pub budget_inr: Option<i32>,
    pub required_date: Option<NaiveDate>,
}

fn parse_profession(input: &str) -> Result<&'static str, String> {
    role_spec(input.trim())
        .map(|s| s.key)
        .ok_or_else(|| "Choose the kind of professional you need.".to_string())
}

fn parse_title(input: &str) -> Result<String, String> {
    let title = parse_text(input, TITLE_MAX, true, "A title")?.unwrap_or_default();
    if title.chars().count() < TITLE_MIN {
        return Err(format!(
            "Say what you need in at least {TITLE_MIN} characters, e.g. \u{201c}Wedding photographer for 2 days\u{201d}."
        ));
    }
    Ok(title)
}

fn parse_description(input: &str) -> Result<String, String> {
    let text = parse_text(input, DESCRIPTION_MAX, true, "A description")?.unwrap_or_default();
    if text.chars().count() < DESCRIPTION_MIN {
        return Err(format!(
            "Describe the work in at least {DESCRIPTION_MIN} characters so professionals can quote."
        ));
    }
    Ok(text)
}

/// Whole rupees from 1 to ₹1 crore; empty is "no budget given".
pub fn parse_budget(input: &str) -> Result<Option<i32>, String> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.starts_with('-') {
        return Err("The budget cannot be negative.".into());
    }
    let paise = Paise::parse_rupees(text)?;
    if paise.0 % 100 != 0 {
        return Err("Enter the budget in whole rupees.".into());
    }
    let rupees = paise.0 / 100;
    if rupees < 1 {
        return Err("Enter a budget above zero, or leave it empty.".into());
    }
    if rupees > BUDGET_MAX_RUPEES {
        return Err("The budget can be at most ₹1,00,00,000.".into());
    }
    i32::try_from(rupees)
        .map(Some)
        .map_err(|_| "That budget is too large.".into())
}

/// A date from `today` (in India) to a year ahead; empty is "flexible".
pub fn parse_required_date(input: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| "Enter a date like 2026-12-31.".to_string())?;
    if date < today {
        return Err("Choose today or a later date.".into());
    }
    if (date - today).num_days() > DATE_MAX_DAYS_AHEAD {
        return Err("Choose a date within the next year.".into());
    }
    Ok(Some(date))
}

impl LeadInput {
    /// Checks every field; `today` is the current date in India.
    pub fn parse(form: &LeadForm, today: NaiveDate) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let profession = errs.check("profession", parse_profession(&form.profession));
        let title = errs.check("title", parse_title(&form.title));
        let description = errs.check("description", parse_description(&form.description));
        let city = errs.check("city", parse_city(&form.city));
        let budget = errs.check("budget", parse_budget(&form.budget));
        let date = errs.check(
            "required_date",
            parse_required_date(&form.required_date, today),
        );
        errs.into_result()?;
        match (profession, title, description, city, budget, date) {
            (
                Some(profession_key),
                Some(title),
                Some(description),
                Some(city),
                Some(budget_inr),
                Some(required_date),
            ) => Ok(Self {
                profession_key,
                title,
                description,
                city,
                budget_inr,
                required_date,
            }),
            _ => Err(crate::core::AppError::internal()),
        }
    }
}

crate::states! {
    /// A lead's life (`leads.status`, see docs/domains/leads.md): the customer's DRAFT
    /// goes for review (PENDING); staff open it (OPEN) or send it back to DRAFT; it is
    /// CLOSED by its customer, by staff (fake), or when it expires.
    pub enum LeadStatus {
        Draft = "DRAFT",
        Pending = "PENDING",
        Open = "OPEN",
        Closed = "CLOSED",
    }
}

pub use crate::core::state::ResponseStatus;

/// Why a lead closed (`leads.close_reason`). Serialised by variant name (server
/// function arguments), stored in SCREAMING_SNAKE_CASE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(
    feature = "ssr",
    sqlx(type_name = "text", rename_all = "SCREAMING_SNAKE_CASE")
)]
pub enum CloseReason {
    /// The customer found someone or no longer needs it.
    Closed,
    /// The customer withdrew it: unanswered responses are refunded.
    Withdrawn,
    /// It ran past `expires_at`.
    Expired,
    /// Staff removed it as not genuine: every response is refunded.
    Fake,
}

impl CloseReason {
    pub fn as_str(self) -> &'static str {
        match self {
            CloseReason::Closed => "CLOSED",
            CloseReason::Withdrawn => "WITHDRAWN",
            CloseReason::Expired => "EXPIRED",
            CloseReason::Fake => "FAKE",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Closed, Self::Withdrawn, Self::Expired, Self::Fake]
            .into_iter()
            .find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            CloseReason::Closed => "Closed by you",
            CloseReason::Withdrawn => "Withdrawn",
            CloseReason::Expired => "Expired",
            CloseReason::Fake => "Removed by our team",
        }
    }
}

/// Why a response's tracecoins came back (`lead_requests.refund_reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RefundReason {
    RejectedUnread,
    NotOpened,
    Withdrawn,
    Expired,
    Fake,
}

impl RefundReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RefundReason::RejectedUnread => "REJECTED_UNREAD",
            RefundReason::NotOpened => "NOT_OPENED",
            RefundReason::Withdrawn => "WITHDRAWN",
            RefundReason::Expired => "EXPIRED",
            RefundReason::Fake => "FAKE",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::RejectedUnread,
            Self::NotOpened,
            Self::Withdrawn,
            Self::Expired,
            Self::Fake,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }

    /// The reason as the professional reads it.
    pub fn explain(self) -> &'static str {
        match self {
            RefundReason::RejectedUnread => "the customer declined it without opening it.",
            RefundReason::NotOpened => "the customer did not open it in time.",
            RefundReason::Withdrawn => "the customer withdrew the request.",
            RefundReason::Expired => "the request expired before the customer answered.",
            RefundReason::Fake => "our team removed the request as not genuine.",
        }
    }
}

/// A lead's status as the customer reads it.
pub fn status_label(status: LeadStatus, close_reason: Option<CloseReason>) -> &'static str {
    match (status, close_reason) {
        (LeadStatus::Draft, _) => "Draft",
        (LeadStatus::Pending, _) => "Waiting for review",
        (LeadStatus::Open, _) => "Open for responses",
        (LeadStatus::Closed, Some(reason)) => reason.label(),
        (LeadStatus::Closed, None) => "Closed",
    }
}

/// Tracecoins per response, by profession, from the `leads.response_price_tracecoins`
/// object (`{"default": 10, "photographer": 15}`); 10 when absent or malformed.
pub fn response_price(config: Option<&serde_json::Value>, profession: &str) -> i32 {
    const FALLBACK: i32 = 10;
    let pick = |key: &str| {
        config
            .and_then(|c| c.get(key))
            .and_then(serde_json::Value::as_i64)
            .and_then(|n| i32::try_from(n).ok())
            .filter(|n| *n >= 0)
    };
    pick(profession)
        .or_else(|| pick("default"))
        .unwrap_or(FALLBACK)
}

pub const MESSAGE_MIN: usize = 20;
pub const MESSAGE_MAX: usize = 2000;

/// A professional's response as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseForm {
    /// Whole rupees, optional.
    pub quote: String,
    pub message: String,
}

/// A checked response. The message may carry contact details: they stay hidden from
/// the customer until the customer accepts the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseInput {
    pub quote_inr: Option<i32>,
    pub message: String,
}

impl ResponseInput {
    pub fn parse(form: &ResponseForm) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let quote = errs.check(
            "quote",
            parse_budget(&form.quote).map_err(|e| e.replace("budget", "quote")),
        );
        let message = errs.check("message", parse_message(&form.message));
        errs.into_result()?;
        match (quote, message) {
            (Some(quote_inr), Some(message)) => Ok(Self { quote_inr, message }),
            _ => Err(crate::core::AppError::internal()),
        }
    }
}

fn parse_message(input: &str) -> Result<String, String> {
    let text = input.trim().replace("\r\n", "\n");
    let len = text.chars().count();
    if len < MESSAGE_MIN {
        return Err(format!(
            "Introduce yourself and your offer in at least {MESSAGE_MIN} characters."
        ));
    }
    if len > MESSAGE_MAX {
        return Err(format!(
            "Keep the message to {MESSAGE_MAX} characters (now {len})."
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err("The message contains characters we cannot accept.".into());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    fn good() -> LeadForm {
        LeadForm {
            profession: "photographer".into(),
            title: "Wedding photographer for two days".into(),
            description: "Haldi and wedding in Pune, about 300 guests, candid style preferred."
                .into(),
            city: "pune".into(),
            budget: "45,000".into(),
            required_date: "2027-01-15".into(),
        }
    }

    #[test]
    fn a_good_lead_is_tidied() {
        let lead = LeadInput::parse(&good(), today()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(lead.profession_key, "photographer");
        assert_eq!(lead.city, "Pune");
        assert_eq!(lead.budget_inr, Some(45_000));
        assert_eq!(lead.required_date, NaiveDate::from_ymd_opt(2027, 1, 15));
        let flexible = LeadForm {
            budget: " ".into(),
            required_date: String::new(),
            ..good()
        };
        let lead = LeadInput::parse(&flexible, today()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((lead.budget_inr, lead.required_date), (None, None));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = LeadForm {
            profession: "astronaut".into(),
            title: "Photos".into(),
            description: "Call me on 98765 43210 for the details of the shoot.".into(),
            city: "Atlantis".into(),
            budget: "-500".into(),
            required_date: "2026-11-21".into(),
        };
        let err = LeadInput::parse(&bad, today()).unwrap_err();
        for field in [
            "profession",
            "title",
            "description",
            "city",
            "budget",
            "required_date",
        ] {
            assert!(err.field_message(field).is_some(), "{field}: {err:?}");
        }
        assert!(err
            .field_message("description")
            .is_some_and(|m| m.contains("phone")));
        assert!(err
            .field_message("budget")
            .is_some_and(|m| m.contains("negative")));
        assert!(err
            .field_message("required_date")
            .is_some_and(|m| m.contains("today")));
    }

    #[test]
    fn budgets_and_dates_have_bounds() {
        assert_eq!(parse_budget("1"), Ok(Some(1)));
        assert!(parse_budget("0").is_err());
        assert!(parse_budget("100.50").is_err());
        assert!(parse_budget("10000001").is_err());
        assert_eq!(parse_budget("1,00,00,000"), Ok(Some(10_000_000)));
        assert!(parse_budget("lots").is_err());
        assert_eq!(
            parse_required_date("2026-11-22", today()),
            Ok(Some(today()))
        );
        assert!(parse_required_date("2027-11-23", today()).is_err());
        assert!(parse_required_date("22/11/2026", today()).is_err());
        let huge = "x".repeat(DESCRIPTION_MAX + 1);
        assert!(parse_description(&huge).is_err());
    }

    #[test]
    fn response_prices_come_per_profession_with_a_default() {
        let config = serde_json::json!({"default": 10, "photographer": 15, "tutor": -1});
        assert_eq!(response_price(Some(&config), "photographer"), 15);
        assert_eq!(response_price(Some(&config), "developer"), 10);
        // A negative or malformed price falls back to the default.
        assert_eq!(response_price(Some(&config), "tutor"), 10);
        assert_eq!(response_price(None, "photographer"), 10);
        assert_eq!(response_price(Some(&serde_json::json!("x")), "tutor"), 10);
    }

    #[test]
    fn responses_need_a_real_message_and_a_sane_quote() {
        let ok = ResponseInput::parse(&ResponseForm {
            quote: "40,000".into(),
            message: "  Happy to cover both days, call me.  ".into(),
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok.quote_inr, Some(40_000));
        assert_eq!(ok.message, "Happy to cover both days, call me.");
        let bad = ResponseInput::parse(&ResponseForm {
            quote: "-5".into(),
            message: "Hi".into(),
        })
        .unwrap_err();
        assert!(bad
            .field_message("quote")
            .is_some_and(|m| m.contains("quote")));
        assert!(bad.field_message("message").is_some());
        let huge = ResponseInput::parse(&ResponseForm {
            quote: String::new(),
            message: "x".repeat(MESSAGE_MAX + 1),
        })
        .unwrap_err();
        assert!(huge.field_message("message").is_some());
    }
}
