//! Reading an upload's multipart body: small text fields and one file, within limits.
use crate::core::{AppError, AppResult};
use crate::server::images;
use axum::{
    extract::{
        multipart::{MultipartError, MultipartRejection},
        Multipart,
    },
    http::StatusCode,
};
use bytes::Bytes;
use std::collections::BTreeMap;

/// Small text fields (`document_type`).
const MAX_TEXT_FIELD: usize = 200;

/// One uploaded file.
pub struct UploadedFile {
    pub name: Option<String>,
    pub bytes: Bytes,
}

/// A multipart form: small text fields and at most one file, in field `file`.
#[derive(Default)]
pub struct UploadForm {
    pub fields: BTreeMap<String, String>,
    file: Option<UploadedFile>,
    /// The file was longer than the caller's limit (the rest was read and dropped, so the
    /// browser gets the answer instead of a reset connection).
    file_too_large: bool,
}

impl UploadForm {
    /// The file, or the field error that explains why there is none.
    pub fn take_file(&mut self, max_bytes: usize) -> AppResult<UploadedFile> {
        if self.file_too_large {
            return Err(images::too_large(max_bytes));
        }
        match self.file.take() {
            Some(file) if !file.bytes.is_empty() => Ok(file),
            _ => Err(AppError::field("file", "Choose a file to upload.")),
        }
    }
}

fn multipart_error(err: &MultipartError, max_file_bytes: usize) -> AppError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return images::too_large(max_file_bytes);
    }
    tracing::info!(error = %err.body_text(), "malformed upload");
    AppError::field(
        "file",
        "The upload did not arrive complete. Please try again.",
    )
}

pub async fn read_form(
    multipart: Result<Multipart, MultipartRejection>,
    max_file_bytes: usize,
) -> AppResult<UploadForm> {
    let mut multipart = multipart.map_err(|err| {
        tracing::info!(error = %err.body_text(), "upload without a multipart body");
        AppError::field("file", "Choose a file to upload.")
    })?;
    let mut form = UploadForm::default();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&e, max_file_bytes))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let is_file = name == "file";
        let file_name = field.file_name().map(str::to_owned);
        let limit = if is_file {
            max_file_bytes
        } else {
            MAX_TEXT_FIELD
        };
        let mut buf = Vec::new();
        let mut over = false;
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|e| multipart_error(&e, max_file_bytes))?
        {
            if over || buf.len() + chunk.len() > limit {
                over = true;
                continue;
            }
            buf.extend_from_slice(&chunk);
        }
        if is_file {
            if form.file.is_some() || form.file_too_large {
                return Err(AppError::field("file", "Upload one file at a time."));
            }
            form.file_too_large = over;
            form.file = Some(UploadedFile {
                name: file_name,
                bytes: Bytes::from(buf),
            });
        } else if over {
            return Err(AppError::field(&name, "This value is too long."));
        } else {
            let text = String::from_utf8(buf)
                .map_err(|_| AppError::field(&name, "This value is not valid text."))?;
            form.fields.insert(name, text);
        }
    }
    Ok(form)
}

/// A file name safe to store and to put in a `Content-Disposition` header: the last
/// path part, in plain ASCII, with the extension of what was actually stored.
pub fn sanitise_file_name(original: Option<&str>, fallback_stem: &str, extension: &str) -> String {
    let base = original
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let mut clean: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    clean = clean
        .trim_matches(|c: char| c == '.' || c == ' ' || c == '_')
        .to_owned();
    if clean.is_empty() {
        clean = fallback_stem.to_owned();
    }
    format!("{clean}.{extension}")
}
