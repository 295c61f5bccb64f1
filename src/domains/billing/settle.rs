//! Settling a payment, exactly once: whichever arrives first of the webhook, the buyer's
//! return or the reconciler completes it; the rest change nothing.
//!
//! One transaction, in this order, each row locked before it is read:
//! 1. a webhook's event id is recorded (`payment_webhook_events`); seen before → done;
//! 2. the payment (`FOR UPDATE`): what the gateway said is logged in
//!    `payment_transactions` every time, but only a PENDING payment moves (to SUCCESS or
//!    FAILED, both final), so replays, duplicates and late or out-of-order events stop
//!    here;
//! 3. a capture for another amount than the payment's is refused and logged, never
//!    credited;
//! 4. the order (`FOR UPDATE`) becomes COMPLETED, the coupon redemption is written, and
//!    what was bought is delivered: tracecoins through the wallet (its idempotency key is
//!    the order), credits as `package_credits` (unique per order and package).
use super::credits::{self, Grant, Source};
use super::model::{OrderStatus, PackageType};
use super::payment::{self, GatewayKey, Outcome, PaymentStatus};
use crate::core::{AppError, AppResult};
use crate::domains::audit::service::{self as audit, Action, Entry, RequestMeta};
use crate::domains::wallet::model::{Direction, Reference};
use crate::domains::wallet::service::{self as wallet, Movement};
use crate::server::notify::{self, Notice, Outgoing};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// What settling did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    pub order_id: Uuid,
    pub payment_id: Uuid,
    pub status: PaymentStatus,
    /// False when an earlier event had settled it already (nothing moved now).
    pub moved: bool,
    /// The buyer's e-mail about it, to send once the transaction commits.
    pub mail: Option<Outgoing>,
}

/// Settles the payment the gateway knows as `order_ref` with `outcome`. `source` says who
/// told us ("webhook", "return", "reconciler"); `raw` is what they sent.
pub async fn settle_event(
    pool: &PgPool,
    gateway: GatewayKey,
    order_ref: &str,
    event_id: Option<&str>,
    outcome: &Outcome,
    source: &str,
    raw: serde_json::Value,
) -> AppResult<Settled> {
    let mut tx = pool.begin().await?;
    let settled = settle_in(&mut tx, gateway, order_ref, event_id, outcome, source, raw).await?;
    tx.commit().await?;
    Ok(settled)
}

