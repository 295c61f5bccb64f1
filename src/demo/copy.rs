//! Rows in PostgreSQL's COPY text format (tab-separated, `\N` for NULL, backslash
//! escapes), and the COPY statements of every table the seeder fills.
use crate::core::roles::ROLE_SPECS;
use chrono::{DateTime, Utc};
use std::io::Write as _;
use uuid::Uuid;

/// The tables in the order their rows must arrive (parents before children).
pub const USERS: usize = 0;
pub const USER_SETTINGS: usize = 1;
pub const USER_ROLES: usize = 2;
pub const PROFILES: usize = 3;
/// Role extension tables follow, in `ROLE_SPECS` order.
pub const EXTENSIONS: usize = 4;
pub const SERVICES: usize = EXTENSIONS + ROLE_SPECS.len();
pub const PORTFOLIO_ITEMS: usize = SERVICES + 1;
pub const PORTFOLIO_IMAGES: usize = SERVICES + 2;
pub const TABLES: usize = SERVICES + 3;

/// The tables, indexed by the constants above.
pub fn table_names() -> Vec<&'static str> {
    let mut out = vec!["users", "user_settings", "user_roles", "user_role_profiles"];
    out.extend(ROLE_SPECS.iter().map(|s| s.table));
    out.extend(["services", "portfolio_items", "portfolio_images"]);
    out
}

/// `COPY … FROM STDIN` for every table, indexed by the constants above.
pub fn statements() -> Vec<String> {
    let mut out: Vec<String> = [
        "users (id, email, password_hash, account_type, status, email_verified_at, created_at, updated_at)",
        "user_settings (id, user_id, settings_json, created_at, updated_at)",
        "user_roles (id, user_id, role_id, status, approved_at, created_at)",
        "user_role_profiles (id, user_id, role_key, slug, display_name, bio, location, status, \
         verification_status, approval_status, approved_at, verified_at, is_profile_public, \
         created_at, updated_at)",
    ]
    .iter()
    .map(|t| format!("COPY {t} FROM STDIN"))
    .collect();
    for spec in &ROLE_SPECS {
        let fields: Vec<&str> = spec.fields.iter().map(|f| f.key).collect();
        out.push(format!(
            "COPY {} (id, user_role_profile_id, {}, created_at, updated_at) FROM STDIN",
            spec.table,
            fields.join(", ")
        ));
    }
    out.push(
        "COPY services (id, user_role_profile_id, name, description, price, duration_minutes, \
         is_active, created_at, updated_at) FROM STDIN"
            .into(),
    );
    out.push(
        "COPY portfolio_items (id, user_role_profile_id, title, description, tags, display_order, \
         created_at, updated_at) FROM STDIN"
            .into(),
    );
    out.push(
        "COPY portfolio_images (id, portfolio_item_id, file_url, display_order, created_at) \
         FROM STDIN"
            .into(),
    );
    out
}

/// One row being written; columns are appended in order and `end` closes the line.
pub struct Line<'a> {
    out: &'a mut Vec<u8>,
    started: bool,
}

impl<'a> Line<'a> {
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        Self {
            out,
            started: false,
        }
    }

    fn next(&mut self) {
        if self.started {
            self.out.push(b'\t');
        }
        self.started = true;
    }

    pub fn text(mut self, value: &str) -> Self {
        self.next();
        escape_into(self.out, value);
        self
    }

    pub fn opt_text(self, value: Option<&str>) -> Self {
        match value {
            Some(v) => self.text(v),
            None => self.null(),
        }
    }

    pub fn null(mut self) -> Self {
        self.next();
        self.out.extend_from_slice(b"\\N");
        self
    }

    pub fn uuid(mut self, value: Uuid) -> Self {
        self.next();
        let mut buf = Uuid::encode_buffer();
        self.out
            .extend_from_slice(value.hyphenated().encode_lower(&mut buf).as_bytes());
        self
    }

    pub fn int(mut self, value: i64) -> Self {
        self.next();
        let _ = write!(self.out, "{value}");
        self
    }

    pub fn opt_int(self, value: Option<i64>) -> Self {
        match value {
            Some(v) => self.int(v),
            None => self.null(),
        }
    }

    pub fn bool(mut self, value: bool) -> Self {
        self.next();
        self.out.push(if value { b't' } else { b'f' });
        self
    }

    /// A timestamp already formatted by [`timestamp`] (formatting once per profile
    /// and reusing it is much cheaper than once per row).
    pub fn raw(mut self, value: &str) -> Self {
        self.next();
        self.out.extend_from_slice(value.as_bytes());
        self
    }

    /// A `TEXT[]` value.
    pub fn array<S: AsRef<str>>(mut self, items: &[S]) -> Self {
        self.next();
        let mut literal = String::from("{");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                literal.push(',');
            }
            literal.push('"');
            for c in item.as_ref().chars() {
                if matches!(c, '"' | '\\') {
                    literal.push('\\');
                }
                literal.push(c);
            }
            literal.push('"');
        }
        literal.push('}');
        escape_into(self.out, &literal);
        self
    }

    pub fn end(self) {
        self.out.push(b'\n');
    }
}

fn escape_into(out: &mut Vec<u8>, value: &str) {
    for b in value.bytes() {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

/// A timestamp as COPY reads it.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S+00").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_arrays_and_nulls() {
        let mut out = Vec::new();
        Line::new(&mut out)
            .text("a\tb\\c\nd")
            .null()
            .array(&["Film & TV", "say \"hi\"", "back\\slash"])
            .bool(true)
            .opt_int(None)
            .int(-5)
            .end();
        assert_eq!(
            String::from_utf8(out).unwrap_or_default(),
            "a\\tb\\\\c\\nd\t\\N\t{\"Film & TV\",\"say \\\\\"hi\\\\\"\",\"back\\\\\\\\slash\"}\tt\t\\N\t-5\n"
        );
    }

    #[test]
    fn one_statement_per_table() {
        let s = statements();
        assert_eq!(s.len(), TABLES);
        assert!(s[USERS].starts_with("COPY users ("));
        assert!(s[EXTENSIONS].starts_with("COPY photographer_profiles ("));
        assert!(s[PORTFOLIO_IMAGES].starts_with("COPY portfolio_images ("));
        for (i, table) in table_names().iter().enumerate() {
            assert!(s[i].starts_with(&format!("COPY {table} (")), "{table}");
        }
    }
}
