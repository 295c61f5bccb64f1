//! How a role field is typed, parsed, validated and shown, and the search facets it makes.
use super::specs::COMMON_DOCUMENTS;
use crate::core::{contact, error::FieldErrors, money::Paise};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a role field is typed, stored and edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// `TEXT[]`, edited as a tag input with suggestions; each tag 2–40 characters.
    Tags {
        suggestions: &'static [&'static str],
        max: usize,
    },
    /// `BOOLEAN NOT NULL`, a checkbox.
    Flag,
    /// `INTEGER`; `NULL` when left empty unless the field is required.
    Number {
        min: i32,
        max: i32,
        unit: &'static str,
    },
    /// `INTEGER` paise, typed in rupees; `NULL` means "on request".
    Money { max_rupees: i64 },
    /// `TEXT NOT NULL` from a fixed list (value, label); the first is the default.
    Choice {
        options: &'static [(&'static str, &'static str)],
    },
    /// `TEXT`, one line, contact details refused.
    Text { max: usize },
}

/// One column of a role's extension table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The column name; also the form field name and the error key.
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    /// Shown as a filter with counts on the search page (tags, flags and choices).
    pub facet: bool,
}

/// A document a professional of this role uploads for verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentSpec {
    pub key: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleSpec {
    /// `roles.key` / `user_role_profiles.role_key`.
    pub key: &'static str,
    pub label: &'static str,
    /// "Photographers" — headings and page titles.
    pub plural: &'static str,
    /// The extension table (1:1 with `user_role_profiles`).
    pub table: &'static str,
    pub fields: &'static [FieldSpec],
    /// The money field that is this role's headline price, and how it is quoted.
    pub price_field: &'static str,
    pub price_unit: &'static str,
    pub documents: &'static [DocumentSpec],
}

impl RoleSpec {
    pub fn field(&self, key: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn facets(&self) -> impl Iterator<Item = &'static FieldSpec> {
        self.fields.iter().filter(|f| f.facet)
    }

    pub fn document(&self, key: &str) -> Option<&'static DocumentSpec> {
        self.documents
            .iter()
            .chain(COMMON_DOCUMENTS)
            .find(|d| d.key == key)
    }

    /// Every document type a professional of this role may upload.
    pub fn all_documents(&self) -> impl Iterator<Item = &'static DocumentSpec> {
        COMMON_DOCUMENTS.iter().chain(self.documents)
    }
}

/// A typed value of one role field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldValue {
    Tags(Vec<String>),
    Flag(bool),
    Number(Option<i32>),
    /// Paise.
    Money(Option<i64>),
    Choice(String),
    Text(Option<String>),
}

impl FieldValue {
    /// The value as the form shows it (money in rupees, tags comma-separated).
    pub fn to_form(&self) -> String {
        match self {
            FieldValue::Tags(t) => t.join(", "),
            FieldValue::Flag(b) => if *b { "true" } else { "" }.to_string(),
            FieldValue::Number(n) => n.map(|n| n.to_string()).unwrap_or_default(),
            FieldValue::Money(p) => p.map(rupees_for_form).unwrap_or_default(),
            FieldValue::Choice(s) => s.clone(),
            FieldValue::Text(t) => t.clone().unwrap_or_default(),
        }
    }

    /// The value as the public page shows it.
    pub fn display(&self, field: &FieldSpec) -> Option<String> {
        match (self, field.kind) {
            (FieldValue::Tags(t), _) if !t.is_empty() => Some(t.join(", ")),
            (FieldValue::Flag(true), _) => Some("Yes".into()),
            (FieldValue::Number(Some(n)), FieldKind::Number { unit, .. }) => {
                Some(if unit.is_empty() {
                    n.to_string()
                } else {
                    format!("{n} {unit}")
                })
            }
            (FieldValue::Money(Some(p)), _) => Some(Paise(*p).format_inr()),
            (FieldValue::Choice(v), FieldKind::Choice { options }) => options
                .iter()
                .find(|(k, _)| k == v)
                .map(|(_, label)| (*label).to_string()),
            (FieldValue::Text(Some(t)), _) => Some(t.clone()),
            _ => None,
        }
    }
}

/// Paise as a rupee amount for an input box: "1500" or "1500.50".
pub fn rupees_for_form(paise: i64) -> String {
    if paise % 100 == 0 {
        (paise / 100).to_string()
    } else {
        format!("{}.{:02}", paise / 100, paise % 100)
    }
}

/// Role fields keyed by column name.
pub type RoleFields = BTreeMap<String, FieldValue>;

/// The default value of every field, for a new profile.
pub fn default_fields(spec: &RoleSpec) -> RoleFields {
    spec.fields
        .iter()
        .map(|f| {
            let v = match f.kind {
                FieldKind::Tags { .. } => FieldValue::Tags(Vec::new()),
                FieldKind::Flag => FieldValue::Flag(false),
                FieldKind::Number { .. } if f.required => FieldValue::Number(Some(0)),
                FieldKind::Number { .. } => FieldValue::Number(None),
                FieldKind::Money { .. } => FieldValue::Money(None),
                FieldKind::Choice { options } => {
                    FieldValue::Choice(options.first().map(|(k, _)| *k).unwrap_or_default().into())
                }
                FieldKind::Text { .. } => FieldValue::Text(None),
            };
            (f.key.to_string(), v)
        })
        .collect()
}

