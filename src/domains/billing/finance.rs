//! The finance console's reads: money figures, orders with their payments and credit
//! notes, coupons, and the orders CSV. Every function takes the staff member and checks
//! their capability first (`finance.view`, `coupons.manage`).
use super::finance_model::{
    CouponRow, CreditNoteLine, Figures, FinanceOverview, StaffOrderRow, StaffOrderView,
    StaffPayment,
};
use super::model::OrderStatus;
use super::orders::ITEMS_SUMMARY;
use super::payment::PaymentStatus;
use crate::core::capability;
use crate::core::money::Paise;
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// The start of today and of this month in India, as SQL over `now()`.
const TODAY: &str =
    "(date_trunc('day', now() AT TIME ZONE 'Asia/Kolkata') AT TIME ZONE 'Asia/Kolkata')";
const MONTH: &str =
    "(date_trunc('month', now() AT TIME ZONE 'Asia/Kolkata') AT TIME ZONE 'Asia/Kolkata')";

/// Revenue before GST (invoices less credit notes), GST and refunds.
pub async fn figures(pool: &PgPool) -> AppResult<Figures> {
    let (today, month, gst, refunds, orders): (i64, i64, i64, i64, i64) =
        sqlx::query_as(&format!(
            "SELECT
               ((SELECT coalesce(sum(taxable_inr), 0) FROM invoices WHERE issued_at >= {TODAY})
               - (SELECT coalesce(sum(taxable_inr), 0) FROM credit_notes WHERE issued_at >= {TODAY}))::bigint,
               ((SELECT coalesce(sum(taxable_inr), 0) FROM invoices WHERE issued_at >= {MONTH})
               - (SELECT coalesce(sum(taxable_inr), 0) FROM credit_notes WHERE issued_at >= {MONTH}))::bigint,
               ((SELECT coalesce(sum(tax_inr), 0) FROM invoices WHERE issued_at >= {MONTH})
               - (SELECT coalesce(sum(tax_inr), 0) FROM credit_notes WHERE issued_at >= {MONTH}))::bigint,
               (SELECT coalesce(sum(total_inr), 0) FROM credit_notes WHERE issued_at >= {MONTH})::bigint,
               (SELECT count(*) FROM invoices WHERE issued_at >= {TODAY})"
        ))
        .fetch_one(pool)
        .await?;
    Ok(Figures {
        revenue_today: Paise(today),
        revenue_month: Paise(month),
        gst_month: Paise(gst),
        refunds_month: Paise(refunds),
        orders_today: orders,
    })
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    order_number: String,
    email: String,
    summary: Option<String>,
    total_inr: i64,
    refunded: i64,
    status: OrderStatus,
    created_at: DateTime<Utc>,
}

impl From<Row> for StaffOrderRow {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            number: r.order_number,
            buyer: r.email,
            summary: r.summary.unwrap_or_default(),
            total: Paise(r.total_inr),
            refunded: Paise(r.refunded),
            status: r.status,
            placed_at: r.created_at,
        }
    }
}

/// What has gone back of an order's payments, over `orders o`.
const REFUNDED: &str = "(SELECT coalesce(sum(p.refunded_inr), 0)::bigint FROM payments p
                          WHERE p.order_id = o.id)";

/// The console's filter over `orders o JOIN users u`: `$1` a status or NULL, `$2` an
/// order number or e-mail address, or empty.
const FILTER: &str = "o.order_number IS NOT NULL
                      AND ($1::text IS NULL OR o.status = $1)
                      AND ($2 = '' OR o.order_number = upper($2) OR lower(u.email) = lower($2))";

fn order_select() -> String {
    format!(
        "SELECT o.id, o.order_number, u.email, {ITEMS_SUMMARY} AS summary, o.total_inr,
                {REFUNDED} AS refunded, o.status, o.created_at
           FROM orders o JOIN users u ON u.id = o.user_id"
    )
}

/// Orders filtered by status and by a search (order number, or the buyer's e-mail):
/// newest first, at most `limit`.
pub async fn orders(
    pool: &PgPool,
    status: Option<OrderStatus>,
    search: &str,
    limit: i64,
) -> AppResult<Vec<StaffOrderRow>> {
    let search = search.trim();
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{} WHERE {FILTER} ORDER BY o.created_at DESC LIMIT $3",
        order_select()
    ))
    .bind(status.map(OrderStatus::as_str))
    .bind(search)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(StaffOrderRow::from).collect())
}

