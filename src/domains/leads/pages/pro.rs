//! The professional's lead pages: `/pro/leads` (matching open requests, newest first,
//! with filters), `/pro/leads/:id` (the request, its price and "k of N", and the
//! response form) and `/pro/responses` (every response and what became of it).
use super::common::{budget_text, date_text, profession_label, response_status, LeadFacts};
use crate::core::roles::CITIES;
use crate::core::time::ist_day as day;
use crate::domains::leads::api::{load_feed, load_my_responses, load_pro_lead, RespondToLead};
use crate::domains::leads::model::{
    feed_cursor, Feed, FeedFilter, FeedRow, LeadForPro, LeadStatus, MyResponse, RefundReason,
    FEED_PAGE, MESSAGE_MAX,
};
use crate::domains::wallet::model::coins;
use crate::ui::badge::Pill;
use crate::ui::form::{action_error, Field, FormAlert, TextArea};
use crate::ui::problem::LoadProblem;
use crate::ui::style::BUTTON;
use crate::ui::style::LINK;
use crate::ui::style::{CARD, SELECT};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};
use uuid::Uuid;

/// `/pro/leads`: open requests matching the viewer's approved profiles.
#[component]
pub fn LeadFeedPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        FeedFilter::from_query(q.get("role"), q.get("city"), q.get("q"))
    });
    let before = Memo::new(move |_| query.read().get("before"));
    let feed = Resource::new(
        move || (filter.get(), before.get()),
        |(f, before)| {
            load_feed(
                f.role.clone(),
                if f.all_cities {
                    Some("all".into())
                } else {
                    f.city.clone()
                },
                f.q.clone(),
                before,
            )
        },
    );
    view! {
        <Title text="Requests for you — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-4xl space-y-6">
            <div class="flex flex-wrap items-center justify-between gap-4">
                <h1 class="text-2xl font-bold text-slate-900">"Requests for you"</h1>
                <A href="/pro/responses" attr:class=LINK>"Your responses"</A>
            </div>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading requests…"</p> }>
                {move || feed.get().map(|r| match r {
                    Ok(f) => view! { <FeedView feed=f filter=filter.get_untracked() paged=before.get_untracked().is_some()/> }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/pro/leads"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn FeedView(feed: Feed, filter: FeedFilter, paged: bool) -> impl IntoView {
    if feed.roles.is_empty() {
        return view! {
            <div class=CARD data-testid="feed-no-profile">
                <p class="text-slate-700">"Requests appear here once one of your professional profiles is approved."</p>
                <A href="/pro" attr:class=format!("mt-3 inline-block {LINK}")>"Go to your profiles"</A>
            </div>
        }
        .into_any();
    }
    let older = (feed.rows.len() as i64 >= FEED_PAGE)
        .then(|| feed.rows.last().map(feed_cursor))
        .flatten()
        .map(|c| format!("/pro/leads{}", filter.query(&[("before", c)])));
    let city_value = if filter.all_cities {
        "all".to_owned()
    } else {
        filter.city.clone().unwrap_or_default()
    };
    let max = feed.max_responses;
    view! {
        <p class="text-sm text-slate-600" data-testid="feed-balance">{format!("Your wallet: {}.", coins(feed.balance))}" "<A href="/wallet" attr:class=LINK>"See wallet"</A></p>
        <form method="get" action="/pro/leads" class=format!("{CARD} grid gap-4 sm:grid-cols-4 sm:items-end")>
            <div>
                <label for="feed-role" class="block text-sm font-medium text-slate-800">"Profession"</label>
                <select id="feed-role" name="role" class=SELECT>
                    <option value="" selected=filter.role.is_none()>"All my professions"</option>
                    {feed.roles.iter().map(|(key, label, _)| view! {
                        <option value=key.clone() selected=filter.role.as_deref() == Some(key.as_str())>{label.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="feed-city" class="block text-sm font-medium text-slate-800">"City"</label>
                <select id="feed-city" name="city" class=SELECT>
                    <option value="" selected=city_value.is_empty()>"My profile's city"</option>
                    <option value="all" selected=city_value == "all">"All cities"</option>
                    {CITIES.iter().map(|c| view! { <option value=*c selected=city_value == *c>{*c}</option> }).collect_view()}
                </select>
            </div>
            <div>
                <label for="feed-q" class="block text-sm font-medium text-slate-800">"Words"</label>
                <input id="feed-q" name="q" type="search" value=filter.q.clone().unwrap_or_default()
                    class="block w-full rounded-lg border border-slate-300 px-3 py-2 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-400"/>
            </div>
            <button type="submit" class="rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50">"Filter"</button>
        </form>
        {if feed.rows.is_empty() {
            view! { <p class=CARD data-testid="feed-empty">"No open requests match right now. We e-mail you when a new one arrives."</p> }.into_any()
        } else {
            view! {
                <ul class="space-y-3" data-testid="lead-feed">
                    {feed.rows.into_iter().map(|row| view! { <FeedItem row=row max=max/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <nav class="flex gap-6 text-sm" aria-label="Pages">
            {paged.then(|| view! { <A href=format!("/pro/leads{}", filter.query(&[])) attr:class=LINK>"Newest"</A> })}
            {older.map(|href| view! { <A href=href attr:class=LINK>"Older requests"</A> })}
        </nav>
    }
    .into_any()
}

#[component]
fn FeedItem(row: FeedRow, max: i32) -> impl IntoView {
    let full = row.responses >= i64::from(max);
    view! {
        <li class=CARD data-testid="feed-item">
            <div class="flex flex-wrap items-start justify-between gap-2">
                <A href=format!("/pro/leads/{}", row.id) attr:class="text-lg font-semibold text-indigo-700 hover:underline">{row.title}</A>
                <span class="flex gap-2">
                    {row.requested_me.then(|| view! { <Pill text="Asked you for a quote".into() tone="indigo"/> })}
                    {row.responded.then(|| view! { <Pill text="You responded".into() tone="green"/> })}
                    {(full && !row.responded).then(|| view! { <Pill text="Full".into()/> })}
                </span>
            </div>
            <p class="mt-1 text-sm text-slate-600">
                {format!("{} · {} · budget {} · {} · posted {} · {} of {max} responded",
                    profession_label(&row.profession_key),
                    row.location.unwrap_or_default(),
                    budget_text(row.budget_inr),
                    date_text(row.required_date),
                    day(row.approved_at),
                    row.responses)}
            </p>
        </li>
    }
}

/// `/pro/leads/:id`: one request, what responding costs, and the response form.
#[component]
pub fn ProLeadPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<Uuid>().ok());
    let respond = ServerAction::<RespondToLead>::new();
    let lead = Resource::new(
        move || (id(), respond.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_pro_lead(id).await,
                None => Err(crate::core::AppError::not_found("That request")),
            }
        },
    );
    view! {
        <Title text="Request — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-3xl space-y-6">
            <p class="text-sm"><A href="/pro/leads" attr:class=LINK>"← Requests for you"</A></p>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading the request…"</p> }>
                {move || lead.get().map(|r| match r {
                    Ok(l) => view! { <ProLead lead=l respond=respond/> }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/pro/leads"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn ProLead(lead: LeadForPro, respond: ServerAction<RespondToLead>) -> impl IntoView {
    let error = action_error(respond.value());
    let full = lead.responses >= i64::from(lead.max_responses);
    let open = lead.status == LeadStatus::Open;
    let pending = respond.pending();
    let short = lead.balance < lead.price;
    view! {
        <header class="space-y-1">
            <h1 class="text-2xl font-bold text-slate-900">{lead.title.clone()}</h1>
            <p class="text-sm text-slate-600">
                {lead.approved_at.map(|a| format!("Posted {}", day(a))).unwrap_or_default()}
            </p>
        </header>
        <section class=CARD aria-labelledby="facts-title">
            <h2 id="facts-title" class="sr-only">"The request"</h2>
            <LeadFacts profession_key=lead.profession_key.clone() location=lead.location.clone()
                budget_inr=lead.budget_inr required_date=lead.required_date description=lead.description.clone()/>
        </section>
        <section class=CARD aria-labelledby="price-title">
            <h2 id="price-title" class="text-lg font-semibold">"Respond"</h2>
            <dl class="mt-3 grid gap-3 sm:grid-cols-3">
                <div>
                    <dt class="text-sm text-slate-600">"Price to respond"</dt>
                    <dd class="text-xl font-bold text-slate-900" data-testid="lead-price">{coins(lead.price)}</dd>
                </div>
                <div>
                    <dt class="text-sm text-slate-600">"Responses so far"</dt>
                    <dd class="text-xl font-bold text-slate-900" data-testid="lead-count">{format!("{} of {} have responded", lead.responses, lead.max_responses)}</dd>
                </div>
                <div>
                    <dt class="text-sm text-slate-600">"Your wallet"</dt>
                    <dd class="text-xl font-bold text-slate-900" data-testid="lead-balance">{coins(lead.balance)}</dd>
                </div>
            </dl>
            <p class="mt-3 text-sm text-slate-600">"Fair-lead promise: your tracecoins come back if the customer declines without opening your response, does not open it within 48 hours, withdraws the request, lets it expire, or our team finds it is not genuine."</p>
            {match lead.mine.clone() {
                Some(mine) => view! { <MineNote mine=mine/> }.into_any(),
                None if !open => view! { <p class="mt-4 font-medium text-slate-700" role="status">"This request is no longer taking responses."</p> }.into_any(),
                None if full => view! { <p class="mt-4 font-medium text-slate-700" role="status">{format!("This request already has {} responses, the most it takes.", lead.max_responses)}</p> }.into_any(),
                None => view! {
                    <ActionForm action=respond attr:class="mt-4 space-y-4" attr:novalidate="true">
                        <FormAlert error=error/>
                        <input type="hidden" name="lead_id" value=lead.id.to_string()/>
                        <Field name="quote" label="Your quote (₹)" required=false
                            hint="Whole rupees for the whole job; leave empty to discuss first." error=error/>
                        <TextArea name="message" label="Message to the customer" rows=5 maxlength=MESSAGE_MAX as u32
                            hint="Introduce yourself and your offer. Phone numbers and e-mail addresses are shown to the customer only after they accept your response."
                            error=error/>
                        {short.then(|| view! {
                            <p class="text-sm text-amber-800">{format!("Your wallet has {} but responding needs {}.", coins(lead.balance), coins(lead.price))}</p>
                        })}
                        <button type="submit" class=BUTTON disabled=move || pending.get()>
                            {let price = lead.price; move || if pending.get() { "Sending…".to_owned() } else { format!("Respond for {}", coins(price)) }}
                        </button>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn MineNote(mine: MyResponse) -> impl IntoView {
    let (tone, status) = response_status(mine.status);
    view! {
        <div class="mt-4 space-y-2" data-testid="my-response">
            <p class="font-medium text-slate-800">
                {format!("You responded on {} for {}. ", day(mine.requested_at), coins(mine.price_tracecoins))}
                <Pill text=status.into() tone=tone/>
            </p>
            {refund_note(mine.refund_reason.as_deref())}
            {mine.conversation_id.map(|c| view! { <A href=format!("/messages/{c}") attr:class=LINK>"Open the conversation"</A> })}
        </div>
    }
}

fn refund_note(reason: Option<&str>) -> Option<impl IntoView> {
    reason.and_then(RefundReason::parse).map(|r| {
        view! { <p class="text-sm text-emerald-800" data-testid="refund-note">{format!("Refunded: {}", r.explain())}</p> }
    })
}

/// `/pro/responses`: the professional's responses, newest first.
#[component]
pub fn MyResponsesPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| load_my_responses());
    view! {
        <Title text="Your responses — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-4xl space-y-6">
            <div class="flex flex-wrap items-center justify-between gap-4">
                <h1 class="text-2xl font-bold text-slate-900">"Your responses"</h1>
                <A href="/pro/leads" attr:class=LINK>"Requests for you"</A>
            </div>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || rows.get().map(|r| match r {
                    Ok(rows) if rows.is_empty() => view! { <p class=CARD>"You have not responded to a request yet."</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul class="space-y-3" data-testid="my-responses">
                            {rows.into_iter().map(|m| {
                                let (tone, status) = response_status(m.status);
                                view! {
                                    <li class=CARD>
                                        <div class="flex flex-wrap items-start justify-between gap-2">
                                            <A href=format!("/pro/leads/{}", m.lead_id) attr:class="font-semibold text-indigo-700 hover:underline">{m.lead_title.clone()}</A>
                                            <Pill text=status.into() tone=tone/>
                                        </div>
                                        <p class="mt-1 text-sm text-slate-600">
                                            {format!("{} · paid {}{}", day(m.requested_at), coins(m.price_tracecoins),
                                                if m.opened { " · read by the customer" } else { " · not read yet" })}
                                        </p>
                                        {refund_note(m.refund_reason.as_deref())}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/pro/responses"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}
