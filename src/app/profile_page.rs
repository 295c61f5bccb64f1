//! `/p/:slug`: a professional's public page (a real 404 when it is not listed; the
//! owner sees an unlisted profile as a preview).
use crate::core::roles::role_spec;
use crate::core::time::ist;
use crate::core::{media::thumb_url, money::Paise};
use crate::domains::reviews::{model::EntityType, pages::Reviews};
use crate::domains::search::api::get_public_profile;
use crate::domains::search::model::{PublicPortfolioItem, PublicProfile, PublicService};
use crate::domains::search::pages::ContactSection;
use crate::ui::page::{Loaded, NotAvailable, PageMeta};
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

/// "45 min", "2 h", "1 h 30 min".
pub fn duration_text(minutes: i32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The first sentence-ish part of the bio for meta descriptions (≤ 155 characters).
fn summary(p: &PublicProfile, role: &str) -> String {
    let place = p.city.as_deref().unwrap_or("India");
    match &p.bio {
        Some(bio) => {
            let flat = bio.split_whitespace().collect::<Vec<_>>().join(" ");
            crate::core::validation::ellipsize(&flat, 155)
        }
        None => format!(
            "{} is a {role} in {place} on Nxtgauge. See prices, services, portfolio and reviews.",
            p.display_name
        ),
    }
}

#[component]
pub fn PublicProfilePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // Blocking: the 404 status and the meta tags must be set before the page streams.
    let profile = Resource::new_blocking(slug, get_public_profile);
    view! {
        <Loaded resource=profile loading="Loading profile…" error_title="Profile"
            not_found=|| view! {
                <NotAvailable heading="This profile is not available".to_string()
                    title="Profile not found"
                    reason="It may have been unpublished, or the link is mistyped."
                    back="/search" back_label="Search professionals" testid="profile-not-found"/>
            }
            view=|p| view! { <ProfileView p/> }/>
    }
}

#[component]
fn ProfileView(p: PublicProfile) -> impl IntoView {
    let spec = role_spec(&p.role_key);
    let role = spec.map_or("Professional", |s| s.label);
    let place = p.city.clone().unwrap_or_else(|| "India".into());
    let title = format!("{} — {role} in {place} — Nxtgauge", p.display_name);
    let description = summary(&p, &role.to_lowercase());
    let url = format!("{}/p/{}", p.base_url, p.slug);
    let image = p.cover_url.as_ref().or(p.avatar_url.as_ref()).map(|u| {
        if u.starts_with('/') {
            format!("{}{u}", p.base_url)
        } else {
            u.clone()
        }
    });
    let initial = p.display_name.chars().next().unwrap_or('?').to_string();
    let search_href = format!("/search?role={}", p.role_key);
    let refusal = use_query_map().read_untracked().get("contact");
    view! {
        <PageMeta title description url og_type="profile" image=image noindex=p.preview/>
        <article class="mx-auto mt-6 max-w-4xl space-y-6" data-testid="public-profile">
            {p.preview.then(|| view! {
                <div role="status" class="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="preview-banner">
                    <p class="font-semibold">"Preview: only you can see this page."</p>
                    <p>"It becomes public once your profile is approved, active and set to public. "
                        <A href=format!("/pro/{}", p.role_key) attr:class="font-medium text-indigo-700 hover:underline">"Edit your profile"</A></p>
                </div>
            })}
            <header class="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
                {p.cover_url.clone().map(|src| view! {
                    <img src=src alt=format!("Work by {}", p.display_name) class="h-48 w-full object-cover sm:h-64"/>
                })}
                <div class="flex flex-col gap-4 p-6 sm:flex-row sm:items-center">
                    {match p.avatar_url.clone() {
                        Some(src) => view! {
                            <img src=src alt=format!("Photo of {}", p.display_name) width="96" height="96"
                                class="h-24 w-24 flex-none rounded-full object-cover ring-4 ring-white"/>
                        }.into_any(),
                        None => view! {
                            <div aria-hidden="true" class="flex h-24 w-24 flex-none items-center justify-center rounded-full bg-indigo-50 text-4xl font-bold text-indigo-700">{initial}</div>
                        }.into_any(),
                    }}
                    <div class="min-w-0">
                        <h1 class="text-2xl font-bold text-slate-900 sm:text-3xl">{p.display_name.clone()}</h1>
                        <p class="text-slate-600">
                            <a href=search_href class="hover:text-indigo-700 hover:underline">{role}</a>
                            {p.city.clone().map(|c| format!(" · {c}"))}
                        </p>
                        {p.verified_at.map(|at| view! {
                            <p class="mt-2 inline-flex items-center gap-1 rounded-full bg-emerald-50 px-3 py-1 text-sm font-semibold text-emerald-700" data-testid="verified-badge">
                                "✓ Verified by Nxtgauge"
                                <span class="font-normal">{format!(" on {}", ist(at, "%-d %b %Y"))}</span>
                            </p>
                        })}
                        <p class="mt-2 text-sm text-slate-500">{format!("Member since {}", ist(p.member_since, "%B %Y"))}</p>
                    </div>
                </div>
            </header>
            {p.bio.clone().map(|bio| view! {
                <section class="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="about-title">
                    <h2 id="about-title" class="text-lg font-semibold">"About"</h2>
                    <p class="mt-2 whitespace-pre-line text-slate-700">{bio}</p>
                </section>
            })}
            {(!p.facts.is_empty()).then(|| view! {
                <section class="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="details-title">
                    <h2 id="details-title" class="text-lg font-semibold">"Details"</h2>
                    <dl class="mt-3 grid gap-3 sm:grid-cols-2">
                        {p.facts.iter().map(|f| view! {
                            <div>
                                <dt class="text-sm text-slate-500">{f.label.clone()}</dt>
                                <dd class="text-slate-900">{f.value.clone()}</dd>
                            </div>
                        }).collect_view()}
                    </dl>
                </section>
            })}
            <Services services=p.services.clone()/>
            <Portfolio items=p.portfolio.clone()/>
            <Reviews reviewed=EntityType::Professional entity_id=p.id summary=p.rating.clone()/>
            <ContactSection slug=p.slug.clone() role_key=p.role_key.clone() name=p.display_name.clone()
                panel=p.contact.clone() refusal/>
            <section class="rounded-2xl border border-indigo-100 bg-indigo-50 p-6">
                <h2 class="text-lg font-semibold text-slate-900">{format!("Want to hire {}?", p.display_name)}</h2>
                <p class="mt-1 text-slate-700">"Tell them what you need and get a quote; other verified professionals may respond too. Their contact details are shared on Nxtgauge once you accept a response."</p>
                <a href=format!("/leads/new?pro={}", p.slug) class="mt-4 inline-block rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700">"Request a quote"</a>
            </section>
        </article>
    }
}

