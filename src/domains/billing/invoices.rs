//! GST tax invoices: issued in the transaction that settles a payment, numbered without
//! gaps per financial year, and shown to their buyer.
use super::catalogue;
use super::gst::{self, Tax};
use super::model::InvoiceView;
use super::totals::Totals;
use super::words::rupees_in_words;
use crate::core::money::Paise;
use crate::core::{AppError, AppResult, ErrorCode};
use chrono::{DateTime, Datelike, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// The financial year (April to March) of `at` in India: "2627" for 2026-27.
pub fn financial_year(at: DateTime<Utc>) -> String {
    let day = crate::core::time::ist_date(at);
    let start = if day.month() >= 4 {
        day.year()
    } else {
        day.year() - 1
    };
    format!(
        "{:02}{:02}",
        start.rem_euclid(100),
        (start + 1).rem_euclid(100)
    )
}

/// "NXG2627000042".
pub fn invoice_number(year: &str, serial: i32) -> String {
    format!("NXG{year}{serial:06}")
}

/// A gapless numbering series, one row per financial year.
#[derive(Debug, Clone, Copy)]
pub enum Series {
    Invoices,
    CreditNotes,
}

/// The next serial of `series` in `year`. The upsert locks the year's row until commit:
/// concurrent issues take turns, and a rollback gives the number back, so the series has
/// no gaps.
pub async fn next_serial(conn: &mut PgConnection, series: Series, year: &str) -> AppResult<i32> {
    let sql = match series {
        Series::Invoices => {
            "INSERT INTO invoice_sequences (financial_year, last_number) VALUES ($1, 1)
             ON CONFLICT (financial_year) DO UPDATE SET last_number = invoice_sequences.last_number + 1
             RETURNING last_number"
        }
        Series::CreditNotes => {
            "INSERT INTO credit_note_sequences (financial_year, last_number) VALUES ($1, 1)
             ON CONFLICT (financial_year) DO UPDATE SET last_number = credit_note_sequences.last_number + 1
             RETURNING last_number"
        }
    };
    Ok(sqlx::query_scalar(sql).bind(year).fetch_one(conn).await?)
}

/// Issues the PAID invoice of `order_id` (once: a second call returns the first) and
/// links the payment to it (none for a free order). Runs in the settling transaction.
pub async fn issue(
    conn: &mut PgConnection,
    order_id: Uuid,
    payment_id: Option<Uuid>,
) -> AppResult<Uuid> {
    if let Some(id) = sqlx::query_scalar::<_, Uuid>("SELECT id FROM invoices WHERE order_id = $1")
        .bind(order_id)
        .fetch_optional(&mut *conn)
        .await?
    {
        return Ok(id);
    }
    let supplier = catalogue::supplier(&mut *conn).await?;
    let year = financial_year(Utc::now());
    let serial = next_serial(&mut *conn, Series::Invoices, &year).await?;
    let number = invoice_number(&year, serial);
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO invoices (order_id, user_id, invoice_number, financial_year, serial_number,
                               subtotal_inr, discount_inr, taxable_inr, cgst_inr, sgst_inr,
                               igst_inr, tax_inr, total_inr, tax_rate_bp, status, paid_at,
                               supplier_name, supplier_address, supplier_gstin, supplier_state_code,
                               buyer_name, buyer_gstin, place_of_supply)
         SELECT id, user_id, $2, $3, $4, subtotal_inr, discount_inr, taxable_inr, cgst_inr,
                sgst_inr, igst_inr, tax_inr, total_inr, tax_rate_bp, 'PAID', now(),
                $5, $6, $7, $8, billing_name, billing_gstin, billing_state_code
           FROM orders WHERE id = $1
         RETURNING id",
    )
    .bind(order_id)
    .bind(&number)
    .bind(&year)
    .bind(serial)
    .bind(&supplier.name)
    .bind(&supplier.address)
    .bind(&supplier.gstin)
    .bind(&supplier.state_code)
    .fetch_one(&mut *conn)
    .await?;
    if let Some(payment_id) = payment_id {
        sqlx::query("UPDATE payments SET invoice_id = $2 WHERE id = $1")
            .bind(payment_id)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    order_id: Uuid,
    invoice_number: String,
    issued_at: DateTime<Utc>,
    supplier_name: Option<String>,
    supplier_address: Option<String>,
    supplier_gstin: Option<String>,
    buyer_name: Option<String>,
    buyer_gstin: Option<String>,
    place_of_supply: Option<String>,
    subtotal_inr: i64,
    discount_inr: i64,
    taxable_inr: i64,
    cgst_inr: i64,
    sgst_inr: i64,
    igst_inr: i64,
    total_inr: i64,
    tax_rate_bp: i32,
    item_name: Option<String>,
    quantity: Option<i32>,
    unit_price_inr: Option<i64>,
    sac_code: Option<String>,
}

/// The buyer's invoice `id` (another person's is not found).
pub async fn view(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<InvoiceView> {
    view_as(pool, id, Some(user_id)).await
}

/// Invoice `id` as `owner` reads it (`None`: whoever it belongs to, for staff the caller
/// has already checked).
pub async fn view_as(pool: &PgPool, id: Uuid, owner: Option<Uuid>) -> AppResult<InvoiceView> {
    let r: Row = sqlx::query_as(
        "SELECT i.id, i.order_id, i.invoice_number, i.issued_at, i.supplier_name,
                i.supplier_address, i.supplier_gstin, i.buyer_name, i.buyer_gstin,
                i.place_of_supply, i.subtotal_inr, i.discount_inr, i.taxable_inr, i.cgst_inr,
                i.sgst_inr, i.igst_inr, i.total_inr, i.tax_rate_bp,
                l.item_name, l.quantity, l.unit_price_inr, l.sac_code
           FROM invoices i
           LEFT JOIN LATERAL (SELECT * FROM order_items WHERE order_id = i.order_id LIMIT 1) l ON true
          WHERE i.id = $1 AND ($2::uuid IS NULL OR i.user_id = $2)",
    )
    .bind(id)
    .bind(owner)
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound, "No invoice of yours has this number."))?;
    let place = r.place_of_supply.unwrap_or_default();
    let total = Paise(r.total_inr);
    Ok(InvoiceView {
        id: r.id,
        order_id: r.order_id,
        number: r.invoice_number,
        issued_at: r.issued_at,
        supplier_name: r.supplier_name.unwrap_or_default(),
        supplier_address: r.supplier_address.unwrap_or_default(),
        supplier_gstin: r.supplier_gstin.unwrap_or_default(),
        buyer_name: r.buyer_name.unwrap_or_default(),
        buyer_gstin: r.buyer_gstin,
        place_of_supply: gst::place_label(&place),
        item: r.item_name.unwrap_or_default(),
        quantity: r.quantity.unwrap_or(1),
        unit_price: Paise(r.unit_price_inr.unwrap_or_default()),
        sac_code: r.sac_code.unwrap_or_else(|| catalogue::DEFAULT_SAC.into()),
        tax_rate_bp: i64::from(r.tax_rate_bp),
        totals: Totals {
            subtotal: Paise(r.subtotal_inr),
            // The invoice prints one discount line; the order keeps the split.
            rule_discount: Paise(r.discount_inr),
            coupon_discount: Paise::ZERO,
            taxable: Paise(r.taxable_inr),
            tax: Tax {
                cgst: Paise(r.cgst_inr),
                sgst: Paise(r.sgst_inr),
                igst: Paise(r.igst_inr),
            },
            total,
        },
        total_in_words: rupees_in_words(total),
    })
}

