//! One error type for every server function: a machine code, a user-safe message and
//! per-field messages the forms show beside their inputs.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    InvalidCredentials,
    AccountLocked,
    EmailUnverified,
    AccountSuspended,
    InvalidToken,
    RateLimited,
    CsrfRejected,
    Transport,
    /// A service we depend on (a payment gateway) is switched off or not answering.
    Unavailable,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// What the person can buy to get past this (a section of `/pricing`: `tracecoins`,
    /// `job-postings`, `contact-views`), when they ran short.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buy: Option<String>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: BTreeMap::new(),
            buy: None,
        }
    }

    /// Offers the `/pricing` section `anchor` as the way past this refusal.
    pub fn with_buy(mut self, anchor: &str) -> Self {
        self.buy = Some(anchor.to_owned());
        self
    }

    /// A validation failure on one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut err = Self::new(
            ErrorCode::Validation,
            "Please correct the highlighted fields.",
        );
        err.fields.insert(field.to_owned(), message.into());
        err
    }

    pub fn unauthenticated() -> Self {
        Self::new(ErrorCode::Unauthenticated, "Please log in to continue.")
    }

    pub fn forbidden() -> Self {
        Self::new(
            ErrorCode::Forbidden,
            "You do not have permission to do that.",
        )
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} was not found."))
    }

    pub fn internal() -> Self {
        Self::new(
            ErrorCode::Internal,
            "Something went wrong on our side. Please try again.",
        )
    }

    pub fn rate_limited() -> Self {
        Self::new(
            ErrorCode::RateLimited,
            "Too many attempts from your network. Please wait a minute and try again.",
        )
    }

    /// The message for one field, if that field failed.
    pub fn field_message(&self, field: &str) -> Option<String> {
        self.fields.get(field).cloned()
    }

    pub fn is_validation(&self) -> bool {
        self.code == ErrorCode::Validation
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => Self::new(
                ErrorCode::Transport,
                "Could not reach Nxtgauge. Check your connection and try again.",
            ),
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => Self::new(
                ErrorCode::Validation,
                "Some form fields were missing or malformed.",
            ),
            _ => Self::internal(),
        }
    }
}

/// Collects field errors so a form reports every problem at once, not one per submit.
#[derive(Debug, Default)]
pub struct FieldErrors(BTreeMap<String, String>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_owned())
            .or_insert_with(|| message.into());
    }

    /// Records the error of a parse result and returns its value, if any.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    pub fn into_result(self) -> AppResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            let mut err = AppError::new(
                ErrorCode::Validation,
                "Please correct the highlighted fields.",
            );
            err.fields = self.0;
            Err(err)
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::{AppError, ErrorCode};
    use axum::http::StatusCode;

    impl AppError {
        /// The HTTP status a server function answers with when it fails this way.
        pub fn status(&self) -> StatusCode {
            match self.code {
                ErrorCode::Validation => StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Unauthenticated | ErrorCode::InvalidCredentials => {
                    StatusCode::UNAUTHORIZED
                }
                ErrorCode::Forbidden
                | ErrorCode::CsrfRejected
                | ErrorCode::EmailUnverified
                | ErrorCode::AccountSuspended => StatusCode::FORBIDDEN,
                ErrorCode::NotFound => StatusCode::NOT_FOUND,
                ErrorCode::Conflict => StatusCode::CONFLICT,
                ErrorCode::AccountLocked => StatusCode::LOCKED,
                ErrorCode::InvalidToken => StatusCode::BAD_REQUEST,
                ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::Transport => StatusCode::BAD_GATEWAY,
                ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            }
        }
    }

    impl From<sqlx::Error> for AppError {
        fn from(err: sqlx::Error) -> Self {
            tracing::error!(error = %err, "database error");
            AppError::internal()
        }
    }

    impl From<tokio::task::JoinError> for AppError {
        fn from(err: tokio::task::JoinError) -> Self {
            tracing::error!(error = %err, "blocking task failed");
            AppError::internal()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_keep_the_first_message_per_field() {
        let mut errs = FieldErrors::new();
        errs.add("email", "first");
        errs.add("email", "second");
        let err = errs.into_result().expect_err("has errors");
        assert_eq!(err.field_message("email").as_deref(), Some("first"));
        assert!(err.is_validation());
    }

    #[test]
    fn empty_field_errors_are_ok() {
        assert!(FieldErrors::new().into_result().is_ok());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn expected_refusals_are_client_errors() {
        use axum::http::StatusCode;
        assert_eq!(
            AppError::field("x", "bad").status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            AppError::unauthenticated().status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(AppError::forbidden().status(), StatusCode::FORBIDDEN);
        assert_eq!(
            AppError::rate_limited().status(),
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(
            AppError::internal().status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }

    #[test]
    fn a_refusal_for_running_short_names_what_to_buy() {
        let err = AppError::new(ErrorCode::Conflict, "short").with_buy("tracecoins");
        let json = serde_json::to_string(&err).expect("serialises");
        assert!(json.contains("\"buy\":\"tracecoins\""));
        let back: AppError = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back.buy.as_deref(), Some("tracecoins"));
        // Other errors do not carry the key at all.
        assert!(!serde_json::to_string(&AppError::internal())
            .expect("serialises")
            .contains("buy"));
    }

    #[test]
    fn errors_round_trip_through_json() {
        let err = AppError::field("password", "Too short");
        let json = serde_json::to_string(&err).expect("serialises");
        let back: AppError = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, err);
        assert!(json.contains("\"validation\""));
    }
}