/// Parses the form's raw strings (keyed by field key; a missing flag is `false`) into
/// typed values, collecting one message per bad field. Runs in the browser as you type
/// and on the server before anything is written.
pub fn parse_fields(
    spec: &RoleSpec,
    raw: &BTreeMap<String, String>,
) -> Result<RoleFields, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut out = RoleFields::new();
    for f in spec.fields {
        let input = raw.get(f.key).map(String::as_str).unwrap_or("");
        if let Some(v) = errors.check(f.key, parse_field(f, input)) {
            out.insert(f.key.to_string(), v);
        }
    }
    for key in raw.keys() {
        if spec.field(key).is_none() {
            errors.add(key, "This field does not belong to this profile.");
        }
    }
    if spec.key == "catering_service" {
        if let (Some(FieldValue::Number(Some(min))), Some(FieldValue::Number(Some(max)))) =
            (out.get("min_guests"), out.get("max_guests"))
        {
            if max < min {
                errors.add("max_guests", "Maximum guests must be at least the minimum.");
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Parses one field's raw input.
pub fn parse_field(f: &FieldSpec, input: &str) -> Result<FieldValue, String> {
    let input = input.trim();
    match f.kind {
        FieldKind::Tags {
            suggestions: _,
            max,
        } => {
            let tags = parse_tags(input, max)?;
            if f.required && tags.is_empty() {
                return Err(format!("Add at least one: {}.", f.label.to_lowercase()));
            }
            Ok(FieldValue::Tags(tags))
        }
        FieldKind::Flag => Ok(FieldValue::Flag(matches!(
            input,
            "true" | "on" | "yes" | "1"
        ))),
        FieldKind::Number { min, max, .. } => {
            if input.is_empty() {
                return if f.required {
                    Err(format!("Enter {}.", f.label.to_lowercase()))
                } else {
                    Ok(FieldValue::Number(None))
                };
            }
            let n: i64 = input
                .parse()
                .map_err(|_| "Enter a whole number.".to_string())?;
            if n < i64::from(min) || n > i64::from(max) {
                return Err(format!("Enter a number from {min} to {max}."));
            }
            Ok(FieldValue::Number(i32::try_from(n).ok()))
        }
        FieldKind::Money { max_rupees } => {
            if input.is_empty() {
                return if f.required {
                    Err(format!("Enter {} in rupees.", f.label.to_lowercase()))
                } else {
                    Ok(FieldValue::Money(None))
                };
            }
            let p = Paise::parse_rupees(input)?;
            if p.0 > max_rupees.saturating_mul(100) {
                return Err(format!(
                    "Enter at most {}.",
                    Paise(max_rupees.saturating_mul(100)).format_inr()
                ));
            }
            Ok(FieldValue::Money(Some(p.0)))
        }
        FieldKind::Choice { options } => {
            if input.is_empty() {
                return Ok(FieldValue::Choice(
                    options.first().map(|(k, _)| *k).unwrap_or_default().into(),
                ));
            }
            options
                .iter()
                .find(|(k, _)| *k == input)
                .map(|(k, _)| FieldValue::Choice((*k).into()))
                .ok_or_else(|| "Choose one of the listed options.".to_string())
        }
        FieldKind::Text { max } => {
            let text = parse_text(input, max, f.required, f.label)?;
            Ok(FieldValue::Text(text))
        }
    }
}

/// One line or paragraph of free text: trimmed, bounded, no control characters (but
/// new lines), no contact details. `None` when empty and optional.
pub fn parse_text(
    input: &str,
    max: usize,
    required: bool,
    label: &str,
) -> Result<Option<String>, String> {
    let text = input.trim();
    if text.is_empty() {
        return if required {
            Err(format!("Enter {}.", label.to_lowercase()))
        } else {
            Ok(None)
        };
    }
    let len = text.chars().count();
    if len > max {
        return Err(format!("Keep this under {max} characters (now {len})."));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err("This text contains characters we cannot accept.".into());
    }
    contact::check(text)?;
    Ok(Some(text.replace("\r\n", "\n")))
}

pub const TAG_MIN: usize = 2;
pub const TAG_MAX: usize = 40;

/// Comma-separated tags: trimmed, spaces collapsed, duplicates (any case) dropped.
pub fn parse_tags(input: &str, max: usize) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for raw in input.split(',') {
        let tag = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.is_empty() {
            continue;
        }
        let len = tag.chars().count();
        if !(TAG_MIN..=TAG_MAX).contains(&len) {
            return Err(format!(
                "Each tag must be {TAG_MIN}–{TAG_MAX} characters (\"{tag}\" is {len})."
            ));
        }
        if !tag
            .chars()
            .all(|c| c.is_alphanumeric() || " &+-.#/'()".contains(c))
        {
            return Err(format!("\"{tag}\" contains characters tags cannot have."));
        }
        contact::check(&tag)?;
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            tags.push(tag);
        }
    }
    if tags.len() > max {
        return Err(format!("Choose at most {max} (you have {}).", tags.len()));
    }
    Ok(tags)
}

/// A facet value as stored in `profile_search.facets` and in search URLs:
/// `field:value`, lower case (`specialties:wedding`, `studio_available:true`).
pub fn facet_token(field: &str, value: &str) -> String {
    format!("{field}:{}", value.to_lowercase())
}

/// The facet tokens of a profile's role fields.
pub fn facet_tokens(spec: &RoleSpec, fields: &RoleFields) -> Vec<String> {
    let mut out = Vec::new();
    for f in spec.facets() {
        match fields.get(f.key) {
            Some(FieldValue::Tags(tags)) => {
                out.extend(tags.iter().map(|t| facet_token(f.key, t)));
            }
            Some(FieldValue::Flag(true)) => out.push(facet_token(f.key, "true")),
            Some(FieldValue::Choice(v)) => out.push(facet_token(f.key, v)),
            _ => {}
        }
    }
    out
}
