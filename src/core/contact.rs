//! Keeps contact on the platform: free text in profiles, portfolios and services may
//! not carry links, e-mail addresses, phone numbers or social handles. Used by the
//! forms (instant feedback) and by the server (the rule that counts).
use linkify::{LinkFinder, LinkKind};

/// What kind of contact detail a text carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contact {
    Link,
    Email,
    Phone,
    Handle,
}

impl Contact {
    /// The message a form shows under the field.
    pub fn message(self) -> &'static str {
        match self {
            Contact::Link => "Remove the link: profiles cannot point off Nxtgauge. Upload your work to your portfolio instead.",
            Contact::Email => "Remove the e-mail address: customers reach you through Nxtgauge messages.",
            Contact::Phone => "Remove the phone number: it is shared only when you accept a customer's request.",
            Contact::Handle => "Remove the social media handle: customers reach you through Nxtgauge messages.",
        }
    }
}

/// Top-level domains that, after a dot, make a word look like a web address.
const TLDS: &[&str] = &[
    "com", "in", "co", "org", "net", "io", "me", "app", "dev", "link", "ly", "gl", "page", "site",
    "xyz", "info", "biz", "online", "store", "shop", "tv", "gg", "to", "bio", "art", "studio",
    "website", "blog",
];

/// Technology names that look like domains but are not.
const NOT_DOMAINS: &[&str] = &["asp.net", "vb.net", "ado.net", "dot.net"];

/// Digits in a phone-like run before we call it a phone number. Ten catches an Indian
/// mobile number however it is spaced, and leaves years and rupee amounts alone.
const PHONE_DIGITS: usize = 10;

/// The first contact detail found in `text`, if any.
pub fn find(text: &str) -> Option<Contact> {
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(true);
    if let Some(link) = finder.links(text).next() {
        return Some(match link.kind() {
            LinkKind::Email => Contact::Email,
            _ => Contact::Link,
        });
    }
    if has_domain(text) {
        return Some(Contact::Link);
    }
    if has_phone(text) {
        return Some(Contact::Phone);
    }
    if has_handle(text) {
        return Some(Contact::Handle);
    }
    None
}

/// `Err(message)` when `text` carries a contact detail.
pub fn check(text: &str) -> Result<(), String> {
    match find(text) {
        Some(c) => Err(c.message().to_string()),
        None => Ok(()),
    }
}

fn has_domain(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '\''))
        .map(|w| w.trim_end_matches(['.', '!', '?', ':']).to_lowercase())
        .filter(|w| !NOT_DOMAINS.contains(&w.as_str()))
        .any(|w| {
            if w.starts_with("www.") && w.len() > 4 {
                return true;
            }
            let host = w.split('/').next().unwrap_or_default();
            let host = host.strip_prefix("www.").unwrap_or(host);
            let mut labels = host.rsplit('.');
            let (Some(tld), Some(name)) = (labels.next(), labels.next()) else {
                return false;
            };
            TLDS.contains(&tld)
                && !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

fn has_phone(text: &str) -> bool {
    let mut digits = 0usize;
    let mut gap = 0usize;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            gap = 0;
            if digits >= PHONE_DIGITS {
                return true;
            }
        } else if matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '/') && gap < 2 {
            gap += 1;
        } else {
            digits = 0;
            gap = 0;
        }
    }
    false
}

fn has_handle(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        w.strip_prefix('@').is_some_and(|h| {
            h.chars().filter(|c| c.is_alphanumeric()).count() >= 3
                && h.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_emails_phones_and_handles() {
        let cases = [
            ("See https://example.com/me", Some(Contact::Link)),
            ("my site: mystudio.in", Some(Contact::Link)),
            ("visit www.weddings", Some(Contact::Link)),
            ("instagram.com/riya.clicks", Some(Contact::Link)),
            ("write to riya@example.com", Some(Contact::Email)),
            ("call 98765 43210", Some(Contact::Phone)),
            ("+91-98765-43210", Some(Contact::Phone)),
            ("WhatsApp (987) 654 3210 now", Some(Contact::Phone)),
            ("DM @riya_clicks", Some(Contact::Handle)),
        ];
        for (text, want) in cases {
            assert_eq!(find(text), want, "{text}");
        }
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        for text in [
            "Wedding and candid photography since 2015, 500+ events.",
            "Packages from ₹1,00,000 for 2 days; 2019-2021 at Studio One.",
            "Node.js, React, ASP.NET and Vue.js developer.",
            "Done. Next: editing. Really!",
            "Rates: 1500 per hour, 12000 per month",
            "Team of 12 @ your venue",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
        assert!(check("Hello").is_ok());
        assert!(check("mail a@b.co").unwrap_err().contains("e-mail address"));
    }
}
