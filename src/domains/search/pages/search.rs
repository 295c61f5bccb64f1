//! `/search`: a GET form (works without JavaScript), facet counts and keyset pages.
use crate::core::media::thumb_url;
use crate::core::roles::{role_spec, FieldKind, RoleSpec, CITIES, ROLE_SPECS};
use crate::domains::search::api::search_profiles;
use crate::domains::search::model::{
    facet_label, FacetCount, QueryProblems, SearchHit, SearchQuery, SearchResults, Sort,
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

/// How many values of one tag field the filter list offers.
const TAGS_SHOWN: usize = 12;
/// How many cities the "Popular cities" list offers.
const CITIES_SHOWN: usize = 12;

use crate::core::money::group_indian as group;

fn count_text(n: i64, capped: bool) -> String {
    if capped {
        format!("{}+", group(n))
    } else {
        group(n)
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let params = use_query_map();
    let parsed = Memo::new(move |_| SearchQuery::from_query_map(&params.read()));
    // Blocking: the title, canonical link and status are known before the page streams.
    let results = Resource::new_blocking(move || parsed.get().0, search_profiles);
    view! {
        <div class="mx-auto mt-6 max-w-6xl">
            <Transition fallback=|| view! { <p class="text-slate-500">"Searching…"</p> }>
                {move || Suspend::new(async move {
                    let outcome = results.await;
                    let (query, problems) = parsed.get_untracked();
                    match outcome {
                        Ok(r) => view! { <SearchView query problems results=r/> }.into_any(),
                        Err(e) => view! {
                            <Title text="Search — Nxtgauge"/>
                            <Meta name="robots" content="noindex"/>
                            <div role="alert" class="mx-auto mt-10 max-w-lg rounded-xl border border-amber-200 bg-amber-50 p-6 text-amber-900">
                                <p>{e.message}</p>
                                <a href=query.first_page().to_url() class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Start again from the first page"</a>
                            </div>
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn SearchView(
    query: SearchQuery,
    problems: QueryProblems,
    results: SearchResults,
) -> impl IntoView {
    let heading = query.heading();
    let canonical = format!("{}{}", results.base_url, query.first_page().to_url());
    // Free-text and deep pages are endless variations: keep them out of search engines.
    let noindex = query.q.is_some() || query.after.is_some();
    let total = count_text(results.total, results.counts_capped);
    let next = results.next.as_ref().map(|c| query.page_after(c).to_url());
    let first = query.after.is_some().then(|| query.first_page().to_url());
    let empty = results.hits.is_empty();
    view! {
        <Title text=format!("{heading} — Nxtgauge")/>
        <Meta name="description" content=query.description()/>
        <Link rel="canonical" href=canonical/>
        {noindex.then(|| view! { <Meta name="robots" content="noindex, follow"/> })}
        <h1 class="text-2xl font-bold text-slate-900 sm:text-3xl">{heading}</h1>
        <p class="mt-1 text-sm text-slate-600" data-testid="result-total">
            {format!("{total} {}", if results.total == 1 { "professional" } else { "professionals" })}
        </p>
        {results.fuzzy.then(|| view! {
            <p class="mt-1 text-sm text-slate-600" role="status">"Including close spellings of the words you typed."</p>
        })}
        {(results.counts_capped && query.q.is_some()).then(|| view! {
            <p class="mt-1 text-sm text-slate-600">"Many profiles match these words: results come from the first matches found. Choose a profession or a city to narrow the search."</p>
        })}
        <ProblemList problems/>
        <div class="mt-6 grid gap-8 lg:grid-cols-[18rem_1fr]">
            <aside aria-label="Search filters">
                <SearchForm query=query.clone() results=results.clone()/>
            </aside>
            <section aria-label="Results">
                <RoleAndCityLinks query=query.clone() results=results.clone()/>
                {if empty {
                    view! { <EmptyState query=query.clone()/> }.into_any()
                } else {
                    view! {
                        <ul class="grid gap-4 sm:grid-cols-2" data-testid="results">
                            {results.hits.into_iter().map(|h| view! { <ResultCard hit=h/> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <nav aria-label="Pages" class="mt-8 flex items-center justify-between">
                    {first.map(|href| view! {
                        <a href=href class="rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50">"← First page"</a>
                    })}
                    {next.map(|href| view! {
                        <a href=href rel="next" class="ml-auto rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700">"Next page →"</a>
                    })}
                </nav>
            </section>
        </div>
    }
}

#[component]
fn ProblemList(problems: QueryProblems) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        view! {
            <div role="status" class="mt-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
                <p class="font-medium">"Some parts of this search were ignored:"</p>
                <ul class="mt-1 list-disc pl-5">
                    {problems.into_values().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

use crate::ui::style::INPUT;
const LABEL: &str = "block text-sm font-medium text-slate-800";

#[component]
fn SearchForm(query: SearchQuery, results: SearchResults) -> impl IntoView {
    let spec = query.role_spec();
    let price = |v: Option<i64>| v.map(|p| p.to_string()).unwrap_or_default();
    view! {
        <form method="get" action="/search" class="space-y-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm" role="search">
            <div class="space-y-1">
                <label for="q" class=LABEL>"What are you looking for?"</label>
                <input id="q" name="q" type="search" maxlength="100" value=query.q.clone().unwrap_or_default()
                    placeholder="e.g. wedding photography" class=INPUT/>
            </div>
            <div class="space-y-1">
                <label for="role" class=LABEL>"Profession"</label>
                <select id="role" name="role" class=INPUT>
                    <option value="" selected=query.role.is_none()>"All professions"</option>
                    {ROLE_SPECS.iter().map(|s| view! {
                        <option value=s.key selected=query.role.as_deref() == Some(s.key)>{s.label}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="space-y-1">
                <label for="city" class=LABEL>"City"</label>
                <select id="city" name="city" class=INPUT>
                    <option value="" selected=query.city.is_none()>"All cities"</option>
                    {CITIES.iter().map(|c| view! {
                        <option value=*c selected=query.city.as_deref() == Some(*c)>{*c}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="grid grid-cols-2 gap-3">
                <div class="space-y-1">
                    <label for="min_price" class=LABEL>"Min price (₹)"</label>
                    <input id="min_price" name="min_price" type="number" min="0" step="1" inputmode="numeric"
                        value=price(query.min_price) class=INPUT/>
                </div>
                <div class="space-y-1">
                    <label for="max_price" class=LABEL>"Max price (₹)"</label>
                    <input id="max_price" name="max_price" type="number" min="0" step="1" inputmode="numeric"
                        value=price(query.max_price) class=INPUT/>
                </div>
            </div>
            <div class="flex items-center gap-2">
                <input id="verified" name="verified" type="checkbox" value="1" checked=query.verified_only
                    class="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-400"/>
                <label for="verified" class="text-sm text-slate-800">"Verified only"</label>
            </div>
            <div class="space-y-1">
                <label for="min_rating" class=LABEL>"Minimum rating"</label>
                <select id="min_rating" name="min_rating" class=INPUT>
                    <option value="" selected=query.min_rating.is_none()>"Any rating"</option>
                    {[4u8, 3, 2, 1].into_iter().map(|r| view! {
                        <option value=r.to_string() selected=query.min_rating == Some(r)>{format!("{r} stars & up")}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="space-y-1">
                <label for="sort" class=LABEL>"Sort by"</label>
                <select id="sort" name="sort" class=INPUT>
                    {Sort::ALL.into_iter().map(|s| view! {
                        <option value=s.param() selected=query.sort == s>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            {spec.map(|s| view! { <FacetFields spec=s query=query.clone() results=results.clone()/> })}
            <button type="submit" class="inline-flex w-full items-center justify-center rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700">
                "Search"
            </button>
            <a href="/search" class="block text-center text-sm font-medium text-indigo-700 hover:underline">"Clear all filters"</a>
        </form>
    }
}

/// The tokens one facet field offers: counted ones (most common first) and chosen ones.
fn field_tokens(
    spec: &RoleSpec,
    field: &str,
    query: &SearchQuery,
    counts: &[FacetCount],
) -> Vec<(String, Option<i64>)> {
    let prefix = format!("{field}:");
    let mut out: Vec<(String, Option<i64>)> = Vec::new();
    let is_tags = matches!(
        spec.field(field).map(|f| f.kind),
        Some(FieldKind::Tags { .. })
    );
    for c in counts.iter().filter(|c| c.value.starts_with(&prefix)) {
        if !is_tags || out.len() < TAGS_SHOWN {
            out.push((c.value.clone(), Some(c.count)));
        }
    }
    if let Some(FieldKind::Choice { options }) = spec.field(field).map(|f| f.kind) {
        for (k, _) in options {
            let token = format!("{prefix}{}", k.to_lowercase());
            if !out.iter().any(|(t, _)| *t == token) {
                out.push((token, None));
            }
        }
    }
    for f in query.facets.iter().filter(|f| f.starts_with(&prefix)) {
        if !out.iter().any(|(t, _)| t == f) {
            out.push((f.clone(), None));
        }
    }
    out
}

#[component]
fn FacetFields(
    spec: &'static RoleSpec,
    query: SearchQuery,
    results: SearchResults,
) -> impl IntoView {
    let capped = results.counts_capped;
    spec.facets()
        .map(|f| {
            let tokens = field_tokens(spec, f.key, &query, &results.facets);
            (!tokens.is_empty()).then(|| {
                let legend = if matches!(f.kind, FieldKind::Flag) { "Offers" } else { f.label };
                view! {
                    <fieldset class="space-y-1">
                        <legend class="text-sm font-medium text-slate-800">{legend}</legend>
                        {tokens.into_iter().enumerate().map(|(i, (token, count))| {
                            let id = format!("f-{}-{i}", f.key);
                            let label = facet_label(spec, &token).map(|(_, l)| l).unwrap_or_else(|| token.clone());
                            let checked = query.facets.contains(&token);
                            view! {
                                <div class="flex items-center gap-2">
                                    <input id=id.clone() type="checkbox" name="f" value=token checked=checked
                                        class="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-400"/>
                                    <label for=id class="text-sm text-slate-700">
                                        {label}
                                        {count.map(|n| view! { <span class="text-slate-500">{format!(" ({})", count_text(n, capped))}</span> })}
                                    </label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                }
            })
        })
        .collect_view()
}

/// Counts per role (no role chosen) and per city (no city chosen), as links.
#[component]
fn RoleAndCityLinks(query: SearchQuery, results: SearchResults) -> impl IntoView {
    let capped = results.counts_capped;
    let roles: Vec<_> = results
        .roles
        .iter()
        .filter_map(|c| role_spec(&c.value).map(|s| (s, c.count)))
        .map(|(s, n)| {
            let href = query.with(|q| {
                q.role = Some(s.key.to_owned());
                q.facets.clear();
            });
            (
                href.to_url(),
                format!("{} ({})", s.plural, count_text(n, capped)),
            )
        })
        .collect();
    let cities: Vec<_> = results
        .cities
        .iter()
        .take(CITIES_SHOWN)
        .map(|c| {
            let href = query.with(|q| q.city = Some(c.value.clone()));
            (
                href.to_url(),
                format!("{} ({})", c.value, count_text(c.count, capped)),
            )
        })
        .collect();
    let list = |title: &'static str, links: Vec<(String, String)>| {
        (!links.is_empty()).then(|| view! {
            <div class="mb-4">
                <h2 class="text-sm font-semibold text-slate-700">{title}</h2>
                <ul class="mt-2 flex flex-wrap gap-2">
                    {links.into_iter().map(|(href, text)| view! {
                        <li><a href=href class="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 text-sm text-slate-700 hover:border-indigo-300 hover:text-indigo-700">{text}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        })
    };
    view! {
        {list("Professions", roles)}
        {list("Popular cities", cities)}
    }
}

#[component]
fn ResultCard(hit: SearchHit) -> impl IntoView {
    let href = format!("/p/{}", hit.slug);
    let role = role_spec(&hit.role_key).map_or("", |s| s.label);
    let price = hit.price_text();
    let image = hit
        .cover_url
        .as_deref()
        .map(thumb_url)
        .or_else(|| hit.avatar_url.clone());
    let initial = hit.display_name.chars().next().unwrap_or('?').to_string();
    let rating = (hit.rating_count > 0).then(|| {
        format!(
            "★ {:.1} ({} {})",
            hit.rating_avg,
            hit.rating_count,
            if hit.rating_count == 1 {
                "review"
            } else {
                "reviews"
            }
        )
    });
    let place = [role, hit.city.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li class="flex gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="result">
            {match image {
                Some(src) => view! {
                    <img src=src alt=format!("Work by {}", hit.display_name) loading="lazy" width="96" height="96"
                        class="h-24 w-24 flex-none rounded-xl object-cover"/>
                }.into_any(),
                None => view! {
                    <div aria-hidden="true" class="flex h-24 w-24 flex-none items-center justify-center rounded-xl bg-indigo-50 text-3xl font-bold text-indigo-700">{initial}</div>
                }.into_any(),
            }}
            <div class="min-w-0 flex-1">
                <h3 class="font-semibold text-slate-900">
                    <A href=href attr:class="hover:text-indigo-700 hover:underline">{hit.display_name.clone()}</A>
                    {hit.is_verified.then(|| view! {
                        <span class="ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-700">"✓ Verified"</span>
                    })}
                </h3>
                <p class="text-sm text-slate-600">{place}</p>
                {(!hit.headline.is_empty()).then(|| view! { <p class="mt-1 line-clamp-2 text-sm text-slate-700">{hit.headline.clone()}</p> })}
                <p class="mt-2 flex flex-wrap gap-x-3 text-sm">
                    <span class="font-semibold text-slate-900" data-testid="price">{price}</span>
                    {match rating {
                        Some(r) => view! { <span class="text-amber-700">{r}</span> }.into_any(),
                        None => view! { <span class="text-slate-500">"No reviews yet"</span> }.into_any(),
                    }}
                </p>
            </div>
        </li>
    }
}

/// No results: ways to widen the search, each a link.
#[component]
fn EmptyState(query: SearchQuery) -> impl IntoView {
    let who = query.role_spec().map_or("professionals", |s| s.plural);
    let mut ideas: Vec<(String, String)> = Vec::new();
    if let Some(q) = &query.q {
        ideas.push((
            query.with(|n| n.q = None).to_url(),
            format!("Search without “{q}”"),
        ));
    }
    if !query.facets.is_empty() {
        ideas.push((
            query.with(|n| n.facets.clear()).to_url(),
            "Clear the profession filters".into(),
        ));
    }
    if query.min_price.is_some() || query.max_price.is_some() {
        ideas.push((
            query
                .with(|n| {
                    n.min_price = None;
                    n.max_price = None;
                })
                .to_url(),
            "Any price".into(),
        ));
    }
    if query.verified_only || query.min_rating.is_some() {
        ideas.push((
            query
                .with(|n| {
                    n.verified_only = false;
                    n.min_rating = None;
                })
                .to_url(),
            "Include unverified and unrated profiles".into(),
        ));
    }
    if query.city.is_some() {
        ideas.push((
            query.with(|n| n.city = None).to_url(),
            format!("{who} anywhere in India"),
        ));
    }
    ideas.push(("/search".into(), "Start a new search".into()));
    view! {
        <div class="rounded-2xl border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="empty-state">
            <h2 class="text-lg font-semibold text-slate-900">"No professionals match this search"</h2>
            <p class="mt-2 text-slate-600">"Try widening it:"</p>
            <ul class="mt-4 flex flex-col items-center gap-2">
                {ideas.into_iter().map(|(href, text)| view! {
                    <li><a href=href class="font-medium text-indigo-700 hover:underline">{text}</a></li>
                }).collect_view()}
            </ul>
        </div>
    }
}
