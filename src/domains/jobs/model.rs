//! A job as a company types it, and its checks (the same in the browser and on the
//! server): every problem is reported at once, field by field. Also the board's
//! filter as it travels in the URL.
use crate::core::error::FieldErrors;
use crate::core::money::Paise;
use crate::core::roles::{parse_city, parse_text};
use crate::core::{AppError, AppResult};
use serde::{Deserialize, Serialize};

pub use super::read_model::*;

pub const TITLE_MIN: usize = 5;
pub const TITLE_MAX: usize = 120;
pub const DESCRIPTION_MIN: usize = 50;
pub const DESCRIPTION_MAX: usize = 8000;
/// The largest monthly salary or contract budget, in rupees (₹1 crore).
pub const PAY_MAX_RUPEES: i64 = 10_000_000;

/// `jobs.employment_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contract,
}

impl EmploymentType {
    pub const ALL: [Self; 3] = [Self::FullTime, Self::PartTime, Self::Contract];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::FullTime => "FULL_TIME",
            Self::PartTime => "PART_TIME",
            Self::Contract => "CONTRACT",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::FullTime => "Full-time",
            Self::PartTime => "Part-time",
            Self::Contract => "Contract",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s.trim())
    }
}

/// `jobs.mode_of_work`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkMode {
    Onsite,
    Remote,
    Hybrid,
}

impl WorkMode {
    pub const ALL: [Self; 3] = [Self::Onsite, Self::Hybrid, Self::Remote];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Onsite => "ONSITE",
            Self::Remote => "REMOTE",
            Self::Hybrid => "HYBRID",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Onsite => "On-site",
            Self::Remote => "Remote",
            Self::Hybrid => "Hybrid",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s.trim())
    }
}

/// The label of a stored employment type or mode ("" for an unknown value).
pub fn employment_label(s: &str) -> &'static str {
    EmploymentType::parse(s).map_or("", EmploymentType::label)
}

pub fn mode_label(s: &str) -> &'static str {
    WorkMode::parse(s).map_or("", WorkMode::label)
}

/// What a job pays: a monthly salary range, or a contract's total budget (paise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pay {
    Salary { min: i64, max: i64 },
    Budget(i64),
}

impl Pay {
    /// "₹25,000–₹40,000 a month", "₹40,000 a month" or "Budget ₹1,50,000".
    pub fn label(self) -> String {
        match self {
            Pay::Salary { min, max } if min == max => {
                format!("{} a month", Paise(max).format_inr())
            }
            Pay::Salary { min, max } => format!(
                "{}–{} a month",
                Paise(min).format_inr(),
                Paise(max).format_inr()
            ),
            Pay::Budget(total) => format!("Budget {}", Paise(total).format_inr()),
        }
    }

    /// From the stored columns (`budget_inr` paise, `salary_range_json`).
    pub fn from_columns(budget: Option<i32>, salary: &serde_json::Value) -> Option<Self> {
        if let Some(b) = budget {
            return Some(Pay::Budget(i64::from(b)));
        }
        let min = salary.get("min").and_then(serde_json::Value::as_i64);
        let max = salary.get("max").and_then(serde_json::Value::as_i64);
        match (min, max) {
            (Some(min), Some(max)) => Some(Pay::Salary { min, max }),
            (None, Some(max)) => Some(Pay::Salary { min: max, max }),
            _ => None,
        }
    }

    /// `(budget_inr, salary_range_json)` to store.
    pub fn columns(self) -> (Option<i32>, serde_json::Value) {
        match self {
            Pay::Budget(total) => (i32::try_from(total).ok(), serde_json::json!({})),
            Pay::Salary { min, max } => (None, serde_json::json!({"min": min, "max": max})),
        }
    }
}

/// The form as posted: every field a string, an absent one empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JobForm {
    pub title: String,
    pub description: String,
    pub city: String,
    pub employment_type: String,
    pub mode: String,
    /// "salary" (a monthly range) or "budget" (a contract's total).
    pub pay_kind: String,
    /// Rupees a month.
    pub salary_min: String,
    pub salary_max: String,
    /// Rupees in total.
    pub budget: String,
}

