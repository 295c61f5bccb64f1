//! What the job pages show (serialised between server and browser).
use super::model::{JobCloseReason, JobStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Jobs per board page.
pub const BOARD_PAGE: i64 = 20;

/// One job on the board or a company page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobCard {
    pub id: Uuid,
    pub title: String,
    pub company_name: String,
    pub company_slug: String,
    pub company_verified: bool,
    pub city: Option<String>,
    pub employment_type: String,
    pub mode: String,
    /// `Pay::label`, or "" when the job states none.
    pub pay: String,
    pub posted_at: DateTime<Utc>,
}

/// A board page: the cards and the cursor of the next page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub jobs: Vec<JobCard>,
    /// `after=` for the next page, when there is one.
    pub next: Option<String>,
}

/// One job's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobPage {
    pub card: JobCard,
    pub description: String,
    pub status: JobStatus,
    pub close_reason: Option<JobCloseReason>,
    pub expires_at: Option<DateTime<Utc>>,
    pub company_city: Option<String>,
    pub company_industry: Option<String>,
    /// Percentage of applications the company answered (moved) in time; `None` until
    /// enough applications count.
    pub response_rate: Option<u8>,
    /// The viewer is the company that posted it (they also see it before it is live).
    pub own: bool,
    /// The site's public URL, for canonical and Open Graph tags.
    pub base_url: String,
}

/// A row of the company's own job list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyJobRow {
    pub id: Uuid,
    pub title: String,
    pub status: JobStatus,
    pub close_reason: Option<JobCloseReason>,
    pub review_remarks: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub applications: i64,
    /// Applications still in APPLIED (nobody has looked at them yet).
    pub new_applications: i64,
}

/// How the company would pay to post a job right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingCost {
    /// Job-posting package credits left (unexpired).
    pub credits: i64,
    pub price_tracecoins: i32,
    pub balance: i32,
}

impl PostingCost {
    /// What the "Post" button will spend, in words.
    pub fn explain(&self) -> String {
        if self.credits > 0 {
            format!(
                "Posting uses 1 of your {} job-posting credit{}.",
                self.credits,
                if self.credits == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "Posting costs {} tracecoins (your wallet has {}). If our team does not approve the job, they come back.",
                self.price_tracecoins, self.balance
            )
        }
    }
}

/// The company's jobs page: their company and jobs, and what posting costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyJobs {
    pub company_name: String,
    pub company_slug: String,
    pub jobs: Vec<CompanyJobRow>,
    pub cost: PostingCost,
}

/// A job in the editor: its fields as a form, its status and what posting costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobEditor {
    pub id: Uuid,
    pub form: super::model::JobForm,
    pub status: JobStatus,
    pub close_reason: Option<JobCloseReason>,
    pub review_remarks: Option<String>,
    pub cost: PostingCost,
}

/// A public company page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyPage {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub industry: Option<String>,
    pub business_type: Option<String>,
    pub city: Option<String>,
    pub bio: Option<String>,
    pub verified: bool,
    pub member_since: DateTime<Utc>,
    pub jobs: Vec<JobCard>,
    pub response_rate: Option<u8>,
    pub rating: crate::domains::search::model::RatingSummary,
    /// The viewer owns this company.
    pub own: bool,
    pub base_url: String,
}

/// A job as the reviewer in the approval queue sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobForReview {
    pub id: Uuid,
    pub company_name: String,
    pub company_slug: String,
    pub company_verified: bool,
    pub form: super::model::JobForm,
    pub status: JobStatus,
    /// "1 job-posting credit", "50 tracecoins" or "".
    pub paid: String,
}
