//! `GET /wallet/export.csv?type=&reason=`: the signed-in user's whole ledger (with the
//! page's filters) as CSV, written with the `csv` crate (quoting, embedded newlines).
use super::model::{LedgerEntry, WalletFilter};
use super::service;
use crate::server::csv::cell;
use crate::server::{session::SessionUser, state::AppState};
use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};
use std::collections::HashMap;

/// The most rows one export holds.
const MAX_ROWS: i64 = 100_000;

pub async fn export_csv(
    State(state): State<AppState>,
    session: Option<Extension<SessionUser>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some(Extension(session)) = session else {
        return (
            StatusCode::UNAUTHORIZED,
            "Please log in to download your wallet.",
        )
            .into_response();
    };
    let filter = WalletFilter::from_query(
        q.get("type").map(String::as_str),
        q.get("reason").map(String::as_str),
    );
    let entries = match service::history(
        &state.pool,
        session.user_id,
        filter.direction,
        filter.reference,
        None,
        MAX_ROWS,
    )
    .await
    {
        Ok(e) => e,
        Err(e) => return (e.status(), e.message).into_response(),
    };
    let Ok(body) = write_csv(&entries) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"nxtgauge-tracecoins.csv\"",
            ),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        body,
    )
        .into_response()
}

/// The ledger rows as CSV, with a header line.
fn write_csv(entries: &[LedgerEntry]) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "date_ist",
        "type",
        "reason",
        "amount",
        "balance_after",
        "reference_id",
        "remarks",
        "entry_id",
    ])?;
    for e in entries {
        out.write_record([
            crate::core::time::ist(e.created_at, "%Y-%m-%d %H:%M:%S"),
            e.direction.as_str().to_owned(),
            e.reference.as_str().to_owned(),
            e.amount.to_string(),
            e.balance_after.to_string(),
            e.reference_id.map(|r| r.to_string()).unwrap_or_default(),
            cell(e.remarks.as_deref().unwrap_or_default()),
            e.id.to_string(),
        ])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}
