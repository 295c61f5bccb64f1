//! `/checkout`: the order form, its figures from the server, and on to the gateway.
use super::super::api::{place_order, quote_checkout, start_checkout, CheckoutStart};
use super::super::gst::STATES;
use super::super::model::{CheckoutForm, Quote};
use super::TotalsTable;
use crate::core::AppError;
use crate::ui::form::{FieldMessage, FormAlert};
use crate::ui::problem::LoadProblem;
use crate::ui::style::{BUTTON, BUTTON_SECONDARY, CARD, INPUT, SELECT};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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
