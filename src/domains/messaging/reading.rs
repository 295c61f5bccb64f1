//! What participants read: a thread (all of it, or what came after a message), the
//! inbox, and unread counts. Masking and read-only follow `service::Access`.
use super::model::MessageType;
use super::model::{
    preview, ConversationSummary, MessageView, ThreadView, UnreadTotals, INBOX_LIMIT, THREAD_LIMIT,
};
use super::service::{conversation_not_found, Access};
use crate::core::state::ResponseStatus;
use crate::core::AppResult;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: Uuid,
    sender_user_id: Option<Uuid>,
    message_type: MessageType,
    body: String,
    sent_at: DateTime<Utc>,
    sender_name: Option<String>,
}

impl MessageRow {
    fn view(self, viewer: Uuid, access: Access) -> MessageView {
        let mine = self.sender_user_id == Some(viewer);
        let sender_name = match (mine, self.sender_user_id, self.sender_name) {
            (true, _, _) => "You".to_owned(),
            (false, Some(_), Some(name)) => access.show(&name),
            _ if self.message_type == MessageType::System => "Nxtgauge".to_owned(),
            _ => "Deleted account".to_owned(),
        };
        MessageView {
            id: self.id,
            sender_name,
            mine,
            body: access.show(&self.body),
            sent_at: self.sent_at,
        }
    }
}

/// The other participants' names, for a conversation row `c` and viewer `$2`.
const OTHERS_SQL: &str =
    "(SELECT string_agg(COALESCE(s.settings_json->>'display_name', u.email), ', '
                                 ORDER BY p.joined_at, p.user_id)
          FROM conversation_participants p
          JOIN users u ON u.id = p.user_id
          LEFT JOIN user_settings s ON s.user_id = u.id
         WHERE p.conversation_id = c.id AND p.user_id <> $2)";

#[derive(sqlx::FromRow)]
struct ThreadHead {
    title: Option<String>,
    context_type: String,
    lead_status: Option<ResponseStatus>,
    others: Option<String>,
}

/// The conversation as `user_id` sees it: its messages oldest first (the newest
/// [`THREAD_LIMIT`]), or only those after the message `after` (for polling).
pub async fn thread(
    pool: &PgPool,
    user_id: Uuid,
    conversation_id: Uuid,
    after: Option<Uuid>,
) -> AppResult<ThreadView> {
    let head: Option<ThreadHead> = sqlx::query_as(&format!(
        "SELECT c.title, c.context_type, lr.status AS lead_status, {OTHERS_SQL} AS others
           FROM conversations c
           JOIN conversation_participants me ON me.conversation_id = c.id AND me.user_id = $2
           LEFT JOIN lead_requests lr ON c.context_type = 'LEAD' AND lr.id = c.context_id
          WHERE c.id = $1"
    ))
    .bind(conversation_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    let Some(ThreadHead {
        title,
        context_type,
        lead_status,
        others,
    }) = head
    else {
        return Err(conversation_not_found());
    };
    let access = Access::of(&context_type, lead_status);
    let mut rows: Vec<MessageRow> = sqlx::query_as(
        "SELECT m.id, m.sender_user_id, m.message_type, m.body, m.sent_at,
                COALESCE(s.settings_json->>'display_name', u.email) AS sender_name
           FROM messages m
           LEFT JOIN users u ON u.id = m.sender_user_id
           LEFT JOIN user_settings s ON s.user_id = m.sender_user_id
          WHERE m.conversation_id = $1
            AND ($2::uuid IS NULL OR (m.sent_at, m.id) >
                 (SELECT a.sent_at, a.id FROM messages a WHERE a.id = $2 AND a.conversation_id = $1))
          ORDER BY m.sent_at DESC, m.id DESC
          LIMIT $3",
    )
    .bind(conversation_id)
    .bind(after)
    .bind(THREAD_LIMIT + 1)
    .fetch_all(pool)
    .await?;
    let has_earlier = rows.len() > THREAD_LIMIT as usize;
    rows.truncate(THREAD_LIMIT as usize);
    rows.reverse();
    Ok(ThreadView {
        id: conversation_id,
        title: title.unwrap_or_else(|| "Conversation".into()),
        with: access.show(&others.unwrap_or_default()),
        messages: rows.into_iter().map(|r| r.view(user_id, access)).collect(),
        has_earlier,
        revealed: access.revealed,
        read_only: access.read_only,
    })
}

#[derive(sqlx::FromRow)]
struct InboxRow {
    id: Uuid,
    title: Option<String>,
    context_type: String,
    lead_status: Option<ResponseStatus>,
    others: Option<String>,
    last_body: Option<String>,
    last_sender: Option<Uuid>,
    last_at: DateTime<Utc>,
    unread: i64,
}

/// `user_id`'s conversations, most recently active first (at most [`INBOX_LIMIT`]).
pub async fn inbox(pool: &PgPool, user_id: Uuid) -> AppResult<Vec<ConversationSummary>> {
    let rows: Vec<InboxRow> = sqlx::query_as(&format!(
        "SELECT c.id, c.title, c.context_type, lr.status AS lead_status, {OTHERS_SQL} AS others,
                last.body AS last_body, last.sender_user_id AS last_sender,
                COALESCE(last.sent_at, c.updated_at) AS last_at,
                (SELECT count(*) FROM messages m
                  WHERE m.conversation_id = c.id
                    AND m.sender_user_id IS DISTINCT FROM $2
                    AND (me.last_read_at IS NULL OR m.sent_at > me.last_read_at)) AS unread
           FROM conversation_participants me
           JOIN conversations c ON c.id = me.conversation_id
           LEFT JOIN lead_requests lr ON c.context_type = 'LEAD' AND lr.id = c.context_id
           LEFT JOIN LATERAL (
                SELECT m.body, m.sender_user_id, m.sent_at FROM messages m
                 WHERE m.conversation_id = c.id
                 ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) last ON true
          WHERE me.user_id = $2
          ORDER BY c.updated_at DESC, c.id DESC
          LIMIT $1"
    ))
    .bind(INBOX_LIMIT)
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let access = Access::of(&r.context_type, r.lead_status);
            ConversationSummary {
                id: r.id,
                title: r.title.unwrap_or_else(|| "Conversation".into()),
                with: access.show(&r.others.unwrap_or_default()),
                preview: r.last_body.map(|b| preview(&access.show(&b))),
                last_mine: r.last_sender == Some(user_id),
                last_at: r.last_at,
                unread: r.unread,
            }
        })
        .collect())
}

/// Messages from others in `user_id`'s conversations that arrived after their last read.
pub async fn unread_total(pool: &PgPool, user_id: Uuid) -> AppResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM conversation_participants p
           JOIN messages m ON m.conversation_id = p.conversation_id
          WHERE p.user_id = $1
            AND m.sender_user_id IS DISTINCT FROM $1
            AND (p.last_read_at IS NULL OR m.sent_at > p.last_read_at)",
    )
    .bind(user_id)
    .fetch_one(pool)
    .await?)
}

/// The header's two counts: unread messages and unread notifications.
pub async fn unread_counts(pool: &PgPool, user_id: Uuid) -> AppResult<UnreadTotals> {
    Ok(UnreadTotals {
        messages: unread_total(pool, user_id).await?,
        notifications: crate::domains::notifications::service::unread_count(pool, user_id).await?,
    })
}
