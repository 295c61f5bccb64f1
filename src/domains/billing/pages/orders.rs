//! The buyer's side after checkout: one order (where the gateway sends them back), the
//! GST invoice, and `/billing`.
use super::super::api::{load_invoice, load_order, my_orders};
use super::super::model::{InvoiceView, OrderStatus, OrderView, PaymentStatus};
use super::TotalsTable;
use crate::core::AppError;
use crate::ui::problem::LoadProblem;
use crate::ui::style::{BUTTON, CARD, LINK};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

fn order_status(
    row_status: OrderStatus,
    payment: Option<PaymentStatus>,
) -> (&'static str, &'static str) {
    match (row_status, payment) {
        (OrderStatus::Completed, _) => ("Paid", "bg-emerald-100 text-emerald-800"),
        (OrderStatus::Cancelled, _) => ("Cancelled", "bg-slate-200 text-slate-700"),
        (OrderStatus::Refunded, _) => ("Refunded", "bg-sky-100 text-sky-800"),
        (OrderStatus::Pending, Some(PaymentStatus::Failed)) => {
            ("Payment failed", "bg-red-100 text-red-800")
        }
        (OrderStatus::Pending, _) => ("Awaiting payment", "bg-amber-100 text-amber-800"),
    }
}

/// The buyer's record named by the route's `:id`, loaded with `load`, or "not found"
/// for an id that is not a UUID.
fn record_by_id<T, F, Fut>(load: F) -> Resource<Result<T, AppError>>
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(Uuid) -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    };
    Resource::new(id, move |id| async move {
        match id {
            Some(id) => load(id).await,
            None => Err(AppError::new(
                crate::core::ErrorCode::NotFound,
                "Nothing of yours has this number.",
            )),
        }
    })
}

