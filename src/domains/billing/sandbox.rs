//! The sandbox gateway: a local stand-in for a payment provider, the default gateway in
//! development and demos. It behaves like a real one, end to end:
//!
//! 1. checkout creates a sandbox **order** (its own books, `sandbox_gateway_orders`);
//! 2. the buyer lands on its **hosted pay page** (`/sandbox/pay/{order}`, plain HTML like
//!    any provider's page) and clicks "Pay" or "Fail";
//! 3. the sandbox sends a **signed webhook** (`POST /webhooks/sandbox`, body signed with
//!    HMAC-SHA256 in `X-Sandbox-Signature`, event id in the body) and **redirects** the
//!    buyer back (`/billing/return?…&signature=`, HMAC-SHA256 of
//!    `order_ref|payment_ref|status`, as Razorpay signs `order_id|payment_id`).
//!
//! Whichever of the two arrives first settles the payment (`settle`); the other changes
//! nothing. The webhook is sent from a task a moment after the redirect, as a provider's
//! would be, so the return usually wins and the webhook is the replay.
//!
//! It moves no money: the secret (`NXG_SANDBOX_SECRET`, with a fixed default) only makes
//! the signatures real, and staff switch the gateway to Razorpay or Stripe for live
//! payments.
use super::payment::{Outcome, Started};
use super::settle;
use crate::core::{AppError, AppResult, ErrorCode};
use crate::server::state::AppState;
use axum::{
    body::Bytes,
    extract::{Form, Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::json;
use sha2::Sha256;
use sqlx::PgConnection;
use uuid::Uuid;

pub const SIGNATURE_HEADER: &str = "x-sandbox-signature";

/// The signing secret.
pub fn secret() -> String {
    std::env::var("NXG_SANDBOX_SECRET").unwrap_or_else(|_| "nxtgauge-sandbox-secret".into())
}

/// HMAC-SHA256 of `data` under `secret`, in hex.
pub fn sign(secret: &str, data: &[u8]) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(data);
    hex::encode(mac.finalize().into_bytes())
}

/// Whether `signature` (hex) is `data`'s, compared in constant time.
pub fn verify(secret: &str, data: &[u8], signature: &str) -> bool {
    let Ok(expected) = hex::decode(signature.trim()) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(data);
    mac.verify_slice(&expected).is_ok()
}

fn token(prefix: &str) -> String {
    format!("{prefix}_{}", Uuid::new_v4().simple())
}

/// The sandbox's side of "create an order": it records what to collect.
pub async fn create_order(
    conn: &mut PgConnection,
    payment_id: Uuid,
    amount: i64,
) -> AppResult<Started> {
    let id = token("sbo");
    sqlx::query("INSERT INTO sandbox_gateway_orders (id, receipt, amount) VALUES ($1, $2, $3)")
        .bind(&id)
        .bind(payment_id.to_string())
        .bind(amount)
        .execute(conn)
        .await?;
    Ok(Started {
        pay_url: format!("/sandbox/pay/{id}"),
        response: json!({ "id": id, "amount": amount, "currency": "INR", "status": "created" }),
        order_ref: id,
    })
}

/// The signature of a return to the shop.
fn return_payload(order_ref: &str, payment_ref: &str, status: &str) -> String {
    format!("{order_ref}|{payment_ref}|{status}")
}

/// What a verified webhook or return says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The webhook's event id (`None` for a return).
    pub event_id: Option<String>,
    pub order_ref: String,
    pub outcome: Outcome,
}

fn outcome(status: &str, payment_ref: String, amount: i64) -> AppResult<Outcome> {
    match status {
        "paid" => Ok(Outcome::Captured {
            payment_ref,
            amount,
        }),
        "failed" => Ok(Outcome::Failed {
            payment_ref,
            reason: "The payment was declined in the sandbox.".into(),
        }),
        _ => Err(bad_signature()),
    }
}

fn bad_signature() -> AppError {
    AppError::new(
        ErrorCode::Forbidden,
        "The payment notice could not be verified.",
    )
}

/// Checks a webhook: the signature over the raw body, then its fields.
pub fn verify_webhook(secret: &str, headers: &HeaderMap, body: &[u8]) -> AppResult<Event> {
    let signature = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !verify(secret, body, signature) {
        return Err(bad_signature());
    }
    #[derive(Deserialize)]
    struct Body {
        id: String,
        order_id: String,
        payment_id: String,
        status: String,
        amount: i64,
    }
    let b: Body = serde_json::from_slice(body).map_err(|_| bad_signature())?;
    Ok(Event {
        event_id: Some(b.id),
        outcome: outcome(&b.status, b.payment_id, b.amount)?,
        order_ref: b.order_id,
    })
}

/// The query of a return to the shop.
#[derive(Debug, Clone, Deserialize)]
pub struct ReturnQuery {
    pub order_ref: String,
    pub payment_ref: String,
    pub status: String,
    pub signature: String,
}

