//! Money is an integer number of paise; never a float.
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Paise(pub i64);

impl Paise {
    pub const ZERO: Paise = Paise(0);

    pub fn from_rupees(rupees: i64) -> Option<Self> {
        rupees.checked_mul(100).map(Paise)
    }

    pub fn checked_add(self, other: Paise) -> Option<Paise> {
        self.0.checked_add(other.0).map(Paise)
    }

    pub fn checked_sub(self, other: Paise) -> Option<Paise> {
        self.0.checked_sub(other.0).map(Paise)
    }

    /// Parses what a person types in a rupee field ("1,499", "1499.50", "₹ 20000") into paise.
    pub fn parse_rupees(input: &str) -> Result<Paise, String> {
        let cleaned: String = input
            .trim()
            .trim_start_matches('₹')
            .chars()
            .filter(|c| *c != ',' && !c.is_whitespace())
            .collect();
        if cleaned.is_empty() {
            return Err("Enter an amount in rupees.".into());
        }
        let (whole, frac) = match cleaned.split_once('.') {
            Some((w, f)) => (w, f),
            None => (cleaned.as_str(), ""),
        };
        let digits_ok = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits_ok(whole) || !digits_ok(frac) || frac.len() > 2 {
            return Err("Enter an amount like 1499 or 1499.50.".into());
        }
        let rupees: i64 = whole
            .parse()
            .map_err(|_| "That amount is too large.".to_string())?;
        let paise_part: i64 = match frac.len() {
            0 => 0,
            1 => {
                frac.parse::<i64>()
                    .map_err(|_| "Invalid paise.".to_string())?
                    * 10
            }
            _ => frac
                .parse::<i64>()
                .map_err(|_| "Invalid paise.".to_string())?,
        };
        rupees
            .checked_mul(100)
            .and_then(|p| p.checked_add(paise_part))
            .map(Paise)
            .ok_or_else(|| "That amount is too large.".to_string())
    }

    /// Formats with Indian digit grouping: ₹1,23,456.78 (paise omitted when zero).
    pub fn format_inr(self) -> String {
        let negative = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let grouped = group_digits(abs / 100);
        let paise = abs % 100;
        let sign = if negative { "-" } else { "" };
        if paise == 0 {
            format!("{sign}₹{grouped}")
        } else {
            format!("{sign}₹{grouped}.{paise:02}")
        }
    }
}

/// A count with Indian digit grouping: 1234567 → "12,34,567".
pub fn group_indian(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_digits(n.unsigned_abs()))
}

fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    if digits.len() <= 3 {
        return digits;
    }
    let (head, last3) = digits.split_at(digits.len() - 3);
    let mut parts: Vec<&str> = Vec::new();
    let mut rest = head;
    while rest.len() > 2 {
        let (h, t) = rest.split_at(rest.len() - 2);
        parts.push(t);
        rest = h;
    }
    if !rest.is_empty() {
        parts.push(rest);
    }
    parts.reverse();
    format!("{},{}", parts.join(","), last3)
}

#[cfg(test)]
mod tests {
    use super::Paise;

    #[test]
    fn formats_with_indian_grouping() {
        assert_eq!(Paise(12_345_678).format_inr(), "₹1,23,456.78");
        assert_eq!(Paise(100).format_inr(), "₹1");
        assert_eq!(Paise(99_999_900).format_inr(), "₹9,99,999");
        assert_eq!(Paise(1_000_000_000).format_inr(), "₹1,00,00,000");
        assert_eq!(Paise(-5050).format_inr(), "-₹50.50");
        assert_eq!(Paise(0).format_inr(), "₹0");
    }

    #[test]
    fn parses_rupee_input() {
        assert_eq!(Paise::parse_rupees("1,499"), Ok(Paise(149_900)));
        assert_eq!(Paise::parse_rupees("₹ 20000.5"), Ok(Paise(2_000_050)));
        assert_eq!(Paise::parse_rupees("0.05"), Ok(Paise(5)));
        assert!(Paise::parse_rupees("-5").is_err());
        assert!(Paise::parse_rupees("1.234").is_err());
        assert!(Paise::parse_rupees("abc").is_err());
        assert!(Paise::parse_rupees("99999999999999999999").is_err());
    }

    #[test]
    fn checked_arithmetic_does_not_overflow() {
        assert_eq!(Paise(i64::MAX).checked_add(Paise(1)), None);
        assert_eq!(Paise(5).checked_sub(Paise(7)), Some(Paise(-2)));
    }
}
