//! Refunds by finance staff (`payments.refund`): all or part of what a payment captured,
//! through its gateway, in one transaction with everything it implies:
//!
//! 1. the payment is locked and the amount checked against what is left to refund;
//! 2. what the refunded share delivered is taken back: the tracecoins from the wallet, or
//!    the credits from their grant, in proportion to the money and rounded up (the
//!    buyer never keeps more than they paid for); refused, changing nothing, when the
//!    buyer has already spent them;
//! 3. a GST credit note with its own gapless number (`NXGC2627000001`) splits the amount
//!    like the invoice (taxable value rounded half-up, the tax the rest; the last refund
//!    takes exactly what is left of each head, so the notes add up to the invoice);
//! 4. the gateway refunds (keyed by the credit note, so a retry refunds once), and
//!    request and answer go to `payment_transactions`;
//! 5. the payment's `refunded_inr` grows; a payment refunded in full makes its order
//!    REFUNDED; the audit row and the buyer's notice are written.
use super::credits;
use super::invoices::{financial_year, next_serial, Series};
use super::model::{OrderStatus, PackageType};
use super::payment::{self, GatewayKey, PaymentStatus};
use crate::core::capability;
use crate::core::money::Paise;
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use crate::domains::audit::service::{self as audit, Action, Entry, RequestMeta};
use crate::domains::wallet::model::{Direction, Reference};
use crate::domains::wallet::service::{self as wallet, Movement};
use crate::server::notify::{self, Notice, Outgoing};
use chrono::Utc;
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// The longest reason, in characters.
pub const REASON_MAX: usize = 500;

/// "NXGC2627000001".
pub fn credit_note_number(year: &str, serial: i32) -> String {
    format!("NXGC{year}{serial:06}")
}

/// A checked refund form: the amount in paise and the reason.
pub fn parse_refund(amount: &str, reason: &str) -> AppResult<(Paise, String)> {
    let mut errors = crate::core::error::FieldErrors::new();
    let amount = errors.check(
        "amount",
        Paise::parse_rupees(amount).and_then(|p| {
            if p.0 > 0 {
                Ok(p)
            } else {
                Err("Enter an amount above ₹0.".into())
            }
        }),
    );
    let reason = reason.trim();
    let reason = errors.check(
        "reason",
        match reason.chars().count() {
            0..=2 => Err("Say why the money goes back (at least 3 characters).".to_string()),
            n if n > REASON_MAX => Err(format!("Keep the reason to {REASON_MAX} characters.")),
            _ => Ok(reason.to_owned()),
        },
    );
    errors.into_result()?;
    match (amount, reason) {
        (Some(a), Some(r)) => Ok((a, r)),
        _ => Err(AppError::internal()),
    }
}

/// How many of `units` the first `refunded` of `total` paise bought back, rounded up.
pub fn units_for(units: i64, refunded: i64, total: i64) -> i64 {
    if total <= 0 {
        return units;
    }
    (units * refunded + total - 1) / total
}

/// The credit note's split of `amount` against the invoice (`[taxable, cgst, sgst, igst]`)
/// less what earlier notes took (`before`, same order). The last refund (`amount` equal
/// to what is left) takes each head's remainder exactly.
pub fn split(amount: i64, invoice: [i64; 4], before: [i64; 4]) -> [i64; 4] {
    let left: [i64; 4] = std::array::from_fn(|i| invoice[i] - before[i]);
    if amount == left.iter().sum::<i64>() {
        return left;
    }
    let total: i64 = invoice.iter().sum();
    let taxable = if total > 0 {
        (2 * amount * invoice[0] + total) / (2 * total)
    } else {
        amount
    };
    let tax = amount - taxable;
    if invoice[3] > 0 {
        [taxable, 0, 0, tax]
    } else {
        let cgst = (tax + 1) / 2;
        [taxable, cgst, tax - cgst, 0]
    }
}

/// What a refund did.
#[derive(Debug)]
pub struct Refunded {
    pub credit_note_id: Uuid,
    pub number: String,
    pub units_taken_back: i64,
    /// The buyer's e-mail, to send after commit.
    pub mail: Outgoing,
}

