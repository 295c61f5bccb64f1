//! The public job pages: `/jobs` (the board, with filters and keyset pages),
//! `/jobs/:id` (one job, with meta tags and JobPosting data for search engines) and
//! `/companies/:slug` (a company with its live jobs, rating and badges). Real 404s for
//! what the public may not see.
use super::job_line;
use crate::core::roles::CITIES;
use crate::core::time::ist;
use crate::core::time::ist_day as day;
use crate::domains::jobs::api::{get_company, get_job, load_board};
use crate::domains::jobs::model::{
    Board, BoardFilter, CompanyPage, EmploymentType, JobCard, JobPage, JobStatus, WorkMode,
};
use crate::ui::page::{Loaded, NotAvailable, PageMeta};
use crate::ui::problem::LoadProblem;
use crate::ui::style::{CARD, INPUT, LINK, SELECT};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};
use uuid::Uuid;

/// `/jobs`.
#[component]
pub fn JobBoardPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        BoardFilter {
            city: get("city"),
            employment_type: get("type"),
            mode: get("mode"),
            min_pay: get("min_pay"),
            q: get("q"),
        }
    });
    let after = Memo::new(move |_| query.read().get("after"));
    let board = Resource::new(
        move || (filter.get(), after.get()),
        |(f, after)| load_board(f, after),
    );
    view! {
        <Title text="Jobs in India — Nxtgauge"/>
        <Meta name="description" content="Jobs from companies checked by the Nxtgauge team: full-time, part-time and contract, on-site, hybrid and remote."/>
        <div class="mx-auto mt-8 max-w-4xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">"Jobs"</h1>
            <BoardFilters filter=filter.get_untracked()/>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading jobs…"</p> }>
                {move || board.get().map(|r| match r {
                    Ok(b) => view! { <BoardView board=b filter=filter.get_untracked() paged=after.get_untracked().is_some()/> }.into_any(),
                    Err(e) if e.is_validation() => view! {
                        <p role="alert" class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="board-error">
                            {e.field_message("min_pay").unwrap_or(e.message)}
                        </p>
                    }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/jobs"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn BoardFilters(filter: BoardFilter) -> impl IntoView {
    view! {
        <form method="get" action="/jobs" class=format!("{CARD} grid gap-4 sm:grid-cols-3 sm:items-end") role="search" aria-label="Filter jobs">
            <div class="sm:col-span-3">
                <label for="jobs-q" class="block text-sm font-medium text-slate-800">"Words"</label>
                <input id="jobs-q" name="q" type="search" value=filter.q.clone() class=INPUT
                    placeholder="Title, skill or company"/>
            </div>
            <div>
                <label for="jobs-city" class="block text-sm font-medium text-slate-800">"City"</label>
                <select id="jobs-city" name="city" class=SELECT>
                    <option value="" selected=filter.city.is_empty()>"Any city"</option>
                    {CITIES.iter().map(|c| view! { <option value=*c selected=filter.city.eq_ignore_ascii_case(c)>{*c}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label for="jobs-type" class="block text-sm font-medium text-slate-800">"Employment type"</label>
                <select id="jobs-type" name="type" class=SELECT>
                    <option value="" selected=filter.employment_type.is_empty()>"Any type"</option>
                    {EmploymentType::ALL.iter().map(|t| view! { <option value=t.as_str() selected=filter.employment_type == t.as_str()>{t.label()}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label for="jobs-mode" class="block text-sm font-medium text-slate-800">"Mode of work"</label>
                <select id="jobs-mode" name="mode" class=SELECT>
                    <option value="" selected=filter.mode.is_empty()>"Any mode"</option>
                    {WorkMode::ALL.iter().map(|m| view! { <option value=m.as_str() selected=filter.mode == m.as_str()>{m.label()}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label for="jobs-min-pay" class="block text-sm font-medium text-slate-800">"Pays at least (₹)"</label>
                <input id="jobs-min-pay" name="min_pay" inputmode="numeric" value=filter.min_pay.clone() class=INPUT
                    aria-describedby="jobs-min-pay-hint"/>
                <p id="jobs-min-pay-hint" class="mt-1 text-xs text-slate-500">"A month, or a contract's budget."</p>
            </div>
            <button type="submit" class="rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700">"Search jobs"</button>
            <A href="/jobs" attr:class=format!("self-center text-sm {LINK}")>"Clear filters"</A>
        </form>
    }
}

#[component]
fn BoardView(board: Board, filter: BoardFilter, paged: bool) -> impl IntoView {
    let next = board
        .next
        .clone()
        .map(|c| format!("/jobs{}", filter.query(&[("after", c)])));
    view! {
        {if board.jobs.is_empty() {
            view! { <p class=CARD data-testid="board-empty">"No live jobs match these filters. Try fewer filters, or come back soon: new jobs are approved every day."</p> }.into_any()
        } else {
            view! {
                <ul class="space-y-3" data-testid="job-board">
                    {board.jobs.into_iter().map(|card| view! { <JobCardView card/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <nav class="flex gap-6 text-sm" aria-label="Pages">
            {paged.then(|| view! { <A href=format!("/jobs{}", filter.query(&[])) attr:class=LINK>"Newest jobs"</A> })}
            {next.map(|href| view! { <A href=href attr:class=LINK>"More jobs"</A> })}
        </nav>
    }
}

#[component]
pub fn VerifiedCompanyBadge() -> impl IntoView {
    view! {
        <span class="inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-700" data-testid="verified-company">
            <span aria-hidden="true">"✓"</span>"Verified company"
        </span>
    }
}

#[component]
fn JobCardView(card: JobCard) -> impl IntoView {
    let line = job_line(&card.employment_type, &card.mode, card.city.as_deref());
    view! {
        <li class=CARD data-testid="job-card">
            <div class="flex flex-wrap items-start justify-between gap-2">
                <A href=format!("/jobs/{}", card.id) attr:class="text-lg font-semibold text-indigo-700 hover:underline">{card.title}</A>
                {(!card.pay.is_empty()).then(|| view! { <span class="text-sm font-semibold text-slate-800">{card.pay.clone()}</span> })}
            </div>
            <p class="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                <A href=format!("/companies/{}", card.company_slug) attr:class="font-medium text-slate-800 hover:underline">{card.company_name}</A>
                {card.company_verified.then(|| view! { <VerifiedCompanyBadge/> })}
                <span>{format!("{line} · posted {}", day(card.posted_at))}</span>
            </p>
        </li>
    }
}

/// `/jobs/:id`.
#[component]
pub fn JobDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<Uuid>().ok());
    // Blocking: the 404 status and the meta tags must be set before the page streams.
    let job = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => get_job(id).await,
            None => Err(crate::core::AppError::not_found("That job")),
        }
    });
    view! {
        <Loaded resource=job loading="Loading the job…" error_title="Job" width="max-w-3xl"
            not_found=|| view! {
                <NotAvailable heading="This job is not available".to_string()
                    reason="It may have closed, or the link is mistyped."
                    back="/jobs" back_label="See live jobs"/>
            }
            view=|j| view! { <JobView j/> }/>
    }
}

/// The JobPosting structured data search engines read (schema.org).
fn job_posting_json(j: &JobPage) -> String {
    let employment = match j.card.employment_type.as_str() {
        "PART_TIME" => "PART_TIME",
        "CONTRACT" => "CONTRACTOR",
        _ => "FULL_TIME",
    };
    let mut data = serde_json::json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": j.card.title,
        "description": j.description,
        "datePosted": j.card.posted_at.to_rfc3339(),
        "employmentType": employment,
        "hiringOrganization": {
            "@type": "Organization",
            "name": j.card.company_name,
            "sameAs": format!("{}/companies/{}", j.base_url, j.card.company_slug),
        },
    });
    if let Some(until) = j.expires_at {
        data["validThrough"] = serde_json::Value::String(until.to_rfc3339());
    }
    if j.card.mode == "REMOTE" {
        data["jobLocationType"] = serde_json::Value::String("TELECOMMUTE".into());
        data["applicantLocationRequirements"] =
            serde_json::json!({"@type": "Country", "name": "India"});
    }
    if let Some(city) = &j.card.city {
        data["jobLocation"] = serde_json::json!({
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": city, "addressCountry": "IN"},
        });
    }
    // `</` must not end the script element early.
    data.to_string().replace("</", "<\\/")
}

#[component]
fn JobView(j: JobPage) -> impl IntoView {
    let place = j.card.city.clone().unwrap_or_else(|| "Remote".into());
    let title = format!(
        "{} at {} — {place} — Nxtgauge",
        j.card.title, j.card.company_name
    );
    let flat = j
        .description
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let description = crate::core::validation::ellipsize(&flat, 155);
    let url = format!("{}/jobs/{}", j.base_url, j.card.id);
    let public = j.status == JobStatus::Live;
    let structured = public.then(|| job_posting_json(&j));
    let line = job_line(
        &j.card.employment_type,
        &j.card.mode,
        j.card.city.as_deref(),
    );
    let company_href = format!("/companies/{}", j.card.company_slug);
    let id = j.card.id;
    view! {
        <PageMeta title description url noindex=!public/>
        {structured.map(|json| view! { <script type="application/ld+json" inner_html=json></script> })}
        <article class="mx-auto mt-6 max-w-3xl space-y-6" data-testid="job-page">
            {(j.own && j.status != JobStatus::Live).then(|| view! {
                <div role="status" class="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="job-preview">
                    <p class="font-semibold">{if j.status == JobStatus::Closed { "This job is closed." } else { "Preview: only your company can see this job until it is live." }}</p>
                    <A href=format!("/company/jobs/{id}") attr:class=LINK>"Manage the job"</A>
                </div>
            })}
            {(!j.own && j.status == JobStatus::Closed).then(|| view! {
                <p role="status" class="rounded-xl border border-slate-300 bg-slate-50 px-4 py-3 text-sm text-slate-800" data-testid="job-closed">"This job is closed and no longer takes applications."</p>
            })}
            <header class=CARD>
                <h1 class="text-2xl font-bold text-slate-900 sm:text-3xl">{j.card.title.clone()}</h1>
                <p class="mt-2 flex flex-wrap items-center gap-2 text-slate-700">
                    <A href=company_href.clone() attr:class="font-semibold text-indigo-700 hover:underline">{j.card.company_name.clone()}</A>
                    {j.card.company_verified.then(|| view! { <VerifiedCompanyBadge/> })}
                </p>
                <p class="mt-1 text-sm text-slate-600">{line}</p>
                {(!j.card.pay.is_empty()).then(|| view! { <p class="mt-2 text-lg font-semibold text-slate-900" data-testid="job-pay">{j.card.pay.clone()}</p> })}
                <p class="mt-2 text-sm text-slate-600">
                    {format!("Posted {}", day(j.card.posted_at))}
                    {j.expires_at.filter(|_| public).map(|at| format!(" · open until {}", ist(at, "%d %b %Y")))}
                </p>
                <p class="mt-2 text-sm text-slate-700" data-testid="response-rate">{response_rate_text(j.response_rate)}</p>
            </header>
            <section class=CARD aria-labelledby="job-about">
                <h2 id="job-about" class="text-lg font-semibold">"About the job"</h2>
                <p class="mt-2 whitespace-pre-line text-slate-800">{j.description.clone()}</p>
            </section>
            {(public && !j.own).then(|| view! { <crate::domains::applications::pages::ApplyPanel job_id=id/> })}
            {j.own.then(|| view! {
                <p><A href=format!("/company/jobs/{id}/applicants") attr:class=LINK>"See applicants"</A></p>
            })}
        </article>
    }
}

/// "Answers 92% of applications within two weeks", or that it is new.
fn response_rate_text(rate: Option<u8>) -> String {
    match rate {
        Some(p) => format!("Responds to {p}% of applications"),
        None => "New on Nxtgauge: not enough applications yet for a response rate.".into(),
    }
}

/// `/companies/:slug`.
#[component]
pub fn CompanyPublicPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let company = Resource::new_blocking(slug, get_company);
    view! {
        <Loaded resource=company loading="Loading the company…" error_title="Company"
            not_found=|| view! {
                <NotAvailable heading="This company is not available".to_string()
                    reason="It may have closed, or the link is mistyped."
                    back="/jobs" back_label="See live jobs"/>
            }
            view=|c| view! { <CompanyView c/> }/>
    }
}

#[component]
fn CompanyView(c: CompanyPage) -> impl IntoView {
    let place = c.city.clone().unwrap_or_else(|| "India".into());
    let title = format!("{} — jobs and reviews — Nxtgauge", c.name);
    let description = match &c.bio {
        Some(bio) => crate::core::validation::ellipsize(
            &bio.split_whitespace().collect::<Vec<_>>().join(" "),
            155,
        ),
        None => format!(
            "{} in {place} on Nxtgauge: live jobs, reviews from candidates and response rate.",
            c.name
        ),
    };
    let url = format!("{}/companies/{}", c.base_url, c.slug);
    let facts = [c.industry.clone(), c.business_type.clone(), c.city.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let jobs = c.jobs.clone();
    let id = c.id;
    view! {
        <PageMeta title description url/>
        <article class="mx-auto mt-6 max-w-4xl space-y-6" data-testid="company-page">
            <header class=CARD>
                <h1 class="text-2xl font-bold text-slate-900 sm:text-3xl">{c.name.clone()}</h1>
                <p class="mt-1 text-slate-600">{facts}</p>
                <p class="mt-3 flex flex-wrap gap-2">
                    {c.verified.then(|| view! { <VerifiedCompanyBadge/> })}
                    <span class="inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700">
                        {format!("On Nxtgauge since {}", ist(c.member_since, "%b %Y"))}
                    </span>
                    {(c.rating.count > 0).then(|| view! {
                        <span class="inline-flex items-center rounded-full bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-800" data-testid="company-rating">
                            {format!("★ {:.1} from {} review{}", c.rating.average, c.rating.count, if c.rating.count == 1 { "" } else { "s" })}
                        </span>
                    })}
                </p>
                <p class="mt-2 text-sm text-slate-700" data-testid="response-rate">{response_rate_text(c.response_rate)}</p>
                {c.bio.clone().map(|bio| view! { <p class="mt-4 whitespace-pre-line text-slate-800">{bio}</p> })}
            </header>
            <section class=CARD aria-labelledby="company-jobs">
                <h2 id="company-jobs" class="text-lg font-semibold">{format!("Live jobs ({})", jobs.len())}</h2>
                {if jobs.is_empty() {
                    view! { <p class="mt-2 text-slate-600">"No live jobs right now."</p> }.into_any()
                } else {
                    view! {
                        <ul class="mt-3 space-y-3" data-testid="company-live-jobs">
                            {jobs.into_iter().map(|card| view! { <JobCardView card/> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <crate::domains::reviews::pages::Reviews reviewed=crate::domains::reviews::model::EntityType::Company entity_id=id summary=c.rating.clone()/>
        </article>
    }
}
