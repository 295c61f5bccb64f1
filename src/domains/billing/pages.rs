//! The pricing page (public), checkout, the order page a buyer returns to, and /billing.
use super::api::{
    load_order, load_pricing, my_orders, place_order, quote_checkout, start_checkout, CheckoutStart,
};
use super::gst::STATES;
use super::model::{
    CheckoutForm, OrderStatus, OrderView, PackageCard, PackageType, PaymentStatus, Pricing, Quote,
};
use super::totals::Totals;
use crate::core::money::{group_indian, Paise};
use crate::core::AppError;
use crate::ui::form::{FieldMessage, FormAlert};
use crate::ui::problem::LoadProblem;
use crate::ui::style::{BUTTON, BUTTON_SECONDARY, CARD, INPUT, LINK, SELECT};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

fn validity(days: Option<i32>) -> String {
    match days {
        None => "Never expire".into(),
        Some(d) => format!("Use within {d} days"),
    }
}

/// `/pricing`: every package by who buys it, with GST, and the viewer's balances.
#[component]
pub fn PricingPage() -> impl IntoView {
    let page = Resource::new_blocking(|| (), |_| load_pricing());
    view! {
        <Title text="Pricing: tracecoins, job postings and contact views — Nxtgauge"/>
        <Meta name="description" content="Prices in rupees with 18% GST: tracecoin bundles for professionals, job posting packs and contact views for companies and customers."/>
        <div class="mx-auto mt-8 max-w-5xl space-y-10">
            <header class="space-y-2">
                <h1 class="text-3xl font-bold text-slate-900">"Pricing"</h1>
                <p class="text-slate-600">"Pay in rupees through a secure payment gateway. Prices are shown with 18% GST."</p>
            </header>
            <Suspense fallback=|| view! { <p class="text-slate-500">"Loading prices…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(p) => view! { <PriceList pricing=p/> }.into_any(),
                        Err(e) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn PriceList(pricing: Pricing) -> impl IntoView {
    PackageType::ALL
        .iter()
        .map(|kind| {
            let kind = *kind;
            let cards: Vec<PackageCard> = pricing.packages.iter().filter(|p| p.package_type == kind).cloned().collect();
            let held = pricing.balances.map(|b| b.of(kind));
            view! {
                <section aria-labelledby=format!("{}-title", kind.anchor()) id=kind.anchor() class="space-y-4">
                    <div class="flex flex-wrap items-baseline justify-between gap-2">
                        <h2 id=format!("{}-title", kind.anchor()) class="text-xl font-semibold text-slate-900">{kind.title()}</h2>
                        {held.map(|n| view! { <p class="text-sm text-slate-600" data-testid=format!("balance-{}", kind.anchor())>"You have " <strong>{group_indian(n)}</strong> " " {kind.units()}</p> })}
                    </div>
                    <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                        {cards.into_iter().map(|c| view! { <PackageTile card=c/> }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
}

#[component]
fn PackageTile(card: PackageCard) -> impl IntoView {
    let href = format!("/checkout?package={}", card.id);
    let units = format!(
        "{} {}",
        group_indian(i64::from(card.units)),
        card.package_type.units()
    );
    let per_unit = format!("{} each", card.per_unit().format_inr());
    view! {
        <li class=format!("{CARD} flex flex-col gap-2") data-testid="package">
            <h3 class="text-lg font-semibold text-slate-900">{card.name.clone()}</h3>
            <p class="text-3xl font-bold text-slate-900">{card.price_with_gst().format_inr()}</p>
            <p class="text-xs text-slate-500">{format!("{} + {} GST", card.price.format_inr(), card.gst.format_inr())}</p>
            <p class="font-medium text-slate-800">{units}</p>
            <p class="text-sm text-slate-600">{per_unit} " · " {validity(card.validity_days)}</p>
            {card.description.clone().map(|d| view! { <p class="text-sm text-slate-600">{d}</p> })}
            <a href=href class=format!("{BUTTON} mt-auto") aria-label=format!("Buy {}", card.name)>"Buy"</a>
        </li>
    }
}

/// "18%", "9%", "2.5%" from basis points.
fn percent_label(bp: i64) -> String {
    let (whole, frac) = (bp / 100, bp % 100);
    match frac {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

/// The figures of a quote or an order, as a table.
#[component]
fn TotalsTable(totals: Totals, rate_bp: i64) -> impl IntoView {
    let half = percent_label(rate_bp / 2);
    let full = percent_label(rate_bp);
    let row = |label: String, amount: Paise, id: &'static str| {
        view! { <tr><th scope="row" class="py-1 text-left font-normal text-slate-600">{label}</th><td class="py-1 text-right tabular-nums" data-testid=id>{amount.format_inr()}</td></tr> }
    };
    view! {
        <table class="w-full text-sm">
            <caption class="sr-only">"Order total"</caption>
            <tbody>
                {row("Subtotal".into(), totals.subtotal, "subtotal")}
                {(totals.rule_discount > Paise::ZERO).then(|| row("Offer".into(), totals.rule_discount, "rule-discount"))}
                {(totals.coupon_discount > Paise::ZERO).then(|| row("Coupon".into(), totals.coupon_discount, "coupon-discount"))}
                {row("Taxable value".into(), totals.taxable, "taxable")}
                {(totals.tax.igst == Paise::ZERO).then(|| view! { <>{row(format!("CGST {half}"), totals.tax.cgst, "cgst")}{row(format!("SGST {half}"), totals.tax.sgst, "sgst")}</> })}
                {(totals.tax.igst > Paise::ZERO).then(|| row(format!("IGST {full}"), totals.tax.igst, "igst"))}
                <tr class="border-t border-slate-200"><th scope="row" class="pt-2 text-left font-semibold">"Total"</th><td class="pt-2 text-right text-lg font-bold tabular-nums" data-testid="total">{totals.total.format_inr()}</td></tr>
            </tbody>
        </table>
    }
}

/// The message under a field: the latest quote's or order's error for it.
fn field_error(
    errors: [Signal<Option<AppError>>; 2],
    name: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors
            .iter()
            .find_map(|e| e.get().and_then(|e| e.field_message(name)))
    })
}

/// `/checkout?package=…&back=…`: the order form, its figures from the server, and on to
/// the gateway.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    let query = use_query_map();
    let package = query.read_untracked().get("package").unwrap_or_default();
    let back = query.read_untracked().get("back").unwrap_or_default();
    let start = Resource::new(
        move || (package.clone(), back.clone()),
        |(p, b)| start_checkout(p, b),
    );
    view! {
        <Title text="Checkout — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-3xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">"Checkout"</h1>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || start.get().map(|r| match r {
                    Ok(s) => view! { <CheckoutForm start=s/> }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/pricing"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn CheckoutForm(start: CheckoutStart) -> impl IntoView {
    let f = start.form;
    let package = RwSignal::new(f.package_id);
    let quantity = RwSignal::new(f.quantity);
    let name = RwSignal::new(f.billing_name);
    let state = RwSignal::new(f.state_code);
    let gstin = RwSignal::new(f.gstin);
    let coupon = RwSignal::new(f.coupon);
    let return_path = f.return_path;
    let form = move || CheckoutForm {
        package_id: package.get(),
        quantity: quantity.get(),
        billing_name: name.get(),
        state_code: state.get(),
        gstin: gstin.get(),
        coupon: coupon.get(),
        return_path: return_path.clone(),
    };
    let form = Signal::derive(form);
    // The figures follow the form once a field is left (change), not on every key.
    let asked = RwSignal::new(form.get_untracked());
    let priced = Resource::new(
        move || asked.get(),
        |f| async move {
            if f.state_code.is_empty() {
                None
            } else {
                Some(quote_checkout(f).await)
            }
        },
    );
    let quote_error = Signal::derive(move || priced.get().flatten().and_then(Result::err));
    let place = Action::new(|f: &CheckoutForm| place_order(f.clone()));
    let place_error = Signal::derive(move || place.value().get().and_then(Result::err));
    crate::ui::form::on_ok(place.value(), |url: String| {
        crate::ui::toast::load_page(&url)
    });
    let errors = [quote_error, place_error];
    let reprice = move || asked.set(form.get_untracked());
    let packages = start.packages;
    let input = |id: &'static str,
                 label: &'static str,
                 value: RwSignal<String>,
                 hint: Option<&'static str>,
                 kind: &'static str| {
        let message = field_error(errors, id);
        let err_id = format!("{id}-error");
        let hint_id = format!("{id}-hint");
        let described = if hint.is_some() {
            format!("{hint_id} {err_id}")
        } else {
            err_id.clone()
        };
        view! {
            <div class="space-y-1">
                <label for=id class="block text-sm font-medium text-slate-800">{label}</label>
                <input id=id name=id type=kind class=INPUT aria-describedby=described
                    aria-invalid=move || message.get().is_some().then_some("true")
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    on:change=move |_| reprice()/>
                {hint.map(|h| view! { <p id=hint_id class="text-xs text-slate-500">{h}</p> })}
                <FieldMessage id=err_id message=message/>
            </div>
        }
    };
    view! {
        <form class="grid gap-6 md:grid-cols-[1fr_18rem]" novalidate
            on:submit=move |ev| { ev.prevent_default(); asked.set(form.get_untracked()); place.dispatch(form.get_untracked()); }>
            <div class=format!("{CARD} space-y-4")>
                <FormAlert error=Signal::derive(move || place_error.get().filter(|e| e.fields.is_empty()))/>
                <div class="space-y-1">
                    <label for="package_id" class="block text-sm font-medium text-slate-800">"Package"</label>
                    <select id="package_id" name="package_id" class=SELECT aria-describedby="package_id-error"
                        on:change=move |ev| { package.set(event_target_value(&ev)); asked.set(form.get_untracked()); }>
                        <option value="" selected=move || package.get().is_empty()>"Choose a package"</option>
                        {packages.into_iter().map(|p| {
                            let id = p.id.to_string();
                            let label = format!("{} ({}, {} {})", p.name, p.price_with_gst().format_inr(), p.units, p.package_type.units());
                            let is = id.clone();
                            view! { <option value=id selected=move || package.get() == is>{label}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage id="package_id-error".into() message=field_error(errors, "package_id")/>
                </div>
                {input("quantity", "Quantity", quantity, Some("Up to 20 at a time."), "number")}
                {input("billing_name", "Name on the invoice", name, None, "text")}
                <div class="space-y-1">
                    <label for="state_code" class="block text-sm font-medium text-slate-800">"State (place of supply)"</label>
                    <select id="state_code" name="state_code" class=SELECT aria-describedby="state_code-error"
                        on:change=move |ev| { state.set(event_target_value(&ev)); asked.set(form.get_untracked()); }>
                        <option value="" selected=move || state.get().is_empty()>"Choose your state"</option>
                        {STATES.iter().map(|s| {
                            let code = s.code;
                            view! { <option value=code selected=move || state.get() == code>{s.name}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage id="state_code-error".into() message=field_error(errors, "state_code")/>
                </div>
                {input("gstin", "GSTIN (optional)", gstin, Some("For a business purchase: your GSTIN goes on the invoice."), "text")}
                {input("coupon", "Coupon (optional)", coupon, None, "text")}
                <button type="button" class=BUTTON_SECONDARY on:click=move |_| reprice()>"Update total"</button>
            </div>
            <aside class=format!("{CARD} space-y-4 self-start") aria-label="Order summary">
                <h2 class="text-lg font-semibold">"Summary"</h2>
                <Transition fallback=|| view! { <p class="text-slate-500">"Working out the total…"</p> }>
                    {move || match priced.get().flatten() {
                        Some(Ok(q)) => view! { <QuoteView quote=q/> }.into_any(),
                        Some(Err(_)) => view! { <p class="text-sm text-red-700">"Fix the form to see the total."</p> }.into_any(),
                        None => view! { <p class="text-sm text-slate-600">"Choose your state to see the tax and total."</p> }.into_any(),
                    }}
                </Transition>
                <button type="submit" id="pay" class=format!("{BUTTON} w-full") disabled=move || place.pending().get()>
                    {move || if place.pending().get() { "Starting payment…" } else { "Continue to payment" }}
                </button>
                <p class="text-xs text-slate-500">"You pay on the gateway's secure page and come back here."</p>
            </aside>
        </form>
    }
}

#[component]
fn QuoteView(quote: Quote) -> impl IntoView {
    view! {
        <div class="space-y-3" data-testid="quote">
            <p class="font-medium">{format!("{} × {}", quote.quantity, quote.package.name)}</p>
            {quote.rule.clone().map(|r| view! { <p class="text-sm text-emerald-700">"Offer applied: " {r}</p> })}
            {quote.coupon.clone().map(|c| view! { <p class="text-sm text-emerald-700" data-testid="coupon-applied">"Coupon applied: " {c}</p> })}
            <TotalsTable totals=quote.totals rate_bp=quote.tax_rate_bp/>
            <p class="text-xs text-slate-500">{format!("SAC {} · place of supply {}", quote.sac_code, quote.place_of_supply)}</p>
        </div>
    }
}

fn order_status(
    row_status: OrderStatus,
    payment: Option<PaymentStatus>,
) -> (&'static str, &'static str) {
    match (row_status, payment) {
        (OrderStatus::Completed, _) => ("Paid", "bg-emerald-100 text-emerald-800"),
        (OrderStatus::Cancelled, _) => ("Cancelled", "bg-slate-200 text-slate-700"),
        (OrderStatus::Pending, Some(PaymentStatus::Failed)) => {
            ("Payment failed", "bg-red-100 text-red-800")
        }
        (OrderStatus::Pending, _) => ("Awaiting payment", "bg-amber-100 text-amber-800"),
    }
}

/// `/billing/orders/:id`: one order, where the gateway sends the buyer back.
#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    };
    let loaded = Resource::new(id, |id| async move {
        match id {
            Some(id) => load_order(id).await,
            None => Err(AppError::new(
                crate::core::ErrorCode::NotFound,
                "No order of yours has this number.",
            )),
        }
    });
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
        .map(|k| format!("{} {}", group_indian(order.units), k.units()))
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
        <a href="/billing" class=LINK>"All your orders"</a>
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
