//! Server functions of the lead pages: signed-in user → rules → service; e-mails go out
//! after commit.
use super::model::{Feed, LeadForPro, LeadView, MyLeadRow, MyResponse};
use crate::core::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr {

    pub use crate::domains::leads::service;
    pub use crate::server::context::app_state;
    pub use crate::server::notify::Outgoing;

    pub async fn send_all(state: &crate::server::state::AppState, outgoing: Vec<Outgoing>) {
        for mail in outgoing {
            mail.send(&state.pool, &state.config).await;
        }
    }
    pub use crate::core::time::today_ist;
}

/// What the "request a quote" link prefills: the professional's profession, city and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotePrefill {
    pub slug: String,
    pub profession: String,
    pub city: Option<String>,
    pub name: String,
}

/// Creates or edits a draft lead; `intent` "submit" sends it for review. Answers its id.
#[server(endpoint = "leads/save")]
pub async fn save_lead(
    #[server(default)] id: Option<Uuid>,
    #[server(flatten)] form: super::model::LeadForm,
    #[server(default)] requested: Option<String>,
    #[server(default)] intent: String,
) -> Result<Uuid, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        let input = super::model::LeadInput::parse(&form, today_ist())?;
        service::save(
            cx.pool(),
            &user,
            id,
            &input,
            requested.as_deref(),
            intent == "submit",
            &cx.meta,
        )
        .await
    })
    .await
}

/// The prefill of "request a quote" from a public profile.
#[server(endpoint = "leads/prefill")]
pub async fn load_quote_prefill(slug: String) -> Result<Option<QuotePrefill>, AppError> {
    crate::server::call::handle(|cx| async move {
        let row: Option<(String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT slug, role_key, location, display_name FROM user_role_profiles
                  WHERE slug = $1 AND status = 'ACTIVE'",
        )
        .bind(slug.trim())
        .fetch_optional(cx.pool())
        .await?;
        Ok(row.map(|(slug, profession, city, name)| QuotePrefill {
            slug,
            profession,
            city,
            name,
        }))
    })
    .await
}

#[server(endpoint = "leads/mine")]
pub async fn load_my_leads() -> Result<Vec<MyLeadRow>, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::my_leads(&app_state()?.pool, session.user_id).await
    })
    .await
}

#[server(endpoint = "leads/one")]
pub async fn load_my_lead(id: Uuid) -> Result<LeadView, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::lead_for_owner(&app_state()?.pool, session.user_id, id).await
    })
    .await
}

/// The customer opens (reads) a response.
#[server(endpoint = "leads/open-response")]
pub async fn open_lead_response(id: Uuid) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::open_response(&app_state()?.pool, session.user_id, id).await
    })
    .await
}

/// The customer accepts (`decision` "accept") or declines ("reject") a response.
#[server(endpoint = "leads/answer")]
pub async fn answer_response(id: Uuid, decision: String) -> Result<String, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let accept = match decision.as_str() {
            "accept" => true,
            "reject" => false,
            _ => return Err(AppError::field("decision", "Choose Accept or Decline.")),
        };
        let user = cx.user().await?;
        let out = service::decide_response(cx.pool(), &cx.state.queue, &user, id, accept, &cx.meta)
            .await?;
        send_all(&cx.state, out).await;
        Ok(decision)
    })
    .await
}

/// The customer withdraws (`action` "withdraw") or closes ("close") a lead.
#[server(endpoint = "leads/end")]
pub async fn end_lead(id: Uuid, action: String) -> Result<String, AppError> {
    crate::server::call::handle(|cx| async move {
        use super::model::CloseReason;
        use ssr::*;
        let reason = match action.as_str() {
            "withdraw" => CloseReason::Withdrawn,
            "close" => CloseReason::Closed,
            _ => return Err(AppError::field("action", "Choose Withdraw or Close.")),
        };
        let user = cx.user().await?;
        let out = service::end(cx.pool(), &cx.state.queue, &user, id, reason, &cx.meta).await?;
        send_all(&cx.state, out).await;
        Ok(action)
    })
    .await
}

/// Staff flag a lead as fake (capability `leads.flag`).
#[server(endpoint = "leads/flag")]
pub async fn flag_lead(id: Uuid, #[server(default)] remarks: String) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        service::flag_fake(cx.pool(), &cx.state.queue, &user, id, &remarks, &cx.meta).await
    })
    .await
}

/// May the signed-in user flag leads as fake?
#[server(endpoint = "leads/can-flag")]
pub async fn can_flag_leads() -> Result<bool, AppError> {
    crate::server::call::handle(|cx| async move {
        Ok(cx.user().await?.can(crate::core::capability::FLAG_LEADS))
    })
    .await
}

/// The professional's feed. `city` is a city name, "all", or empty for each profile's
/// own city; `before` is the cursor of the previous page ("{rfc3339}_{uuid}").
#[server(endpoint = "leads/feed")]
pub async fn load_feed(
    #[server(default)] role: Option<String>,
    #[server(default)] city: Option<String>,
    #[server(default)] q: Option<String>,
    #[server(default)] before: Option<String>,
) -> Result<Feed, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        let filter = super::model::FeedFilter::from_query(role, city, q);
        let before = before.as_deref().and_then(super::model::parse_feed_cursor);
        service::feed(&app_state()?.pool, session.user_id, &filter, before).await
    })
    .await
}

#[server(endpoint = "leads/for-pro")]
pub async fn load_pro_lead(id: Uuid) -> Result<LeadForPro, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::lead_for_pro(&app_state()?.pool, session.user_id, id).await
    })
    .await
}

/// What responding did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseSent {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub balance_after: i32,
}

#[server(endpoint = "leads/respond")]
pub async fn respond_to_lead(
    lead_id: Uuid,
    #[server(default)] quote: String,
    #[server(default)] message: String,
) -> Result<ResponseSent, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let user = cx.user().await?;
        let input =
            super::model::ResponseInput::parse(&super::model::ResponseForm { quote, message })?;
        let done = service::send_response(cx.pool(), &user, lead_id, &input, &cx.meta).await?;
        done.outgoing.send(cx.pool(), &cx.state.config).await;
        Ok(ResponseSent {
            id: done.id,
            conversation_id: done.conversation_id,
            balance_after: done.balance_after,
        })
    })
    .await
}

#[server(endpoint = "leads/my-responses")]
pub async fn load_my_responses() -> Result<Vec<MyResponse>, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::my_responses(&app_state()?.pool, session.user_id).await
    })
    .await
}