/// Checks a return. The amount is the sandbox order's (a return carries none).
pub async fn verify_return(
    conn: &mut PgConnection,
    secret: &str,
    q: &ReturnQuery,
) -> AppResult<Event> {
    let payload = return_payload(&q.order_ref, &q.payment_ref, &q.status);
    if !verify(secret, payload.as_bytes(), &q.signature) {
        return Err(bad_signature());
    }
    let amount: i64 = sqlx::query_scalar("SELECT amount FROM sandbox_gateway_orders WHERE id = $1")
        .bind(&q.order_ref)
        .fetch_optional(conn)
        .await?
        .ok_or_else(bad_signature)?;
    Ok(Event {
        event_id: None,
        order_ref: q.order_ref.clone(),
        outcome: outcome(&q.status, q.payment_ref.clone(), amount)?,
    })
}

/// What the sandbox knows of `order_ref` (for the reconciler): `None` while unpaid.
pub async fn status(conn: &mut PgConnection, order_ref: &str) -> AppResult<Option<Outcome>> {
    let row: Option<(String, Option<String>, i64)> = sqlx::query_as(
        "SELECT status, payment_ref, amount FROM sandbox_gateway_orders WHERE id = $1",
    )
    .bind(order_ref)
    .fetch_optional(conn)
    .await?;
    Ok(match row {
        Some((status, Some(payment_ref), amount)) if status != "CREATED" => Some(outcome(
            if status == "PAID" { "paid" } else { "failed" },
            payment_ref,
            amount,
        )?),
        _ => None,
    })
}

