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

#[cfg(test)]
mod tests {
    use super::*;

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
