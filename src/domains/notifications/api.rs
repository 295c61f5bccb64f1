//! Server functions of `/notifications`; each acts on the signed-in user's rows only.
use super::model::NotificationsPage;
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

/// One page of the caller's notifications, newest first, older than `before`.
#[server(endpoint = "notifications/list", input = leptos::server_fn::codec::Json)]
pub async fn load_notifications(before: Option<Uuid>) -> Result<NotificationsPage, AppError> {
    crate::server::call::handle(|cx| async move {
        use super::model::PAGE;
        use super::service;
        let session = cx.signed_in()?;
        let mut items = service::list(cx.pool(), session.user_id, before, PAGE + 1).await?;
        let older = (items.len() > PAGE as usize)
            .then(|| items.get(PAGE as usize - 1).map(|n| n.id))
            .flatten();
        items.truncate(PAGE as usize);
        Ok(NotificationsPage {
            items,
            older,
            unread: service::unread_count(cx.pool(), session.user_id).await?,
        })
    })
    .await
}

/// Marks one of the caller's notifications read.
#[server(endpoint = "notifications/read")]
pub async fn mark_notification_read(id: Uuid) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        super::service::mark_read(cx.pool(), session.user_id, id).await
    })
    .await
}

/// Marks all the caller's notifications read; answers how many were unread.
#[server(endpoint = "notifications/read_all")]
pub async fn mark_all_notifications_read() -> Result<u64, AppError> {
    crate::server::call::handle(|cx| async move {
        let session = cx.signed_in()?;
        super::service::mark_all_read(cx.pool(), session.user_id).await
    })
    .await
}
