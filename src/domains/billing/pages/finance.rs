//! The finance console: `/staff/finance` (figures and orders), one order with its
//! payments, credit notes and the refund form, and `/staff/finance/coupons`.
use super::super::finance_api::{
    load_coupons, load_finance, load_finance_order, CreateCoupon, RefundOrder,
};
use super::super::finance_model::{CouponRow, FinanceOverview, StaffOrderRow, StaffOrderView};
use super::super::model::OrderStatus;
use crate::core::money::Paise;
use crate::core::time::ist_stamp;
use crate::ui::form::{action_error, on_ok, Field, FormAlert, Submit};
use crate::ui::queue::AccessProblem;
use crate::ui::style::{CARD, LINK, SELECT};
use crate::ui::toast::use_toasts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

fn status_label(s: OrderStatus) -> &'static str {
    match s {
        OrderStatus::Pending => "Awaiting payment",
        OrderStatus::Completed => "Paid",
        OrderStatus::Cancelled => "Cancelled",
        OrderStatus::Refunded => "Refunded",
    }
}

/// `/staff/finance`.
#[component]
pub fn FinancePage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        (
            q.get("status").unwrap_or_default(),
            q.get("q").unwrap_or_default(),
        )
    });
    let page = Resource::new(move || filter.get(), |(s, q)| load_finance(s, q));
    view! {
        <Title text="Finance — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-5xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">"Finance"</h1>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || page.get().map(|r| match r {
                    Ok(o) => view! { <Overview o filter=filter.get_untracked()/> }.into_any(),
                    Err(e) => view! { <AccessProblem error=e next="/staff/finance".to_string()/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Figure(label: &'static str, value: String, testid: &'static str) -> impl IntoView {
    view! {
        <div class=CARD>
            <dt class="text-sm text-slate-500">{label}</dt>
            <dd class="mt-1 text-2xl font-bold text-slate-900" data-testid=testid>{value}</dd>
        </div>
    }
}

#[component]
fn Overview(o: FinanceOverview, filter: (String, String)) -> impl IntoView {
    let f = o.figures;
    let (status, search) = filter;
    let csv = format!(
        "/staff/finance/orders.csv?status={}&q={}",
        crate::core::url::encode_query_value(&status),
        crate::core::url::encode_query_value(&search)
    );
    view! {
        <dl class="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Figure label="Revenue today (before GST)" value=f.revenue_today.format_inr() testid="revenue-today"/>
            <Figure label="Revenue this month (before GST)" value=f.revenue_month.format_inr() testid="revenue-month"/>
            <Figure label="GST this month" value=f.gst_month.format_inr() testid="gst-month"/>
            <Figure label="Refunds this month" value=f.refunds_month.format_inr() testid="refunds-month"/>
        </dl>
        {o.can_manage_coupons.then(|| view! {
            <A href="/staff/finance/coupons" attr:class=LINK>"Coupons"</A>
        })}
        <section class=CARD aria-labelledby="orders-title">
            <div class="flex flex-wrap items-end justify-between gap-4">
                <h2 id="orders-title" class="text-lg font-semibold">"Orders"</h2>
                <a href=csv rel="external" download="nxtgauge-orders.csv" class="text-sm font-semibold text-indigo-700 hover:underline">"Download CSV"</a>
            </div>
            <form method="get" action="/staff/finance" class="mt-4 grid gap-4 sm:grid-cols-3 sm:items-end">
                <div>
                    <label for="order-status" class="block text-sm font-medium text-slate-800">"Status"</label>
                    <select id="order-status" name="status" class=SELECT>
                        <option value="" selected=status.is_empty()>"Any status"</option>
                        {OrderStatus::ALL.iter().map(|s| view! {
                            <option value=s.as_str() selected=status == s.as_str()>{status_label(*s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="order-search" class="block text-sm font-medium text-slate-800">"Order number or e-mail"</label>
                    <input id="order-search" name="q" type="search" value=search class=SELECT/>
                </div>
                <button type="submit" class="rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50">"Filter"</button>
            </form>
            {if o.orders.is_empty() {
                view! { <p class="mt-6 text-slate-600">"No orders match."</p> }.into_any()
            } else {
                view! { <OrdersTable orders=o.orders/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn OrdersTable(orders: Vec<StaffOrderRow>) -> impl IntoView {
    view! {
        <div class="mt-6 overflow-x-auto">
            <table class="w-full text-left text-sm" data-testid="finance-orders">
                <caption class="sr-only">"Orders, newest first"</caption>
                <thead class="border-b border-slate-200 text-slate-500">
                    <tr>
                        <th scope="col" class="py-2 pr-4 font-medium">"Order"</th>
                        <th scope="col" class="py-2 pr-4 font-medium">"Buyer"</th>
                        <th scope="col" class="py-2 pr-4 font-medium">"What"</th>
                        <th scope="col" class="py-2 pr-4 font-medium">"Status"</th>
                        <th scope="col" class="py-2 text-right font-medium">"Total"</th>
                    </tr>
                </thead>
                <tbody>
                    {orders.into_iter().map(|r| view! {
                        <tr class="border-b border-slate-100">
                            <td class="py-2 pr-4"><A href=format!("/staff/finance/orders/{}", r.id) attr:class=LINK>{r.number.clone()}</A>
                                <div class="text-xs text-slate-500">{ist_stamp(r.placed_at)}</div></td>
                            <td class="py-2 pr-4 break-all">{r.buyer.clone()}</td>
                            <td class="py-2 pr-4">{r.summary.clone()}</td>
                            <td class="py-2 pr-4">{status_label(r.status)}</td>
                            <td class="py-2 text-right tabular-nums">{r.total.format_inr()}
                                {(r.refunded > Paise::ZERO).then(|| view! { <div class="text-xs text-slate-500">{format!("{} refunded", r.refunded.format_inr())}</div> })}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// `/staff/finance/orders/:id`.
#[component]
pub fn FinanceOrderPage() -> impl IntoView {
    let params = use_params_map();
    let refund = ServerAction::<RefundOrder>::new();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    };
    let order = Resource::new(
        move || (id(), refund.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_finance_order(id).await,
                None => Err(crate::core::AppError::not_found("That order")),
            }
        },
    );
    let toasts = use_toasts();
    on_ok(refund.value(), move |number: String| {
        toasts.success(format!("Refunded. Credit note {number} issued."));
    });
    view! {
        <Title text="Order — Finance — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-3xl space-y-6">
            <A href="/staff/finance" attr:class=LINK>"← Finance"</A>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || order.get().map(|r| match r {
                    Ok(o) => view! { <OrderDetail o refund/> }.into_any(),
                    Err(e) => view! { <AccessProblem error=e next="/staff/finance".to_string()/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn OrderDetail(o: StaffOrderView, refund: ServerAction<RefundOrder>) -> impl IntoView {
    let error = action_error(refund.value());
    let r = o.row.clone();
    let refundable = o.refundable;
    let default_amount = crate::core::roles::rupees_for_form(refundable.0);
    view! {
        <h1 class="text-2xl font-bold text-slate-900">"Order " {r.number.clone()}</h1>
        <section class=CARD aria-label="Order">
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt class="text-slate-600">"Buyer"</dt><dd class="break-all">{r.buyer.clone()}</dd>
                <dt class="text-slate-600">"What"</dt><dd>{r.summary.clone()}</dd>
                <dt class="text-slate-600">"Status"</dt><dd data-testid="finance-order-status">{status_label(r.status)}</dd>
                <dt class="text-slate-600">"Total"</dt><dd>{r.total.format_inr()}</dd>
                <dt class="text-slate-600">"Refunded"</dt><dd data-testid="finance-refunded">{r.refunded.format_inr()}</dd>
                {o.invoice.clone().map(|(_, n)| view! { <dt class="text-slate-600">"Invoice"</dt><dd>{n}</dd> })}
            </dl>
        </section>
        <section class=CARD aria-labelledby="payments-title">
            <h2 id="payments-title" class="text-lg font-semibold">"Payments"</h2>
            <ul class="mt-2 divide-y divide-slate-100 text-sm">
                {o.payments.into_iter().map(|p| view! {
                    <li class="flex flex-wrap justify-between gap-2 py-2">
                        <span>{format!("{} · {} · {}", p.gateway, p.status.as_str(), p.provider_ref.unwrap_or_default())}</span>
                        <span class="tabular-nums">{p.amount.format_inr()} {(p.refunded > Paise::ZERO).then(|| format!(" ({} refunded)", p.refunded.format_inr()))}
                            <span class="ml-2 text-slate-500">{ist_stamp(p.at)}</span></span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        {(!o.credit_notes.is_empty()).then(|| view! {
            <section class=CARD aria-labelledby="notes-title">
                <h2 id="notes-title" class="text-lg font-semibold">"Credit notes"</h2>
                <ul class="mt-2 divide-y divide-slate-100 text-sm" data-testid="credit-notes">
                    {o.credit_notes.clone().into_iter().map(|c| view! {
                        <li class="flex flex-wrap justify-between gap-2 py-2">
                            <span><span class="font-medium">{c.number}</span>{format!(" · {}", c.reason)}</span>
                            <span class="tabular-nums">{c.total.format_inr()}<span class="ml-2 text-slate-500">{ist_stamp(c.issued_at)}</span></span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(o.can_refund && refundable > Paise::ZERO).then(|| view! {
            <section class=CARD aria-labelledby="refund-title">
                <h2 id="refund-title" class="text-lg font-semibold">"Refund"</h2>
                <p class="mt-1 text-sm text-slate-600">{format!(
                    "Up to {} through the payment's gateway. The unspent share of what the order gave is taken back; a credit note is issued and the buyer is e-mailed.",
                    refundable.format_inr()
                )}</p>
                <ActionForm action=refund attr:class="mt-4 space-y-4" attr:novalidate="true">
                    <FormAlert error=error/>
                    <input type="hidden" name="order_id" value=r.id.to_string()/>
                    <Field name="amount" label="Amount in rupees" value=default_amount error=error/>
                    <Field name="reason" label="Reason" hint="Shown on the credit note." maxlength=500 error=error/>
                    <div class="w-48">
                        <Submit label="Refund" busy_label="Refunding…" pending=refund.pending().into() kind="danger"/>
                    </div>
                </ActionForm>
            </section>
        })}
    }
}

/// `/staff/finance/coupons`.
#[component]
pub fn CouponsPage() -> impl IntoView {
    let create = ServerAction::<CreateCoupon>::new();
    let coupons = Resource::new(move || create.version().get(), |_| load_coupons());
    let toasts = use_toasts();
    on_ok(create.value(), move |code: String| {
        toasts.success(format!("Coupon {code} created."));
    });
    let error = action_error(create.value());
    view! {
        <Title text="Coupons — Finance — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-4xl space-y-6">
            <A href="/staff/finance" attr:class=LINK>"← Finance"</A>
            <h1 class="text-2xl font-bold text-slate-900">"Coupons"</h1>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || coupons.get().map(|r| match r {
                    Ok(list) => view! { <CouponList list/> }.into_any(),
                    Err(e) => view! { <AccessProblem error=e next="/staff/finance/coupons".to_string()/> }.into_any(),
                })}
            </Transition>
            <section class=CARD aria-labelledby="new-coupon-title">
                <h2 id="new-coupon-title" class="text-lg font-semibold">"New coupon"</h2>
                <ActionForm action=create attr:class="mt-4 grid gap-4 sm:grid-cols-2" attr:novalidate="true">
                    <div class="sm:col-span-2"><FormAlert error=error/></div>
                    <Field name="code" label="Code" hint="Letters, digits, - or _, like DIWALI10." maxlength=30 error=error/>
                    <div class="space-y-1">
                        <label for="kind" class="block text-sm font-medium text-slate-800">"Kind"</label>
                        <select id="kind" name="kind" class=SELECT>
                            <option value="PERCENT">"Percentage off"</option>
                            <option value="FLAT">"Flat amount off"</option>
                        </select>
                    </div>
                    <Field name="value" label="Value" hint="Percent (1–100), or rupees for a flat amount." error=error/>
                    <Field name="max_discount" label="Most it takes off (₹)" required=false hint="For a percentage; empty for no cap." error=error/>
                    <Field name="min_order" label="Minimum order (₹)" required=false error=error/>
                    <Field name="usage_limit" label="Uses in all" required=false hint="Empty for no limit." error=error/>
                    <Field name="uses_per_user" label="Uses per person" required=false hint="Empty for once." error=error/>
                    <Field name="valid_days" label="Valid for days" required=false hint="Empty to keep it valid." error=error/>
                    <div class="w-48">
                        <Submit label="Create coupon" busy_label="Creating…" pending=create.pending().into()/>
                    </div>
                </ActionForm>
            </section>
        </div>
    }
}

#[component]
fn CouponList(list: Vec<CouponRow>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class=CARD>"No coupons yet."</p> }.into_any();
    }
    view! {
        <ul class=format!("{CARD} divide-y divide-slate-100") data-testid="coupons">
            {list.into_iter().map(|c| view! {
                <li class="flex flex-wrap justify-between gap-2 py-2 text-sm">
                    <span><span class="font-semibold">{c.code}</span>{format!(" · {}", c.terms)}
                        {(!c.active).then(|| view! { <span class="ml-2 rounded bg-slate-200 px-2 text-xs">"ended"</span> })}</span>
                    <span class="text-slate-600">{match c.usage_limit {
                        Some(l) => format!("used {} of {l}", c.used),
                        None => format!("used {}", c.used),
                    }}{c.valid_to.map(|t| format!(" · until {}", ist_stamp(t)))}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