#[component]
fn Services(services: Vec<PublicService>) -> impl IntoView {
    (!services.is_empty()).then(|| view! {
        <section class="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="services-title">
            <h2 id="services-title" class="text-lg font-semibold">"Services"</h2>
            <ul class="mt-3 divide-y divide-slate-100">
                {services.into_iter().map(|s| view! {
                    <li class="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:justify-between">
                        <div>
                            <p class="font-medium text-slate-900">{s.name}</p>
                            {s.description.map(|d| view! { <p class="text-sm text-slate-600">{d}</p> })}
                        </div>
                        <p class="text-right">
                            <span class="font-semibold text-slate-900">{Paise(s.price).format_inr()}</span>
                            {s.duration_minutes.map(|m| view! { <span class="block text-sm text-slate-500">{duration_text(m)}</span> })}
                        </p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    })
}

#[component]
fn Portfolio(items: Vec<PublicPortfolioItem>) -> impl IntoView {
    (!items.is_empty()).then(|| view! {
        <section class="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="portfolio-title">
            <h2 id="portfolio-title" class="text-lg font-semibold">"Portfolio"</h2>
            <div class="mt-3 space-y-6">
                {items.into_iter().map(|item| {
                    let n = item.images.len();
                    let title = item.title.clone();
                    view! {
                        <div>
                            <h3 class="font-medium text-slate-900">{item.title}</h3>
                            {item.description.map(|d| view! { <p class="text-sm text-slate-600">{d}</p> })}
                            <ul class="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
                                {item.images.into_iter().enumerate().map(|(i, src)| {
                                    let alt = format!("{title} — image {} of {n}", i + 1);
                                    view! {
                                        <li>
                                            <a href=src.clone() class="block rounded-lg focus:outline-none focus:ring-2 focus:ring-indigo-400">
                                                <img src=thumb_url(&src) alt=alt loading="lazy" class="aspect-square w-full rounded-lg object-cover"/>
                                            </a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                    }
                }).collect_view()}
            </div>
        </section>
    })
}