/// `GET /billing/invoices/{id}/pdf`: the buyer's invoice as a PDF download.
pub fn routes() -> axum::Router<crate::server::state::AppState> {
    axum::Router::new().route("/billing/invoices/{id}/pdf", axum::routing::get(pdf))
}

async fn pdf(
    axum::extract::State(state): axum::extract::State<crate::server::state::AppState>,
    session: Option<axum::Extension<crate::server::session::SessionUser>>,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    let Some(axum::Extension(session)) = session else {
        return (
            StatusCode::UNAUTHORIZED,
            "Please log in to download your invoice.",
        )
            .into_response();
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return (
            StatusCode::NOT_FOUND,
            "No invoice of yours has this number.",
        )
            .into_response();
    };
    let rendered = match view(&state.pool, session.user_id, id).await {
        Ok(invoice) => super::pdf::render(&invoice, super::pdf::Kind::Invoice)
            .map(|bytes| (invoice.number, bytes)),
        Err(e) => Err(e),
    };
    pdf_response(rendered)
}

/// A rendered document as a private PDF download named by its number, or the error.
pub fn pdf_response(rendered: AppResult<(String, Vec<u8>)>) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    match rendered {
        Ok((number, bytes)) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{number}.pdf\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => (e.status(), e.message).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_financial_year_turns_on_the_first_of_april_in_india() {
        let at = |y, m, d, h, min| {
            Utc.with_ymd_and_hms(y, m, d, h, min, 0)
                .single()
                .unwrap_or_default()
        };
        assert_eq!(financial_year(at(2026, 4, 1, 0, 0)), "2627");
        assert_eq!(financial_year(at(2027, 3, 31, 12, 0)), "2627");
        // 31 March 19:00 UTC is 1 April 00:30 in India.
        assert_eq!(financial_year(at(2027, 3, 31, 19, 0)), "2728");
        assert_eq!(financial_year(at(2099, 12, 1, 0, 0)), "9900");
        assert_eq!(invoice_number("2627", 42), "NXG2627000042");
        assert!(invoice_number("2627", 999_999).len() <= 16);
    }
}
