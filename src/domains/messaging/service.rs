//! Conversations, their participants and messages.
//!
//! - Only participants see a conversation; to everyone else it does not exist (NOT
//!   FOUND, so ids reveal nothing).
//! - Messages are stored as written. In a LEAD conversation (`context_id` is the
//!   `lead_requests` row) contact details are masked whenever messages are read, until
//!   the customer accepts that response; a declined (REJECTED) response's conversation
//!   is read-only. Other conversations are never masked.
//! - A participant's `last_read_at` divides read from unread; their own messages are
//!   never unread. A recipient gets one "new message" notification per unread streak:
//!   none for a message while an earlier one from someone else is still unread.
//!   Reading a conversation (or writing in it) reads its notifications too.
use super::model::{parse_body, MessageView, LEAD};
pub use super::reading::{inbox, thread, unread_counts, unread_total};
use crate::core::state::ResponseStatus;
use crate::core::{contact, AppError, AppResult, ErrorCode};
use crate::server::notify::{self, Notice, Outgoing};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// `conversations.context_type` values.
const CONTEXT_TYPES: [&str; 4] = [LEAD, "JOB_APPLICATION", "SUPPORT", "DIRECT"];
/// `conversation_participants.role` values.
const ROLES: [&str; 2] = ["OWNER", "MEMBER"];
/// `notifications.related_entity_type` of message notifications.
pub const ENTITY: &str = "conversation";

/// What a conversation allows, from its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Access {
    pub revealed: bool,
    pub read_only: bool,
}

impl Access {
    /// `lead_status` is the status of the LEAD conversation's lead request (`None`
    /// when it no longer exists: nothing is left to talk about).
    pub fn of(context_type: &str, lead_status: Option<ResponseStatus>) -> Self {
        if context_type != LEAD {
            return Self {
                revealed: true,
                read_only: false,
            };
        }
        match lead_status {
            Some(ResponseStatus::Accepted) => Self {
                revealed: true,
                read_only: false,
            },
            Some(ResponseStatus::Rejected) | None => Self {
                revealed: false,
                read_only: true,
            },
            Some(ResponseStatus::Pending) => Self {
                revealed: false,
                read_only: false,
            },
        }
    }

    /// `text` as this conversation may show it.
    pub fn show(self, text: &str) -> String {
        if self.revealed {
            text.to_owned()
        } else {
            contact::mask(text)
        }
    }
}

pub(super) fn conversation_not_found() -> AppError {
    AppError::not_found("That conversation")
}

fn read_only() -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        "The customer declined this response, so the conversation is closed. You can still read it, but no new messages can be sent.",
    )
}

/// Starts a conversation in the caller's transaction: the conversation, its
/// participants (`(user, 'OWNER' | 'MEMBER')`) and, optionally, a first message whose
/// sender has then read everything. A bad first message is a field error on `body`.
pub async fn start(
    conn: &mut PgConnection,
    context_type: &str,
    context_id: Uuid,
    title: &str,
    participants: &[(Uuid, &str)],
    first: Option<(Uuid, &str)>,
) -> AppResult<Uuid> {
    let users: Vec<Uuid> = participants.iter().map(|(u, _)| *u).collect();
    let roles: Vec<String> = participants.iter().map(|(_, r)| (*r).to_owned()).collect();
    let distinct = users
        .iter()
        .enumerate()
        .all(|(i, u)| !users[..i].contains(u));
    if !CONTEXT_TYPES.contains(&context_type)
        || users.is_empty()
        || !distinct
        || roles.iter().any(|r| !ROLES.contains(&r.as_str()))
        || first.is_some_and(|(sender, _)| !users.contains(&sender))
    {
        tracing::error!(context_type, %context_id, "invalid conversation start");
        return Err(AppError::internal());
    }
    let first = first
        .map(|(sender, body)| parse_body(body).map(|b| (sender, b)))
        .transpose()
        .map_err(|e| AppError::field("body", e))?;

    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO conversations (title, context_type, context_id)
         VALUES (NULLIF($1, ''), $2, $3) RETURNING id",
    )
    .bind(title.trim())
    .bind(context_type)
    .bind(context_id)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO conversation_participants (conversation_id, user_id, role)
         SELECT $1, u, r FROM UNNEST($2::uuid[], $3::text[]) AS t(u, r)",
    )
    .bind(id)
    .bind(&users)
    .bind(&roles)
    .execute(&mut *conn)
    .await?;
    if let Some((sender, body)) = first {
        sqlx::query(
            "WITH m AS (INSERT INTO messages (conversation_id, sender_user_id, body)
                        VALUES ($1, $2, $3) RETURNING sent_at)
             UPDATE conversation_participants SET last_read_at = (SELECT sent_at FROM m)
              WHERE conversation_id = $1 AND user_id = $2",
        )
        .bind(id)
        .bind(sender)
        .bind(&body)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// A posted message and the e-mails to send once it is committed.