/// [`settle_event`] in the caller's transaction (the reconciler's sweep).
pub async fn settle_in(
    tx: &mut PgConnection,
    gateway: GatewayKey,
    order_ref: &str,
    event_id: Option<&str>,
    outcome: &Outcome,
    source: &str,
    raw: serde_json::Value,
) -> AppResult<Settled> {
    let payment: Option<(Uuid, Uuid, PaymentStatus, i64, Uuid)> = sqlx::query_as(
        "SELECT p.id, p.order_id, p.status, p.amount_inr, p.user_id
           FROM payments p JOIN payment_gateway_configs g ON g.id = p.payment_gateway_config_id
          WHERE g.gateway_key = $1 AND p.provider_order_ref = $2
          FOR UPDATE OF p",
    )
    .bind(gateway)
    .bind(order_ref)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((payment_id, order_id, status, amount, user_id)) = payment else {
        tracing::warn!(
            gateway = gateway.as_str(),
            order_ref,
            source,
            "payment event for an unknown order"
        );
        return Err(AppError::new(
            crate::core::ErrorCode::NotFound,
            "No payment matches this notice.",
        ));
    };
    // What a replay, or an event that may not move the payment, answers.
    let unmoved = Settled {
        order_id,
        payment_id,
        status,
        moved: false,
        mail: None,
    };
    if let Some(event_id) = event_id {
        let fresh = sqlx::query(
            "INSERT INTO payment_webhook_events (gateway_key, event_id, payment_id)
             VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(gateway)
        .bind(event_id)
        .bind(payment_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !fresh {
            return Ok(unmoved);
        }
    }
    let (kind, logged, payment_ref) = match outcome {
        Outcome::Captured { payment_ref, .. } => ("COMPLETED", PaymentStatus::Success, payment_ref),
        Outcome::Failed { payment_ref, .. } => ("FAILED", PaymentStatus::Failed, payment_ref),
    };
    payment::log(
        &mut *tx,
        payment_id,
        kind,
        logged,
        Some(payment_ref),
        serde_json::json!({ "source": source }),
        raw,
    )
    .await?;
    if status != PaymentStatus::Pending {
        return Ok(unmoved);
    }
    let meta = RequestMeta::default();
    let settled = match outcome {
        Outcome::Captured {
            payment_ref,
            amount: captured,
        } if *captured == amount => {
            sqlx::query(
                "UPDATE payments SET status = 'SUCCESS', provider_payment_ref = $2,
                                     completed_at = now(), payment_method = 'gateway'
                  WHERE id = $1",
            )
            .bind(payment_id)
            .bind(payment_ref)
            .execute(&mut *tx)
            .await?;
            fulfil(&mut *tx, order_id, user_id, &meta).await?;
            super::invoices::issue(&mut *tx, order_id, Some(payment_id)).await?;
            PaymentStatus::Success
        }
        Outcome::Captured {
            amount: captured, ..
        } => {
            tracing::error!(%payment_id, expected = amount, captured, "captured amount differs: not fulfilled");
            sqlx::query("UPDATE payments SET failure_reason = $2 WHERE id = $1")
                .bind(payment_id)
                .bind(format!(
                    "captured {captured} paise, expected {amount}: held for finance"
                ))
                .execute(&mut *tx)
                .await?;
            return Ok(unmoved);
        }
        Outcome::Failed {
            payment_ref,
            reason,
        } => {
            sqlx::query(
                "UPDATE payments SET status = 'FAILED', provider_payment_ref = $2,
                                     failure_reason = $3, completed_at = now()
                  WHERE id = $1",
            )
            .bind(payment_id)
            .bind(payment_ref)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
            PaymentStatus::Failed
        }
    };
    audit::record(
        &mut *tx,
        Entry::by_user(
            None,
            Action::Update,
            "payment",
            Some(payment_id),
            "billing",
            format!("payment {} ({source})", settled.as_str().to_lowercase()),
            &meta,
        )
        .from_worker(),
    )
    .await?;
    let told = notice(&mut *tx, order_id, user_id, settled).await?;
    let mail = notify::record(&mut *tx, told).await?;
    Ok(Settled {
        order_id,
        payment_id,
        status: settled,
        moved: true,
        mail: Some(mail),
    })
}

/// What the buyer is told about a settled payment.
async fn notice(
    conn: &mut PgConnection,
    order_id: Uuid,
    user_id: Uuid,
    status: PaymentStatus,
) -> AppResult<Notice> {
    let (number, total, what, invoice): (String, i64, Option<String>, Option<String>) =
        sqlx::query_as(&format!(
            "SELECT o.order_number, o.total_inr, {},
                    (SELECT invoice_number FROM invoices WHERE order_id = o.id)
               FROM orders o WHERE o.id = $1",
            super::orders::ITEMS_SUMMARY
        ))
        .bind(order_id)
        .fetch_one(&mut *conn)
        .await?;
    let amount = crate::core::money::Paise(total).format_inr();
    let what = what.unwrap_or_default();
    let paid = status == PaymentStatus::Success;
    Ok(Notice {
        user_id,
        template_key: if paid {
            "payment_succeeded"
        } else {
            "payment_failed"
        },
        title: if paid {
            format!("Payment received for order {number}")
        } else {
            format!("Your payment for order {number} did not go through")
        },
        body: if paid {
            format!("{what}: {amount} paid. It is in your account now.")
        } else {
            format!("Nothing was charged for {what}. You can try again from the order.")
        },
        entity_type: "order",
        entity_id: order_id,
        link_path: Some(format!("/billing/orders/{order_id}")),
        vars: vec![
            ("order", number),
            ("amount", amount),
            ("what", what),
            ("invoice", invoice.unwrap_or_default()),
        ],
    })
}

/// Completes the buyer's PENDING order whose discounts took its total to nothing: no
/// gateway, the same delivery, invoice and e-mail as a paid one. Returns the e-mail to
/// send after commit.
pub async fn complete_free(pool: &PgPool, order_id: Uuid, user_id: Uuid) -> AppResult<Outgoing> {
    let mut tx = pool.begin().await?;
    let free: Option<i64> = sqlx::query_scalar(
        "SELECT total_inr FROM orders
          WHERE id = $1 AND user_id = $2 AND status = 'PENDING' FOR UPDATE",
    )
    .bind(order_id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    if free != Some(0) {
        return Err(AppError::new(
            crate::core::ErrorCode::Conflict,
            "This order needs paying. Continue to payment.",
        ));
    }
    let meta = RequestMeta::default();
    fulfil(&mut tx, order_id, user_id, &meta).await?;
    super::invoices::issue(&mut tx, order_id, None).await?;
    let told = notice(&mut tx, order_id, user_id, PaymentStatus::Success).await?;
    let mail = notify::record(&mut tx, told).await?;
    tx.commit().await?;
    Ok(mail)
}

/// Completes the order and delivers what it bought, in the caller's transaction.
async fn fulfil(
    conn: &mut PgConnection,
    order_id: Uuid,
    user_id: Uuid,
    meta: &RequestMeta,
) -> AppResult<()> {
    let (status, number, coupon, coupon_off): (OrderStatus, String, Option<Uuid>, i64) = sqlx::query_as(
        "SELECT status, order_number, coupon_id, coupon_discount_inr FROM orders WHERE id = $1 FOR UPDATE",
    )
    .bind(order_id)
    .fetch_one(&mut *conn)
    .await?;
    // Delivered already (and perhaps refunded since): a late capture changes nothing.
    if matches!(status, OrderStatus::Completed | OrderStatus::Refunded) {
        return Ok(());
    }
    // A lapsed (CANCELLED) order whose payment still came through is delivered too: the
    // buyer paid.
    sqlx::query("UPDATE orders SET status = 'COMPLETED', completed_at = now() WHERE id = $1")
        .bind(order_id)
        .execute(&mut *conn)
        .await?;
    if let Some(coupon) = coupon {
        sqlx::query(
            "INSERT INTO coupon_redemptions (coupon_id, user_id, order_id, discount_amount_inr)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(coupon)
        .bind(user_id)
        .bind(order_id)
        .bind(i32::try_from(coupon_off).unwrap_or(i32::MAX))
        .execute(&mut *conn)
        .await?;
    }
    #[derive(sqlx::FromRow)]
    struct Item {
        item_id: Uuid,
        package_type: PackageType,
        quantity: i32,
        tracecoins_included: i32,
        credits_included: i32,
        validity_days: Option<i32>,
        item_name: String,
    }
    let items: Vec<Item> = sqlx::query_as(
        "SELECT item_id, package_type, quantity, tracecoins_included, credits_included,
                validity_days, item_name
           FROM order_items WHERE order_id = $1 AND item_type = 'PACKAGE'",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?;
    for Item {
        item_id: package_id,
        package_type: kind,
        quantity,
        tracecoins_included: coins,
        credits_included: credits,
        validity_days: validity,
        item_name: name,
    } in items
    {
        if kind == PackageType::TracecoinBundle {
            let amount = coins.checked_mul(quantity).ok_or_else(AppError::internal)?;
            let key = format!("order:{order_id}:{package_id}");
            let remarks = format!("{quantity} × {name}, order {number}");
            wallet::apply(
                conn,
                &Movement {
                    user_id,
                    direction: Direction::Credit,
                    amount,
                    reference: Reference::Purchase,
                    reference_id: Some(order_id),
                    remarks: Some(&remarks),
                    idempotency_key: &key,
                    actor: None,
                },
                meta,
            )
            .await?;
        } else {
            let total = credits
                .checked_mul(quantity)
                .ok_or_else(AppError::internal)?;
            credits::grant(
                conn,
                Grant {
                    user_id,
                    package_id,
                    kind: kind.as_str(),
                    total,
                    validity_days: validity,
                    source: Source::Purchase { order_id },
                },
            )
            .await?;
        }
    }
    audit::record(
        conn,
        Entry::by_user(
            None,
            Action::Update,
            "order",
            Some(order_id),
            "billing",
            format!("order {number} paid and delivered"),
            meta,
        )
        .label(number.clone())
        .from_worker(),
    )
    .await?;
    Ok(())
}
