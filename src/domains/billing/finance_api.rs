//! Server functions of the finance console. Each loads the staff member and the service
//! checks their capability (`finance.view`, `payments.refund`, `coupons.manage`).
use super::finance_model::{CouponRow, FinanceOverview, StaffOrderView};
use super::model::CouponDraft;
use crate::core::AppError;
use leptos::prelude::*;
use uuid::Uuid;

/// The money figures and the latest orders, filtered by status ("" for all) and by an
/// order number or e-mail address.
#[server(endpoint = "finance/overview")]
pub async fn load_finance(
    #[server(default)] status: String,
    #[server(default)] search: String,
) -> Result<FinanceOverview, AppError> {
    crate::server::call::handle(|cx| async move {
        let user = cx.user().await?;
        let status = match status.trim() {
            "" => None,
            s => Some(
                super::model::OrderStatus::parse(s)
                    .ok_or_else(|| AppError::field("status", "Choose a listed status."))?,
            ),
        };
        super::finance::overview(cx.pool(), &user, status, &search).await
    })
    .await
}

/// One order, its payments and credit notes.
#[server(endpoint = "finance/order")]
pub async fn load_finance_order(id: Uuid) -> Result<StaffOrderView, AppError> {
    crate::server::call::handle(|cx| async move {
        let user = cx.user().await?;
        super::finance::order(cx.pool(), &user, id).await
    })
    .await
}

/// Refunds `amount` rupees of the order's payment; answers the credit note's number.
#[server(endpoint = "finance/refund")]
pub async fn refund_order(
    order_id: Uuid,
    #[server(default)] amount: String,
    #[server(default)] reason: String,
) -> Result<String, AppError> {
    crate::server::call::handle(|cx| async move {
        let user = cx.user().await?;
        let done =
            super::refunds::refund(cx.pool(), &user, order_id, &amount, &reason, &cx.meta).await?;
        done.mail.send(cx.pool(), &cx.state.config).await;
        Ok(done.number)
    })
    .await
}

/// Every coupon with its use (`coupons.manage`).
#[server(endpoint = "finance/coupons")]
pub async fn load_coupons() -> Result<Vec<CouponRow>, AppError> {
    crate::server::call::handle(|cx| async move {
        let user = cx.user().await?;
        super::finance::coupons(cx.pool(), &user).await
    })
    .await
}

/// Creates a coupon valid from now (`coupons.manage`); the form posts `CouponDraft`'s
/// fields.
#[server(endpoint = "finance/coupons/create")]
pub async fn create_coupon(#[server(flatten)] draft: CouponDraft) -> Result<String, AppError> {
    crate::server::call::handle(|cx| async move {
        let user = cx.user().await?;
        user.require(crate::core::capability::MANAGE_COUPONS)?;
        super::coupons::create(cx.pool(), Some(user.id), &draft, &cx.meta).await?;
        Ok(draft.code.trim().to_uppercase())
    })
    .await
}
