use crate::core::roles::{signup_role, RoleInfo};
use crate::core::{
    error::FieldErrors,
    validation::{parse_display_name, Email, Password},
    AppResult,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccountType {
    Individual,
    Company,
}

impl AccountType {
    pub fn parse(input: &str) -> Result<Self, String> {
        match input {
            "INDIVIDUAL" => Ok(Self::Individual),
            "COMPANY" => Ok(Self::Company),
            _ => Err("Choose whether this is a personal or a company account.".into()),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Individual => "INDIVIDUAL",
            Self::Company => "COMPANY",
        }
    }
}

crate::states! {
    /// An account's standing (`users.status`): PENDING until the e-mail is confirmed
    /// where that is required, ACTIVE, or SUSPENDED by staff (no sign-in).
    pub enum UserStatus {
        Active = "ACTIVE",
        Pending = "PENDING",
        Suspended = "SUSPENDED",
    }
}

/// A valid sign-up, built only by [`Registration::parse`].
#[derive(Debug, Clone)]
pub struct Registration {
    pub name: String,
    pub email: Email,
    pub password: Password,
    pub account_type: AccountType,
    pub role: RoleInfo,
}

impl Registration {
    pub fn parse(
        name: &str,
        email: &str,
        password: &str,
        account_type: &str,
        role: &str,
    ) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let name = errs.check("name", parse_display_name(name));
        let email = errs.check("email", Email::parse(email));
        let password = errs.check("password", Password::parse(password));
        let account_type = errs.check("account_type", AccountType::parse(account_type));
        let role = errs.check(
            "role",
            signup_role(role).ok_or_else(|| "Choose what you want to do on Nxtgauge.".to_string()),
        );
        if let (Some(at), Some(r)) = (account_type, role) {
            let is_company_role = r.key == crate::core::roles::COMPANY.key;
            if at == AccountType::Company && !is_company_role {
                errs.add(
                    "role",
                    "Company accounts post jobs and hire: choose \"Company\", or switch to a personal account.",
                );
            }
            if at == AccountType::Individual && is_company_role {
                errs.add(
                    "account_type",
                    "To register a company, choose \"Company account\".",
                );
            }
        }
        errs.into_result()?;
        match (name, email, password, account_type, role) {
            (Some(name), Some(email), Some(password), Some(account_type), Some(role)) => Ok(Self {
                name,
                email,
                password,
                account_type,
                role,
            }),
            _ => Err(crate::core::AppError::internal()),
        }
    }
}

/// What the UI knows about the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUserView {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<String>,
    pub capabilities: Vec<String>,
}

/// The account settings page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct UserSettings {
    pub display_name: String,
    pub email_notifications: bool,
    pub marketing_emails: bool,
}

/// A signed-in browser or device, for "sign out everywhere else".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: Uuid,
    pub user_agent: Option<String>,
    pub ip_address: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_seen_at: chrono::DateTime<chrono::Utc>,
    pub current: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_reports_every_bad_field_at_once() {
        let err = Registration::parse("", "nope", "short", "ALIEN", "wizard").unwrap_err();
        for f in ["name", "email", "password", "account_type", "role"] {
            assert!(err.field_message(f).is_some(), "missing error for {f}");
        }
    }

    #[test]
    fn company_accounts_must_choose_the_company_role() {
        let err = Registration::parse(
            "Acme",
            "hr@acme.in",
            "longenough",
            "COMPANY",
            "photographer",
        )
        .unwrap_err();
        assert!(err.field_message("role").is_some());
        let err = Registration::parse("Asha", "a@b.in", "longenough", "INDIVIDUAL", "COMPANY")
            .unwrap_err();
        assert!(err.field_message("account_type").is_some());
        assert!(
            Registration::parse("Acme", "hr@acme.in", "longenough", "COMPANY", "COMPANY").is_ok()
        );
    }

    #[test]
    fn a_valid_registration_is_normalised() {
        let r = Registration::parse(
            " Asha  Rao ",
            "Asha@Example.in",
            "longenough",
            "INDIVIDUAL",
            "photographer",
        )
        .unwrap();
        assert_eq!(r.name, "Asha Rao");
        assert_eq!(r.email.as_str(), "asha@example.in");
        assert_eq!(r.role.key, "photographer");
    }
}
