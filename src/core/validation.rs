//! Parse, don't validate: input types that can only hold valid values. Used by the
//! forms (instant feedback) and by the server (the rule that counts).
use serde::{Deserialize, Serialize};

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, String> {
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err("Enter your email address.".into());
        }
        if email.len() > 254 {
            return Err("That email address is too long.".into());
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err("Enter an email address like name@example.com.".into());
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local
                .chars()
                .any(|c| c.is_whitespace() || c == '@' || c.is_control());
        if !domain_ok || !local_ok {
            return Err("Enter an email address like name@example.com.".into());
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password as typed. Its length is counted in characters, so a passphrase in Hindi
/// is held to the same rule as one in English.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

impl Password {
    pub fn parse(input: &str) -> Result<Self, String> {
        let len = input.chars().count();
        if len < PASSWORD_MIN {
            return Err(format!(
                "Use at least {PASSWORD_MIN} characters for your password."
            ));
        }
        if len > PASSWORD_MAX {
            return Err(format!(
                "Use at most {PASSWORD_MAX} characters for your password."
            ));
        }
        if input.trim().is_empty() {
            return Err("A password cannot be only spaces.".into());
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// `text` cut to at most `max` characters, the last one an ellipsis when it was longer.
pub fn ellipsize(text: &str, max: usize) -> String {
    if text.chars().count() > max {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        text.to_owned()
    }
}

/// A person's or business's name as shown to others.
pub fn parse_display_name(input: &str) -> Result<String, String> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = name.chars().count();
    if len < 2 {
        return Err("Enter your name (at least 2 characters).".into());
    }
    if len > 80 {
        return Err("Keep your name under 80 characters.".into());
    }
    if name.chars().any(|c| c.is_control() || c == '<' || c == '>') {
        return Err("Your name contains characters we cannot accept.".into());
    }
    Ok(name)
}

/// An Indian mobile number: ten digits starting 6–9, optionally after +91, 91 or 0, with
/// spaces, dots, dashes or brackets anywhere. Stored as `+91XXXXXXXXXX`.
pub fn parse_mobile(input: &str) -> Result<String, String> {
    let compact: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let digits = compact
        .strip_prefix("+91")
        .or_else(|| compact.strip_prefix('+').map(|_| ""))
        .unwrap_or(&compact);
    let national = match digits.len() {
        10 => digits,
        11 => digits.strip_prefix('0').unwrap_or(""),
        12 => digits.strip_prefix("91").unwrap_or(""),
        _ => "",
    };
    let valid = national.len() == 10
        && national.chars().all(|c| c.is_ascii_digit())
        && national.starts_with(['6', '7', '8', '9']);
    if valid {
        Ok(format!("+91{national}"))
    } else {
        Err(
            "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9, like 98765 43210."
                .into(),
        )
    }
}

/// An optional mobile number: empty is `None`.
pub fn parse_optional_mobile(input: &str) -> Result<Option<String>, String> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_mobile(input).map(Some)
    }
}

/// `+919876543210` as `+91 98765 43210`.
pub fn format_mobile(stored: &str) -> String {
    match stored.strip_prefix("+91") {
        Some(n) if n.len() == 10 && n.is_ascii() => format!("+91 {} {}", &n[..5], &n[5..]),
        _ => stored.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers_are_normalised() {
        for ok in [
            "9876543210",
            "98765 43210",
            "+91 98765 43210",
            "+91-98765-43210",
            "09876543210",
            "919876543210",
            "(+91) 98765.43210",
        ] {
            assert_eq!(parse_mobile(ok).as_deref(), Ok("+919876543210"), "{ok}");
        }
        assert_eq!(parse_mobile("6000000000").as_deref(), Ok("+916000000000"));
        for bad in [
            "",
            "5876543210",
            "987654321",
            "98765432101",
            "+1 9876543210",
            "+44 9876543210",
            "98765abcde",
            "+91 0876543210",
            "१२३४५६७८९०",
        ] {
            assert!(parse_mobile(bad).is_err(), "{bad} should be refused");
        }
        assert_eq!(parse_optional_mobile("  "), Ok(None));
        assert_eq!(format_mobile("+919876543210"), "+91 98765 43210");
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Asha@Example.IN ").map(|e| e.as_str().to_owned()),
            Ok("asha@example.in".to_owned())
        );
        for bad in [
            "",
            "asha",
            "asha@",
            "@example.in",
            "asha@example",
            "a b@x.in",
            "a@x..in",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn password_length_is_8_to_128_characters() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse("12345678").is_ok());
        assert!(Password::parse(&"x".repeat(128)).is_ok());
        assert!(Password::parse(&"x".repeat(129)).is_err());
        assert!(Password::parse("        ").is_err());
        // 8 characters of Devanagari are 24 bytes: still 8 characters.
        assert!(Password::parse("नमस्तेदोस्त").is_ok());
    }

    #[test]
    fn password_debug_never_prints_the_secret() {
        let p = Password::parse("hunter2hunter2").unwrap();
        assert!(!format!("{p:?}").contains("hunter2"));
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(
            parse_display_name("  Asha   Rao "),
            Ok("Asha Rao".to_owned())
        );
        assert!(parse_display_name("A").is_err());
        assert!(parse_display_name(&"a".repeat(81)).is_err());
        assert!(parse_display_name("<script>").is_err());
    }

    #[test]
    fn ellipsize_cuts_long_text_to_the_limit() {
        assert_eq!(ellipsize("short", 10), "short");
        assert_eq!(ellipsize("exactly10!", 10), "exactly10!");
        assert_eq!(ellipsize("just over it", 10), "just over…");
        assert_eq!(ellipsize("ज़्यादा लंबा", 5).chars().count(), 5);
    }
}
