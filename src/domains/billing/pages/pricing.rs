//! `/pricing`: the public price list.
use super::super::api::load_pricing;
use super::super::model::{safe_return_path, PackageCard, PackageType, Pricing};
use crate::core::url::encode_query_value;
use crate::ui::style::{BUTTON, CARD};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

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
    // Where the buyer ran short (`?back=`), carried through checkout to come back to.
    let back = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("back")
        .and_then(|b| safe_return_path(&b))
        .map(|b| format!("&back={}", encode_query_value(&b)))
        .unwrap_or_default();
    view! {
        <Title text="Pricing: tracecoins, job postings and contact views — Nxtgauge"/>
        <Meta name="description" content="Prices in rupees with 18% GST: tracecoin bundles for professionals, job posting packs and contact views for companies and customers."/>
        <div class="mx-auto mt-8 max-w-5xl space-y-10">
            <header class="space-y-2">
                <h1 class="text-3xl font-bold text-slate-900">"Pricing"</h1>
                <p class="text-slate-600">"Pay in rupees through a secure payment gateway. Prices are shown with 18% GST."</p>
            </header>
            <Suspense fallback=|| view! { <p class="text-slate-500">"Loading prices…"</p> }>
                {move || {
                    let back = back.clone();
                    Suspend::new(async move {
                    match page.await {
                        Ok(p) => view! { <PriceList pricing=p back=back/> }.into_any(),
                        Err(e) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
                    }
                })}}
            </Suspense>
        </div>
    }
}

#[component]
fn PriceList(pricing: Pricing, back: String) -> impl IntoView {
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
                        {held.map(|n| view! { <p class="text-sm text-slate-600" data-testid=format!("balance-{}", kind.anchor())>"You have " {kind.count(n)}</p> })}
                    </div>
                    <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                        {cards.into_iter().map(|c| view! { <PackageTile card=c back=back.clone()/> }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
}

#[component]
fn PackageTile(card: PackageCard, back: String) -> impl IntoView {
    let href = format!("/checkout?package={}{back}", card.id);
    let units = card.package_type.count(i64::from(card.units));
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
