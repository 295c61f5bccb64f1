//! Portfolio items as the owner edits them, and the rules for what an item may say.
//! Compiled for the browser (instant feedback) and the server (the rule that counts).
use crate::core::roles::{parse_tags, parse_text};
use crate::core::{error::FieldErrors, AppResult};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The most items one profile's portfolio shows.
pub const MAX_ITEMS: usize = 30;
pub const TITLE_MIN: usize = 3;
pub const TITLE_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 1000;
pub const MAX_TAGS: usize = 10;
/// Images per item; the upload endpoint enforces it (a test keeps this copy for the
/// browser in step with it).
pub const MAX_IMAGES: usize = 12;
pub use crate::core::media::MAX_IMAGE_BYTES;

/// One image of an item, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PortfolioImageView {
    pub id: Uuid,
    pub url: String,
    pub thumb_url: String,
    pub display_order: i32,
}

/// One portfolio item with its images, as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PortfolioItemView {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub display_order: i32,
    pub images: Vec<PortfolioImageView>,
}

/// A valid item, built only by [`ItemInput::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemInput {
    pub title: String,
    pub description: Option<String>,
    pub tags: Vec<String>,
}

impl ItemInput {
    /// Checks every field and reports all problems at once, keyed by form field name.
    pub fn parse(title: &str, description: &str, tags: &str) -> AppResult<Self> {
        let mut errs = FieldErrors::new();
        let title = errs.check("title", parse_title(title));
        let description = errs.check(
            "description",
            parse_text(description, DESCRIPTION_MAX, false, "Description"),
        );
        let tags = errs.check("tags", parse_tags(tags, MAX_TAGS));
        errs.into_result()?;
        match (title, description, tags) {
            (Some(title), Some(description), Some(tags)) => Ok(Self {
                title,
                description,
                tags,
            }),
            _ => Err(crate::core::AppError::internal()),
        }
    }
}

fn parse_title(input: &str) -> Result<String, String> {
    let title = parse_text(input, TITLE_MAX, true, "a title")?.unwrap_or_default();
    if title.contains('\n') {
        return Err("Keep the title on one line.".into());
    }
    let len = title.chars().count();
    if len < TITLE_MIN {
        return Err(format!("Use at least {TITLE_MIN} characters."));
    }
    Ok(title)
}

/// Which way a move button moves an item or image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// Towards the start (up for items, left for images).
    Earlier,
    /// Towards the end (down for items, right for images).
    Later,
}

impl Direction {
    pub fn parse(input: &str) -> Result<Self, String> {
        match input {
            "earlier" => Ok(Self::Earlier),
            "later" => Ok(Self::Later),
            _ => Err("Choose which way to move it.".into()),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Earlier => "earlier",
            Self::Later => "later",
        }
    }
}

/// `ids` with the element at `index` swapped with its neighbour in `direction`;
/// `None` when it is already at that end.
pub fn moved<T: Clone>(ids: &[T], index: usize, direction: Direction) -> Option<Vec<T>> {
    let other = match direction {
        Direction::Earlier => index.checked_sub(1)?,
        Direction::Later => index.checked_add(1).filter(|i| *i < ids.len())?,
    };
    if index >= ids.len() {
        return None;
    }
    let mut out = ids.to_vec();
    out.swap(index, other);
    Some(out)
}

/// `ids` with the element at `from` taken out and put in at `to` (drag and drop).
pub fn dropped_at<T: Clone>(ids: &[T], from: usize, to: usize) -> Option<Vec<T>> {
    if from >= ids.len() || to >= ids.len() || from == to {
        return None;
    }
    let mut out = ids.to_vec();
    let moving = out.remove(from);
    out.insert(to, moving);
    Some(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    #[test]
    fn parses_a_good_item_and_normalises_tags() {
        let item = ItemInput::parse(
            "  Wedding at Udaipur ",
            "Two days, 800 guests.",
            "wedding, candid , Wedding",
        )
        .unwrap();
        assert_eq!(item.title, "Wedding at Udaipur");
        assert_eq!(item.description.as_deref(), Some("Two days, 800 guests."));
        assert_eq!(item.tags, vec!["wedding".to_string(), "candid".into()]);
        assert_eq!(ItemInput::parse("Abc", "", "").unwrap().description, None);
    }

    #[test]
    fn reports_every_bad_field_with_its_name() {
        let err = ItemInput::parse("ab", &"x".repeat(1001), "a").unwrap_err();
        assert!(err.is_validation());
        assert!(err.fields["title"].contains("at least 3"));
        assert!(err.fields["description"].contains("1000"));
        assert!(err.fields.contains_key("tags"));
        let long = ItemInput::parse(&"t".repeat(101), "", "").unwrap_err();
        assert!(long.fields["title"].contains("100"));
        let many = (0..11).map(|i| format!("tag{i}")).collect::<Vec<_>>();
        let err = ItemInput::parse("Fine title", "", &many.join(",")).unwrap_err();
        assert!(err.fields["tags"].contains("at most 10"));
    }

    #[test]
    fn refuses_contact_details_in_every_field() {
        let err = ItemInput::parse("Call 98765 43210", "mail riya@example.com", "mystudio.in")
            .unwrap_err();
        assert!(err.fields["title"].contains("phone number"));
        assert!(err.fields["description"].contains("e-mail"));
        assert!(err.fields["tags"].contains("link"));
        // An address cannot even be typed as a tag: '@' is not a tag character.
        assert!(ItemInput::parse("Wedding", "", "riya@example.com").is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn image_limits_match_the_upload_endpoint() {
        assert_eq!(MAX_IMAGE_BYTES, crate::server::images::MAX_UPLOAD_BYTES);
    }

    #[test]
    fn moves_and_drops_reorder_lists() {
        let ids = [1, 2, 3];
        assert_eq!(moved(&ids, 1, Direction::Earlier), Some(vec![2, 1, 3]));
        assert_eq!(moved(&ids, 1, Direction::Later), Some(vec![1, 3, 2]));
        assert_eq!(moved(&ids, 0, Direction::Earlier), None);
        assert_eq!(moved(&ids, 2, Direction::Later), None);
        assert_eq!(moved(&ids, 5, Direction::Earlier), None);
        assert_eq!(dropped_at(&ids, 0, 2), Some(vec![2, 3, 1]));
        assert_eq!(dropped_at(&ids, 2, 0), Some(vec![3, 1, 2]));
        assert_eq!(dropped_at(&ids, 1, 1), None);
        assert_eq!(Direction::parse("later"), Ok(Direction::Later));
        assert!(Direction::parse("sideways").is_err());
    }
}