#[derive(Debug)]
pub struct Posted {
    pub message: MessageView,
    pub outgoing: Vec<Outgoing>,
}

/// The display name of `user_id` (their settings' name, else their e-mail address).
async fn name_of(conn: &mut PgConnection, user_id: Uuid) -> AppResult<String> {
    let name: Option<String> = sqlx::query_scalar(
        "SELECT COALESCE(s.settings_json->>'display_name', u.email)
           FROM users u LEFT JOIN user_settings s ON s.user_id = u.id
          WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    name.ok_or_else(AppError::internal)
}

/// Posts `body` by `user_id`, a participant, to the conversation; tells the others.
pub async fn post(
    pool: &PgPool,
    user_id: Uuid,
    conversation_id: Uuid,
    body: &str,
) -> AppResult<Posted> {
    let body = parse_body(body).map_err(|e| AppError::field("body", e))?;
    let mut tx = pool.begin().await?;
    // Locking the conversation makes posts to it take turns, so each message's
    // `sent_at` (the clock when it was inserted, after the lock) is later than every
    // message already committed there: a reader asking for messages after the last one
    // it saw cannot miss one that committed late.
    let head: Option<(String, Option<ResponseStatus>, Option<String>)> = sqlx::query_as(
        "SELECT c.context_type, lr.status, c.title
           FROM conversations c
           JOIN conversation_participants me ON me.conversation_id = c.id AND me.user_id = $2
           LEFT JOIN lead_requests lr ON c.context_type = 'LEAD' AND lr.id = c.context_id
          WHERE c.id = $1
            FOR UPDATE OF c",
    )
    .bind(conversation_id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((context_type, lead_status, title)) = head else {
        return Err(conversation_not_found());
    };
    let access = Access::of(&context_type, lead_status);
    if access.read_only {
        return Err(read_only());
    }
    let (id, sent_at): (Uuid, DateTime<Utc>) = sqlx::query_as(
        "INSERT INTO messages (conversation_id, sender_user_id, body, sent_at)
         VALUES ($1, $2, $3, clock_timestamp()) RETURNING id, sent_at",
    )
    .bind(conversation_id)
    .bind(user_id)
    .bind(&body)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE conversations SET updated_at = now() WHERE id = $1")
        .bind(conversation_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE conversation_participants SET last_read_at = GREATEST(last_read_at, $3)
          WHERE conversation_id = $1 AND user_id = $2",
    )
    .bind(conversation_id)
    .bind(user_id)
    .bind(sent_at)
    .execute(&mut *tx)
    .await?;
    read_notifications(&mut tx, user_id, conversation_id).await?;

    // Tell each other participant, unless this message only extends an unread streak
    // they were already told about (an earlier message from someone else is unread).
    let recipients: Vec<Uuid> = sqlx::query_scalar(
        "SELECT p.user_id FROM conversation_participants p
          WHERE p.conversation_id = $1 AND p.user_id <> $2
            AND NOT EXISTS (
                SELECT 1 FROM messages m
                 WHERE m.conversation_id = $1 AND m.id <> $3
                   AND m.sender_user_id IS DISTINCT FROM p.user_id
                   AND (p.last_read_at IS NULL OR m.sent_at > p.last_read_at))
          ORDER BY p.user_id",
    )
    .bind(conversation_id)
    .bind(user_id)
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let mut outgoing = Vec::with_capacity(recipients.len());
    if !recipients.is_empty() {
        // Before acceptance even the sender's name may not carry contact details.
        let sender = access.show(&name_of(&mut tx, user_id).await?);
        let about = title
            .filter(|t| !t.trim().is_empty())
            .map(|t| format!("About \u{201c}{t}\u{201d}. "))
            .unwrap_or_default();
        for recipient in recipients {
            outgoing.push(
                notify::record(
                    &mut tx,
                    Notice {
                        user_id: recipient,
                        template_key: "new_message",
                        title: format!("New message from {sender}"),
                        body: format!("{about}Open the conversation to read and reply."),
                        entity_type: ENTITY,
                        entity_id: conversation_id,
                        link_path: Some(format!("/messages/{conversation_id}")),
                        vars: vec![("sender", sender.clone())],
                    },
                )
                .await?,
            );
        }
    }
    tx.commit().await?;
    Ok(Posted {
        message: MessageView {
            id,
            sender_name: "You".into(),
            mine: true,
            body: access.show(&body),
            sent_at,
        },
        outgoing,
    })
}

/// `user_id` has read the conversation up to now; its notifications are read too.
pub async fn mark_read(pool: &PgPool, user_id: Uuid, conversation_id: Uuid) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    let updated = sqlx::query(
        "UPDATE conversation_participants SET last_read_at = GREATEST(last_read_at, now())
          WHERE conversation_id = $1 AND user_id = $2",
    )
    .bind(conversation_id)
    .bind(user_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Err(conversation_not_found());
    }
    read_notifications(&mut tx, user_id, conversation_id).await?;
    // The customer reading a lead response's thread has opened that response (so it is
    // no longer refunded as unopened).
    sqlx::query(
        "UPDATE lead_requests r SET opened_at = now()
           FROM conversations c, leads l
          WHERE c.id = $1 AND c.context_type = 'LEAD' AND r.id = c.context_id
            AND l.id = r.lead_id AND l.created_by_user_id = $2 AND r.opened_at IS NULL",
    )
    .bind(conversation_id)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whoever has read a conversation (or written in it) has read its notifications.
async fn read_notifications(
    conn: &mut PgConnection,
    user_id: Uuid,
    conversation_id: Uuid,
) -> AppResult<()> {
    sqlx::query(
        "UPDATE notifications SET read_at = now(), status = 'READ'
          WHERE user_id = $1 AND related_entity_type = $2 AND related_entity_id = $3
            AND read_at IS NULL",
    )
    .bind(user_id)
    .bind(ENTITY)
    .bind(conversation_id)
    .execute(conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod unit {
    use super::{Access, ResponseStatus};

    #[test]
    fn only_accepted_lead_conversations_reveal_and_declined_ones_are_closed() {
        let open = Access {
            revealed: true,
            read_only: false,
        };
        assert_eq!(Access::of("DIRECT", None), open);
        assert_eq!(
            Access::of("JOB_APPLICATION", Some(ResponseStatus::Rejected)),
            open
        );
        assert_eq!(Access::of("LEAD", Some(ResponseStatus::Accepted)), open);
        let pending = Access::of("LEAD", Some(ResponseStatus::Pending));
        assert_eq!((pending.revealed, pending.read_only), (false, false));
        for closed in [Some(ResponseStatus::Rejected), None] {
            let a = Access::of("LEAD", closed);
            assert_eq!((a.revealed, a.read_only), (false, true));
        }
        assert_eq!(
            pending.show("ring 98450 12345"),
            "ring [phone hidden until accepted]"
        );
        assert_eq!(open.show("ring 98450 12345"), "ring 98450 12345");
    }
}
