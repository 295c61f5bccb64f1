//! CSV downloads: a cell a spreadsheet would run as a formula is defused, and a large
//! export streams row by row instead of being built in memory.
use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tokio::sync::mpsc;

/// A cell that a spreadsheet would run as a formula gets a leading quote.
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// One CSV record as bytes (quoted where needed), or `None` if it cannot be written.
pub fn record<I, T>(fields: I) -> Option<Bytes>
where
    I: IntoIterator<Item = T>,
    T: AsRef<[u8]>,
{
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(fields).ok()?;
    w.into_inner().ok().map(Bytes::from)
}

/// A streamed `text/csv` download named `file_name`: the caller's task sends records
/// into the channel (at most 64 waiting) and ends the file by dropping it.
pub fn streamed(file_name: &str) -> (mpsc::Sender<Bytes>, Response) {
    let (tx, rx) = mpsc::channel::<Bytes>(64);
    let body = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|b| (Ok::<_, std::convert::Infallible>(b), rx))
    });
    let response = (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        Body::from_stream(body),
    )
        .into_response();
    (tx, response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_defused_and_records_quoted() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-5"), "'-5");
        assert_eq!(cell("Welcome bonus"), "Welcome bonus");
        assert_eq!(record(["a,b", "c"]).as_deref(), Some(&b"\"a,b\",c\n"[..]));
    }
}
