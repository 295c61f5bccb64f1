//! The buyer's orders: the list on /billing and one order's page.
use super::gst::{self, Tax};
use super::model::{OrderRow, OrderStatus, OrderView, PackageType};
use super::payment::PaymentStatus;
use super::totals::Totals;
use crate::core::money::Paise;
use crate::core::{AppError, AppResult};
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    order_number: String,
    status: OrderStatus,
    summary: Option<String>,
    total_inr: i64,
    created_at: DateTime<Utc>,
    payment: Option<PaymentStatus>,
}

impl From<Row> for OrderRow {
    fn from(r: Row) -> Self {
        OrderRow {
            id: r.id,
            number: r.order_number,
            status: r.status,
            summary: r.summary.unwrap_or_default(),
            total: Paise(r.total_inr),
            placed_at: r.created_at,
            payment: r.payment,
        }
    }
}

/// "2 × Pro": an order's lines in one phrase (SQL over `orders o`).
pub(super) const ITEMS_SUMMARY: &str =
    "(SELECT string_agg(i.quantity || ' × ' || i.item_name, ', ')
       FROM order_items i WHERE i.order_id = o.id)";

/// What an order line gave in all, over `order_items`: tracecoins for a bundle, credits
/// otherwise.
pub(super) const LINE_UNITS: &str = "(quantity * CASE WHEN package_type = 'TRACECOIN_BUNDLE'
                  THEN tracecoins_included ELSE credits_included END)::bigint";

/// The columns of an order row, over `orders o`.
fn row_select() -> String {
    format!(
        "
    SELECT o.id, o.order_number, o.status, o.total_inr, o.created_at,
           {ITEMS_SUMMARY} AS summary,
           (SELECT p.status FROM payments p WHERE p.order_id = o.id
             ORDER BY p.initiated_at DESC LIMIT 1) AS payment
      FROM orders o"
    )
}

/// The buyer's orders, newest first (the latest 100).
pub async fn mine(pool: &PgPool, user_id: Uuid) -> AppResult<Vec<OrderRow>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{} WHERE o.user_id = $1 AND o.order_number IS NOT NULL
          ORDER BY o.created_at DESC LIMIT 100",
        row_select()
    ))
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(OrderRow::from).collect())
}

/// One of the buyer's orders; another person's is not found.
pub async fn view(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<OrderView> {
    let row: Row = sqlx::query_as(&format!(
        "{} WHERE o.id = $1 AND o.user_id = $2",
        row_select()
    ))
    .bind(id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| {
        AppError::new(
            crate::core::ErrorCode::NotFound,
            "No order of yours has this number.",
        )
    })?;
    #[derive(sqlx::FromRow)]
    struct Figures {
        subtotal_inr: i64,
        rule_discount_inr: i64,
        coupon_discount_inr: i64,
        taxable_inr: i64,
        cgst_inr: i64,
        sgst_inr: i64,
        igst_inr: i64,
        total_inr: i64,
        billing_name: Option<String>,
        billing_state_code: Option<String>,
        billing_gstin: Option<String>,
        return_path: Option<String>,
        expires_at: Option<DateTime<Utc>>,
    }
    let f: Figures = sqlx::query_as(
        "SELECT subtotal_inr, rule_discount_inr, coupon_discount_inr, taxable_inr, cgst_inr,
                sgst_inr, igst_inr, total_inr, billing_name, billing_state_code, billing_gstin,
                return_path, expires_at
           FROM orders WHERE id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await?;
    let item: Option<(PackageType, i64)> = sqlx::query_as(&format!(
        "SELECT package_type, {LINE_UNITS} FROM order_items WHERE order_id = $1 LIMIT 1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let failure: Option<String> = sqlx::query_scalar(
        "SELECT failure_reason FROM payments WHERE order_id = $1 AND status = 'FAILED'
          ORDER BY initiated_at DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .flatten();
    let invoice: Option<(Uuid, String)> =
        sqlx::query_as("SELECT id, invoice_number FROM invoices WHERE order_id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    let state = f.billing_state_code.unwrap_or_default();
    let credit_notes = super::finance::credit_notes(pool, id).await?;
    Ok(OrderView {
        credit_notes,
        row: row.into(),
        package_type: item.map(|i| i.0),
        units: item.map_or(0, |i| i.1),
        totals: Totals {
            subtotal: Paise(f.subtotal_inr),
            rule_discount: Paise(f.rule_discount_inr),
            coupon_discount: Paise(f.coupon_discount_inr),
            taxable: Paise(f.taxable_inr),
            tax: Tax {
                cgst: Paise(f.cgst_inr),
                sgst: Paise(f.sgst_inr),
                igst: Paise(f.igst_inr),
            },
            total: Paise(f.total_inr),
        },
        billing_name: f.billing_name.unwrap_or_default(),
        place_of_supply: gst::place_label(&state),
        gstin: f.billing_gstin,
        failure,
        return_path: f.return_path,
        expires_at: f.expires_at,
        invoice,
    })
}
