//! What billing gives the background queue (`server::queue`): the billing sweep.
//!
//! 1. **Unpaid orders lapse**: a PENDING order past its `expires_at` becomes CANCELLED
//!    (its coupon hold ends with it). A payment captured later still delivers it.
//! 2. **The reconciler** asks the gateway about payments PENDING for more than ten
//!    minutes (a webhook lost, a buyer who closed the tab before the return) and settles
//!    what it says, through the same `settle` as the webhook and the return. Each payment
//!    is settled in its own savepoint, so one that fails is logged and retried next time
//!    without undoing the others.
use super::model::GatewayKey;
use super::{sandbox, settle};
use crate::core::AppResult;
use crate::server::notify::Outgoing;
use crate::server::queue::{Tasks, Work};
use sqlx::{Acquire, PgConnection};

/// Payments looked at per sweep.
const RECONCILE_BATCH: i64 = 100;

pub fn register(tasks: Tasks) -> Tasks {
    tasks.sweep("billing", sweep)
}

fn sweep(conn: &mut PgConnection) -> Work<'_> {
    Box::pin(async move {
        expire(conn).await?;
        let (_, mail) = reconcile(conn).await?;
        Ok(mail)
    })
}

/// Cancels PENDING orders past their time; returns how many.
pub async fn expire(conn: &mut PgConnection) -> AppResult<u64> {
    let n = sqlx::query(
        "UPDATE orders SET status = 'CANCELLED'
          WHERE status = 'PENDING' AND expires_at <= now()",
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if n > 0 {
        tracing::info!(orders = n, "unpaid orders lapsed");
    }
    Ok(n)
}

/// Settles stale PENDING payments from what their gateway says; returns how many moved
/// and the buyers' e-mails (sent by the queue once the sweep commits).
pub async fn reconcile(conn: &mut PgConnection) -> AppResult<(u64, Vec<Outgoing>)> {
    let stale: Vec<(GatewayKey, String)> = sqlx::query_as(
        "SELECT g.gateway_key, p.provider_order_ref
           FROM payments p JOIN payment_gateway_configs g ON g.id = p.payment_gateway_config_id
          WHERE p.status = 'PENDING' AND p.provider_order_ref IS NOT NULL
            AND p.initiated_at < now() - interval '10 minutes'
            AND p.initiated_at > now() - interval '7 days'
          ORDER BY p.initiated_at LIMIT $1",
    )
    .bind(RECONCILE_BATCH)
    .fetch_all(&mut *conn)
    .await?;
    let mut moved = 0;
    let mut mail = Vec::new();
    for (gateway, order_ref) in stale {
        let mut sp = conn.begin().await?;
        let result = async {
            let outcome = match gateway {
                GatewayKey::Sandbox => sandbox::status(&mut sp, &order_ref).await?,
                GatewayKey::Razorpay | GatewayKey::Stripe => None,
            };
            match outcome {
                Some(outcome) => {
                    let raw = serde_json::json!({ "reconciled": order_ref });
                    settle::settle_in(
                        &mut sp,
                        gateway,
                        &order_ref,
                        None,
                        &outcome,
                        "reconciler",
                        raw,
                    )
                    .await
                    .map(Some)
                }
                None => Ok(None),
            }
        }
        .await;
        match result {
            Ok(settled) => {
                sp.commit().await?;
                if let Some(s) = settled.filter(|s| s.moved) {
                    moved += 1;
                    mail.extend(s.mail);
                }
            }
            Err(err) => {
                tracing::warn!(%err, gateway = gateway.as_str(), order_ref, "reconciling a payment failed; retried next sweep");
                sp.rollback().await?;
            }
        }
    }
    Ok((moved, mail))
}
