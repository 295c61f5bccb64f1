//! The professional's side: the feed of matching open leads, one lead before paying, and
//! responding (the debit, the response and its conversation in one transaction).
use super::model::{
    response_price, Feed, FeedFilter, FeedRow, LeadForPro, LeadStatus, MyResponse, ResponseInput,
    FEED_PAGE,
};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use crate::domains::audit::service::{self as audit, Action, Entry, RequestMeta};
use crate::domains::wallet::{
    model::{Direction, Reference},
    service::{self as wallet, Movement},
};
use crate::server::notify::{self, Notice, Outgoing};
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use super::service::{lead_row, lock_lead, role_label, settings, LeadRow, MODULE};
// ---------------------------------------------------------------------------
// The professional's side
// ---------------------------------------------------------------------------

/// The viewer's ACTIVE professional profiles: (id, role key, city).
async fn active_profiles(
    db: impl PgExecutor<'_>,
    user: Uuid,
) -> AppResult<Vec<(Uuid, String, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT id, role_key, location FROM user_role_profiles
          WHERE user_id = $1 AND status = 'ACTIVE' ORDER BY role_key",
    )
    .bind(user)
    .fetch_all(db)
    .await?)
}

/// OPEN leads matching the viewer's ACTIVE profiles, newest first, older than `before`
/// (the last row's approval time and id).
pub async fn feed(
    pool: &PgPool,
    user: Uuid,
    filter: &FeedFilter,
    before: Option<(DateTime<Utc>, Uuid)>,
) -> AppResult<Feed> {
    let profiles = active_profiles(pool, user).await?;
    let pattern = filter
        .q
        .as_deref()
        .map(crate::domains::approvals::queue::contains_pattern);
    let rows: Vec<FeedRow> = if profiles.is_empty() {
        Vec::new()
    } else {
        sqlx::query_as(
            "SELECT l.id, l.title, l.profession_key, l.location, l.budget_inr, l.required_date,
                    l.approved_at,
                    (SELECT count(*) FROM lead_requests r WHERE r.lead_id = l.id) AS responses,
                    EXISTS (SELECT 1 FROM lead_requests r
                             WHERE r.lead_id = l.id AND r.user_role_profile_id = p.id) AS responded,
                    COALESCE(l.requested_profile_id = p.id, false) AS requested_me
               FROM user_role_profiles p
               JOIN leads l ON l.profession_key = p.role_key AND l.status = 'OPEN'
              WHERE p.user_id = $1 AND p.status = 'ACTIVE'
                AND l.expires_at > now() AND l.created_by_user_id <> $1
                AND ($2::text IS NULL OR p.role_key = $2)
                AND (l.requested_profile_id = p.id
                     OR $3 OR l.location = COALESCE($4, p.location))
                AND ($5::text IS NULL OR l.title ILIKE $5 ESCAPE '\\' OR l.description ILIKE $5 ESCAPE '\\')
                AND ($6::timestamptz IS NULL OR (l.approved_at, l.id) < ($6, $7))
              ORDER BY l.approved_at DESC, l.id DESC
              LIMIT $8",
        )
        .bind(user)
        .bind(&filter.role)
        .bind(filter.all_cities)
        .bind(&filter.city)
        .bind(&pattern)
        .bind(before.map(|b| b.0))
        .bind(before.map(|b| b.1))
        .bind(FEED_PAGE)
        .fetch_all(pool)
        .await?
    };
    Ok(Feed {
        roles: profiles
            .into_iter()
            .map(|(_, key, city)| {
                let label = role_label(&key).to_owned();
                (key, label, city)
            })
            .collect(),
        rows,
        max_responses: settings(pool).await?.max_responses,
        balance: wallet::balance(pool, user).await?,
    })
}

/// One lead as a professional sees it: visible when OPEN and of one of their ACTIVE
/// professions, or when they responded to it.
pub async fn lead_for_pro(pool: &PgPool, user: Uuid, id: Uuid) -> AppResult<LeadForPro> {
    let lead = lead_row(pool, id)
        .await?
        .ok_or_else(|| AppError::not_found("That request"))?;
    let profile: Option<Uuid> = active_profiles(pool, user)
        .await?
        .into_iter()
        .find(|(_, role, _)| *role == lead.profession_key)
        .map(|(id, _, _)| id);
    let mine: Option<MyResponse> = sqlx::query_as(&format!(
        "{MY_RESPONSE_SELECT} WHERE r.lead_id = $1 AND p.user_id = $2"
    ))
    .bind(id)
    .bind(user)
    .fetch_optional(pool)
    .await?;
    let visible = mine.is_some()
        || (profile.is_some()
            && lead.status == LeadStatus::Open
            && lead.created_by_user_id != user);
    if !visible {
        return Err(AppError::not_found("That request"));
    }
    let responses: i64 =
        sqlx::query_scalar("SELECT count(*) FROM lead_requests WHERE lead_id = $1")
            .bind(id)
            .fetch_one(pool)
            .await?;
    let s = settings(pool).await?;
    Ok(LeadForPro {
        id: lead.id,
        price: response_price(s.prices.as_ref(), &lead.profession_key),
        profession_key: lead.profession_key,
        title: lead.title,
        description: lead.description.unwrap_or_default(),
        location: lead.location,
        budget_inr: lead.budget_inr,
        required_date: lead.required_date,
        status: lead.status,
        approved_at: lead.approved_at,
        expires_at: lead.expires_at,
        responses,
        max_responses: s.max_responses,
        balance: wallet::balance(pool, user).await?,
        mine,
    })
}