#[derive(sqlx::FromRow)]
struct Paid {
    payment_id: Uuid,
    amount_inr: i64,
    refunded_inr: i64,
    provider_order_ref: Option<String>,
    provider_payment_ref: Option<String>,
    gateway_key: GatewayKey,
    invoice_id: Uuid,
    order_id: Uuid,
    order_number: String,
    user_id: Uuid,
    order_status: OrderStatus,
    taxable_inr: i64,
    cgst_inr: i64,
    sgst_inr: i64,
    igst_inr: i64,
}

/// Refunds `amount` (rupees as typed) of order `order_id`'s captured payment. See the
/// module documentation.
pub async fn refund(
    pool: &PgPool,
    staff: &CurrentUser,
    order_id: Uuid,
    amount: &str,
    reason: &str,
    meta: &RequestMeta,
) -> AppResult<Refunded> {
    staff.require(capability::REFUND_PAYMENTS)?;
    let (amount, reason) = parse_refund(amount, reason)?;
    let mut tx = pool.begin().await?;
    let paid: Paid = sqlx::query_as(
        "SELECT p.id AS payment_id, p.amount_inr, p.refunded_inr, p.provider_order_ref,
                p.provider_payment_ref, g.gateway_key, i.id AS invoice_id, o.id AS order_id,
                o.order_number, o.user_id, o.status AS order_status,
                i.taxable_inr, i.cgst_inr, i.sgst_inr, i.igst_inr
           FROM orders o
           JOIN invoices i ON i.order_id = o.id
           JOIN payments p ON p.invoice_id = i.id AND p.status = 'SUCCESS'
           JOIN payment_gateway_configs g ON g.id = p.payment_gateway_config_id
          WHERE o.id = $1
          FOR UPDATE OF p, o",
    )
    .bind(order_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| {
        AppError::new(
            ErrorCode::NotFound,
            "This order has no captured payment to refund.",
        )
    })?;
    let left = paid.amount_inr - paid.refunded_inr;
    if paid.order_status == OrderStatus::Refunded || left <= 0 {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This payment has already been refunded in full.",
        ));
    }
    if amount.0 > left {
        return Err(AppError::field(
            "amount",
            format!(
                "At most {} is left to refund on this payment.",
                Paise(left).format_inr()
            ),
        ));
    }
    let refunded_after = paid.refunded_inr + amount.0;
    let credit_note_id = Uuid::new_v4();
    let (units, kind) = take_back(&mut tx, &paid, refunded_after, credit_note_id, meta).await?;

    let before: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT coalesce(sum(taxable_inr), 0)::bigint, coalesce(sum(cgst_inr), 0)::bigint,
                coalesce(sum(sgst_inr), 0)::bigint, coalesce(sum(igst_inr), 0)::bigint
           FROM credit_notes WHERE invoice_id = $1",
    )
    .bind(paid.invoice_id)
    .fetch_one(&mut *tx)
    .await?;
    let [taxable, cgst, sgst, igst] = split(
        amount.0,
        [
            paid.taxable_inr,
            paid.cgst_inr,
            paid.sgst_inr,
            paid.igst_inr,
        ],
        [before.0, before.1, before.2, before.3],
    );
    let year = financial_year(Utc::now());
    let serial = next_serial(&mut tx, Series::CreditNotes, &year).await?;
    let number = credit_note_number(&year, serial);

    let answer = gateway_refund(&mut tx, &paid, amount.0, &credit_note_id.to_string()).await?;
    sqlx::query(
        "INSERT INTO credit_notes (id, invoice_id, order_id, payment_id, user_id,
                                   credit_note_number, financial_year, serial_number,
                                   taxable_inr, cgst_inr, sgst_inr, igst_inr, tax_inr, total_inr,
                                   units_taken_back, reason, provider_refund_ref,
                                   refunded_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $10 + $11 + $12, $13, $14,
                 $15, $16, $17)",
    )
    .bind(credit_note_id)
    .bind(paid.invoice_id)
    .bind(paid.order_id)
    .bind(paid.payment_id)
    .bind(paid.user_id)
    .bind(&number)
    .bind(&year)
    .bind(serial)
    .bind(taxable)
    .bind(cgst)
    .bind(sgst)
    .bind(igst)
    .bind(amount.0)
    .bind(i32::try_from(units).map_err(|_| AppError::internal())?)
    .bind(&reason)
    .bind(&answer.0)
    .bind(staff.id)
    .execute(&mut *tx)
    .await?;
    payment::log(
        &mut tx,
        paid.payment_id,
        "REFUND",
        PaymentStatus::Success,
        Some(&answer.0),
        json!({ "amount": amount.0, "currency": "INR", "credit_note": number,
                "idempotency_key": credit_note_id.to_string() }),
        answer.1,
    )
    .await?;
    let full = refunded_after == paid.amount_inr;
    sqlx::query("UPDATE payments SET refunded_inr = $2 WHERE id = $1")
        .bind(paid.payment_id)
        .bind(refunded_after)
        .execute(&mut *tx)
        .await?;
    if full {
        sqlx::query("UPDATE orders SET status = 'REFUNDED' WHERE id = $1")
            .bind(paid.order_id)
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(staff.id),
            Action::Create,
            "credit_note",
            Some(credit_note_id),
            "billing",
            format!(
                "refunded {} of order {} ({units} units taken back): {reason}",
                amount.format_inr(),
                paid.order_number
            ),
            meta,
        )
        .label(number.clone()),
    )
    .await?;
    let taken = match units {
        0 => String::new(),
        n => format!("{} taken back from your account.", kind.count(n)),
    };
    let mail = notify::record(
        &mut tx,
        Notice {
            user_id: paid.user_id,
            template_key: "payment_refunded",
            title: format!(
                "Refund of {} for order {}",
                amount.format_inr(),
                paid.order_number
            ),
            body: format!("Credit note {number}. {taken}").trim().to_owned(),
            entity_type: "order",
            entity_id: paid.order_id,
            link_path: Some(format!("/billing/orders/{}", paid.order_id)),
            vars: vec![
                ("amount", amount.format_inr()),
                ("order", paid.order_number.clone()),
                ("credit_note", number.clone()),
                ("taken", taken),
            ],
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Refunded {
        credit_note_id,
        number,
        units_taken_back: units,
        mail,
    })
}