/// The console's first page for `staff` (`finance.view`).
pub async fn overview(
    pool: &PgPool,
    staff: &CurrentUser,
    status: Option<OrderStatus>,
    search: &str,
) -> AppResult<FinanceOverview> {
    staff.require(capability::VIEW_FINANCE)?;
    Ok(FinanceOverview {
        figures: figures(pool).await?,
        orders: orders(pool, status, search, 50).await?,
        can_refund: staff.can(capability::REFUND_PAYMENTS),
        can_manage_coupons: staff.can(capability::MANAGE_COUPONS),
    })
}

/// The credit notes of order `order_id`, oldest first.
pub async fn credit_notes(pool: &PgPool, order_id: Uuid) -> AppResult<Vec<CreditNoteLine>> {
    let rows: Vec<(Uuid, String, i64, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT id, credit_note_number, total_inr, reason, issued_at FROM credit_notes
          WHERE order_id = $1 ORDER BY serial_number",
    )
    .bind(order_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, number, total, reason, issued_at)| CreditNoteLine {
            id,
            number,
            total: Paise(total),
            reason,
            issued_at,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    status: PaymentStatus,
    gateway_key: String,
    amount_inr: i64,
    refunded_inr: i64,
    provider_payment_ref: Option<String>,
    initiated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct CouponSql {
    code: String,
    discount_type: String,
    discount_value: i32,
    max_discount_inr: Option<i32>,
    used: i64,
    usage_limit: Option<i32>,
    valid_to: Option<DateTime<Utc>>,
    active: bool,
}

/// One order for `staff` (`finance.view`).
pub async fn order(pool: &PgPool, staff: &CurrentUser, id: Uuid) -> AppResult<StaffOrderView> {
    staff.require(capability::VIEW_FINANCE)?;
    let row: Row = sqlx::query_as(&format!("{} WHERE o.id = $1", order_select()))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "No order has this number."))?;
    let invoice: Option<(Uuid, String)> =
        sqlx::query_as("SELECT id, invoice_number FROM invoices WHERE order_id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    let payments: Vec<PaymentRow> = sqlx::query_as(
        "SELECT p.status, g.gateway_key, p.amount_inr, p.refunded_inr, p.provider_payment_ref,
                p.initiated_at
           FROM payments p JOIN payment_gateway_configs g ON g.id = p.payment_gateway_config_id
          WHERE p.order_id = $1 ORDER BY p.initiated_at",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let refundable = payments
        .iter()
        .filter(|p| p.status == PaymentStatus::Success)
        .map(|p| p.amount_inr - p.refunded_inr)
        .sum();
    Ok(StaffOrderView {
        row: row.into(),
        invoice,
        payments: payments
            .into_iter()
            .map(|p| StaffPayment {
                status: p.status,
                gateway: p.gateway_key,
                amount: Paise(p.amount_inr),
                refunded: Paise(p.refunded_inr),
                provider_ref: p.provider_payment_ref,
                at: p.initiated_at,
            })
            .collect(),
        credit_notes: credit_notes(pool, id).await?,
        refundable: Paise(refundable),
        can_refund: staff.can(capability::REFUND_PAYMENTS),
    })
}

/// Coupons, newest first, with how often each was redeemed (`coupons.manage`).
pub async fn coupons(pool: &PgPool, staff: &CurrentUser) -> AppResult<Vec<CouponRow>> {
    staff.require(capability::MANAGE_COUPONS)?;
    let rows: Vec<CouponSql> = sqlx::query_as(
        "SELECT c.code, c.discount_type, c.discount_value, c.max_discount_inr,
                (SELECT count(*) FROM coupon_redemptions r WHERE r.coupon_id = c.id) AS used,
                c.usage_limit, c.valid_to,
                c.is_active AND (c.valid_to IS NULL OR c.valid_to > now()) AS active
           FROM coupons c ORDER BY c.created_at DESC LIMIT 200",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|c| {
            let terms = if c.discount_type == "PERCENT" {
                match c.max_discount_inr {
                    Some(cap) => format!(
                        "{}% off (at most {})",
                        c.discount_value,
                        Paise(i64::from(cap)).format_inr()
                    ),
                    None => format!("{}% off", c.discount_value),
                }
            } else {
                format!("{} off", Paise(i64::from(c.discount_value)).format_inr())
            };
            CouponRow {
                code: c.code,
                terms,
                used: c.used,
                usage_limit: c.usage_limit,
                valid_to: c.valid_to,
                active: c.active,
            }
        })
        .collect())
}

