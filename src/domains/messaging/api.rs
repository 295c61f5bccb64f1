//! Server functions of the inbox, the thread and the header's unread counts. Each
//! one acts as the signed-in user only; the service refuses conversations they are
//! not part of.
use super::model::{ConversationSummary, MessageView, ThreadView, UnreadTotals};
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

/// The caller's conversations, most recently active first.
#[server(endpoint = "messages/inbox")]
pub async fn load_inbox() -> Result<Vec<ConversationSummary>, AppError> {
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        super::service::inbox(cx.pool(), session.user_id).await
    })
    .await
}

/// One conversation: all its (newest) messages, or those after the message `after`.
#[server(endpoint = "messages/thread", input = leptos::server_fn::codec::Json)]
pub async fn load_thread(id: Uuid, after: Option<Uuid>) -> Result<ThreadView, AppError> {
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        super::service::thread(cx.pool(), session.user_id, id, after).await
    })
    .await
}

/// Posts a message (the thread's form: `conversation_id`, `body`) and returns it.
/// The recipients' e-mails go out after the commit, without holding up the answer.
#[server(endpoint = "messages/send")]
pub async fn send_message(conversation_id: Uuid, body: String) -> Result<MessageView, AppError> {
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        let posted =
            super::service::post(cx.pool(), session.user_id, conversation_id, &body).await?;
        if !posted.outgoing.is_empty() {
            let (pool, config) = (cx.state.pool.clone(), cx.state.config.clone());
            tokio::spawn(async move {
                for mail in posted.outgoing {
                    mail.send(&pool, &config).await;
                }
            });
        }
        Ok(posted.message)
    })
    .await
}

/// The caller has read the conversation up to now.
#[server(endpoint = "messages/read")]
pub async fn mark_conversation_read(id: Uuid) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        super::service::mark_read(cx.pool(), session.user_id, id).await
    })
    .await
}

/// Unread messages and notifications, for the header.
#[server(endpoint = "messages/unread")]
pub async fn unread_counts() -> Result<UnreadTotals, AppError> {
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        super::service::unread_counts(cx.pool(), session.user_id).await
    })
    .await
}