/// The order's one package line: its kind, package and units in all.
async fn line(conn: &mut PgConnection, order_id: Uuid) -> AppResult<(PackageType, Uuid, i64)> {
    let (kind, package, units): (PackageType, Uuid, i64) = sqlx::query_as(&format!(
        "SELECT package_type, item_id, {}
           FROM order_items WHERE order_id = $1 AND item_type = 'PACKAGE'
          ORDER BY created_at LIMIT 1",
        super::orders::LINE_UNITS
    ))
    .bind(order_id)
    .fetch_one(conn)
    .await?;
    Ok((kind, package, units))
}

/// Takes back what the refunded share (`refunded_after` of the payment) delivered,
/// less what earlier refunds took. Answers how many units, and of what.
async fn take_back(
    conn: &mut PgConnection,
    paid: &Paid,
    refunded_after: i64,
    credit_note_id: Uuid,
    meta: &RequestMeta,
) -> AppResult<(i64, PackageType)> {
    let (kind, package, units) = line(conn, paid.order_id).await?;
    let taken: i64 = sqlx::query_scalar(
        "SELECT coalesce(sum(units_taken_back), 0)::bigint FROM credit_notes WHERE payment_id = $1",
    )
    .bind(paid.payment_id)
    .fetch_one(&mut *conn)
    .await?;
    let due = units_for(units, refunded_after, paid.amount_inr) - taken;
    if due <= 0 {
        return Ok((0, kind));
    }
    // What is still unspent, and the largest refund it would cover.
    let spent_refusal = |held: i64| {
        let most = (taken + held) * paid.amount_inr / units.max(1) - paid.refunded_inr;
        AppError::field(
            "amount",
            format!(
                "The buyer has already used some of what this order gave: refunding this much takes back {} but only {} are unspent. Refund at most {}.",
                kind.count(due),
                kind.count(held),
                Paise(most.max(0)).format_inr()
            ),
        )
    };
    if kind == PackageType::TracecoinBundle {
        let held = i64::from(wallet::balance(&mut *conn, paid.user_id).await?);
        if held < due {
            return Err(spent_refusal(held));
        }
        let remarks = format!("refund of order {}", paid.order_number);
        let key = format!("purchase-refund:{credit_note_id}");
        wallet::apply(
            conn,
            &Movement {
                user_id: paid.user_id,
                direction: Direction::Debit,
                amount: i32::try_from(due).map_err(|_| AppError::internal())?,
                reference: Reference::Purchase,
                reference_id: Some(paid.order_id),
                remarks: Some(&remarks),
                idempotency_key: &key,
                actor: None,
            },
            meta,
        )
        .await?;
    } else {
        let held = credits::unspent_of_order(conn, paid.order_id, package).await?;
        if held < due {
            return Err(spent_refusal(held));
        }
        credits::revoke_of_order(conn, paid.order_id, package, due).await?;
    }
    Ok((due, kind))
}

