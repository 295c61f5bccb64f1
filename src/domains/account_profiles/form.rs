//! Parsing the customer, company and candidate forms. Compiled for the browser and the
//! server: the same rules give instant feedback and decide what is stored.
use super::model::{
    BIO_MAX, BUSINESS_TYPES, COMPANY_NAME_MAX, EXPERIENCE_MAX, INDUSTRIES, PREFERRED_ROLES_MAX,
    SALARY_MAX_RUPEES,
};
use crate::core::roles::{parse_city, parse_tags, parse_text};
use crate::core::{
    contact,
    error::FieldErrors,
    money::Paise,
    validation::{parse_display_name, parse_optional_mobile, Email},
    AppResult,
};

fn parse_choice(
    options: &[(&'static str, &'static str)],
    input: &str,
) -> Result<Option<&'static str>, String> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    options
        .iter()
        .find(|(k, _)| *k == input)
        .map(|(k, _)| Some(*k))
        .ok_or_else(|| "Choose one of the listed options.".to_string())
}

fn parse_optional_city(input: &str) -> Result<Option<String>, String> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_city(input).map(Some)
    }
}

/// A company's name: spaces collapsed, 2–120 characters, no markup or contact details.
pub fn parse_company_name(input: &str) -> Result<String, String> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = name.chars().count();
    if len < 2 {
        return Err("Enter the company name (at least 2 characters).".into());
    }
    if len > COMPANY_NAME_MAX {
        return Err(format!(
            "Keep the company name under {COMPANY_NAME_MAX} characters (now {len})."
        ));
    }
    if name.chars().any(|c| c.is_control() || c == '<' || c == '>') {
        return Err("The company name contains characters we cannot accept.".into());
    }
    contact::check(&name)?;
    Ok(name)
}

/// Whole years of experience, 0–60.
pub fn parse_experience(input: &str) -> Result<i32, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err("Enter your years of experience (0 if you are starting out).".into());
    }
    match input.parse::<i32>() {
        Ok(n) if (0..=EXPERIENCE_MAX).contains(&n) => Ok(n),
        Ok(_) => Err(format!(
            "Enter a number of years from 0 to {EXPERIENCE_MAX}."
        )),
        Err(_) => Err("Enter a whole number of years, like 3.".into()),
    }
}

/// An optional yearly salary in rupees, as paise that fit the INTEGER column.
pub fn parse_salary(input: &str) -> Result<Option<i64>, String> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    let max = Paise(SALARY_MAX_RUPEES * 100);
    let too_big = || format!("Enter at most {} a year.", max.format_inr());
    let paise = Paise::parse_rupees(input).map_err(|m| {
        if m.contains("too large") {
            too_big()
        } else {
            m
        }
    })?;
    if paise > max {
        return Err(too_big());
    }
    Ok(Some(paise.0))
}

/// The customer form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CustomerForm {
    pub display_name: String,
    pub city: String,
    pub phone: String,
}

/// A valid customer form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerInput {
    pub display_name: String,
    pub city: String,
    pub phone: Option<String>,
}

impl CustomerInput {
    pub fn parse(form: &CustomerForm) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let display_name = errs.check("display_name", parse_display_name(&form.display_name));
        let city = errs.check("city", parse_city(&form.city));
        let phone = errs.check("phone", parse_optional_mobile(&form.phone));
        errs.into_result()?;
        match (display_name, city, phone) {
            (Some(display_name), Some(city), Some(phone)) => Ok(Self {
                display_name,
                city,
                phone,
            }),
            _ => Err(crate::core::AppError::internal()),
        }
    }
}

/// The company form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CompanyForm {
    pub company_name: String,
    pub business_type: String,
    pub industry: String,
    pub contact_person_name: String,
    pub email: String,
    pub phone: String,
    pub city: String,
    pub about: String,
}

/// A valid company form. Only the name is needed for a draft; review needs every field
/// ([`CompanyProfile::missing_for_review`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyInput {
    pub company_name: String,
    pub business_type: Option<&'static str>,
    pub industry: Option<&'static str>,
    pub contact_person_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub about: Option<String>,
}

impl CompanyInput {
    pub fn parse(form: &CompanyForm) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let company_name = errs.check("company_name", parse_company_name(&form.company_name));
        let business_type = errs.check(
            "business_type",
            parse_choice(BUSINESS_TYPES, &form.business_type),
        );
        let industry = errs.check("industry", parse_choice(INDUSTRIES, &form.industry));
        let contact_person_name = errs.check(
            "contact_person_name",
            if form.contact_person_name.trim().is_empty() {
                Ok(None)
            } else {
                parse_display_name(&form.contact_person_name)
                    .map(Some)
                    .map_err(|_| {
                        "Enter the contact person's name (2–80 characters, no < or >).".to_string()
                    })
            },
        );
        let email = errs.check(
            "email",
            if form.email.trim().is_empty() {
                Ok(None)
            } else {
                Email::parse(&form.email).map(|e| Some(e.as_str().to_owned()))
            },
        );
        let phone = errs.check("phone", parse_optional_mobile(&form.phone));
        let city = errs.check("city", parse_optional_city(&form.city));
        let about = errs.check(
            "about",
            parse_text(&form.about, BIO_MAX, false, "About the company"),
        );
        errs.into_result()?;
        match (
            company_name,
            business_type,
            industry,
            contact_person_name,
            email,
            phone,
            city,
            about,
        ) {
            (
                Some(company_name),
                Some(business_type),
                Some(industry),
                Some(contact_person_name),
                Some(email),
                Some(phone),
                Some(city),
                Some(about),
            ) => Ok(Self {
                company_name,
                business_type,
                industry,
                contact_person_name,
                email,
                phone,
                city,
                about,
            }),
            _ => Err(crate::core::AppError::internal()),
        }
    }
}

