//! Checkout and settling against a real PostgreSQL: coupon limits under concurrency,
//! webhooks replayed, out of order, tampered with, and racing the buyer's return.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::checkout;
use super::model::{CheckedCheckout, PaymentStatus};
use super::payment::{GatewayKey, Outcome};
use super::{sandbox, settle};
use crate::core::money::Paise;
use crate::domains::audit::service::RequestMeta;
use axum::http::HeaderMap;
use sqlx::PgPool;
use std::sync::Arc;
use uuid::Uuid;

async fn user(pool: &PgPool, email: &str) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, account_type, status)
         VALUES ($1, 'h', 'INDIVIDUAL', 'ACTIVE') RETURNING id",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn package(pool: &PgPool, name: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM pricing_packages WHERE name = $1")
        .bind(name)
        .fetch_one(pool)
        .await
        .unwrap()
}

fn form(package_id: Uuid, quantity: i32, state: &str, coupon: Option<&str>) -> CheckedCheckout {
    CheckedCheckout {
        package_id,
        quantity,
        billing_name: "Asha Rao".into(),
        state_code: state.into(),
        gstin: None,
        coupon: coupon.map(str::to_string),
        return_path: None,
    }
}

async fn coupon(pool: &PgPool, code: &str, kind: &str, value: i32, limit: Option<i32>) {
    sqlx::query(
        "INSERT INTO coupons (code, discount_type, discount_value, usage_limit, valid_from)
         VALUES ($1, $2, $3, $4, now() - interval '1 day')",
    )
    .bind(code)
    .bind(kind)
    .bind(value)
    .bind(limit)
    .execute(pool)
    .await
    .unwrap();
}

/// Places an order and starts its sandbox payment: (order id, sandbox order ref).
async fn placed(pool: &PgPool, buyer: Uuid, f: &CheckedCheckout) -> (Uuid, String) {
    let p = checkout::place(pool, buyer, f, &RequestMeta::default())
        .await
        .unwrap();
    let url = super::payment::start(pool, p.id).await.unwrap();
    (p.id, url.trim_start_matches("/sandbox/pay/").to_string())
}

fn webhook(order_ref: &str, event: &str, status: &str, amount: i64) -> (HeaderMap, Vec<u8>) {
    let body = serde_json::json!({
        "id": event, "order_id": order_ref, "payment_id": format!("sbp_{event}"),
        "status": status, "amount": amount, "currency": "INR",
    })
    .to_string()
    .into_bytes();
    let mut headers = HeaderMap::new();
    headers.insert(
        sandbox::SIGNATURE_HEADER,
        sandbox::sign(&sandbox::secret(), &body).parse().unwrap(),
    );
    (headers, body)
}