/// The gateway's refund of `amount` on the payment, keyed by `key`: its refund id and
/// answer.
async fn gateway_refund(
    conn: &mut PgConnection,
    paid: &Paid,
    amount: i64,
    key: &str,
) -> AppResult<(String, serde_json::Value)> {
    let order_ref = paid.provider_order_ref.as_deref().unwrap_or_default();
    match paid.gateway_key {
        GatewayKey::Sandbox => super::sandbox::refund(conn, order_ref, amount, key).await,
        GatewayKey::Razorpay | GatewayKey::Stripe => {
            tracing::error!(
                gateway = paid.gateway_key.as_str(),
                payment = paid.provider_payment_ref.as_deref().unwrap_or_default(),
                "refund through a gateway that is not available in this build"
            );
            Err(AppError::new(
                ErrorCode::Unavailable,
                "This payment's gateway cannot take refunds from here yet.",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;

    #[test]
    fn units_come_back_in_proportion_rounded_up() {
        assert_eq!(units_for(500, 0, 59_000), 0);
        assert_eq!(units_for(500, 59_000, 59_000), 500);
        assert_eq!(units_for(500, 29_500, 59_000), 250);
        // One paisa of refund already takes back a whole unit.
        assert_eq!(units_for(500, 1, 59_000), 1);
        assert_eq!(units_for(10, 10_000, 35_282), 3);
    }

    #[test]
    fn credit_notes_split_like_the_invoice_and_add_up_to_it() {
        // ₹500 + 9% + 9%.
        let invoice = [50_000, 4_500, 4_500, 0];
        let first = split(29_500, invoice, [0; 4]);
        assert_eq!(first, [25_000, 2_250, 2_250, 0]);
        let second = split(29_499, invoice, first);
        assert_eq!(second.iter().sum::<i64>(), 29_499);
        let before: Vec<i64> = first.iter().zip(second).map(|(a, b)| a + b).collect();
        let last = split(1, invoice, [before[0], before[1], before[2], before[3]]);
        let heads: Vec<i64> = (0..4).map(|i| first[i] + second[i] + last[i]).collect();
        assert_eq!(heads, invoice);
        // IGST goes to one head.
        assert_eq!(
            split(1_180, [10_000, 0, 0, 1_800], [0; 4]),
            [1_000, 0, 0, 180]
        );
    }

    #[test]
    fn the_form_is_checked_field_by_field() {
        let err = parse_refund("0", " x ").unwrap_err();
        assert!(err.fields["amount"].contains("above ₹0"));
        assert!(err.fields["reason"].contains("at least 3"));
        assert_eq!(
            parse_refund("₹1,180.50", " Duplicate purchase ").unwrap(),
            (Paise(118_050), "Duplicate purchase".to_owned())
        );
        assert_eq!(credit_note_number("2627", 42), "NXGC2627000042");
    }
}