/// A checked job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobInput {
    pub title: String,
    pub description: String,
    /// `None` only for a remote job.
    pub city: Option<String>,
    pub employment_type: EmploymentType,
    pub mode: WorkMode,
    pub pay: Pay,
}

/// Whole rupees from 1 to ₹1 crore, as paise; `what` names the field in messages.
pub fn parse_rupees_field(input: &str, what: &str) -> Result<Option<i64>, String> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.starts_with('-') {
        return Err(format!("The {what} cannot be negative."));
    }
    let paise = Paise::parse_rupees(text)?;
    if paise.0 % 100 != 0 {
        return Err(format!("Enter the {what} in whole rupees."));
    }
    if paise.0 < 100 {
        return Err(format!("Enter a {what} above zero."));
    }
    if paise.0 > PAY_MAX_RUPEES * 100 {
        return Err(format!("The {what} can be at most ₹1,00,00,000."));
    }
    Ok(Some(paise.0))
}

impl JobInput {
    pub fn parse(form: &JobForm) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let title = errs.check("title", parse_title(&form.title));
        let description = errs.check("description", parse_description(&form.description));
        let employment = errs.check(
            "employment_type",
            EmploymentType::parse(&form.employment_type)
                .ok_or_else(|| "Choose full-time, part-time or contract.".to_string()),
        );
        let mode = errs.check(
            "mode",
            WorkMode::parse(&form.mode)
                .ok_or_else(|| "Choose on-site, hybrid or remote.".to_string()),
        );
        let remote = mode == Some(WorkMode::Remote);
        let city = errs.check(
            "city",
            if remote && form.city.trim().is_empty() {
                Ok(None)
            } else {
                parse_city(&form.city).map(Some).map_err(|e| {
                    if form.city.trim().is_empty() {
                        "Choose the city where the work is (it may be empty only for remote jobs)."
                            .to_string()
                    } else {
                        e
                    }
                })
            },
        );
        let pay = match form.pay_kind.trim() {
            "budget" => errs
                .check(
                    "budget",
                    parse_rupees_field(&form.budget, "budget").and_then(|b| {
                        b.ok_or_else(|| "Enter the contract's total budget in rupees.".to_string())
                    }),
                )
                .map(Pay::Budget),
            "salary" => {
                let min = errs.check(
                    "salary_min",
                    parse_rupees_field(&form.salary_min, "salary").and_then(|m| {
                        m.ok_or_else(|| "Enter the lowest monthly salary in rupees.".to_string())
                    }),
                );
                let max = errs.check("salary_max", parse_rupees_field(&form.salary_max, "salary"));
                match (min, max) {
                    (Some(min), Some(Some(max))) if max < min => {
                        errs.add(
                            "salary_max",
                            "The highest salary cannot be below the lowest.",
                        );
                        None
                    }
                    (Some(min), Some(max)) => Some(Pay::Salary {
                        min,
                        max: max.unwrap_or(min),
                    }),
                    _ => None,
                }
            }
            _ => {
                errs.add(
                    "pay_kind",
                    "Choose whether the job pays a monthly salary or a fixed budget.",
                );
                None
            }
        };
        errs.into_result()?;
        match (title, description, city, employment, mode, pay) {
            (
                Some(title),
                Some(description),
                Some(city),
                Some(employment_type),
                Some(mode),
                Some(pay),
            ) => Ok(Self {
                title,
                description,
                city,
                employment_type,
                mode,
                pay,
            }),
            _ => Err(AppError::internal()),
        }
    }

    /// The form that shows this input again (the editor).
    pub fn to_form(&self) -> JobForm {
        let rupees = |p: i64| (p / 100).to_string();
        let (pay_kind, salary_min, salary_max, budget) = match self.pay {
            Pay::Salary { min, max } => ("salary", rupees(min), rupees(max), String::new()),
            Pay::Budget(b) => ("budget", String::new(), String::new(), rupees(b)),
        };
        JobForm {
            title: self.title.clone(),
            description: self.description.clone(),
            city: self.city.clone().unwrap_or_default(),
            employment_type: self.employment_type.as_str().into(),
            mode: self.mode.as_str().into(),
            pay_kind: pay_kind.into(),
            salary_min,
            salary_max,
            budget,
        }
    }
}