/// The sandbox's side of "refund": at most what it captured, in all. `key` makes a
/// retried refund answer the first one (the refund id is derived from it).
pub async fn refund(
    conn: &mut PgConnection,
    order_ref: &str,
    amount: i64,
    key: &str,
) -> AppResult<(String, serde_json::Value)> {
    let refund_id = format!("sbr_{}", key.replace('-', ""));
    let done: Option<i64> = sqlx::query_scalar(
        "UPDATE sandbox_gateway_orders SET refunded = refunded + $2
          WHERE id = $1 AND status = 'PAID' AND refunded + $2 <= amount
          RETURNING refunded",
    )
    .bind(order_ref)
    .bind(amount)
    .fetch_optional(conn)
    .await?;
    match done {
        Some(total) => Ok((
            refund_id.clone(),
            json!({ "id": refund_id, "amount": amount, "refunded_in_all": total, "status": "processed" }),
        )),
        None => Err(AppError::new(
            ErrorCode::Conflict,
            "The gateway refused the refund: it is more than the payment has left.",
        )),
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sandbox/pay/{order}", get(pay_page).post(pay))
        .route("/webhooks/sandbox", post(webhook))
        .route("/billing/return", get(back))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>{title}</title><style>
body{{font-family:system-ui,sans-serif;background:#f1f5f9;color:#0f172a;margin:0;padding:1rem}}
main{{max-width:26rem;margin:3rem auto;background:#fff;border:1px solid #cbd5e1;border-radius:1rem;padding:1.5rem}}
h1{{font-size:1.25rem;margin:0 0 .25rem}}p{{margin:.5rem 0}}.amount{{font-size:2rem;font-weight:700}}
.note{{color:#475569;font-size:.875rem}}form{{display:flex;gap:.75rem;margin-top:1.25rem;flex-wrap:wrap}}
button{{font:inherit;font-weight:600;border-radius:.5rem;padding:.625rem 1.25rem;cursor:pointer;border:1px solid #4338ca}}
.pay{{background:#4338ca;color:#fff}}.fail{{background:#fff;color:#b91c1c;border-color:#fca5a5}}
button:focus-visible{{outline:3px solid #f59e0b;outline-offset:2px}}
</style></head><body><main>{body}</main></body></html>"#
    ))
}

/// The hosted pay page.
async fn pay_page(State(state): State<AppState>, Path(order): Path<String>) -> Response {
    let row: Option<(i64, String)> =
        match sqlx::query_as("SELECT amount, status FROM sandbox_gateway_orders WHERE id = $1")
            .bind(&order)
            .fetch_optional(&state.pool)
            .await
        {
            Ok(row) => row,
            Err(err) => {
                tracing::error!(%err, "sandbox pay page");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
    let Some((amount, status)) = row else {
        return (
            StatusCode::NOT_FOUND,
            page(
                "Payment not found",
                "<h1>Payment not found</h1><p>This payment link is not known to the sandbox.</p>",
            ),
        )
            .into_response();
    };
    if status != "CREATED" {
        return page("Already handled", "<h1>This payment is done</h1><p>It was already paid or declined. You can close this page.</p>").into_response();
    }
    let amount = crate::core::money::Paise(amount).format_inr();
    page(
        "Sandbox payment",
        &format!(
            r#"<h1>Sandbox payment</h1><p class="note">A test gateway: no money moves. Choose what the bank says.</p>
<p>Pay Nxtgauge</p><p class="amount" id="sandbox-amount">{}</p>
<form method="post" action="/sandbox/pay/{}"><button class="pay" type="submit" name="action" value="pay" id="sandbox-pay">Pay {}</button><button class="fail" type="submit" name="action" value="fail" id="sandbox-fail">Fail the payment</button></form>"#,
            escape(&amount),
            escape(&order),
            escape(&amount)
        ),
    )
    .into_response()
}

#[derive(Deserialize)]
struct PayForm {
    action: String,
}

/// "Pay" or "Fail" on the hosted page: the sandbox's books, the webhook (a moment later)
/// and the redirect back.
async fn pay(
    State(state): State<AppState>,
    Path(order): Path<String>,
    Form(form): Form<PayForm>,
) -> Response {
    let (status, word) = match form.action.as_str() {
        "pay" => ("PAID", "paid"),
        "fail" => ("FAILED", "failed"),
        _ => return StatusCode::BAD_REQUEST.into_response(),
    };
    let payment_ref = token("sbp");
    let done: Option<i64> = match sqlx::query_scalar(
        "UPDATE sandbox_gateway_orders SET status = $2, payment_ref = $3
          WHERE id = $1 AND status = 'CREATED' RETURNING amount",
    )
    .bind(&order)
    .bind(status)
    .bind(&payment_ref)
    .fetch_optional(&state.pool)
    .await
    {
        Ok(done) => done,
        Err(err) => {
            tracing::error!(%err, "sandbox pay");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let Some(amount) = done else {
        return page(
            "Already handled",
            "<h1>This payment is done</h1><p>It was already paid or declined.</p>",
        )
        .into_response();
    };
    let secret = secret();
    let body = json!({
        "id": token("evt"),
        "order_id": order,
        "payment_id": payment_ref,
        "status": word,
        "amount": amount,
        "currency": "INR",
    })
    .to_string();
    let signature = sign(&secret, body.as_bytes());
    let hook_state = state.clone();
    tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let mut headers = HeaderMap::new();
        if let Ok(v) = signature.parse() {
            headers.insert(SIGNATURE_HEADER, v);
        }
        match receive_webhook(&hook_state.pool, &headers, body.as_bytes()).await {
            Ok(settled) => send_mail(&hook_state, settled).await,
            Err(err) => tracing::warn!(%err, "sandbox webhook not accepted"),
        }
    });
    let sig = sign(
        &secret,
        return_payload(&order, &payment_ref, word).as_bytes(),
    );
    Redirect::to(&format!(
        "/billing/return?order_ref={order}&payment_ref={payment_ref}&status={word}&signature={sig}"
    ))
    .into_response()
}

/// A webhook: verified over the raw body, de-duplicated by event id, settled.
pub async fn receive_webhook(
    pool: &sqlx::PgPool,
    headers: &HeaderMap,
    body: &[u8],
) -> AppResult<settle::Settled> {
    let event = verify_webhook(&secret(), headers, body)?;
    let raw: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    settle::settle_event(
        pool,
        super::payment::GatewayKey::Sandbox,
        &event.order_ref,
        event.event_id.as_deref(),
        &event.outcome,
        "webhook",
        raw,
    )
    .await
}

/// Sends the buyer's e-mail about a payment that just settled (after its commit).
async fn send_mail(state: &AppState, settled: settle::Settled) {
    if let Some(mail) = settled.mail {
        mail.send(&state.pool, &state.config).await;
    }
}

async fn webhook(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match receive_webhook(&state.pool, &headers, &body).await {
        Ok(settled) => {
            send_mail(&state, settled).await;
            StatusCode::OK.into_response()
        }
        // Not ours (already logged): acknowledged, so the gateway stops retrying.
        Err(err) if err.code == ErrorCode::NotFound => StatusCode::OK.into_response(),
        Err(err) if err.code == ErrorCode::Forbidden => StatusCode::UNAUTHORIZED.into_response(),
        Err(err) => {
            tracing::warn!(%err, "sandbox webhook");
            // A gateway retries on 5xx: only what we could not process asks for that.
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The buyer's return: verified, settled, then on to their order.
async fn back(State(state): State<AppState>, Query(q): Query<ReturnQuery>) -> Response {
    let result = async {
        let mut conn = state.pool.acquire().await?;
        let event = verify_return(&mut conn, &secret(), &q).await?;
        drop(conn);
        let raw =
            json!({ "order_ref": q.order_ref, "payment_ref": q.payment_ref, "status": q.status });
        settle::settle_event(
            &state.pool,
            super::payment::GatewayKey::Sandbox,
            &event.order_ref,
            None,
            &event.outcome,
            "return",
            raw,
        )
        .await
    }
    .await;
    match result {
        Ok(settled) => {
            let to = format!("/billing/orders/{}", settled.order_id);
            send_mail(&state, settled).await;
            Redirect::to(&to).into_response()
        }
        Err(err) if err.code == ErrorCode::Forbidden => (
            StatusCode::BAD_REQUEST,
            page("Payment not verified", "<h1>We could not verify this payment</h1><p>Nothing was charged to your account here. <a href=\"/billing\">See your orders</a>.</p>"),
        )
            .into_response(),
        Err(err) => {
            tracing::error!(%err, "sandbox return");
            (StatusCode::INTERNAL_SERVER_ERROR, page("Something went wrong", "<h1>Something went wrong</h1><p>If you paid, your purchase will appear shortly. <a href=\"/billing\">See your orders</a>.</p>")).into_response()
        }
    }
}
