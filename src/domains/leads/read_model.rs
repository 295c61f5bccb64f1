//! What the lead pages show (server and browser alike): the customer's list and lead
//! with its responses, the professionals' feed with its filter and cursor, and a lead as
//! a professional sees it.
use super::model::{CloseReason, LeadForm, LeadStatus, ResponseStatus};
use crate::core::roles::{parse_city, role_spec};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One of the customer's leads in their list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MyLeadRow {
    pub id: uuid::Uuid,
    pub title: String,
    pub profession_key: String,
    pub location: Option<String>,
    pub status: LeadStatus,
    pub close_reason: Option<CloseReason>,
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
    pub status: ResponseStatus,
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
    pub status: LeadStatus,
    pub close_reason: Option<CloseReason>,
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
            .map(|(k, v)| format!("{k}={}", crate::core::url::encode_query_value(&v)))
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
    pub status: LeadStatus,
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
    pub status: ResponseStatus,
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

    #[test]
    fn feed_filters_read_from_the_url_fall_back_safely() {
        let f = FeedFilter::from_query(
            Some("astronaut".into()),
            Some("Atlantis".into()),
            Some("   ".into()),
        );
        assert_eq!(f, FeedFilter::default());
        let f = FeedFilter::from_query(
            Some("photographer".into()),
            Some("pune".into()),
            Some(" haldi ".into()),
        );
        assert_eq!(
            (
                f.role.as_deref(),
                f.city.as_deref(),
                f.all_cities,
                f.q.as_deref()
            ),
            (Some("photographer"), Some("Pune"), false, Some("haldi"))
        );
        assert_eq!(f.query(&[]), "?role=photographer&city=Pune&q=haldi");
        let all = FeedFilter::from_query(None, Some("all".into()), None);
        assert!(all.all_cities && all.city.is_none());
        assert_eq!(all.query(&[("before", "x".into())]), "?city=all&before=x");
    }

    #[test]
    fn feed_cursors_round_trip_and_reject_tampering() {
        let at = chrono::DateTime::from_timestamp_micros(1_795_000_000_123_456).unwrap_or_default();
        let row = FeedRow {
            id: uuid::Uuid::from_u128(7),
            title: String::new(),
            profession_key: "tutor".into(),
            location: None,
            budget_inr: None,
            required_date: None,
            approved_at: at,
            responses: 0,
            responded: false,
            requested_me: false,
        };
        assert_eq!(parse_feed_cursor(&feed_cursor(&row)), Some((at, row.id)));
        assert_eq!(parse_feed_cursor("nonsense"), None);
        assert_eq!(parse_feed_cursor("12_not-a-uuid"), None);
    }
}
