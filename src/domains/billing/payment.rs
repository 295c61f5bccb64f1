//! Starting a payment through the active gateway (`payment_gateway_configs`, one active
//! at most), and the gateway seam every provider fills.
//!
//! A gateway is an enum, not a trait object: three providers, each with its own request
//! shapes and signatures, behind the same four questions (start a payment; is this
//! webhook genuine; is this return genuine; what happened to this payment).
pub use super::model::{GatewayKey, PaymentStatus};
use super::sandbox;
use crate::core::{AppError, AppResult, ErrorCode};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

/// What a gateway said happened to a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Money taken: the gateway's payment reference and the amount in paise.
    Captured {
        payment_ref: String,
        amount: i64,
    },
    Failed {
        payment_ref: String,
        reason: String,
    },
}

/// Records one request to or response from the gateway (`payment_transactions`).
pub async fn log(
    conn: &mut sqlx::PgConnection,
    payment_id: Uuid,
    kind: &str,
    status: PaymentStatus,
    provider_reference: Option<&str>,
    request: serde_json::Value,
    response: serde_json::Value,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO payment_transactions (payment_id, transaction_type, provider_reference,
                                           request_payload_json, response_payload_json, status)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(payment_id)
    .bind(kind)
    .bind(provider_reference)
    .bind(request)
    .bind(response)
    .bind(status)
    .execute(conn)
    .await?;
    Ok(())
}

/// Starts paying the PENDING order `order_id`: a payment row for its total on the active
/// gateway, the gateway's order, and the address of the page where the buyer pays.
pub async fn start(pool: &PgPool, order_id: Uuid) -> AppResult<String> {
    let mut tx = pool.begin().await?;
    let (user_id, total, number): (Uuid, i64, String) = sqlx::query_as(
        "SELECT user_id, total_inr, order_number FROM orders
          WHERE id = $1 AND status = 'PENDING' FOR UPDATE",
    )
    .bind(order_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| {
        AppError::new(
            ErrorCode::Conflict,
            "This order can no longer be paid. Start a new checkout.",
        )
    })?;
    if total <= 0 {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This order comes to nothing after discounts; nothing needs paying.",
        ));
    }
    let (config_id, key): (Uuid, GatewayKey) =
        sqlx::query_as("SELECT id, gateway_key FROM payment_gateway_configs WHERE is_active")
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| {
                tracing::error!("no payment gateway is active");
                AppError::new(
                    ErrorCode::Unavailable,
                    "Payments are switched off just now. Please try again later.",
                )
            })?;
    let payment_id: Uuid = sqlx::query_scalar(
        "INSERT INTO payments (order_id, user_id, payment_gateway_config_id, amount_inr, status)
         VALUES ($1, $2, $3, $4, 'PENDING') RETURNING id",
    )
    .bind(order_id)
    .bind(user_id)
    .bind(config_id)
    .bind(total)
    .fetch_one(&mut *tx)
    .await?;
    let started = match key {
        GatewayKey::Sandbox => sandbox::create_order(&mut tx, payment_id, total).await?,
        GatewayKey::Razorpay | GatewayKey::Stripe => {
            tracing::error!(
                gateway = key.as_str(),
                "gateway selected but not available in this build"
            );
            return Err(AppError::new(
                ErrorCode::Unavailable,
                "This payment method is not available yet. Please try again later.",
            ));
        }
    };
    sqlx::query("UPDATE payments SET provider_order_ref = $2 WHERE id = $1")
        .bind(payment_id)
        .bind(&started.order_ref)
        .execute(&mut *tx)
        .await?;
    log(
        &mut tx,
        payment_id,
        "INITIATED",
        PaymentStatus::Pending,
        Some(&started.order_ref),
        json!({ "order": number, "amount": total, "currency": "INR" }),
        started.response,
    )
    .await?;
    tx.commit().await?;
    Ok(started.pay_url)
}

/// A payment the gateway has accepted to collect.
pub struct Started {
    /// The gateway's order id.
    pub order_ref: String,
    /// Where the buyer pays.
    pub pay_url: String,
    pub response: serde_json::Value,
}
