//! The keyset cursor: where the previous page ended, in the search's sort order.
//!
//! It is opaque to people (base64url) but not secret: every value in it is bound as a
//! query parameter, so a tampered cursor can only fail to decode (a clear 422) or point
//! at another place in the same ordered list.
use super::model::{Sort, MAX_CURSOR_CHARS};
use crate::core::{AppError, AppResult, ErrorCode};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use uuid::Uuid;

/// The sort key of the last row of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Relevance without text: the stored score.
    Score(i32),
    /// Relevance with text: the text tier (0 name/profession/tags/city, 1 services and
    /// portfolio, 2 bio), then the stored score.
    Tier { tier: i32, score: i32 },
    /// Rating: hundredths of a star, then the number of reviews.
    Rating { avg_x100: i32, count: i32 },
    /// A price sort among priced profiles (paise).
    Price(i64),
    /// A price sort among "price on request" profiles, which come after the priced ones.
    Unpriced,
    /// Newest: when listed, in microseconds since the epoch.
    Listed(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub sort: Sort,
    pub key: Key,
    pub profile_id: Uuid,
}

const VERSION: &str = "1";

/// The error every malformed or mismatched cursor gets.
pub fn invalid() -> AppError {
    let mut err = AppError::new(
        ErrorCode::Validation,
        "This results page link is not valid any more. Start again from the first page.",
    );
    err.fields.insert(
        "after".into(),
        "This page link is not valid for this search.".into(),
    );
    err
}

impl Cursor {
    pub fn encode(&self) -> String {
        let key = match self.key {
            Key::Score(s) => format!("s{s}"),
            Key::Tier { tier, score } => format!("t{tier}_{score}"),
            Key::Rating { avg_x100, count } => format!("r{avg_x100}_{count}"),
            Key::Price(p) => format!("p{p}"),
            Key::Unpriced => "n".into(),
            Key::Listed(us) => format!("l{us}"),
        };
        let raw = format!(
            "{VERSION}.{}.{key}.{}",
            self.sort.param(),
            self.profile_id.simple()
        );
        URL_SAFE_NO_PAD.encode(raw)
    }

    /// Decodes a cursor for a search with `sort`, with or without free text. Anything
    /// else, including a cursor made for another order, is refused.
    pub fn decode(value: &str, sort: Sort, text: bool) -> AppResult<Cursor> {
        if value.len() > MAX_CURSOR_CHARS {
            return Err(invalid());
        }
        let bytes = URL_SAFE_NO_PAD.decode(value).map_err(|_| invalid())?;
        let raw = String::from_utf8(bytes).map_err(|_| invalid())?;
        let mut parts = raw.split('.');
        let (Some(VERSION), Some(sort_param), Some(key), Some(id), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(invalid());
        };
        if Sort::from_param(sort_param) != Some(sort) {
            return Err(invalid());
        }
        let profile_id = Uuid::try_parse(id).map_err(|_| invalid())?;
        let (tag, rest) = key.split_at_checked(1).ok_or_else(invalid)?;
        let num = |s: &str| s.parse::<i64>().map_err(|_| invalid());
        let key = match (tag, sort, text) {
            ("s", Sort::Relevance, false) => {
                Key::Score(i32::try_from(num(rest)?).map_err(|_| invalid())?)
            }
            ("t", Sort::Relevance, true) => {
                let (t, sc) = rest.split_once('_').ok_or_else(invalid)?;
                let tier = i32::try_from(num(t)?).map_err(|_| invalid())?;
                let score = i32::try_from(num(sc)?).map_err(|_| invalid())?;
                if !(0..=2).contains(&tier) {
                    return Err(invalid());
                }
                Key::Tier { tier, score }
            }
            ("r", Sort::Rating, _) => {
                let (a, c) = rest.split_once('_').ok_or_else(invalid)?;
                let avg_x100 = i32::try_from(num(a)?).map_err(|_| invalid())?;
                let count = i32::try_from(num(c)?).map_err(|_| invalid())?;
                if !(0..=500).contains(&avg_x100) || count < 0 {
                    return Err(invalid());
                }
                Key::Rating { avg_x100, count }
            }
            ("p", Sort::PriceLow | Sort::PriceHigh, _) => {
                let p = num(rest)?;
                if p < 0 {
                    return Err(invalid());
                }
                Key::Price(p)
            }
            ("n", Sort::PriceLow | Sort::PriceHigh, _) if rest.is_empty() => Key::Unpriced,
            ("l", Sort::Newest, _) => Key::Listed(num(rest)?),
            _ => return Err(invalid()),
        };
        Ok(Cursor {
            sort,
            key,
            profile_id,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;

    #[test]
    fn cursors_round_trip_exactly() {
        let id = Uuid::new_v4();
        for (sort, text, key) in [
            (Sort::Relevance, false, Key::Score(412)),
            (Sort::Relevance, true, Key::Tier { tier: 1, score: -3 }),
            (
                Sort::Rating,
                false,
                Key::Rating {
                    avg_x100: 467,
                    count: 12,
                },
            ),
            (Sort::PriceLow, false, Key::Price(1_500_000)),
            (Sort::PriceHigh, true, Key::Unpriced),
            (Sort::Newest, false, Key::Listed(1_767_225_600_123_456)),
        ] {
            let c = Cursor {
                sort,
                key,
                profile_id: id,
            };
            let encoded = c.encode();
            assert!(encoded
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'));
            assert_eq!(Cursor::decode(&encoded, sort, text).unwrap(), c);
        }
    }

    #[test]
    fn tampered_or_foreign_cursors_are_refused() {
        let c = Cursor {
            sort: Sort::PriceLow,
            key: Key::Price(100),
            profile_id: Uuid::new_v4(),
        }
        .encode();
        let err = Cursor::decode(&c, Sort::Newest, false).unwrap_err();
        assert!(err.is_validation());
        assert!(err.field_message("after").is_some());
        assert!(Cursor::decode("not base64!", Sort::PriceLow, false).is_err());
        assert!(Cursor::decode(
            &URL_SAFE_NO_PAD.encode("1.price_asc.p-5.x"),
            Sort::PriceLow,
            false
        )
        .is_err());
        let mut flipped = c.into_bytes();
        flipped[3] ^= 0x01;
        let flipped = String::from_utf8(flipped).unwrap();
        if let Ok(d) = Cursor::decode(&flipped, Sort::PriceLow, false) {
            // A flip that still decodes lands elsewhere in the same order: harmless.
            assert_eq!(d.sort, Sort::PriceLow);
        }
        assert!(Cursor::decode(&"A".repeat(400), Sort::PriceLow, false).is_err());
    }
}
