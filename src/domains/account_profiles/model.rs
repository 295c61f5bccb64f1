//! What the customer, company and candidate profiles hold, as the page shows them.
//! Compiled for the browser and the server.
use crate::core::roles::rupees_for_form;
use crate::core::state::ProfileStatus;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Company legal forms (`company_profiles.business_type`): stored key, label.
pub const BUSINESS_TYPES: &[(&str, &str)] = &[
    ("PRIVATE_LIMITED", "Private Limited"),
    ("LLP", "LLP"),
    ("PARTNERSHIP", "Partnership"),
    ("PROPRIETORSHIP", "Proprietorship"),
    ("PUBLIC_LIMITED", "Public Limited"),
    ("OTHER", "Other"),
];

/// Industries a company can list itself under (`company_profiles.industry`).
pub const INDUSTRIES: &[(&str, &str)] = &[
    ("IT_SOFTWARE", "IT & Software"),
    ("BFSI", "Banking, Financial Services & Insurance"),
    ("MANUFACTURING", "Manufacturing"),
    ("RETAIL_ECOMMERCE", "Retail & E-commerce"),
    ("FMCG", "FMCG & Consumer Goods"),
    ("HEALTHCARE", "Healthcare & Pharma"),
    ("EDUCATION", "Education & Training"),
    ("REAL_ESTATE", "Real Estate & Construction"),
    ("HOSPITALITY", "Hospitality & Travel"),
    ("MEDIA", "Media, Advertising & Entertainment"),
    ("LOGISTICS", "Logistics & Transport"),
    ("TELECOM", "Telecom"),
    ("AUTOMOTIVE", "Automotive"),
    ("AGRICULTURE", "Agriculture & Food Processing"),
    ("TEXTILES", "Textiles & Apparel"),
    ("ENERGY", "Energy & Utilities"),
    ("CONSULTING", "Consulting & Professional Services"),
    ("OTHER", "Other"),
];

/// Job roles offered as suggestions for a candidate's preferred roles.
pub const ROLE_SUGGESTIONS: &[&str] = &[
    "Software Developer",
    "Data Analyst",
    "Sales Executive",
    "Customer Support",
    "Accountant",
    "HR Executive",
    "Digital Marketing",
    "Content Writer",
    "Graphic Designer",
    "Video Editor",
    "Photographer",
    "Teacher",
    "Receptionist",
    "Office Assistant",
    "Operations Executive",
    "Delivery Partner",
    "Chef",
    "Nurse",
];

pub const PREFERRED_ROLES_MAX: usize = 10;
pub const BIO_MAX: usize = 2000;
pub const COMPANY_NAME_MAX: usize = 120;
pub const EXPERIENCE_MAX: i32 = 60;
/// The largest salary the INTEGER paise column holds, in whole rupees.
pub const SALARY_MAX_RUPEES: i64 = i32::MAX as i64 / 100;

/// The caller's customer, company and candidate profiles. A section is `None` when the
/// caller does not hold that role; inside it, `id` is `None` until the first save (the
/// form is then prefilled from the account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountProfiles {
    pub customer: Option<CustomerProfile>,
    pub company: Option<CompanyProfile>,
    pub candidate: Option<CandidateProfile>,
}

impl AccountProfiles {
    pub fn is_empty(&self) -> bool {
        self.customer.is_none() && self.company.is_none() && self.candidate.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerProfile {
    pub id: Option<Uuid>,
    pub display_name: String,
    pub city: Option<String>,
    /// `+91XXXXXXXXXX`.
    pub phone: Option<String>,
    pub status: ProfileStatus,
}

/// Where a company profile is in its review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CompanyReview {
    Draft,
    InReview,
    Approved,
    ChangesRequested { remarks: Option<String> },
}

impl CompanyReview {
    pub fn label(&self) -> &'static str {
        match self {
            CompanyReview::Draft => "Draft",
            CompanyReview::InReview => "In review",
            CompanyReview::Approved => "Approved",
            CompanyReview::ChangesRequested { .. } => "Changes requested",
        }
    }

    /// Whether the company may send the profile (again) to review.
    pub fn can_submit(&self) -> bool {
        matches!(
            self,
            CompanyReview::Draft | CompanyReview::ChangesRequested { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyProfile {
    pub id: Option<Uuid>,
    pub company_name: String,
    pub business_type: Option<String>,
    pub industry: Option<String>,
    pub contact_person_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub about: Option<String>,
    pub status: ProfileStatus,
    pub review: CompanyReview,
}

impl CompanyProfile {
    /// The fields (form name, label) still empty that review needs. The server applies
    /// the same rule when the company submits.
    pub fn missing_for_review(&self) -> Vec<(&'static str, &'static str)> {
        let filled = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        let mut missing = Vec::new();
        if self.company_name.trim().is_empty() {
            missing.push(("company_name", "company name"));
        }
        for (value, field, label) in [
            (&self.business_type, "business_type", "business type"),
            (&self.industry, "industry", "industry"),
            (
                &self.contact_person_name,
                "contact_person_name",
                "contact person",
            ),
            (&self.email, "email", "contact e-mail"),
            (&self.phone, "phone", "phone number"),
            (&self.city, "city", "city"),
            (&self.about, "about", "about the company"),
        ] {
            if !filled(value) {
                missing.push((field, label));
            }
        }
        missing
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateProfile {
    pub id: Option<Uuid>,
    pub display_name: String,
    pub bio: Option<String>,
    pub city: Option<String>,
    pub experience_years: i32,
    pub preferred_roles: Vec<String>,
    /// Paise a year.
    pub expected_salary: Option<i64>,
    pub has_resume: bool,
    pub status: ProfileStatus,
}

impl CandidateProfile {
    /// The expected salary as the form shows it, in rupees.
    pub fn expected_salary_for_form(&self) -> String {
        self.expected_salary
            .map(rupees_for_form)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;

    #[test]
    fn review_needs_a_complete_company() {
        let mut c = CompanyProfile {
            id: None,
            company_name: "Acme".into(),
            business_type: Some("LLP".into()),
            industry: None,
            contact_person_name: Some("Ravi".into()),
            email: Some("hr@acme.in".into()),
            phone: Some("+919876543210".into()),
            city: Some("Pune".into()),
            about: Some(" ".into()),
            status: ProfileStatus::Draft,
            review: CompanyReview::Draft,
        };
        let missing: Vec<_> = c.missing_for_review().into_iter().map(|(f, _)| f).collect();
        assert_eq!(missing, vec!["industry", "about"]);
        c.industry = Some("OTHER".into());
        c.about = Some("We make tools.".into());
        assert!(c.missing_for_review().is_empty());
        assert!(CompanyReview::Draft.can_submit());
        assert!(!CompanyReview::InReview.can_submit());
        assert!(CompanyReview::ChangesRequested { remarks: None }.can_submit());
    }
}