/// The candidate form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CandidateForm {
    pub display_name: String,
    pub bio: String,
    pub city: String,
    pub experience_years: String,
    /// Comma-separated.
    pub preferred_roles: String,
    /// Rupees a year.
    pub expected_salary: String,
}

/// A valid candidate form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateInput {
    pub display_name: String,
    pub bio: Option<String>,
    pub city: String,
    pub experience_years: i32,
    pub preferred_roles: Vec<String>,
    /// Paise a year.
    pub expected_salary: Option<i64>,
}

impl CandidateInput {
    pub fn parse(form: &CandidateForm) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let display_name = errs.check("display_name", parse_display_name(&form.display_name));
        let bio = errs.check(
            "bio",
            parse_text(&form.bio, BIO_MAX, false, "Headline and summary"),
        );
        let city = errs.check("city", parse_city(&form.city));
        let experience_years =
            errs.check("experience_years", parse_experience(&form.experience_years));
        let preferred_roles = errs.check(
            "preferred_roles",
            parse_tags(&form.preferred_roles, PREFERRED_ROLES_MAX),
        );
        let expected_salary = errs.check("expected_salary", parse_salary(&form.expected_salary));
        errs.into_result()?;
        match (
            display_name,
            bio,
            city,
            experience_years,
            preferred_roles,
            expected_salary,
        ) {
            (
                Some(display_name),
                Some(bio),
                Some(city),
                Some(experience_years),
                Some(preferred_roles),
                Some(expected_salary),
            ) => Ok(Self {
                display_name,
                bio,
                city,
                experience_years,
                preferred_roles,
                expected_salary,
            }),
            _ => Err(crate::core::AppError::internal()),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;

    #[test]
    fn experience_and_salary_are_bounded() {
        assert_eq!(parse_experience("0"), Ok(0));
        assert_eq!(parse_experience(" 60 "), Ok(60));
        assert!(parse_experience("-1").is_err());
        assert!(parse_experience("61").is_err());
        assert!(parse_experience("2.5").is_err());
        assert!(parse_experience("").is_err());
        assert_eq!(parse_salary(""), Ok(None));
        assert_eq!(parse_salary("6,00,000"), Ok(Some(60_000_000)));
        assert_eq!(parse_salary("21474836"), Ok(Some(2_147_483_600)));
        let too_big = parse_salary("21474837").unwrap_err();
        assert!(too_big.contains("₹2,14,74,836"), "{too_big}");
        assert!(parse_salary("99999999999999999999")
            .unwrap_err()
            .contains("at most"));
        assert!(parse_salary("-5").is_err());
    }

    #[test]
    fn company_form_reports_every_bad_field() {
        let err = CompanyInput::parse(&CompanyForm {
            company_name: "A".into(),
            business_type: "TRUST".into(),
            industry: "SPACE".into(),
            contact_person_name: "<b>".into(),
            email: "not-an-email".into(),
            phone: "12345".into(),
            city: "Atlantis".into(),
            about: "Visit https://acme.example".into(),
        })
        .unwrap_err();
        for key in [
            "company_name",
            "business_type",
            "industry",
            "contact_person_name",
            "email",
            "phone",
            "city",
            "about",
        ] {
            assert!(err.fields.contains_key(key), "{key}: {:?}", err.fields);
        }
        assert!(err.fields["about"].contains("link"));
    }

    #[test]
    fn a_company_draft_needs_only_its_name() {
        let input = CompanyInput::parse(&CompanyForm {
            company_name: "  Acme   Tools ".into(),
            ..CompanyForm::default()
        })
        .unwrap();
        assert_eq!(input.company_name, "Acme Tools");
        assert_eq!(input.email, None);
        let full = CompanyInput::parse(&CompanyForm {
            company_name: "Acme Tools".into(),
            business_type: "LLP".into(),
            industry: "MANUFACTURING".into(),
            contact_person_name: "Ravi Kumar".into(),
            email: "HR@Acme.in".into(),
            phone: "098765 43210".into(),
            city: "bengaluru".into(),
            about: "We make hand tools.".into(),
        })
        .unwrap();
        assert_eq!(full.email.as_deref(), Some("hr@acme.in"));
        assert_eq!(full.phone.as_deref(), Some("+919876543210"));
        assert_eq!(full.city.as_deref(), Some("Bengaluru"));
    }

    #[test]
    fn candidate_form_parses_tags_and_refuses_contact_details() {
        let ok = CandidateInput::parse(&CandidateForm {
            display_name: "Asha Rao".into(),
            bio: "Accountant with Tally and GST filing experience.".into(),
            city: "Pune".into(),
            experience_years: "4".into(),
            preferred_roles: "Accountant, accountant, Finance Executive".into(),
            expected_salary: "4,80,000".into(),
        })
        .unwrap();
        assert_eq!(ok.preferred_roles, vec!["Accountant", "Finance Executive"]);
        assert_eq!(ok.expected_salary, Some(48_000_000));
        let err = CandidateInput::parse(&CandidateForm {
            display_name: "Asha".into(),
            bio: "Call me on 98765 43210".into(),
            city: "Pune".into(),
            experience_years: "-2".into(),
            preferred_roles: (1..=11)
                .map(|i| format!("Role {i}"))
                .collect::<Vec<_>>()
                .join(","),
            expected_salary: "1,00,00,00,000".into(),
        })
        .unwrap_err();
        for key in [
            "bio",
            "experience_years",
            "preferred_roles",
            "expected_salary",
        ] {
            assert!(err.fields.contains_key(key), "{key}: {:?}", err.fields);
        }
        assert!(!err.fields.contains_key("display_name"));
    }
}
