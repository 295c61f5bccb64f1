//! Server functions of the review pages: signed-in user → rules → service; e-mails go
//! out after commit.
use super::model::{ReplyView, ReviewQueue, ReviewsPage, WriteContext};
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {
    pub use super::super::model::{public_path, write_path, EntityType};
    pub use crate::domains::access::service::current_user;
    pub use crate::domains::reviews::service;
    pub use crate::server::context::{app_state, request_meta, session_user};
}

/// The write-a-review page for `?profile={slug}` or `?company={slug}`: refused with the
/// reason unless the signed-in user may review it and has not yet.
#[server(endpoint = "reviews/write")]
pub async fn load_write_review(
    #[server(default)] profile: Option<String>,
    #[server(default)] company: Option<String>,
) -> Result<WriteContext, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let (entity, slug) = match (profile.filter(|s| !s.trim().is_empty()), company) {
                (Some(slug), _) => (EntityType::Professional, slug),
                (None, Some(slug)) if !slug.trim().is_empty() => (EntityType::Company, slug),
                _ => return Err(AppError::not_found("The professional or company to review")),
            };
            let user = current_user().await?;
            let state = app_state()?;
            let party = service::write_context(&state.pool, user.id, entity, slug.trim()).await?;
            Ok(WriteContext {
                entity_type: entity.as_str().to_owned(),
                entity_id: party.id,
                page_path: public_path(entity, &party.slug),
                name: party.name,
            })
        }
        .await,
    )
}

/// Sends a review for moderation. Answers the public page of the reviewed party.
#[server(endpoint = "reviews/submit")]
pub async fn submit_review(
    entity_type: String,
    entity_id: Uuid,
    #[server(default)] rating: String,
    #[server(default)] text: String,
) -> Result<String, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let entity = EntityType::require(&entity_type)?;
            let user = current_user().await?;
            let input =
                super::model::ReviewInput::parse(&super::model::ReviewForm { rating, text })?;
            let state = app_state()?;
            let meta = request_meta(state.config.trust_proxy);
            service::submit(&state.pool, &user, entity, entity_id, &input, &meta).await?;
            let mut conn = state.pool.acquire().await?;
            Ok(service::party(&mut conn, entity, entity_id)
                .await?
                .map(|p| public_path(entity, &p.slug))
                .unwrap_or_else(|| "/".into()))
        }
        .await,
    )
}

/// A page of a party's published reviews (`before`: the previous page's `next`); the
/// first page also carries the rating summary and what the viewer may do.
#[server(endpoint = "reviews/list")]
pub async fn load_reviews(
    entity_type: String,
    entity_id: Uuid,
    #[server(default)] before: Option<String>,
) -> Result<ReviewsPage, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let entity = EntityType::require(&entity_type)?;
            let viewer = session_user().map(|s| s.user_id);
            let state = app_state()?;
            let party = {
                let mut conn = state.pool.acquire().await?;
                service::party(&mut conn, entity, entity_id)
                    .await?
                    .ok_or_else(|| AppError::not_found("That page"))?
            };
            let cursor = before.as_deref().and_then(super::model::parse_cursor);
            let page = service::published(&state.pool, entity, entity_id, cursor, viewer).await?;
            let summary = if cursor.is_none() {
                Some(service::summary(&state.pool, entity, entity_id).await?)
            } else {
                None
            };
            let owner = viewer == Some(party.owner);
            Ok(ReviewsPage {
                items: page.items,
                next: page.next,
                summary,
                page_path: public_path(entity, &party.slug),
                write_href: (!owner).then(|| write_path(entity, &party.slug)),
                entity_name: party.name,
                signed_in: viewer.is_some(),
                owner,
            })
        }
        .await,
    )
}

/// The reviewed party's one reply to a published review.
#[server(endpoint = "reviews/reply")]
pub async fn reply_to_review(
    review_id: Uuid,
    #[server(default)] text: String,
) -> Result<ReplyView, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            let text = super::model::parse_reply(&text)?;
            let state = app_state()?;
            let meta = request_meta(state.config.trust_proxy);
            service::reply(&state.pool, &user, review_id, &text, &meta).await
        }
        .await,
    )
}

/// Reports a published review to the moderators.
#[server(endpoint = "reviews/report")]
pub async fn report_review(
    review_id: Uuid,
    #[server(default)] reason: String,
    #[server(default)] details: String,
) -> Result<Uuid, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            let input =
                super::model::ReportInput::parse(&super::model::ReportForm { reason, details })?;
            let state = app_state()?;
            let meta = request_meta(state.config.trust_proxy);
            service::report(&state.pool, &user, review_id, &input, &meta).await
        }
        .await,
    )
}

/// The moderation queue (`tab` "pending" or "reported"), for `reviews.moderate`.
#[server(endpoint = "reviews/queue")]
pub async fn load_review_queue(#[server(default)] tab: String) -> Result<ReviewQueue, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            let state = app_state()?;
            let filter = super::model::QueueFilter::parse(&tab);
            let items = service::queue(&state.pool, &user, filter).await?;
            let (pending, reported) = service::queue_counts(&state.pool, &user).await?;
            Ok(ReviewQueue {
                items,
                pending,
                reported,
            })
        }
        .await,
    )
}

/// How many reviews wait for the signed-in moderator: (pending, reported); None for
/// people without `reviews.moderate`.
#[server(endpoint = "reviews/queue-counts")]
pub async fn load_review_queue_counts() -> Result<Option<(i64, i64)>, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            if !user.can(service::MODERATE) {
                return Ok(None);
            }
            let state = app_state()?;
            Ok(Some(service::queue_counts(&state.pool, &user).await?))
        }
        .await,
    )
}

/// Publishes (`decision` "PUBLISH") or hides ("HIDE", `reason` required) a review.
/// Answers the review's status.
#[server(endpoint = "reviews/moderate")]
pub async fn moderate_review(
    review_id: Uuid,
    #[server(default)] decision: String,
    #[server(default)] reason: String,
) -> Result<String, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let user = current_user().await?;
            user.require(service::MODERATE)?;
            let input = super::model::ModerationInput::parse(&decision, &reason)?;
            let state = app_state()?;
            let meta = request_meta(state.config.trust_proxy);
            let done = service::moderate(&state.pool, &user, review_id, &input, &meta).await?;
            for mail in done.outgoing {
                mail.send(&state.pool, &state.config).await;
            }
            Ok(done.status)
        }
        .await,
    )
}
