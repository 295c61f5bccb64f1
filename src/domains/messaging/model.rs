//! Conversation types shared by the server and the browser, and the rule for a message
//! body (the same in the form and on the server).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::states! {
    /// What a message is (`messages.message_type`): typed by a person, written by
    /// Nxtgauge itself (no sender), or a file.
    pub enum MessageType {
        Text = "TEXT",
        System = "SYSTEM",
        Attachment = "ATTACHMENT",
    }
}

/// The longest message, in characters.
pub const BODY_MAX: usize = 2000;
/// The most messages one thread view returns (the newest ones).
pub const THREAD_LIMIT: i64 = 500;
/// The most conversations the inbox lists (the most recently active).
pub const INBOX_LIMIT: i64 = 100;

/// `conversations.context_type` of a conversation about a lead response.
pub const LEAD: &str = "LEAD";

/// A message body as typed: trimmed, 1 to [`BODY_MAX`] characters, line breaks kept
/// (browsers send them as CR LF), no other control characters.
pub fn parse_body(input: &str) -> Result<String, String> {
    let body = input.replace("\r\n", "\n").replace('\r', "\n");
    let body = body.trim();
    if body.is_empty() {
        return Err("Write a message before sending.".into());
    }
    let len = body.chars().count();
    if len > BODY_MAX {
        return Err(format!(
            "Keep the message to {BODY_MAX} characters (now {len})."
        ));
    }
    if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err("The message contains characters we cannot accept.".into());
    }
    Ok(body.to_owned())
}

/// One message as a participant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: Uuid,
    /// "You" for the viewer's own messages; "Nxtgauge" for system messages.
    pub sender_name: String,
    pub mine: bool,
    /// Masked while contact details are hidden.
    pub body: String,
    pub sent_at: DateTime<Utc>,
}

/// A conversation's messages (all, or those after a given one) and what the viewer
/// may do in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub id: Uuid,
    pub title: String,
    /// The other participants' names, comma separated.
    pub with: String,
    /// Oldest first.
    pub messages: Vec<MessageView>,
    /// True when older messages exist than the first one returned.
    pub has_earlier: bool,
    /// Phone numbers, e-mail addresses and links are shown as written. False only for
    /// a lead conversation whose response the customer has not accepted.
    pub revealed: bool,
    /// Nobody can post (the customer declined the response).
    pub read_only: bool,
}

/// One line of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationSummary {
    pub id: Uuid,
    pub title: String,
    pub with: String,
    /// The last message, masked like the thread, shortened.
    pub preview: Option<String>,
    /// The last message was the viewer's.
    pub last_mine: bool,
    pub last_at: DateTime<Utc>,
    pub unread: i64,
}

/// What the header shows beside "Messages" and the bell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnreadTotals {
    pub messages: i64,
    pub notifications: i64,
}

/// The longest inbox preview, in characters.
pub const PREVIEW_MAX: usize = 120;

/// `text` on one line, cut to [`PREVIEW_MAX`] characters with an ellipsis.
pub fn preview(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= PREVIEW_MAX {
        line
    } else {
        let cut: String = line.chars().take(PREVIEW_MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// "3 unread" / "1 unread" for badges' accessible names.
pub fn unread_label(what: &str, n: i64) -> String {
    if n > 0 {
        format!("{what}, {n} unread")
    } else {
        what.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_trimmed_and_bounded() {
        assert_eq!(
            parse_body("  Hello\r\nthere\t! "),
            Ok("Hello\nthere\t!".into())
        );
        assert!(parse_body(" \n\t ").is_err());
        assert!(parse_body("").is_err());
        assert!(parse_body("bell\u{7}").is_err());
        assert!(parse_body("nul\u{0}").is_err());
        assert_eq!(
            parse_body(&"अ".repeat(BODY_MAX)).map(|b| b.chars().count()),
            Ok(BODY_MAX)
        );
        let long = parse_body(&"a".repeat(BODY_MAX + 1)).unwrap_err();
        assert!(long.contains("2000"), "{long}");
    }

    #[test]
    fn previews_are_one_short_line() {
        assert_eq!(preview("Hi,\n\nsee you  at 5"), "Hi, see you at 5");
        let p = preview(&"word ".repeat(60));
        assert!(p.ends_with('…'));
        assert!(p.chars().count() <= PREVIEW_MAX);
        assert_eq!(unread_label("Messages", 3), "Messages, 3 unread");
        assert_eq!(unread_label("Messages", 0), "Messages");
    }
}
