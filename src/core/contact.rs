//! Keeps contact on the platform: free text in profiles, portfolios and services may
//! not carry links, e-mail addresses, phone numbers or social handles. Used by the
//! forms (instant feedback) and by the server (the rule that counts). Conversations
//! about a lead keep what was written but show it through [`mask`] until the customer
//! accepts the response.
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

    /// What stands in for a detail that is hidden until the customer accepts.
    pub fn placeholder(self) -> &'static str {
        match self {
            Contact::Link => "[link hidden until accepted]",
            Contact::Email => "[e-mail hidden until accepted]",
            Contact::Phone => "[phone hidden until accepted]",
            Contact::Handle => "[social handle hidden until accepted]",
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
    !domain_spans(text).is_empty()
}

fn has_phone(text: &str) -> bool {
    !phone_spans(text).is_empty()
}

fn has_handle(text: &str) -> bool {
    !handle_spans(text).is_empty()
}

/// The words of `text` split at `is_separator`, each with its byte offset.
fn words(text: &str, is_separator: impl Fn(char) -> bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_separator(c), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Byte ranges of words that read as web addresses ("mystudio.in", "www.weddings").
fn domain_spans(text: &str) -> Vec<(usize, usize)> {
    words(text, |c| {
        c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '\'')
    })
    .into_iter()
    .filter_map(|(start, word)| {
        let word = word.trim_end_matches(['.', '!', '?', ':']);
        let w = word.to_lowercase();
        if NOT_DOMAINS.contains(&w.as_str()) {
            return None;
        }
        let looks_like = if w.starts_with("www.") && w.len() > 4 {
            true
        } else {
            let host = w.split('/').next().unwrap_or_default();
            let host = host.strip_prefix("www.").unwrap_or(host);
            let mut labels = host.rsplit('.');
            match (labels.next(), labels.next()) {
                (Some(tld), Some(name)) => {
                    TLDS.contains(&tld)
                        && !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                }
                _ => false,
            }
        };
        looks_like.then_some((start, start + word.len()))
    })
    .collect()
}

/// Byte ranges of phone-like runs: at least [`PHONE_DIGITS`] digits, with at most two
/// separators (space, dash, dot, brackets, plus, slash) between digits. A range runs from
/// its first digit (or a `+`/`(` just before it) to its last digit.
fn phone_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut digits = 0usize;
    let mut gap = 0usize;
    // Where the current run started and where its last digit ended.
    let mut start = 0usize;
    let mut end = 0usize;
    let close = |digits: usize, start: usize, end: usize, out: &mut Vec<(usize, usize)>| {
        if digits >= PHONE_DIGITS {
            out.push((start, end));
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() {
            if digits == 0 {
                start = i;
                // Take a "+91" or "(987" opening along with the digits.
                if let Some(prev) = text[..i].chars().next_back() {
                    if matches!(prev, '+' | '(') {
                        start = i - prev.len_utf8();
                    }
                }
            }
            digits += 1;
            gap = 0;
            end = i + 1;
        } else if matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '/') && gap < 2 {
            gap += 1;
        } else {
            close(digits, start, end, &mut out);
            digits = 0;
            gap = 0;
        }
    }
    close(digits, start, end, &mut out);
    out
}

/// Byte ranges of social media handles ("@riya_clicks").
fn handle_spans(text: &str) -> Vec<(usize, usize)> {
    words(text, char::is_whitespace)
        .into_iter()
        .map(|(start, w)| {
            (
                start,
                w.trim_end_matches(['.', ',', '!', '?', ':', ';', ')']),
            )
        })
        .filter(|(_, w)| {
            w.strip_prefix('@').is_some_and(|h| {
                h.chars().filter(|c| c.is_alphanumeric()).count() >= 3
                    && h.chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
            })
        })
        .map(|(start, w)| (start, start + w.len()))
        .collect()
}

/// Every contact detail in `text`: byte ranges in order, never overlapping (where two
/// finders claim the same characters, the earlier and longer range wins).
pub fn spans(text: &str) -> Vec<(usize, usize, Contact)> {
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(true);
    let mut all: Vec<(usize, usize, Contact)> = finder
        .links(text)
        .map(|l| {
            let kind = match l.kind() {
                LinkKind::Email => Contact::Email,
                _ => Contact::Link,
            };
            (l.start(), l.end(), kind)
        })
        .collect();
    let tagged = |spans: Vec<(usize, usize)>, kind: Contact| {
        spans.into_iter().map(move |(s, e)| (s, e, kind))
    };
    all.extend(tagged(domain_spans(text), Contact::Link));
    all.extend(tagged(phone_spans(text), Contact::Phone));
    all.extend(tagged(handle_spans(text), Contact::Handle));
    all.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    let mut out: Vec<(usize, usize, Contact)> = Vec::with_capacity(all.len());
    for span in all {
        if out.last().is_none_or(|last| span.0 >= last.1) {
            out.push(span);
        }
    }
    out
}

/// `text` with every contact detail replaced by a note saying it is hidden until the
/// customer accepts ("[phone hidden until accepted]"). Used where a conversation's
/// messages are shown before contact is allowed; the stored text stays as written.
pub fn mask(text: &str) -> String {
    let found = spans(text);
    if found.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, kind) in found {
        out.push_str(&text[at..start]);
        out.push_str(kind.placeholder());
        at = end;
    }
    out.push_str(&text[at..]);
    out
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
            ("insta: @riya_clicks!", Some(Contact::Handle)),
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

    #[test]
    fn mask_hides_each_detail_in_place() {
        assert_eq!(
            mask("Call me on 98450 12345 or mail a@b.in"),
            "Call me on [phone hidden until accepted] or mail [e-mail hidden until accepted]"
        );
        assert_eq!(
            mask("Portfolio: https://example.com/me, also mystudio.in. DM @riya_clicks!"),
            "Portfolio: [link hidden until accepted], also [link hidden until accepted]. \
             DM [social handle hidden until accepted]!"
        );
        assert_eq!(
            mask("WhatsApp +91-98765-43210 / (987) 654 3210."),
            "WhatsApp [phone hidden until accepted] / [phone hidden until accepted]."
        );
        // A number inside a link is part of the link, not a second detail.
        assert_eq!(
            mask("see https://x.in/9845012345 now"),
            "see [link hidden until accepted] now"
        );
        assert_eq!(
            mask("पता: riya@example.com"),
            "पता: [e-mail hidden until accepted]"
        );
    }

    #[test]
    fn mask_leaves_ordinary_text_alone() {
        for text in [
            "Packages from ₹1,00,000 for 2 days; 2019-2021 at Studio One.",
            "Node.js, React, ASP.NET and Vue.js developer.",
            "Team of 12 @ your venue",
            "",
            "Line one\n\tLine two",
        ] {
            assert_eq!(mask(text), text);
            assert!(spans(text).is_empty(), "{text}");
        }
    }
}
