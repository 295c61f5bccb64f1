//! Server functions of the wallet page and the staff bonus form.
use super::model::{LedgerEntry, WalletFilter};
use crate::core::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Ledger rows per page.
pub const PAGE: i64 = 25;

/// The signed-in user's balance and one page of their ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletPage {
    pub balance: i32,
    pub entries: Vec<LedgerEntry>,
    /// The id to continue after, when there are older entries.
    pub older: Option<Uuid>,
}

/// What a bonus grant did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BonusGranted {
    pub email: String,
    pub amount: i32,
    pub balance_after: i32,
    /// The form was sent twice; the first grant stands and nothing moved now.
    pub replayed: bool,
}

/// One page of the caller's ledger, filtered, older than `before`.
#[server(endpoint = "wallet/mine", input = leptos::server_fn::codec::Json)]
pub async fn my_wallet(filter: WalletFilter, before: Option<Uuid>) -> Result<WalletPage, AppError> {
    crate::server::call::handle(|cx| async move {
        use super::service;
        let session = cx.signed_in()?;
        let (balance, mut entries) = service::statement(
            cx.pool(),
            session.user_id,
            filter.direction,
            filter.reference,
            before,
            PAGE + 1,
        )
        .await?;
        let older = (entries.len() > PAGE as usize)
            .then(|| entries.get(PAGE as usize - 1).map(|e| e.id))
            .flatten();
        entries.truncate(PAGE as usize);
        Ok(WalletPage {
            balance,
            entries,
            older,
        })
    })
    .await
}

/// Staff with `wallet.grant_bonus` credit BONUS tracecoins to an account, with remarks.
/// `request_key` comes from the form, so sending it twice grants once.
#[server(endpoint = "wallet/grant_bonus")]
pub async fn grant_bonus(
    email: String,
    amount: String,
    remarks: String,
    request_key: String,
) -> Result<BonusGranted, AppError> {
    crate::server::call::handle(|cx| async move {
        use super::model::{check_amount, Direction, Reference, REMARKS_MAX};
        use super::service::{self, Movement};
        use crate::core::error::FieldErrors;
        let staff = cx.user().await?;
        staff.require(crate::core::capability::GRANT_BONUS)?;

        let mut errors = FieldErrors::new();
        let email = email.trim().to_lowercase();
        if email.is_empty() {
            errors.add(
                "email",
                "Enter the e-mail address of the account to credit.",
            );
        }
        let amount = errors.check(
            "amount",
            amount
                .trim()
                .parse::<i32>()
                .map_err(|_| "Enter a whole number of tracecoins, like 50.".to_string())
                .and_then(check_amount),
        );
        let remarks = remarks.trim().to_owned();
        let n = remarks.chars().count();
        if !(10..=REMARKS_MAX).contains(&n) {
            errors.add(
                "remarks",
                format!("Say why in 10 to {REMARKS_MAX} characters; the owner sees it."),
            );
        }
        let key = Uuid::parse_str(request_key.trim()).map_err(|_| {
            AppError::new(
                crate::core::ErrorCode::Validation,
                "This form is out of date. Reload the page and try again.",
            )
        })?;
        let target: Option<Uuid> = if email.is_empty() {
            None
        } else {
            sqlx::query_scalar("SELECT id FROM users WHERE lower(email) = $1")
                .bind(&email)
                .fetch_optional(cx.pool())
                .await?
        };
        if !email.is_empty() && target.is_none() {
            errors.add("email", "No account has this e-mail address.");
        }
        errors.into_result()?;
        let (Some(user_id), Some(amount)) = (target, amount) else {
            return Err(AppError::internal());
        };
        let key = format!("bonus:{key}");
        let applied = service::apply_now(
            cx.pool(),
            &Movement {
                user_id,
                direction: Direction::Credit,
                amount,
                reference: Reference::Bonus,
                reference_id: None,
                remarks: Some(&remarks),
                idempotency_key: &key,
                actor: Some(staff.id),
            },
            &cx.meta,
        )
        .await?;
        Ok(BonusGranted {
            email,
            amount,
            balance_after: applied.balance_after,
            replayed: applied.replayed,
        })
    })
    .await
}

/// A fresh key for one bonus form; only for staff who may grant.
#[server(endpoint = "wallet/bonus_key")]
pub async fn new_request_key() -> Result<Uuid, AppError> {
    crate::server::call::handle(|cx| async move {
        let staff = cx.user().await?;
        staff.require(crate::core::capability::GRANT_BONUS)?;
        Ok(Uuid::new_v4())
    })
    .await
}