/// `/billing/orders/:id`: one order, where the gateway sends the buyer back.
#[component]
pub fn OrderPage() -> impl IntoView {
    let loaded = record_by_id(load_order);
    view! {
        <Title text="Your order — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-2xl space-y-6">
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your order…"</p> }>
                {move || loaded.get().map(|r| match r {
                    Ok(o) => view! { <OrderDetail order=o/> }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/billing"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn OrderDetail(order: OrderView) -> impl IntoView {
    let (label, tone) = order_status(order.row.status, order.row.payment);
    let paid = order.row.status == OrderStatus::Completed;
    let failed = !paid && order.row.payment == Some(PaymentStatus::Failed);
    let units = order
        .package_type
        .map(|k| k.count(order.units))
        .unwrap_or_default();
    let rate = if order.totals.taxable.0 > 0 {
        (order.totals.tax.total().0 * 10_000 + order.totals.taxable.0 / 2) / order.totals.taxable.0
    } else {
        1800
    };
    let back = order.return_path.clone();
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold text-slate-900">"Order " {order.row.number.clone()}</h1>
            <span class=format!("rounded-full px-3 py-1 text-sm font-medium {tone}") data-testid="order-status" data-status=order.row.status.as_str()>{label}</span>
        </div>
        {paid.then(|| view! {
            <div class="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-900" role="status">
                <p class="font-semibold">"Payment received. " {units.clone()} " added to your account."</p>
                {back.clone().map(|b| view! { <a href=b class=format!("mt-2 inline-block {LINK}")>"Go back to what you were doing"</a> })}
            </div>
        })}
        {failed.then(|| view! {
            <div class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-red-900" role="alert">
                <p class="font-semibold">"The payment did not go through. Nothing was added and you were not charged."</p>
                <p class="text-sm">{order.failure.clone()}</p>
                <a href="/pricing" class=format!("mt-2 inline-block {LINK}")>"Try again"</a>
            </div>
        })}
        <section class=format!("{CARD} space-y-3") aria-label="Order details">
            <p class="font-medium">{order.row.summary.clone()}</p>
            <TotalsTable totals=order.totals rate_bp=rate/>
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt class="text-slate-600">"Billed to"</dt><dd>{order.billing_name.clone()}</dd>
                <dt class="text-slate-600">"Place of supply"</dt><dd>{order.place_of_supply.clone()}</dd>
                {order.gstin.clone().map(|g| view! { <dt class="text-slate-600">"GSTIN"</dt><dd>{g}</dd> })}
            </dl>
        </section>
        {order.invoice.clone().map(|(id, number)| view! {
            <a href=format!("/billing/invoices/{id}") class=LINK data-testid="invoice-link">"Tax invoice " {number}</a>
        })}
        {(!order.credit_notes.is_empty()).then(|| view! {
            <section class=format!("{CARD} space-y-2") aria-labelledby="refunds-title" data-testid="refunds">
                <h2 id="refunds-title" class="text-lg font-semibold">"Refunds"</h2>
                <ul class="divide-y divide-slate-100 text-sm">
                    {order.credit_notes.clone().into_iter().map(|c| view! {
                        <li class="flex flex-wrap justify-between gap-2 py-2">
                            <span>{format!("{} refunded: {}", c.total.format_inr(), c.reason)}</span>
                            <a href=format!("/billing/credit-notes/{}/pdf", c.id) rel="external" download class=LINK>{format!("Credit note {} (PDF)", c.number)}</a>
                        </li>
                    }).collect_view()}
                </ul>
                <p class="text-xs text-slate-500">"Refunds reach the account you paid from in 5 to 7 working days."</p>
            </section>
        })}
        <a href="/billing" class=format!("block {LINK}")>"All your orders"</a>
    }
}

/// `/billing/invoices/:id`: the GST tax invoice, laid out to print.
#[component]
pub fn InvoicePage() -> impl IntoView {
    let loaded = record_by_id(load_invoice);
    view! {
        <Title text="Tax invoice — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-3xl">
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading the invoice…"</p> }>
                {move || loaded.get().map(|r| match r {
                    Ok(i) => view! { <Invoice invoice=i/> }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/billing"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Invoice(invoice: InvoiceView) -> impl IntoView {
    let i = invoice;
    let t = i.totals;
    view! {
        <article class=format!("{CARD} space-y-6") aria-labelledby="invoice-title" data-testid="invoice">
            <header class="flex flex-wrap items-start justify-between gap-4">
                <div>
                    <h1 id="invoice-title" class="text-2xl font-bold">"Tax invoice"</h1>
                    <p class="text-sm text-slate-600">"Invoice number " <strong data-testid="invoice-number">{i.number.clone()}</strong></p>
                    <p class="text-sm text-slate-600">"Date " {crate::core::time::ist_day(i.issued_at)}</p>
                </div>
                <div class="text-right text-sm">
                    <p class="font-semibold">{i.supplier_name.clone()}</p>
                    <p class="text-slate-600">{i.supplier_address.clone()}</p>
                    <p>"GSTIN " <span data-testid="supplier-gstin">{i.supplier_gstin.clone()}</span></p>
                </div>
            </header>
            <dl class="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                <dt class="text-slate-600">"Billed to"</dt><dd>{i.buyer_name.clone()}</dd>
                {i.buyer_gstin.clone().map(|g| view! { <dt class="text-slate-600">"Buyer GSTIN"</dt><dd data-testid="buyer-gstin">{g}</dd> })}
                <dt class="text-slate-600">"Place of supply"</dt><dd>{i.place_of_supply.clone()}</dd>
            </dl>
            <div class="overflow-x-auto">
                <table class="w-full min-w-[30rem] text-sm">
                    <caption class="sr-only">"What was supplied"</caption>
                    <thead><tr class="border-b border-slate-200 text-left text-slate-600">
                        <th scope="col" class="py-2">"Description"</th><th scope="col">"SAC"</th>
                        <th scope="col" class="text-right">"Qty"</th><th scope="col" class="text-right">"Rate"</th><th scope="col" class="text-right">"Amount"</th>
                    </tr></thead>
                    <tbody><tr>
                        <td class="py-2">{i.item.clone()}</td><td>{i.sac_code.clone()}</td>
                        <td class="text-right">{i.quantity}</td><td class="text-right tabular-nums">{i.unit_price.format_inr()}</td>
                        <td class="text-right tabular-nums">{t.subtotal.format_inr()}</td>
                    </tr></tbody>
                </table>
            </div>
            <div class="ml-auto max-w-xs"><TotalsTable totals=t rate_bp=i.tax_rate_bp/></div>
            <p class="text-sm"><span class="text-slate-600">"Amount in words: "</span><span data-testid="total-in-words">{i.total_in_words.clone()}</span></p>
            <p class="text-xs text-slate-500">"Paid online. Tax is not payable on reverse charge. This is a computer-generated invoice and needs no signature."</p>
            <p class="flex flex-wrap gap-4 print:hidden">
                <a href=format!("/billing/invoices/{}/pdf", i.id) class=LINK rel="external" download data-testid="invoice-pdf">"Download PDF"</a>
                <a href=format!("/billing/orders/{}", i.order_id) class=LINK>"The order"</a>
                <a href="/billing" class=LINK>"All your orders"</a>
            </p>
        </article>
    }
}

/// `/billing`: the buyer's orders.
#[component]
pub fn BillingPage() -> impl IntoView {
    let orders = Resource::new(|| (), |_| my_orders());
    view! {
        <Title text="Billing — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-4xl space-y-6">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold text-slate-900">"Billing"</h1>
                <a href="/pricing" class=BUTTON>"Buy tracecoins or credits"</a>
            </div>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your orders…"</p> }>
                {move || orders.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p class=CARD>"No orders yet. " <a href="/pricing" class=LINK>"See the prices"</a></p> }.into_any(),
                    Ok(list) => view! {
                        <div class="overflow-x-auto">
                        <table class="w-full min-w-[36rem] text-sm">
                            <caption class="sr-only">"Your orders"</caption>
                            <thead><tr class="text-left text-slate-600"><th scope="col" class="py-2">"Order"</th><th scope="col">"Placed"</th><th scope="col">"What"</th><th scope="col">"Status"</th><th scope="col" class="text-right">"Total"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|o| {
                                    let (label, tone) = order_status(o.status, o.payment);
                                    view! {
                                        <tr class="border-t border-slate-200" data-testid="order-row">
                                            <td class="py-2"><a href=format!("/billing/orders/{}", o.id) class=LINK>{o.number}</a></td>
                                            <td>{crate::core::time::ist_day(o.placed_at)}</td>
                                            <td>{o.summary}</td>
                                            <td><span class=format!("rounded-full px-2 py-0.5 text-xs font-medium {tone}")>{label}</span></td>
                                            <td class="text-right tabular-nums">{o.total.format_inr()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/billing"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}