/// An order's total in paise.
async fn total(pool: &PgPool, order: Uuid) -> i64 {
    sqlx::query_scalar("SELECT total_inr FROM orders WHERE id = $1")
        .bind(order)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn coins(pool: &PgPool, u: Uuid) -> i32 {
    crate::domains::wallet::service::balance(pool, u)
        .await
        .unwrap()
}

async fn order_state(pool: &PgPool, order: Uuid) -> (String, i64, i64) {
    sqlx::query_as(
        "SELECT o.status,
                (SELECT count(*) FROM payments p WHERE p.order_id = o.id AND p.status = 'SUCCESS'),
                (SELECT count(*) FROM coupon_redemptions r WHERE r.order_id = o.id)
           FROM orders o WHERE o.id = $1",
    )
    .bind(order)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn an_order_carries_every_figure_and_igst_between_states(pool: PgPool) {
    let buyer = user(&pool, "asha@example.in").await;
    let pro = package(&pool, "Pro").await;
    coupon(&pool, "WELCOME100", "FLAT", 10_000, None).await;
    let p = checkout::place(
        &pool,
        buyer,
        &form(pro, 2, "27", Some("WELCOME100")),
        &RequestMeta::default(),
    )
    .await
    .unwrap();
    let row: (i64, i64, i64, i64, i64, i64, String) = sqlx::query_as(
        "SELECT subtotal_inr, coupon_discount_inr, taxable_inr, igst_inr, cgst_inr, total_inr, status
           FROM orders WHERE id = $1",
    )
    .bind(p.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    // 2 × ₹1,999 − ₹100 = ₹3,898; IGST 18% = ₹701.64 (supplier in Karnataka, buyer in Maharashtra).
    assert_eq!(
        row,
        (
            399_800,
            10_000,
            389_800,
            70_164,
            0,
            459_964,
            "PENDING".into()
        )
    );
    assert_eq!(p.total, Paise(459_964));
    assert!(p.number.starts_with("NXO"));
    // Its buyer reads it; anyone else finds nothing.
    let seen = super::orders::view(&pool, buyer, p.id).await.unwrap();
    assert_eq!(
        (seen.row.number.as_str(), seen.row.summary.as_str()),
        (p.number.as_str(), "2 × Pro")
    );
    let stranger = user(&pool, "stranger@example.in").await;
    let refused = super::orders::view(&pool, stranger, p.id)
        .await
        .unwrap_err();
    assert_eq!(refused.code, crate::core::ErrorCode::NotFound);
    assert!(super::orders::mine(&pool, stranger)
        .await
        .unwrap()
        .is_empty());
    let within = checkout::place(
        &pool,
        buyer,
        &form(pro, 1, "29", None),
        &RequestMeta::default(),
    )
    .await
    .unwrap();
    let split: (i64, i64, i64) =
        sqlx::query_as("SELECT cgst_inr, sgst_inr, igst_inr FROM orders WHERE id = $1")
            .bind(within.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(split, (17_991, 17_991, 0));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_coupon_with_limit_one_goes_to_one_of_twenty_concurrent_checkouts(pool: PgPool) {
    let pro = package(&pool, "Starter").await;
    coupon(&pool, "ONLYONE", "PERCENT", 50, Some(1)).await;
    let mut buyers = Vec::new();
    for i in 0..20 {
        buyers.push(user(&pool, &format!("b{i}@example.in")).await);
    }
    let pool = Arc::new(pool);
    let tasks: Vec<_> = buyers
        .into_iter()
        .map(|b| {
            let pool = pool.clone();
            tokio::spawn(async move {
                checkout::place(
                    &pool,
                    b,
                    &form(pro, 1, "29", Some("ONLYONE")),
                    &RequestMeta::default(),
                )
                .await
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(e) => assert_eq!(
                e.field_message("coupon").as_deref(),
                Some("This coupon has been used up.")
            ),
        }
    }
    assert_eq!(ok, 1);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn one_person_uses_a_coupon_once_and_refusals_say_why(pool: PgPool) {
    let buyer = user(&pool, "asha@example.in").await;
    let starter = package(&pool, "Starter").await;
    coupon(&pool, "ONCE", "FLAT", 5_000, None).await;
    let f = form(starter, 1, "29", Some("ONCE"));
    checkout::place(&pool, buyer, &f, &RequestMeta::default())
        .await
        .unwrap();
    let again = checkout::place(&pool, buyer, &f, &RequestMeta::default())
        .await
        .unwrap_err();
    assert_eq!(
        again.field_message("coupon").as_deref(),
        Some("You have already used this coupon.")
    );
    let unknown = checkout::place(
        &pool,
        buyer,
        &form(starter, 1, "29", Some("NOPE")),
        &RequestMeta::default(),
    )
    .await
    .unwrap_err();
    assert!(unknown
        .field_message("coupon")
        .unwrap()
        .contains("No coupon"));
    sqlx::query("INSERT INTO coupons (code, discount_type, discount_value, min_order_value_inr) VALUES ('BIG', 'FLAT', 100, 1000000)")
        .execute(&pool)
        .await
        .unwrap();
    let small = checkout::place(
        &pool,
        buyer,
        &form(starter, 1, "29", Some("BIG")),
        &RequestMeta::default(),
    )
    .await
    .unwrap_err();
    assert!(small
        .field_message("coupon")
        .unwrap()
        .contains("at least ₹10,000"));
    let orders: i64 = sqlx::query_scalar("SELECT count(*) FROM orders")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(orders, 1, "a refused checkout writes nothing");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_webhook_replayed_ten_times_and_out_of_order_credits_once(pool: PgPool) {
    let buyer = user(&pool, "asha@example.in").await;
    coupon(&pool, "TEN", "PERCENT", 10, Some(5)).await;
    let (order, order_ref) = placed(
        &pool,
        buyer,
        &form(package(&pool, "Pro").await, 1, "29", Some("TEN")),
    )
    .await;
    let amount = total(&pool, order).await;
    let (h, b) = webhook(&order_ref, "evt_1", "paid", amount);
    for _ in 0..10 {
        sandbox::receive_webhook(&pool, &h, &b).await.unwrap();
    }
    // A different event for the same payment, a failure arriving late: nothing moves.
    let (h2, b2) = webhook(&order_ref, "evt_2", "failed", amount);
    sandbox::receive_webhook(&pool, &h2, &b2).await.unwrap();
    assert_eq!(coins(&pool, buyer).await, 500);
    assert_eq!(order_state(&pool, order).await, ("COMPLETED".into(), 1, 1));
    let logged: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM payment_transactions t JOIN payments p ON p.id = t.payment_id WHERE p.order_id = $1",
    )
    .bind(order)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        logged, 3,
        "initiated, the capture and the late failure; replays of evt_1 stop at its id"
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn tampered_or_wrongly_signed_webhooks_change_nothing(pool: PgPool) {
    let buyer = user(&pool, "asha@example.in").await;
    let (order, order_ref) = placed(
        &pool,
        buyer,
        &form(package(&pool, "Starter").await, 1, "29", None),
    )
    .await;
    let (h, b) = webhook(&order_ref, "evt_1", "paid", 58_882);
    let mut tampered = b.clone();
    let at = tampered.len() - 3;
    tampered[at] = b'X';
    assert!(sandbox::receive_webhook(&pool, &h, &tampered)
        .await
        .is_err());
    let mut wrong = HeaderMap::new();
    wrong.insert(
        sandbox::SIGNATURE_HEADER,
        sandbox::sign("another-secret", &b).parse().unwrap(),
    );
    assert!(sandbox::receive_webhook(&pool, &wrong, &b).await.is_err());
    assert!(sandbox::receive_webhook(&pool, &HeaderMap::new(), &b)
        .await
        .is_err());
    // A genuine capture of the wrong amount is held, not credited.
    let (h3, b3) = webhook(&order_ref, "evt_3", "paid", 1);
    sandbox::receive_webhook(&pool, &h3, &b3).await.unwrap();
    assert_eq!(coins(&pool, buyer).await, 0);
    assert_eq!(order_state(&pool, order).await, ("PENDING".into(), 0, 0));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_return_and_the_webhook_racing_fulfil_once(pool: PgPool) {
    let buyer = user(&pool, "asha@example.in").await;
    for _ in 0..5 {
        let (order, order_ref) = placed(
            &pool,
            buyer,
            &form(package(&pool, "Starter").await, 1, "29", None),
        )
        .await;
        let amount = total(&pool, order).await;
        let (h, b) = webhook(&order_ref, &format!("evt_{order}"), "paid", amount);
        let outcome = Outcome::Captured {
            payment_ref: format!("sbp_evt_{order}"),
            amount,
        };
        let (p1, p2) = (pool.clone(), pool.clone());
        let r = order_ref.clone();
        let hook = tokio::spawn(async move { sandbox::receive_webhook(&p1, &h, &b).await });
        let back = tokio::spawn(async move {
            settle::settle_event(
                &p2,
                GatewayKey::Sandbox,
                &r,
                None,
                &outcome,
                "return",
                serde_json::json!({}),
            )
            .await
        });
        hook.await.unwrap().unwrap();
        let settled = back.await.unwrap().unwrap();
        assert_eq!(settled.status, PaymentStatus::Success);
    }
    assert_eq!(coins(&pool, buyer).await, 500);
    let moved: i64 = sqlx::query_scalar("SELECT count(*) FROM tracecoin_ledger")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(moved, 5);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_failed_payment_credits_nothing_and_a_pack_gives_credits(pool: PgPool) {
    let buyer = user(&pool, "asha@example.in").await;
    let (order, order_ref) = placed(
        &pool,
        buyer,
        &form(package(&pool, "Job Post Pack").await, 2, "29", None),
    )
    .await;
    let amount = total(&pool, order).await;
    let (h, b) = webhook(&order_ref, "evt_fail", "failed", amount);
    sandbox::receive_webhook(&pool, &h, &b).await.unwrap();
    assert_eq!(order_state(&pool, order).await, ("PENDING".into(), 0, 0));
    let credits: i64 = sqlx::query_scalar("SELECT count(*) FROM package_credits")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(credits, 0);
    // Paying again on the same order (a new payment) succeeds and gives 2 × 5 postings.
    let url = super::payment::start(&pool, order).await.unwrap();
    let order_ref = url.trim_start_matches("/sandbox/pay/").to_string();
    let (h, b) = webhook(&order_ref, "evt_ok", "paid", amount);
    sandbox::receive_webhook(&pool, &h, &b).await.unwrap();
    let (total, source): (i32, String) =
        sqlx::query_as("SELECT credits_total, source FROM package_credits WHERE order_id = $1")
            .bind(order)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((total, source.as_str()), (10, "PURCHASE"));
    let balances = super::catalogue::balances(&pool, buyer).await.unwrap();
    assert_eq!(balances.job_postings, 10);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn invoice_numbers_stay_gapless_across_fifty_concurrent_payments(pool: PgPool) {
    let starter = package(&pool, "Starter").await;
    let mut pending = Vec::new();
    for i in 0..50 {
        let buyer = user(&pool, &format!("b{i}@example.in")).await;
        let (order, order_ref) = placed(&pool, buyer, &form(starter, 1 + i % 3, "29", None)).await;
        let amount = total(&pool, order).await;
        // Every fifth payment is declined: it must not take a number.
        let status = if i % 5 == 4 { "failed" } else { "paid" };
        pending.push(webhook(&order_ref, &format!("evt_{i}"), status, amount));
    }
    let tasks: Vec<_> = pending
        .into_iter()
        .map(|(h, b)| {
            let pool = pool.clone();
            tokio::spawn(async move { sandbox::receive_webhook(&pool, &h, &b).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let year = super::invoices::financial_year(chrono::Utc::now());
    let serials: Vec<i32> = sqlx::query_scalar(
        "SELECT serial_number FROM invoices WHERE financial_year = $1 ORDER BY 1",
    )
    .bind(&year)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(serials, (1..=40).collect::<Vec<_>>());
    let numbers: Vec<String> =
        sqlx::query_scalar("SELECT invoice_number FROM invoices ORDER BY serial_number LIMIT 1")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(numbers, [format!("NXG{year}000001")]);

    // The books agree: what was captured is what was invoiced, and the coins credited are
    // the coins of the completed orders.
    let (captured, invoiced, coins, bought): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT coalesce(sum(amount_inr), 0)::bigint FROM payments WHERE status = 'SUCCESS'),
                (SELECT coalesce(sum(total_inr), 0)::bigint FROM invoices WHERE status = 'PAID'),
                (SELECT coalesce(sum(amount), 0)::bigint FROM tracecoin_ledger WHERE transaction_type = 'CREDIT'),
                (SELECT coalesce(sum(i.quantity * i.tracecoins_included), 0)::bigint
                   FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.status = 'COMPLETED')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(captured, invoiced);
    assert!(captured > 0);
    assert_eq!(coins, bought);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_invoice_carries_the_supplier_the_buyer_and_the_split(pool: PgPool) {
    let buyer = user(&pool, "asha@example.in").await;
    let mut f = form(package(&pool, "Pro").await, 1, "27", None);
    f.gstin = Some(super::gst::Gstin::parse("27AAPFU0939F1ZV").unwrap());
    let (order, order_ref) = placed(&pool, buyer, &f).await;
    let amount = total(&pool, order).await;
    let (h, b) = webhook(&order_ref, "evt_inv", "paid", amount);
    sandbox::receive_webhook(&pool, &h, &b).await.unwrap();
    let id: Uuid = sqlx::query_scalar("SELECT id FROM invoices WHERE order_id = $1")
        .bind(order)
        .fetch_one(&pool)
        .await
        .unwrap();
    let inv = super::invoices::view(&pool, buyer, id).await.unwrap();
    assert_eq!(inv.supplier_gstin, "29AAHCN4417K1Z4");
    assert_eq!(inv.buyer_gstin.as_deref(), Some("27AAPFU0939F1ZV"));
    assert_eq!(inv.place_of_supply, "Maharashtra (27)");
    assert_eq!(inv.totals.tax.igst, Paise(35_982));
    assert_eq!(inv.totals.total, Paise(235_882));
    assert_eq!(
        inv.total_in_words,
        "Rupees Two Thousand Three Hundred and Fifty-Eight and Eighty-Two Paise Only"
    );
    assert_eq!(inv.sac_code, "998599");
    let other = user(&pool, "other@example.in").await;
    assert!(
        super::invoices::view(&pool, other, id).await.is_err(),
        "another person's invoice is not found"
    );

    // The PDF says the same, as text a reader (pdftotext, from Debian's poppler-utils,
    // installed by scripts/setup.sh) extracts.
    let bytes = super::pdf::render(&inv, super::pdf::Kind::Invoice).unwrap();
    assert!(
        bytes.starts_with(b"%PDF-") && bytes.len() < 100_000,
        "{} bytes",
        bytes.len()
    );
    let text = pdf_text(&bytes);
    for needle in [
        inv.number.as_str(),
        "29AAHCN4417K1Z4",
        "27AAPFU0939F1ZV",
        "Maharashtra (27)",
        "998599",
        "IGST 18% ₹359.82",
        "Total ₹2,358.82",
        "Rupees Two Thousand Three Hundred and Fifty-Eight and Eighty-Two Paise Only",
    ] {
        assert!(text.contains(needle), "{needle:?} not in {text:?}");
    }
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn unpaid_orders_lapse_and_the_reconciler_settles_a_lost_webhook(pool: PgPool) {
    let buyer = user(&pool, "asha@example.in").await;
    coupon(&pool, "HOLD1", "FLAT", 1_000, Some(1)).await;
    let starter = package(&pool, "Starter").await;
    // An order that was never paid lapses, and its coupon hold with it.
    let (lapsed, _) = placed(&pool, buyer, &form(starter, 1, "29", Some("HOLD1"))).await;
    sqlx::query("UPDATE orders SET expires_at = now() - interval '1 minute' WHERE id = $1")
        .bind(lapsed)
        .execute(&pool)
        .await
        .unwrap();
    // A paid one whose webhook and return were both lost.
    let other = user(&pool, "bina@example.in").await;
    let (paid, order_ref) = placed(&pool, other, &form(starter, 1, "29", None)).await;
    sqlx::query(
        "UPDATE sandbox_gateway_orders SET status = 'PAID', payment_ref = 'sbp_lost' WHERE id = $1",
    )
    .bind(&order_ref)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE payments SET initiated_at = now() - interval '20 minutes' WHERE order_id = $1",
    )
    .bind(paid)
    .execute(&pool)
    .await
    .unwrap();
    let mut tx = pool.begin().await.unwrap();
    assert_eq!(super::tasks::expire(&mut tx).await.unwrap(), 1);
    let (moved, mail) = super::tasks::reconcile(&mut tx).await.unwrap();
    assert_eq!(
        (moved, mail.len()),
        (1, 1),
        "one payment settled, its buyer told"
    );
    tx.commit().await.unwrap();
    assert_eq!(order_state(&pool, lapsed).await.0, "CANCELLED");
    assert_eq!(order_state(&pool, paid).await, ("COMPLETED".into(), 1, 0));
    assert_eq!(coins(&pool, other).await, 100);
    // The lapsed order's coupon is free again.
    checkout::place(
        &pool,
        other,
        &form(starter, 1, "29", Some("HOLD1")),
        &RequestMeta::default(),
    )
    .await
    .unwrap();
    // A second sweep moves nothing.
    let mut tx = pool.begin().await.unwrap();
    assert_eq!(super::tasks::reconcile(&mut tx).await.unwrap().0, 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn an_order_a_coupon_makes_free_is_delivered_without_a_gateway(pool: PgPool) {
    let buyer = user(&pool, "asha@example.in").await;
    coupon(&pool, "ALLFREE", "PERCENT", 100, None).await;
    let p = checkout::place(
        &pool,
        buyer,
        &form(package(&pool, "Starter").await, 1, "29", Some("ALLFREE")),
        &RequestMeta::default(),
    )
    .await
    .unwrap();
    assert_eq!(p.total, Paise::ZERO);
    assert!(
        super::payment::start(&pool, p.id).await.is_err(),
        "nothing to pay at a gateway"
    );
    let _mail = settle::complete_free(&pool, p.id, buyer).await.unwrap();
    assert_eq!(coins(&pool, buyer).await, 100);
    assert_eq!(order_state(&pool, p.id).await, ("COMPLETED".into(), 0, 1));
    let total: i64 = sqlx::query_scalar("SELECT total_inr FROM invoices WHERE order_id = $1")
        .bind(p.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(total, 0);
    // Only once, and only a free order.
    assert!(settle::complete_free(&pool, p.id, buyer).await.is_err());
    let paid = checkout::place(
        &pool,
        buyer,
        &form(package(&pool, "Starter").await, 1, "29", None),
        &RequestMeta::default(),
    )
    .await
    .unwrap();
    assert!(settle::complete_free(&pool, paid.id, buyer).await.is_err());
    assert_eq!(coins(&pool, buyer).await, 100);
}

/// The text of a PDF as `pdftotext -layout` reads it (line by line as laid out),
/// whitespace collapsed.
pub(super) fn pdf_text(bytes: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("nxg-invoice-{}.pdf", Uuid::new_v4()));
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        // pdftotext (poppler-utils) is installed by scripts/setup.sh.
        .unwrap();
    let _ = std::fs::remove_file(&path);
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
