//! Fair-lead refunds: a response's tracecoins come back when the customer declines it
//! unread, does not open it in time, withdraws the lead, lets it expire unanswered, or
//! staff flag the lead as fake. Run by the `leads` job queue (`server::queue`), in the
//! worker's transaction.
//!
//! A refund happens at most once per response, whoever asks and however often: the
//! response row is locked and marked (`refunded_at`, `refund_reason`), and the wallet
//! credit carries the idempotency key `refund:{response id}`.
use super::model::RefundReason;
use super::service::settings;
use crate::core::AppResult;
use crate::domains::audit::service::RequestMeta;
use crate::domains::wallet::{
    model::{Direction, Reference},
    service::{self as wallet, Movement},
};
use crate::server::notify::{self, Notice, Outgoing};
use sqlx::PgConnection;
use uuid::Uuid;

/// Responses one sweep handles at most per kind; the next sweep takes the rest.
const SWEEP_BATCH: i64 = 500;

#[derive(sqlx::FromRow)]
struct RefundRow {
    price_tracecoins: i32,
    refunded_at: Option<chrono::DateTime<chrono::Utc>>,
    lead_id: Uuid,
    title: String,
    user_id: Uuid,
}

/// Refunds one response (a no-op when it was refunded before or no longer exists) and
/// returns the professional's e-mail to send after commit.
pub async fn refund(
    conn: &mut PgConnection,
    lead_request_id: Uuid,
    reason: RefundReason,
) -> AppResult<Option<Outgoing>> {
    let row: Option<RefundRow> = sqlx::query_as(
        "SELECT lr.price_tracecoins, lr.refunded_at, lr.lead_id, l.title, p.user_id
           FROM lead_requests lr
           JOIN leads l ON l.id = lr.lead_id
           JOIN user_role_profiles p ON p.id = lr.user_role_profile_id
          WHERE lr.id = $1
          FOR UPDATE OF lr",
    )
    .bind(lead_request_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(RefundRow {
        price_tracecoins: price,
        refunded_at,
        lead_id,
        title,
        user_id: pro_user,
    }) = row
    else {
        return Ok(None);
    };
    if refunded_at.is_some() {
        return Ok(None);
    }
    sqlx::query("UPDATE lead_requests SET refunded_at = now(), refund_reason = $2 WHERE id = $1")
        .bind(lead_request_id)
        .bind(reason.as_str())
        .execute(&mut *conn)
        .await?;
    if price == 0 {
        return Ok(None);
    }
    let remarks = format!("Refund for \u{201c}{title}\u{201d}: {}", reason.explain());
    let key = format!("refund:{lead_request_id}");
    wallet::apply(
        conn,
        &Movement {
            user_id: pro_user,
            direction: Direction::Credit,
            amount: price,
            reference: Reference::Lead,
            reference_id: Some(lead_id),
            remarks: Some(&truncate(
                &remarks,
                crate::domains::wallet::model::REMARKS_MAX,
            )),
            idempotency_key: &key,
            actor: None,
        },
        &RequestMeta::default(),
    )
    .await?;
    tracing::info!(response = %lead_request_id, reason = reason.as_str(), price, "response refunded");
    let outgoing = notify::record(
        conn,
        Notice {
            user_id: pro_user,
            template_key: "lead_refund",
            title: format!("{price} tracecoins refunded"),
            body: format!(
                "For your response to \u{201c}{title}\u{201d}: {}",
                reason.explain()
            ),
            entity_type: "wallet",
            entity_id: lead_request_id,
            link_path: Some("/wallet".into()),
            vars: vec![
                ("amount", price.to_string()),
                ("lead", title),
                ("reason", reason.explain().to_owned()),
            ],
        },
    )
    .await?;
    Ok(Some(outgoing))
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// One sweep: closes OPEN leads past their expiry and refunds their unanswered
/// responses, then refunds responses nobody opened within the configured hours. Rows
/// another worker is handling are skipped (`SKIP LOCKED`), never waited for.
pub async fn sweep(conn: &mut PgConnection) -> AppResult<Vec<Outgoing>> {
    let mut outgoing = Vec::new();
    let expired: Vec<Uuid> = sqlx::query_scalar(
        "UPDATE leads SET status = 'CLOSED', close_reason = 'EXPIRED', closed_at = now()
          WHERE id IN (SELECT id FROM leads
                        WHERE status = 'OPEN' AND expires_at <= now()
                        ORDER BY expires_at LIMIT $1
                        FOR UPDATE SKIP LOCKED)
         RETURNING id",
    )
    .bind(SWEEP_BATCH)
    .fetch_all(&mut *conn)
    .await?;
    if !expired.is_empty() {
        tracing::info!(count = expired.len(), "leads expired");
    }
    let unanswered: Vec<Uuid> = sqlx::query_scalar(
        "SELECT id FROM lead_requests
          WHERE lead_id = ANY($1) AND status = 'PENDING' AND refunded_at IS NULL
          FOR UPDATE SKIP LOCKED",
    )
    .bind(&expired)
    .fetch_all(&mut *conn)
    .await?;
    for id in unanswered {
        outgoing.extend(refund(conn, id, RefundReason::Expired).await?);
    }
    let hours = settings(&mut *conn).await?.unopened_refund_hours;
    let unopened: Vec<Uuid> = sqlx::query_scalar(
        "SELECT id FROM lead_requests
          WHERE status = 'PENDING' AND opened_at IS NULL AND refunded_at IS NULL
            AND requested_at <= now() - make_interval(hours => $1)
          ORDER BY requested_at LIMIT $2
          FOR UPDATE SKIP LOCKED",
    )
    .bind(hours)
    .bind(SWEEP_BATCH)
    .fetch_all(&mut *conn)
    .await?;
    for id in unopened {
        outgoing.extend(refund(conn, id, RefundReason::NotOpened).await?);
    }
    Ok(outgoing)
}