const MY_RESPONSE_SELECT: &str = "SELECT r.id, r.lead_id, l.title AS lead_title, r.status,
        r.price_tracecoins, r.quote_inr, r.opened_at IS NOT NULL AS opened, r.refund_reason,
        r.conversation_id, r.requested_at
   FROM lead_requests r
   JOIN leads l ON l.id = r.lead_id
   JOIN user_role_profiles p ON p.id = r.user_role_profile_id";

/// The professional's responses, newest first.
pub async fn my_responses(pool: &PgPool, user: Uuid) -> AppResult<Vec<MyResponse>> {
    Ok(sqlx::query_as(&format!(
        "{MY_RESPONSE_SELECT} WHERE p.user_id = $1 ORDER BY r.requested_at DESC LIMIT 200"
    ))
    .bind(user)
    .fetch_all(pool)
    .await?)
}

/// A committed response.
#[derive(Debug)]
pub struct Responded {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub balance_after: i32,
    pub outgoing: Outgoing,
}

/// Responds to an OPEN lead: checks the profile, the limit and the price, debits the
/// wallet, records the response and opens its conversation, in one transaction. A
/// refused debit (too few tracecoins) changes nothing.
pub async fn send_response(
    pool: &PgPool,
    user: &CurrentUser,
    lead_id: Uuid,
    input: &ResponseInput,
    meta: &RequestMeta,
) -> AppResult<Responded> {
    let mut tx = pool.begin().await?;
    // The lead row lock serialises responses to one lead: the count below is exact.
    let Some(LeadRow {
        status,
        profession_key: profession,
        expires_at,
        created_by_user_id: owner,
        title,
        ..
    }) = lock_lead(&mut tx, lead_id).await?
    else {
        return Err(AppError::not_found("That request"));
    };
    let profile: Option<(Uuid, String)> = sqlx::query_as(
        "SELECT id, display_name FROM user_role_profiles
          WHERE user_id = $1 AND role_key = $2 AND status = 'ACTIVE'",
    )
    .bind(user.id)
    .bind(&profession)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((profile_id, pro_name)) = profile else {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            format!(
                "You need an approved {} profile to respond to this request.",
                role_label(&profession)
            ),
        ));
    };
    if owner == user.id {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This is your own request.",
        ));
    }
    if status != LeadStatus::Open || expires_at.is_none_or(|e| e <= Utc::now()) {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This request is no longer taking responses.",
        ));
    }
    let already: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM lead_requests WHERE lead_id = $1 AND user_role_profile_id = $2)",
    )
    .bind(lead_id)
    .bind(profile_id)
    .fetch_one(&mut *tx)
    .await?;
    if already {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "You have already responded to this request.",
        ));
    }
    let s = settings(&mut *tx).await?;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM lead_requests WHERE lead_id = $1")
        .bind(lead_id)
        .fetch_one(&mut *tx)
        .await?;
    if count >= i64::from(s.max_responses) {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!(
                "This request already has {} responses, the most it takes. Nothing was charged.",
                s.max_responses
            ),
        ));
    }
    let price = response_price(s.prices.as_ref(), &profession);
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO lead_requests (lead_id, user_role_profile_id, remarks, price_tracecoins, quote_inr)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(lead_id)
    .bind(profile_id)
    .bind(&input.message)
    .bind(price)
    .bind(input.quote_inr)
    .fetch_one(&mut *tx)
    .await?;
    let balance_after = if price > 0 {
        let key = format!("lead-response:{id}");
        wallet::apply(
            &mut tx,
            &Movement {
                user_id: user.id,
                direction: Direction::Debit,
                amount: price,
                reference: Reference::Lead,
                reference_id: Some(lead_id),
                remarks: Some(&format!(
                    "Response to \u{201c}{}\u{201d}",
                    crate::core::validation::ellipsize(&title, 80)
                )),
                idempotency_key: &key,
                actor: Some(user.id),
            },
            meta,
        )
        .await?
        .balance_after
    } else {
        wallet::balance(&mut *tx, user.id).await?
    };
    let conversation_id = crate::domains::messaging::service::start(
        &mut tx,
        "LEAD",
        id,
        &title,
        &[(owner, "OWNER"), (user.id, "MEMBER")],
        Some((user.id, &input.message)),
    )
    .await?;
    sqlx::query("UPDATE lead_requests SET conversation_id = $2 WHERE id = $1")
        .bind(id)
        .bind(conversation_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user.id),
            Action::Create,
            "lead_request",
            Some(id),
            MODULE,
            format!("responded to a lead for {price} tracecoins"),
            meta,
        )
        .label(title.clone()),
    )
    .await?;
    let outgoing = notify::record(
        &mut tx,
        Notice {
            user_id: owner,
            template_key: "lead_response_received",
            title: format!("{pro_name} responded to \u{201c}{title}\u{201d}"),
            body: "Compare the responses and accept the one you like.".into(),
            entity_type: "lead",
            entity_id: lead_id,
            link_path: Some(format!("/leads/{lead_id}")),
            vars: vec![("lead", title), ("sender", pro_name)],
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(lead = %lead_id, response = %id, price, "lead response");
    Ok(Responded {
        id,
        conversation_id,
        balance_after,
        outgoing,
    })
}
