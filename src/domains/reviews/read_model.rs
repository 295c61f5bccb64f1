//! What the review pages show, shared by the server and the browser: published reviews
//! with their replies, a page of them with what the viewer may do, the write page's
//! context and the moderation queue.
use super::model::RatingSummary;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// "Asha Rao" → "Asha R."; one word stays as it is; nothing → "Nxtgauge member".
pub fn short_name(full: &str) -> String {
    let mut words = full.split_whitespace();
    match (words.next(), words.last()) {
        (None, _) => "Nxtgauge member".into(),
        (Some(first), None) => first.to_owned(),
        (Some(first), Some(last)) => match last.chars().next() {
            Some(initial) => format!("{first} {}.", initial.to_uppercase()),
            None => first.to_owned(),
        },
    }
}

/// The reviewed party's reply under a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyView {
    pub text: String,
    pub at: DateTime<Utc>,
}

/// One published review on a public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: Uuid,
    /// The reviewer's name, shortened ("Asha R.").
    pub reviewer: String,
    pub rating: i16,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub reply: Option<ReplyView>,
    /// The viewer wrote it (they cannot report it).
    pub mine: bool,
}

/// One page of published reviews, newest first, and what the viewer may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewsPage {
    pub items: Vec<ReviewItem>,
    /// The cursor of the next (older) page, when there is one.
    pub next: Option<String>,
    /// The reviewed party's name ("Asha Rao", "Chai Point Studios").
    pub entity_name: String,
    /// The public page, for sign-in links.
    pub page_path: String,
    /// Where to write a review; None for the reviewed party.
    pub write_href: Option<String>,
    pub signed_in: bool,
    /// The viewer is the reviewed party and may reply.
    pub owner: bool,
}

/// The cursor after `item`: `{created_at in microseconds}_{id}`.
pub fn cursor(item: &ReviewItem) -> String {
    format!("{}_{}", item.created_at.timestamp_micros(), item.id)
}

pub fn parse_cursor(s: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let (micros, id) = s.split_once('_')?;
    let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
    Some((at, id.parse().ok()?))
}

/// The summary of kept counts: the average to two places (as the search index has
/// it) and the histogram from five stars down to one.
pub fn summary_from(count: i64, sum: i64, histogram: [i64; 5]) -> RatingSummary {
    let mut summary = RatingSummary {
        count,
        histogram,
        ..RatingSummary::default()
    };
    if count > 0 {
        let hundredths = (sum * 100 * 2 + count) / (count * 2);
        summary.average = hundredths as f64 / 100.0;
    }
    summary
}

/// What the write-a-review page needs once the reviewer may review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteContext {
    pub entity_type: String,
    pub entity_id: Uuid,
    pub name: String,
    pub page_path: String,
}

/// A review in the moderation queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: Uuid,
    pub entity_type: String,
    pub entity_name: String,
    pub page_path: Option<String>,
    /// The reviewer's full display name.
    pub reviewer: String,
    pub rating: i16,
    pub text: String,
    pub status: super::model::ReviewStatus,
    pub created_at: DateTime<Utc>,
    pub moderation_reason: Option<String>,
    /// Open reports, oldest first.
    pub reports: Vec<ReportView>,
}

/// An open report as a moderator reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub reason: String,
    pub details: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Which part of the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueueFilter {
    /// New reviews waiting for a first decision, oldest first.
    Pending,
    /// Reviews with open reports, the longest-waiting report first.
    Reported,
}

impl QueueFilter {
    pub fn parse(s: &str) -> Self {
        if s == "reported" {
            QueueFilter::Reported
        } else {
            QueueFilter::Pending
        }
    }
}

/// The queue with both tabs' sizes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewQueue {
    pub items: Vec<QueueItem>,
    pub pending: i64,
    pub reported: i64,
}
