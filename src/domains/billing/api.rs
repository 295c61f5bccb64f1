//! Server functions of the pricing and checkout pages.
use super::model::{CheckoutForm, Pricing, Quote};
use crate::core::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The price list, with the viewer's balances when signed in.
#[server(endpoint = "billing/pricing")]
pub async fn load_pricing() -> Result<Pricing, AppError> {
    crate::server::call::handle(|cx| async move {
        use super::catalogue;
        let packages = catalogue::packages(cx.pool()).await?;
        let balances = match cx.session() {
            Some(s) => Some(catalogue::balances(cx.pool(), s.user_id).await?),
            None => None,
        };
        Ok(Pricing {
            packages: packages.iter().map(|p| p.card()).collect(),
            balances,
            gst_rate_bp: catalogue::DEFAULT_GST_BP,
        })
    })
    .await
}

/// What checkout starts from: the package, and the buyer's last billing details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutStart {
    pub form: CheckoutForm,
    pub packages: Vec<super::model::PackageCard>,
}

/// The checkout form prefilled for `package_id`: the name and state of the buyer's last
/// order (or their account name).
#[server(endpoint = "billing/checkout_start")]
pub async fn start_checkout(
    package_id: String,
    return_path: String,
) -> Result<CheckoutStart, AppError> {
    crate::server::call::handle(|cx| async move {
        let user = cx.user().await?;
        let last: Option<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT billing_name, billing_state_code, billing_gstin FROM orders
              WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1",
        )
        .bind(user.id)
        .fetch_optional(cx.pool())
        .await?;
        let (name, state, gstin) = last.unwrap_or_default();
        let packages = super::catalogue::packages(cx.pool()).await?;
        Ok(CheckoutStart {
            form: CheckoutForm {
                package_id,
                quantity: "1".into(),
                billing_name: name.unwrap_or_else(|| user.display_name.clone()),
                state_code: state.unwrap_or_default(),
                gstin: gstin.unwrap_or_default(),
                coupon: String::new(),
                return_path: super::model::safe_return_path(&return_path).unwrap_or_default(),
            },
            packages: packages.iter().map(|p| p.card()).collect(),
        })
    })
    .await
}

/// Every figure of `form`, from the server (nothing is locked or written).
#[server(endpoint = "billing/quote", input = leptos::server_fn::codec::Json)]
pub async fn quote_checkout(form: CheckoutForm) -> Result<Quote, AppError> {
    crate::server::call::handle(|cx| async move {
        let user = cx.user().await?;
        let checked = form.check()?;
        let mut conn = cx.pool().acquire().await?;
        Ok(super::checkout::price(&mut conn, user.id, &checked, false)
            .await?
            .quote)
    })
    .await
}

/// Places the order and starts its payment: the address of the gateway's pay page (or,
/// for an order discounts made free, of the completed order).
#[server(endpoint = "billing/place_order", input = leptos::server_fn::codec::Json)]
pub async fn place_order(form: CheckoutForm) -> Result<String, AppError> {
    crate::server::call::handle(|cx| async move {
        let user = cx.user().await?;
        let checked = form.check()?;
        let placed = super::checkout::place(cx.pool(), user.id, &checked, &cx.meta).await?;
        if placed.total == crate::core::money::Paise::ZERO {
            // Discounts took it to nothing: delivered now, no gateway.
            let mail = super::settle::complete_free(cx.pool(), placed.id, user.id).await?;
            mail.send(cx.pool(), &cx.state.config).await;
            return Ok(format!("/billing/orders/{}", placed.id));
        }
        super::payment::start(cx.pool(), placed.id).await
    })
    .await
}

/// One of the buyer's orders, for the page they return to after paying.
#[server(endpoint = "billing/order")]
pub async fn load_order(id: Uuid) -> Result<super::model::OrderView, AppError> {
    crate::server::call::handle(|cx| async move {
        let user = cx.user().await?;
        super::orders::view(cx.pool(), user.id, id).await
    })
    .await
}

/// The buyer's orders, newest first.
#[server(endpoint = "billing/orders")]
pub async fn my_orders() -> Result<Vec<super::model::OrderRow>, AppError> {
    crate::server::call::handle(|cx| async move {
        let user = cx.user().await?;
        super::orders::mine(cx.pool(), user.id).await
    })
    .await
}

/// One of the buyer's invoices.
#[server(endpoint = "billing/invoice")]
pub async fn load_invoice(id: Uuid) -> Result<super::model::InvoiceView, AppError> {
    crate::server::call::handle(|cx| async move {
        let user = cx.user().await?;
        super::invoices::view(cx.pool(), user.id, id).await
    })
    .await
}
