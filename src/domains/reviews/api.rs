//! Server functions of the review pages: signed-in user → rules → service; e-mails go
//! out after commit.
use super::model::{ReplyView, ReviewQueue, ReviewsPage, WriteContext};
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {
    pub use super::super::model::{public_path, write_path, EntityType};

    pub use crate::domains::reviews::service;
}

/// The write-a-review page for `?profile={slug}` or `?company={slug}`: refused with the
/// reason unless the signed-in user may review it and has not yet.
#[server(endpoint = "reviews/write")]
pub async fn load_write_review(
    #[server(default)] profile: Option<String>,
    #[server(default)] company: Option<String>,
) -> Result<WriteContext, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let (entity, slug) = match (profile.filter(|s| !s.trim().is_empty()), company) {
            (Some(slug), _) => (EntityType::Professional, slug),
            (None, Some(slug)) if !slug.trim().is_empty() => (EntityType::Company, slug),
            _ => return Err(AppError::not_found("The professional or company to review")),
        };
        let user = cx.user().await?;
        let party = service::write_context(cx.pool(), user.id, entity, slug.trim()).await?;
        Ok(WriteContext {
            entity_type: entity.as_str().to_owned(),
            entity_id: party.id,
            page_path: public_path(entity, &party.slug),
            name: party.name,
        })
    })
    .await
}

/// Sends a review for moderation. Answers the public page of the reviewed party.
#[server(endpoint = "reviews/submit")]
pub async fn submit_review(
    entity_type: String,
    entity_id: Uuid,
    #[server(default)] rating: String,
    #[server(default)] text: String,
) -> Result<String, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let entity = EntityType::require(&entity_type)?;
        let user = cx.user().await?;
        let input = super::model::ReviewInput::parse(&super::model::ReviewForm { rating, text })?;
        service::submit(cx.pool(), &user, entity, entity_id, &input, &cx.meta).await?;
        let mut conn = cx.state.pool.acquire().await?;
        Ok(service::party(&mut conn, entity, entity_id)
            .await?
            .map(|p| public_path(entity, &p.slug))
            .unwrap_or_else(|| "/".into()))
    })
    .await
}

/// A page of a party's published reviews (`before`: the previous page's `next`) and what
/// the viewer may do. (The rating summary is on the public page itself.)
#[server(endpoint = "reviews/list")]
pub async fn load_reviews(
    entity_type: String,
    entity_id: Uuid,
    #[server(default)] before: Option<String>,
) -> Result<ReviewsPage, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let entity = EntityType::require(&entity_type)?;
        let viewer = cx.session().map(|s| s.user_id);
        let party = {
            let mut conn = cx.state.pool.acquire().await?;
            service::party(&mut conn, entity, entity_id)
                .await?
                .ok_or_else(|| AppError::not_found("That page"))?
        };
        let cursor = before.as_deref().and_then(super::model::parse_cursor);
        let page = service::published(cx.pool(), entity, entity_id, cursor, viewer).await?;
        let owner = viewer == Some(party.owner);
        Ok(ReviewsPage {
            items: page.items,
            next: page.next,
            page_path: public_path(entity, &party.slug),
            write_href: (!owner).then(|| write_path(entity, &party.slug)),
            entity_name: party.name,
            signed_in: viewer.is_some(),
            owner,
        })
    })
    .await
}

/// The reviewed party's one reply to a published review.
#[server(endpoint = "reviews/reply")]
pub async fn reply_to_review(
    review_id: Uuid,
    #[server(default)] text: String,
) -> Result<ReplyView, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        let text = super::model::parse_reply(&text)?;
        service::reply(cx.pool(), &user, review_id, &text, &cx.meta).await
    })
    .await
}

/// Reports a published review to the moderators.
#[server(endpoint = "reviews/report")]
pub async fn report_review(
    review_id: Uuid,
    #[server(default)] reason: String,
    #[server(default)] details: String,
) -> Result<Uuid, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        let input =
            super::model::ReportInput::parse(&super::model::ReportForm { reason, details })?;
        service::report(cx.pool(), &user, review_id, &input, &cx.meta).await
    })
    .await
}

/// The moderation queue (`tab` "pending" or "reported"), for `reviews.moderate`.
#[server(endpoint = "reviews/queue")]
pub async fn load_review_queue(#[server(default)] tab: String) -> Result<ReviewQueue, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        let filter = super::model::QueueFilter::parse(&tab);
        let items = service::queue(cx.pool(), &user, filter).await?;
        let (pending, reported) = service::queue_counts(cx.pool(), &user).await?;
        Ok(ReviewQueue {
            items,
            pending,
            reported,
        })
    })
    .await
}

/// How many reviews wait for the signed-in moderator: (pending, reported); None for
/// people without `reviews.moderate`.
#[server(endpoint = "reviews/queue-counts")]
pub async fn load_review_queue_counts() -> Result<Option<(i64, i64)>, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        if !user.can(crate::core::capability::MODERATE_REVIEWS) {
            return Ok(None);
        }
        Ok(Some(service::queue_counts(cx.pool(), &user).await?))
    })
    .await
}

/// Publishes (`decision` "PUBLISH") or hides ("HIDE", `reason` required) a review.
/// Answers the review's status.
#[server(endpoint = "reviews/moderate")]
pub async fn moderate_review(
    review_id: Uuid,
    #[server(default)] decision: String,
    #[server(default)] reason: String,
) -> Result<super::model::ReviewStatus, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        user.require(crate::core::capability::MODERATE_REVIEWS)?;
        let input = super::model::ModerationInput::parse(&decision, &reason)?;
        let done = service::moderate(cx.pool(), &user, review_id, &input, &cx.meta).await?;
        for mail in done.outgoing {
            mail.send(cx.pool(), &cx.state.config).await;
        }
        Ok(done.status)
    })
    .await
}
