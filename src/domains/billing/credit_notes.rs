//! A credit note as its buyer (or finance staff) reads it, and its PDF, laid out like
//! the invoice it corrects (`pdf::Kind::CreditNote`).
use super::gst::{self, Tax};
use super::model::InvoiceView;
use super::totals::Totals;
use super::words::rupees_in_words;
use crate::core::capability;
use crate::core::money::Paise;
use crate::core::{AppError, AppResult, ErrorCode};
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    order_id: Uuid,
    credit_note_number: String,
    invoice_number: String,
    issued_at: DateTime<Utc>,
    supplier_name: Option<String>,
    supplier_address: Option<String>,
    supplier_gstin: Option<String>,
    buyer_name: Option<String>,
    buyer_gstin: Option<String>,
    place_of_supply: Option<String>,
    taxable_inr: i64,
    cgst_inr: i64,
    sgst_inr: i64,
    igst_inr: i64,
    total_inr: i64,
    tax_rate_bp: i32,
    item_name: Option<String>,
    sac_code: Option<String>,
}

/// Credit note `id` for `viewer`: theirs, or any when `staff` may see finance. Answers
/// the note (shaped as an invoice) and the number of the invoice it corrects.
pub async fn view(
    pool: &PgPool,
    viewer: Uuid,
    staff: bool,
    id: Uuid,
) -> AppResult<(InvoiceView, String)> {
    let r: Row = sqlx::query_as(
        "SELECT c.id, c.order_id, c.credit_note_number, i.invoice_number, c.issued_at,
                i.supplier_name, i.supplier_address, i.supplier_gstin, i.buyer_name,
                i.buyer_gstin, i.place_of_supply, c.taxable_inr, c.cgst_inr, c.sgst_inr,
                c.igst_inr, c.total_inr, i.tax_rate_bp, l.item_name, l.sac_code
           FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id
           LEFT JOIN LATERAL (SELECT * FROM order_items WHERE order_id = c.order_id LIMIT 1) l ON true
          WHERE c.id = $1 AND (c.user_id = $2 OR $3)",
    )
    .bind(id)
    .bind(viewer)
    .bind(staff)
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound, "No credit note of yours has this number."))?;
    let place = r.place_of_supply.unwrap_or_default();
    let total = Paise(r.total_inr);
    let taxable = Paise(r.taxable_inr);
    Ok((
        InvoiceView {
            id: r.id,
            order_id: r.order_id,
            number: r.credit_note_number,
            issued_at: r.issued_at,
            supplier_name: r.supplier_name.unwrap_or_default(),
            supplier_address: r.supplier_address.unwrap_or_default(),
            supplier_gstin: r.supplier_gstin.unwrap_or_default(),
            buyer_name: r.buyer_name.unwrap_or_default(),
            buyer_gstin: r.buyer_gstin,
            place_of_supply: gst::state(&place)
                .map(|s| format!("{} ({})", s.name, s.code))
                .unwrap_or(place),
            item: format!("Refund: {}", r.item_name.unwrap_or_default()),
            quantity: 1,
            unit_price: taxable,
            sac_code: r
                .sac_code
                .unwrap_or_else(|| super::catalogue::DEFAULT_SAC.into()),
            tax_rate_bp: i64::from(r.tax_rate_bp),
            totals: Totals {
                subtotal: taxable,
                rule_discount: Paise::ZERO,
                coupon_discount: Paise::ZERO,
                taxable,
                tax: Tax {
                    cgst: Paise(r.cgst_inr),
                    sgst: Paise(r.sgst_inr),
                    igst: Paise(r.igst_inr),
                },
                total,
            },
            total_in_words: rupees_in_words(total),
        },
        r.invoice_number,
    ))
}

/// `GET /billing/credit-notes/{id}/pdf`: for the buyer, or staff who may see finance.
pub fn routes() -> axum::Router<crate::server::state::AppState> {
    axum::Router::new().route("/billing/credit-notes/{id}/pdf", axum::routing::get(pdf))
}

async fn pdf(
    axum::extract::State(state): axum::extract::State<crate::server::state::AppState>,
    caller: crate::server::uploads::Caller,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> axum::response::Response {
    let rendered = async {
        let user = caller.current_user(&state).await?;
        let id = Uuid::parse_str(&id).map_err(|_| AppError::not_found("That credit note"))?;
        let staff = user.can(capability::VIEW_FINANCE);
        let (note, against) = view(&state.pool, user.id, staff, id).await?;
        let bytes = super::pdf::render(&note, super::pdf::Kind::CreditNote { against: &against })?;
        Ok((note.number, bytes))
    }
    .await;
    super::invoices::pdf_response(rendered)
}