fn parse_title(input: &str) -> Result<String, String> {
    let title = parse_text(input, TITLE_MAX, true, "A job title")?.unwrap_or_default();
    if title.chars().count() < TITLE_MIN {
        return Err(format!(
            "Give the job a title of at least {TITLE_MIN} characters, e.g. \u{201c}Senior Rust developer\u{201d}."
        ));
    }
    Ok(title)
}

fn parse_description(input: &str) -> Result<String, String> {
    let text = input.trim().replace("\r\n", "\n");
    let len = text.chars().count();
    if len < DESCRIPTION_MIN {
        return Err(format!(
            "Describe the role, the work and who you are looking for in at least {DESCRIPTION_MIN} characters."
        ));
    }
    if len > DESCRIPTION_MAX {
        return Err(format!(
            "Keep the description to {DESCRIPTION_MAX} characters (now {len})."
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err("The description contains characters we cannot accept.".into());
    }
    crate::core::contact::check(&text)?;
    Ok(text)
}

crate::states! {
    /// A job's life (`jobs.status`, see docs/domains/jobs.md): the company's DRAFT is
    /// paid for and sent for review (PENDING); staff put it LIVE or send it back to DRAFT
    /// (refunded); a LIVE job is CLOSED by its company or when its time runs out.
    pub enum JobStatus {
        Draft = "DRAFT",
        Pending = "PENDING",
        Live = "LIVE",
        Closed = "CLOSED",
    }
}

crate::states! {
    /// How a job's posting was paid (`jobs.paid_with`).
    pub enum PaidWith {
        /// One JOB_POSTING package credit.
        Credit = "CREDIT",
        Tracecoins = "TRACECOINS",
    }
}

crate::states! {
    /// Why a job closed (`jobs.close_reason`).
    pub enum JobCloseReason {
        /// Its company closed it.
        Closed = "CLOSED",
        /// Its time ran out (the sweep).
        Expired = "EXPIRED",
    }
}

/// A job's status as its company reads it.
pub fn status_label(status: JobStatus, close_reason: Option<JobCloseReason>) -> &'static str {
    match (status, close_reason) {
        (JobStatus::Draft, _) => "Draft",
        (JobStatus::Pending, _) => "Waiting for review",
        (JobStatus::Live, _) => "Live",
        (_, Some(JobCloseReason::Expired)) => "Closed (time limit reached)",
        _ => "Closed",
    }
}

/// The board's filter (`/jobs?city=&type=&mode=&min_pay=&q=&after=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardFilter {
    pub city: String,
    pub employment_type: String,
    pub mode: String,
    /// Whole rupees: jobs whose top pay (monthly salary or budget) reaches this.
    pub min_pay: String,
    pub q: String,
}

