//! A credit note as its buyer (or finance staff) reads it, and its PDF, laid out like
//! the invoice it corrects (`pdf::Kind::CreditNote`).
use super::gst::Tax;
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
    invoice_id: Uuid,
    credit_note_number: String,
    issued_at: DateTime<Utc>,
    taxable_inr: i64,
    cgst_inr: i64,
    sgst_inr: i64,
    igst_inr: i64,
    total_inr: i64,
}

/// Credit note `id` for `viewer`: theirs, or any when `staff` may see finance. Answers
/// the note, shaped as its invoice with the note's number, date, line and figures, and
/// the number of the invoice it corrects.
pub async fn view(
    pool: &PgPool,
    viewer: Uuid,
    staff: bool,
    id: Uuid,
) -> AppResult<(InvoiceView, String)> {
    let r: Row = sqlx::query_as(
        "SELECT invoice_id, credit_note_number, issued_at, taxable_inr, cgst_inr, sgst_inr,
                igst_inr, total_inr
           FROM credit_notes WHERE id = $1 AND (user_id = $2 OR $3)",
    )
    .bind(id)
    .bind(viewer)
    .bind(staff)
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| {
        AppError::new(
            ErrorCode::NotFound,
            "No credit note of yours has this number.",
        )
    })?;
    let invoice = super::invoices::view_as(pool, r.invoice_id, None).await?;
    let against = invoice.number.clone();
    let total = Paise(r.total_inr);
    let taxable = Paise(r.taxable_inr);
    Ok((
        InvoiceView {
            id,
            number: r.credit_note_number,
            issued_at: r.issued_at,
            item: format!("Refund: {}", invoice.item),
            quantity: 1,
            unit_price: taxable,
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
            ..invoice
        },
        against,
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