/// `GET /staff/finance/orders.csv?status=&q=`: the filtered orders with every figure,
/// streamed (`finance.view`).
pub fn routes() -> axum::Router<crate::server::state::AppState> {
    axum::Router::new().route("/staff/finance/orders.csv", axum::routing::get(orders_csv))
}

#[derive(sqlx::FromRow)]
struct CsvRow {
    order_number: String,
    created_at: DateTime<Utc>,
    email: String,
    summary: Option<String>,
    status: String,
    subtotal_inr: i64,
    discount_inr: i64,
    taxable_inr: i64,
    cgst_inr: i64,
    sgst_inr: i64,
    igst_inr: i64,
    total_inr: i64,
    refunded: i64,
    invoice_number: Option<String>,
}

async fn orders_csv(
    axum::extract::State(state): axum::extract::State<crate::server::state::AppState>,
    caller: crate::server::uploads::Caller,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use futures::StreamExt;
    let user = match caller.current_user(&state).await {
        Ok(u) => u,
        Err(e) => return (e.status(), e.message).into_response(),
    };
    if let Err(e) = user.require(capability::VIEW_FINANCE) {
        return (e.status(), e.message).into_response();
    }
    let status = q
        .get("status")
        .and_then(|s| OrderStatus::parse(s))
        .map(OrderStatus::as_str);
    let search = q.get("q").cloned().unwrap_or_default();
    let (tx, response) = crate::server::csv::streamed("nxtgauge-orders.csv");
    let pool = state.pool.clone();
    tokio::spawn(async move {
        let money = |p: i64| format!("{}.{:02}", p / 100, p % 100);
        let header = [
            "order",
            "placed_ist",
            "buyer",
            "what",
            "status",
            "subtotal",
            "discount",
            "taxable",
            "cgst",
            "sgst",
            "igst",
            "total",
            "refunded",
            "invoice",
        ];
        let Some(line) = crate::server::csv::record(header) else {
            return;
        };
        if tx.send(line).await.is_err() {
            return;
        }
        let sql = format!(
            "SELECT o.order_number, o.created_at, u.email, {ITEMS_SUMMARY} AS summary, o.status,
                    o.subtotal_inr, (o.rule_discount_inr + o.coupon_discount_inr)::bigint AS discount_inr,
                    o.taxable_inr, o.cgst_inr, o.sgst_inr, o.igst_inr, o.total_inr,
                    {REFUNDED} AS refunded,
                    (SELECT i.invoice_number FROM invoices i WHERE i.order_id = o.id) AS invoice_number
               FROM orders o JOIN users u ON u.id = o.user_id
              WHERE {FILTER}
              ORDER BY o.created_at DESC"
        );
        let mut rows = sqlx::query_as::<_, CsvRow>(&sql)
            .bind(status)
            .bind(search.trim())
            .fetch(&pool);
        while let Some(row) = rows.next().await {
            let r = match row {
                Ok(r) => r,
                Err(error) => {
                    tracing::error!(%error, "orders export stopped");
                    return;
                }
            };
            let fields = [
                r.order_number,
                crate::core::time::ist(r.created_at, "%Y-%m-%d %H:%M:%S"),
                crate::server::csv::cell(&r.email),
                crate::server::csv::cell(&r.summary.unwrap_or_default()),
                r.status,
                money(r.subtotal_inr),
                money(r.discount_inr),
                money(r.taxable_inr),
                money(r.cgst_inr),
                money(r.sgst_inr),
                money(r.igst_inr),
                money(r.total_inr),
                money(r.refunded),
                r.invoice_number.unwrap_or_default(),
            ];
            let Some(line) = crate::server::csv::record(fields) else {
                return;
            };
            if tx.send(line).await.is_err() {
                return;
            }
        }
    });
    response
}