impl BoardFilter {
    /// The filter's URL query (empty parts left out), with `extra` pairs appended.
    pub fn query(&self, extra: &[(&str, String)]) -> String {
        let pairs = [
            ("city", self.city.as_str()),
            ("type", self.employment_type.as_str()),
            ("mode", self.mode.as_str()),
            ("min_pay", self.min_pay.as_str()),
            ("q", self.q.as_str()),
        ];
        let parts: Vec<String> = pairs
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", crate::core::url::encode_query_value(v.trim())))
            .chain(
                extra
                    .iter()
                    .map(|(k, v)| format!("{k}={}", crate::core::url::encode_query_value(v))),
            )
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// A checked filter; unknown values are dropped (a hand-edited URL still gets a board),
/// a malformed minimum pay is a field error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardQuery {
    pub city: Option<String>,
    pub employment_type: Option<EmploymentType>,
    pub mode: Option<WorkMode>,
    /// Paise.
    pub min_pay: Option<i64>,
    pub q: Option<String>,
}

impl BoardQuery {
    pub fn parse(f: &BoardFilter) -> AppResult<Self> {
        let min_pay = parse_rupees_field(&f.min_pay, "minimum pay")
            .map_err(|e| AppError::field("min_pay", e))?;
        let q = f.q.split_whitespace().collect::<Vec<_>>().join(" ");
        Ok(Self {
            city: parse_city(&f.city).ok(),
            employment_type: EmploymentType::parse(&f.employment_type),
            mode: WorkMode::parse(&f.mode),
            min_pay,
            q: (!q.is_empty()).then(|| q.chars().take(100).collect()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> JobForm {
        JobForm {
            title: "Senior Rust developer".into(),
            description: "Build our marketplace backend in Rust with axum and PostgreSQL. Three years of experience."
                .into(),
            city: "pune".into(),
            employment_type: "FULL_TIME".into(),
            mode: "HYBRID".into(),
            pay_kind: "salary".into(),
            salary_min: "1,20,000".into(),
            salary_max: "1,80,000".into(),
            budget: String::new(),
        }
    }

    #[test]
    fn a_good_job_is_tidied_and_round_trips() {
        let job = JobInput::parse(&good()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(job.city.as_deref(), Some("Pune"));
        assert_eq!(
            job.pay,
            Pay::Salary {
                min: 12_000_000,
                max: 18_000_000
            }
        );
        assert_eq!(job.pay.label(), "₹1,20,000–₹1,80,000 a month");
        let again = JobInput::parse(&job.to_form()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(again, job);
        let (budget, salary) = job.pay.columns();
        assert_eq!(Pay::from_columns(budget, &salary), Some(job.pay));
    }

    #[test]
    fn remote_jobs_may_leave_the_city_empty_and_contracts_need_a_budget() {
        let remote = JobForm {
            city: String::new(),
            mode: "REMOTE".into(),
            pay_kind: "budget".into(),
            budget: "1,50,000".into(),
            employment_type: "CONTRACT".into(),
            ..good()
        };
        let job = JobInput::parse(&remote).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(job.city, None);
        assert_eq!(job.pay, Pay::Budget(15_000_000));
        assert_eq!(job.pay.label(), "Budget ₹1,50,000");
        let onsite = JobForm {
            city: String::new(),
            ..good()
        };
        let err = JobInput::parse(&onsite).unwrap_err();
        assert!(err
            .field_message("city")
            .is_some_and(|m| m.contains("remote")));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = JobForm {
            title: "Dev".into(),
            description: "Call 98765 43210".into(),
            city: "Atlantis".into(),
            employment_type: "FOREVER".into(),
            mode: "MOON".into(),
            pay_kind: "salary".into(),
            salary_min: "-5".into(),
            salary_max: "lots".into(),
            budget: String::new(),
        };
        let err = JobInput::parse(&bad).unwrap_err();
        for field in [
            "title",
            "description",
            "city",
            "employment_type",
            "mode",
            "salary_min",
            "salary_max",
        ] {
            assert!(err.field_message(field).is_some(), "{field}: {err:?}");
        }
        let inverted = JobForm {
            salary_min: "50000".into(),
            salary_max: "40000".into(),
            ..good()
        };
        assert!(JobInput::parse(&inverted)
            .unwrap_err()
            .field_message("salary_max")
            .is_some_and(|m| m.contains("below")));
        let no_kind = JobForm {
            pay_kind: String::new(),
            ..good()
        };
        assert!(JobInput::parse(&no_kind)
            .unwrap_err()
            .field_message("pay_kind")
            .is_some());
    }

    #[test]
    fn the_board_filter_drops_unknown_values_and_checks_pay() {
        let q = BoardQuery::parse(&BoardFilter {
            city: "mumbai".into(),
            employment_type: "NOPE".into(),
            mode: "REMOTE".into(),
            min_pay: "30,000".into(),
            q: "  rust   dev ".into(),
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(q.city.as_deref(), Some("Mumbai"));
        assert_eq!(q.employment_type, None);
        assert_eq!(q.mode, Some(WorkMode::Remote));
        assert_eq!(q.min_pay, Some(3_000_000));
        assert_eq!(q.q.as_deref(), Some("rust dev"));
        assert!(BoardQuery::parse(&BoardFilter {
            min_pay: "-1".into(),
            ..BoardFilter::default()
        })
        .is_err());
        let f = BoardFilter {
            city: "Pune".into(),
            q: "a&b".into(),
            ..BoardFilter::default()
        };
        assert_eq!(f.query(&[]), "?city=Pune&q=a%26b");
        assert_eq!(BoardFilter::default().query(&[]), "");
    }
}
