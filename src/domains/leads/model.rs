//! A customer's lead as typed into the form, and its checks (the same in the browser
//! and on the server): every problem is reported at once, field by field.
use crate::core::error::FieldErrors;
use crate::core::money::Paise;
use crate::core::AppResult;
use crate::domains::profiles::spec::{parse_city, parse_text, role_spec};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const TITLE_MIN: usize = 10;
pub const TITLE_MAX: usize = 120;
pub const DESCRIPTION_MIN: usize = 30;
pub const DESCRIPTION_MAX: usize = 4000;
/// The largest budget, in rupees (₹1 crore).
pub const BUDGET_MAX_RUPEES: i64 = 10_000_000;
/// How far ahead a lead's date may be.
pub const DATE_MAX_DAYS_AHEAD: i64 = 365;

/// The form as posted: every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// Why a lead closed (`leads.close_reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
pub fn status_label(status: &str, close_reason: Option<&str>) -> &'static str {
    match (status, close_reason.and_then(CloseReason::parse)) {
        ("DRAFT", _) => "Draft",
        ("PENDING", _) => "Waiting for review",
        ("OPEN", _) => "Open for responses",
        (_, Some(reason)) => reason.label(),
        _ => "Closed",
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
/// The largest quote, in rupees (₹1 crore).
pub const QUOTE_MAX_RUPEES: i64 = BUDGET_MAX_RUPEES;

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

/// One of the customer's leads in their list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MyLeadRow {
    pub id: uuid::Uuid,
    pub title: String,
    pub profession_key: String,
    pub location: Option<String>,
    pub status: String,
    pub close_reason: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub responses: i64,
    /// Responses the customer has not opened yet.
    pub unopened: i64,
}

/// One response as the customer compares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseCard {
    pub id: uuid::Uuid,
    pub professional: String,
    pub slug: String,
    pub avatar_url: Option<String>,
    pub headline: Option<String>,
    pub verified: bool,
    /// Average of published reviews (tenths of a star) and their number.
    pub rating_tenths: Option<i32>,
    pub reviews: i64,
    pub quote_inr: Option<i32>,
    /// The message, once opened (contact details masked until accepted).
    pub message: Option<String>,
    pub status: String,
    pub opened: bool,
    pub refunded: bool,
    pub conversation_id: Option<uuid::Uuid>,
    pub requested_at: chrono::DateTime<chrono::Utc>,
}

/// A lead as its customer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadView {
    pub id: uuid::Uuid,
    pub profession_key: String,
    pub title: String,
    pub description: String,
    pub location: Option<String>,
    pub budget_inr: Option<i32>,
    pub required_date: Option<NaiveDate>,
    pub status: String,
    pub close_reason: Option<String>,
    pub review_remarks: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
    pub max_responses: i32,
    pub responses: Vec<ResponseCard>,
}

impl LeadView {
    /// The form prefilled with this lead (for editing a draft).
    pub fn form(&self) -> LeadForm {
        LeadForm {
            profession: self.profession_key.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            city: self.location.clone().unwrap_or_default(),
            budget: self.budget_inr.map(|b| b.to_string()).unwrap_or_default(),
            required_date: self
                .required_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        }
    }
}

/// Most leads a professional's feed shows at once.
pub const FEED_PAGE: i64 = 30;

/// The professionals' feed filter, in the URL (`?role=&city=&q=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedFilter {
    /// One of the viewer's ACTIVE roles; all of them when `None`.
    pub role: Option<String>,
    /// `None` = the profile's own city; `Some("")` never (use `all_cities`).
    pub city: Option<String>,
    pub all_cities: bool,
    pub q: Option<String>,
}

impl FeedFilter {
    /// Reads raw query values; anything unknown means "no filter".
    pub fn from_query(role: Option<String>, city: Option<String>, q: Option<String>) -> Self {
        let role = role.filter(|r| role_spec(r).is_some());
        let city = city.unwrap_or_default();
        let all_cities = city.trim() == "all";
        let city = (!all_cities).then(|| parse_city(&city).ok()).flatten();
        let q = q
            .map(|q| q.trim().chars().take(100).collect::<String>())
            .filter(|q| !q.is_empty());
        Self {
            role,
            city,
            all_cities,
            q,
        }
    }

    /// The filter as a query string (with `extra` pairs), "" when empty.
    pub fn query(&self, extra: &[(&str, String)]) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(r) = &self.role {
            pairs.push(("role", r.clone()));
        }
        if self.all_cities {
            pairs.push(("city", "all".into()));
        } else if let Some(c) = &self.city {
            pairs.push(("city", c.clone()));
        }
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        pairs.extend(extra.iter().cloned());
        if pairs.is_empty() {
            return String::new();
        }
        let encoded: Vec<String> = pairs
            .into_iter()
            .map(|(k, v)| {
                format!(
                    "{k}={}",
                    crate::domains::search::model::encode_query_value(&v)
                )
            })
            .collect();
        format!("?{}", encoded.join("&"))
    }
}

/// The feed's "older" cursor after `row`: `{approved_at in microseconds}_{id}`.
pub fn feed_cursor(row: &FeedRow) -> String {
    format!("{}_{}", row.approved_at.timestamp_micros(), row.id)
}

pub fn parse_feed_cursor(s: &str) -> Option<(chrono::DateTime<chrono::Utc>, uuid::Uuid)> {
    let (micros, id) = s.split_once('_')?;
    let at = chrono::DateTime::from_timestamp_micros(micros.parse().ok()?)?;
    Some((at, id.parse().ok()?))
}

/// One OPEN lead in a professional's feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct FeedRow {
    pub id: uuid::Uuid,
    pub title: String,
    pub profession_key: String,
    pub location: Option<String>,
    pub budget_inr: Option<i32>,
    pub required_date: Option<NaiveDate>,
    pub approved_at: chrono::DateTime<chrono::Utc>,
    pub responses: i64,
    pub responded: bool,
    /// Asked this professional for a quote ("request a quote").
    pub requested_me: bool,
}

/// The feed page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feed {
    /// The viewer's ACTIVE roles (key, label, city).
    pub roles: Vec<(String, String, Option<String>)>,
    pub rows: Vec<FeedRow>,
    pub max_responses: i32,
    pub balance: i32,
}

/// A lead as a professional sees it before and after responding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadForPro {
    pub id: uuid::Uuid,
    pub profession_key: String,
    pub title: String,
    pub description: String,
    pub location: Option<String>,
    pub budget_inr: Option<i32>,
    pub required_date: Option<NaiveDate>,
    pub status: String,
    pub approved_at: Option<chrono::DateTime<chrono::Utc>>,
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
    pub price: i32,
    pub responses: i64,
    pub max_responses: i32,
    pub balance: i32,
    /// The viewer's response, if any: (status, quote, refunded reason, conversation).
    pub mine: Option<MyResponse>,
}

/// A professional's own response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MyResponse {
    pub id: uuid::Uuid,
    pub lead_id: uuid::Uuid,
    pub lead_title: String,
    pub status: String,
    pub price_tracecoins: i32,
    pub quote_inr: Option<i32>,
    pub opened: bool,
    pub refund_reason: Option<String>,
    pub conversation_id: Option<uuid::Uuid>,
    pub requested_at: chrono::DateTime<chrono::Utc>,
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
}
