//! Refunds against a real PostgreSQL: what goes back, what is taken back, the credit
//! notes, refusals that change nothing, and the books adding up after any sequence.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::model::CheckedCheckout;
use super::refunds::refund;
use super::{checkout, payment, sandbox};
use crate::core::ErrorCode;
use crate::domains::access::service::CurrentUser;
use crate::domains::audit::service::RequestMeta;
use crate::domains::wallet::model::{Direction, Reference};
use crate::domains::wallet::service::{self as wallet, Movement};
use axum::http::HeaderMap;
use sqlx::PgPool;
use uuid::Uuid;

pub(super) async fn account(pool: &PgPool, email: &str) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, status) VALUES ($1, 'h', 'ACTIVE') RETURNING id",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn finance(pool: &PgPool, capabilities: &[&str]) -> CurrentUser {
    let email = format!("{}@nxtgauge.in", Uuid::new_v4().simple());
    CurrentUser {
        id: account(pool, &email).await,
        session_id: Uuid::new_v4(),
        email,
        display_name: "Finance".into(),
        roles: vec!["FINANCE".into()],
        capabilities: capabilities.iter().map(|c| (*c).to_owned()).collect(),
    }
}

/// A paid order of one `package` for `buyer` (paid in the sandbox, settled by webhook).
pub(super) async fn paid(pool: &PgPool, buyer: Uuid, package: &str) -> (Uuid, i64) {
    let package_id: Uuid = sqlx::query_scalar("SELECT id FROM pricing_packages WHERE name = $1")
        .bind(package)
        .fetch_one(pool)
        .await
        .unwrap();
    let form = CheckedCheckout {
        package_id,
        quantity: 1,
        billing_name: "Asha Rao".into(),
        state_code: "29".into(),
        gstin: None,
        coupon: None,
        return_path: None,
    };
    let order = checkout::place(pool, buyer, &form, &RequestMeta::default())
        .await
        .unwrap();
    let url = payment::start(pool, order.id).await.unwrap();
    let order_ref = url.trim_start_matches("/sandbox/pay/").to_owned();
    let amount: i64 = sqlx::query_scalar(
        "UPDATE sandbox_gateway_orders SET status = 'PAID', payment_ref = 'sbp_' || id
          WHERE id = $1 RETURNING amount",
    )
    .bind(&order_ref)
    .fetch_one(pool)
    .await
    .unwrap();
    let body = serde_json::json!({
        "id": format!("evt_{order_ref}"), "order_id": order_ref, "payment_id": format!("sbp_{order_ref}"),
        "status": "paid", "amount": amount, "currency": "INR",
    })
    .to_string()
    .into_bytes();
    let mut headers = HeaderMap::new();
    headers.insert(
        sandbox::SIGNATURE_HEADER,
        sandbox::sign(&sandbox::secret(), &body).parse().unwrap(),
    );
    sandbox::receive_webhook(pool, &headers, &body)
        .await
        .unwrap();
    (order.id, amount)
}

