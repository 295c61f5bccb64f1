//! Services a professional offers, and the rules for what a service may say and cost.
//! Compiled for the browser (instant feedback) and the server (the rule that counts).
use crate::core::roles::parse_text;
use crate::core::{error::FieldErrors, money::Paise, AppError, AppResult};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The most services one profile lists.
pub const MAX_SERVICES: usize = 20;
pub const NAME_MIN: usize = 3;
pub const NAME_MAX: usize = 80;
pub const DESCRIPTION_MAX: usize = 1000;
/// ₹1,00,00,000: one crore, in rupees.
pub const PRICE_MAX_RUPEES: i64 = 10_000_000;
pub const DURATION_MIN: i32 = 15;
/// One week.
pub const DURATION_MAX: i32 = 10_080;

/// One service as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ServiceView {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub price: Paise,
    pub duration_minutes: Option<i32>,
    pub is_active: bool,
}

/// A valid service, built only by [`ServiceInput::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceInput {
    pub name: String,
    pub description: Option<String>,
    /// At most [`PRICE_MAX_RUPEES`], so it fits the `INTEGER` column.
    pub price: Paise,
    pub duration_minutes: Option<i32>,
    pub is_active: bool,
}

impl ServiceInput {
    /// Checks every field and reports all problems at once, keyed by form field name.
    pub fn parse(
        name: &str,
        description: &str,
        price: &str,
        duration_minutes: &str,
        is_active: bool,
    ) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let name = errs.check("name", parse_name(name));
        let description = errs.check(
            "description",
            parse_text(description, DESCRIPTION_MAX, false, "Description"),
        );
        let price = errs.check("price", parse_price(price));
        let duration = errs.check("duration_minutes", parse_duration(duration_minutes));
        errs.into_result()?;
        match (name, description, price, duration) {
            (Some(name), Some(description), Some(price), Some(duration_minutes)) => Ok(Self {
                name,
                description,
                price,
                duration_minutes,
                is_active,
            }),
            _ => Err(AppError::internal()),
        }
    }

    /// The price as the `INTEGER` the database holds; parsing bounds it well below
    /// `i32::MAX`.
    pub fn price_paise_i32(&self) -> AppResult<i32> {
        i32::try_from(self.price.0)
            .map_err(|_| AppError::field("price", "That price is too large."))
    }
}

pub fn parse_name(input: &str) -> Result<String, String> {
    let name = parse_text(input, NAME_MAX, true, "a service name")?.unwrap_or_default();
    if name.contains('\n') {
        return Err("Keep the name on one line.".into());
    }
    if name.chars().count() < NAME_MIN {
        return Err(format!("Use at least {NAME_MIN} characters."));
    }
    Ok(name)
}

/// A price typed in rupees, from ₹0 (free) to ₹1,00,00,000.
pub fn parse_price(input: &str) -> Result<Paise, String> {
    if input.trim().is_empty() {
        return Err("Enter a price in rupees (0 if it is free).".into());
    }
    let price = Paise::parse_rupees(input)?;
    let max = Paise(PRICE_MAX_RUPEES * 100);
    if price > max {
        return Err(format!("Enter at most {}.", max.format_inr()));
    }
    Ok(price)
}

/// An optional duration in whole minutes, 15 minutes to one week.
pub fn parse_duration(input: &str) -> Result<Option<i32>, String> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let minutes: i64 = input
        .parse()
        .map_err(|_| "Enter the duration as a whole number of minutes.".to_string())?;
    if minutes < i64::from(DURATION_MIN) || minutes > i64::from(DURATION_MAX) {
        return Err(format!(
            "Enter from {DURATION_MIN} to {DURATION_MAX} minutes (one week), or leave it empty."
        ));
    }
    Ok(i32::try_from(minutes).ok())
}

/// "45 min", "2 h", "2 h 30 min".
pub fn format_duration(minutes: i32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    #[test]
    fn parses_a_service_with_rupees_to_paise() {
        let s = ServiceInput::parse(" Pre-wedding shoot ", "", "25,000.50", "150", true).unwrap();
        assert_eq!(s.name, "Pre-wedding shoot");
        assert_eq!(s.description, None);
        assert_eq!(s.price, Paise(2_500_050));
        assert_eq!(s.duration_minutes, Some(150));
        assert_eq!(s.price_paise_i32().unwrap(), 2_500_050);
        let free = ServiceInput::parse("Consultation", "", "0", "", false).unwrap();
        assert_eq!((free.price, free.duration_minutes), (Paise(0), None));
    }

    #[test]
    fn bounds_price_duration_and_name() {
        assert_eq!(parse_price("1,00,00,000"), Ok(Paise(1_000_000_000)));
        assert!(parse_price("1,00,00,000.01")
            .unwrap_err()
            .contains("₹1,00,00,000"));
        assert!(parse_price("").is_err());
        assert!(parse_price("-1").is_err());
        assert_eq!(parse_duration("15"), Ok(Some(15)));
        assert_eq!(parse_duration("10080"), Ok(Some(10_080)));
        assert!(parse_duration("14").is_err());
        assert!(parse_duration("10081").is_err());
        assert!(parse_duration("1.5").is_err());
        assert!(parse_duration("99999999999").is_err());
        assert!(parse_name("ab").is_err());
        assert!(parse_name(&"n".repeat(81)).is_err());
        assert!(parse_name("abc").is_ok());
    }

    #[test]
    fn reports_every_bad_field_and_refuses_contact_details() {
        let err = ServiceInput::parse("Call 98765 43210", "mail me at a@b.co", "x", "5", true)
            .unwrap_err();
        assert!(err.fields["name"].contains("phone number"));
        assert!(err.fields["description"].contains("e-mail"));
        assert!(err.fields.contains_key("price"));
        assert!(err.fields.contains_key("duration_minutes"));
    }

    #[test]
    fn formats_durations_in_hours_and_minutes() {
        assert_eq!(format_duration(45), "45 min");
        assert_eq!(format_duration(120), "2 h");
        assert_eq!(format_duration(150), "2 h 30 min");
        assert_eq!(format_duration(10_080), "168 h");
    }
}