/// Σ captured − Σ refunded = Σ paid invoices − Σ credit notes, and the tracecoins the
/// ledger credited for purchases less those it took back equal the coins of the
/// delivered orders less what the credit notes took.
async fn assert_books_add_up(pool: &PgPool) {
    let (captured, refunded, invoiced, credited): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT coalesce(sum(amount_inr), 0)::bigint FROM payments WHERE status = 'SUCCESS'),
                (SELECT coalesce(sum(refunded_inr), 0)::bigint FROM payments),
                (SELECT coalesce(sum(total_inr), 0)::bigint FROM invoices WHERE status = 'PAID'),
                (SELECT coalesce(sum(total_inr), 0)::bigint FROM credit_notes)",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(captured - refunded, invoiced - credited);
    let (ledger, delivered): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT coalesce(sum(CASE WHEN transaction_type = 'CREDIT' THEN amount ELSE -amount END), 0)::bigint
                   FROM tracecoin_ledger WHERE reference_type = 'PURCHASE'),
                (SELECT coalesce(sum(i.quantity * i.tracecoins_included), 0)::bigint
                   FROM order_items i JOIN orders o ON o.id = i.order_id
                  WHERE o.status IN ('COMPLETED', 'REFUNDED'))
                - (SELECT coalesce(sum(c.units_taken_back), 0)::bigint
                     FROM credit_notes c JOIN order_items i ON i.order_id = c.order_id
                    WHERE i.package_type = 'TRACECOIN_BUNDLE')",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(ledger, delivered);
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_full_refund_takes_the_coins_back_and_issues_a_credit_note(pool: PgPool) {
    let buyer = account(&pool, "asha@example.in").await;
    let staff = finance(&pool, &["payments.refund"]).await;
    let (order, amount) = paid(&pool, buyer, "Pro").await;
    let rupees = crate::core::roles::rupees_for_form(amount);
    let done = refund(
        &pool,
        &staff,
        order,
        &rupees,
        "Bought twice",
        &RequestMeta::default(),
    )
    .await
    .unwrap();
    assert_eq!(done.units_taken_back, 500);
    assert!(done.number.starts_with("NXGC") && done.number.len() == 14);
    assert_eq!(wallet::balance(&pool, buyer).await.unwrap(), 0);
    let (status, total): (String, i64) = sqlx::query_as(
        "SELECT o.status, c.total_inr FROM orders o JOIN credit_notes c ON c.order_id = o.id WHERE o.id = $1",
    )
    .bind(order)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((status.as_str(), total), ("REFUNDED", amount));
    assert_eq!(
        count(&pool, "SELECT count(*) FROM payment_transactions WHERE transaction_type = 'REFUND' AND status = 'SUCCESS'").await,
        1
    );
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM audit_logs WHERE entity_type = 'credit_note'"
        )
        .await,
        1
    );
    let again = refund(&pool, &staff, order, "1", "Again", &RequestMeta::default())
        .await
        .unwrap_err();
    assert!(again.message.contains("already been refunded in full"));
    assert_books_add_up(&pool).await;

    // The buyer (and finance) read the credit note; nobody else does.
    let stranger = account(&pool, "stranger@example.in").await;
    assert!(
        super::credit_notes::view(&pool, stranger, false, done.credit_note_id)
            .await
            .is_err()
    );
    assert!(
        super::credit_notes::view(&pool, stranger, true, done.credit_note_id)
            .await
            .is_ok()
    );
    let (note, against) = super::credit_notes::view(&pool, buyer, false, done.credit_note_id)
        .await
        .unwrap();
    let bytes =
        super::pdf::render(&note, super::pdf::Kind::CreditNote { against: &against }).unwrap();
    let text = super::tests::pdf_text(&bytes);
    for needle in [
        "Credit note",
        done.number.as_str(),
        &format!("Against invoice {against}"),
        "CGST 9% ₹179.91",
        "Total ₹2,358.82",
        "Refunded to the original payment method",
    ] {
        assert!(text.contains(needle), "{needle:?} not in {text:?}");
    }
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn partial_refunds_add_up_and_more_than_is_left_is_refused(pool: PgPool) {
    let buyer = account(&pool, "asha@example.in").await;
    let staff = finance(&pool, &["payments.refund"]).await;
    let (order, amount) = paid(&pool, buyer, "Pro").await;
    let meta = RequestMeta::default();
    let first = refund(&pool, &staff, order, "100", "Goodwill", &meta)
        .await
        .unwrap();
    assert_eq!(
        first.units_taken_back, 22,
        "₹100 of ₹2,358.82 is 21.2 of 500 coins, rounded up"
    );
    let too_much = refund(
        &pool,
        &staff,
        order,
        &(amount / 100).to_string(),
        "All",
        &meta,
    )
    .await
    .unwrap_err();
    assert!(
        too_much.fields["amount"].contains("At most ₹2,258.82"),
        "{too_much:?}"
    );
    let left = crate::core::roles::rupees_for_form(amount - 10_000);
    refund(&pool, &staff, order, &left, "The rest", &meta)
        .await
        .unwrap();
    assert_eq!(wallet::balance(&pool, buyer).await.unwrap(), 0);
    let serials: Vec<i32> = sqlx::query_scalar("SELECT serial_number FROM credit_notes ORDER BY 1")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(serials, [1, 2]);
    // The notes' heads add up to the invoice's exactly.
    let (heads, invoice): ((i64, i64, i64), (i64, i64, i64)) = (
        sqlx::query_as("SELECT sum(taxable_inr)::bigint, sum(cgst_inr)::bigint, sum(sgst_inr)::bigint FROM credit_notes")
            .fetch_one(&pool)
            .await
            .unwrap(),
        sqlx::query_as("SELECT taxable_inr, cgst_inr, sgst_inr FROM invoices")
            .fetch_one(&pool)
            .await
            .unwrap(),
    );
    assert_eq!(heads, invoice);
    assert_books_add_up(&pool).await;
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn spent_coins_and_credits_are_not_refunded_and_nothing_changes(pool: PgPool) {
    let buyer = account(&pool, "asha@example.in").await;
    let staff = finance(&pool, &["payments.refund"]).await;
    let (order, amount) = paid(&pool, buyer, "Pro").await;
    wallet::apply_now(
        &pool,
        &Movement {
            user_id: buyer,
            direction: Direction::Debit,
            amount: 400,
            reference: Reference::Lead,
            reference_id: None,
            remarks: None,
            idempotency_key: "spent",
            actor: None,
        },
        &RequestMeta::default(),
    )
    .await
    .unwrap();
    let whole = format!("{}", amount / 100);
    let err = refund(
        &pool,
        &staff,
        order,
        &whole,
        "Changed mind",
        &RequestMeta::default(),
    )
    .await
    .unwrap_err();
    assert!(
        err.fields["amount"].contains("only 100 tracecoins are unspent"),
        "{err:?}"
    );
    assert!(
        err.fields["amount"].contains("Refund at most ₹471.76"),
        "{err:?}"
    );
    assert_eq!(count(&pool, "SELECT count(*) FROM credit_notes").await, 0);
    assert_eq!(
        count(&pool, "SELECT count(*) FROM credit_note_sequences").await,
        0
    );
    assert_eq!(
        count(
            &pool,
            "SELECT refunded_inr FROM payments WHERE status = 'SUCCESS'"
        )
        .await,
        0
    );
    assert_eq!(wallet::balance(&pool, buyer).await.unwrap(), 100);
    refund(
        &pool,
        &staff,
        order,
        "471.76",
        "What is unspent",
        &RequestMeta::default(),
    )
    .await
    .unwrap();
    assert_eq!(wallet::balance(&pool, buyer).await.unwrap(), 0);

    // Credits: 10 contact views, 8 used; half the money back needs 5 of them.
    let (views, _) = paid(&pool, buyer, "10 Contact Views").await;
    sqlx::query("UPDATE package_credits SET credits_used = 8 WHERE order_id = $1")
        .bind(views)
        .execute(&pool)
        .await
        .unwrap();
    let err = refund(
        &pool,
        &staff,
        views,
        "176.41",
        "Half",
        &RequestMeta::default(),
    )
    .await
    .unwrap_err();
    assert!(
        err.fields["amount"].contains("only 2 contact views are unspent"),
        "{err:?}"
    );
    refund(
        &pool,
        &staff,
        views,
        "70.56",
        "Two views",
        &RequestMeta::default(),
    )
    .await
    .unwrap();
    let total: i32 =
        sqlx::query_scalar("SELECT credits_total FROM package_credits WHERE order_id = $1")
            .bind(views)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(total, 8);
    assert_books_add_up(&pool).await;
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn only_holders_of_the_refund_capability_refund(pool: PgPool) {
    let buyer = account(&pool, "asha@example.in").await;
    let viewer = finance(&pool, &["finance.view"]).await;
    let (order, _) = paid(&pool, buyer, "Pro").await;
    let err = refund(&pool, &viewer, order, "10", "Try", &RequestMeta::default())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert_eq!(count(&pool, "SELECT count(*) FROM credit_notes").await, 0);
    let err = refund(
        &pool,
        &finance(&pool, &["payments.refund"]).await,
        Uuid::new_v4(),
        "10",
        "Nothing",
        &RequestMeta::default(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}
