//! The customer's lead pages: `/leads` (their requests), `/leads/new` (post one, or
//! "request a quote" prefilled from a professional's page) and `/leads/:id` (edit a
//! draft, withdraw or close, compare responses side by side, accept or decline).
use super::common::{lead_tone, profession_label, response_status, LeadFacts};
use crate::core::money::group_indian;
use crate::core::roles::{CITIES, ROLE_SPECS};
use crate::core::time::ist_day as day;
use crate::core::time::ist_stamp;
use crate::domains::leads::api::{
    load_my_lead, load_my_leads, load_quote_prefill, AnswerResponse, EndLead, OpenLeadResponse,
    SaveLead,
};
use crate::domains::leads::model::{
    status_label, LeadForm, LeadStatus, LeadView, MyLeadRow, ResponseCard, ResponseStatus,
    DESCRIPTION_MAX, TITLE_MAX,
};
use crate::ui::badge::Pill;
use crate::ui::form::saved_then_navigate;
use crate::ui::form::{action_error, Field, FormAlert, SelectField, TextArea};
use crate::ui::problem::LoadProblem;
use crate::ui::style::BUTTON;
use crate::ui::style::BUTTON_DANGER;
use crate::ui::style::BUTTON_SECONDARY;
use crate::ui::style::CARD;
use crate::ui::style::LINK;
use crate::ui::toast::use_toasts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};
use uuid::Uuid;

#[component]
pub fn MyLeadsPage() -> impl IntoView {
    let leads = Resource::new(|| (), |_| load_my_leads());
    view! {
        <Title text="Your requests — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-4xl space-y-6">
            <div class="flex flex-wrap items-center justify-between gap-4">
                <h1 class="text-2xl font-bold text-slate-900">"Your requests"</h1>
                <A href="/leads/new" attr:class=BUTTON>"Post a request"</A>
            </div>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your requests…"</p> }>
                {move || leads.get().map(|r| match r {
                    Ok(rows) if rows.is_empty() => view! {
                        <div class=CARD data-testid="leads-empty">
                            <p class="text-slate-700">"You have not posted a request yet. Tell professionals what you need, and compare their responses here."</p>
                        </div>
                    }.into_any(),
                    Ok(rows) => view! {
                        <ul class="space-y-3" data-testid="my-leads">
                            {rows.into_iter().map(|row| view! { <MyLeadItem row=row/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/leads"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn MyLeadItem(row: MyLeadRow) -> impl IntoView {
    let status = status_label(row.status, row.close_reason).to_owned();
    let responses = match (row.responses, row.unopened) {
        (0, _) => "No responses yet".to_owned(),
        (n, 0) => format!("{n} response{}", if n == 1 { "" } else { "s" }),
        (n, new) => format!("{n} response{}, {new} new", if n == 1 { "" } else { "s" }),
    };
    view! {
        <li class=CARD>
            <div class="flex flex-wrap items-start justify-between gap-2">
                <A href=format!("/leads/{}", row.id) attr:class="text-lg font-semibold text-indigo-700 hover:underline">{row.title}</A>
                <Pill text=status tone=lead_tone(row.status)/>
            </div>
            <p class="mt-1 text-sm text-slate-600">
                {format!("{} · {} · posted {} · {responses}",
                    profession_label(&row.profession_key),
                    row.location.unwrap_or_default(),
                    day(row.created_at))}
            </p>
        </li>
    }
}

/// `/leads/new`, with `?pro={slug}` for "request a quote".
#[component]
pub fn NewLeadPage() -> impl IntoView {
    let query = use_query_map();
    let pro = move || query.read().get("pro").filter(|s| !s.is_empty());
    let prefill = Resource::new(pro, |slug| async move {
        match slug {
            Some(slug) => load_quote_prefill(slug).await,
            None => Ok(None),
        }
    });
    let auth = crate::domains::identity::pages::use_auth();
    let here = move || match pro() {
        Some(slug) => format!("/leads/new?pro={slug}"),
        None => "/leads/new".to_owned(),
    };
    view! {
        <Title text="Post a request — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-2xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">"Post a request"</h1>
            <p class="text-slate-600">"Describe what you need. Our team checks every request before professionals see it; then up to five professionals can respond, and you choose."</p>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || (auth.user.get().is_some() && auth.current().is_none()).then(|| view! {
                    <div class=CARD data-testid="lead-login">
                        <p class="text-slate-700">"Log in, or create a free customer account, to post your request."</p>
                        <p class="mt-3 flex gap-4">
                            <A href=format!("/login?next={}", crate::core::url::encode_query_value(&here())) attr:class=LINK>"Log in"</A>
                            <A href="/register?role=CUSTOMER" attr:class=LINK>"Create an account"</A>
                        </p>
                    </div>
                })}
                {move || prefill.get().filter(|_| auth.current().is_some()).map(|r| {
                    let p = r.ok().flatten();
                    let form = LeadForm {
                        profession: p.as_ref().map(|p| p.profession.clone()).unwrap_or_default(),
                        city: p.as_ref().and_then(|p| p.city.clone()).unwrap_or_default(),
                        ..LeadForm::default()
                    };
                    view! {
                        {p.clone().map(|p| view! {
                            <p class="rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-900" data-testid="quote-for">
                                {format!("Requesting a quote from {}. They will be told as soon as your request is approved; other professionals may respond too.", p.name)}
                            </p>
                        })}
                        <section class=CARD>
                            <LeadFormView form=form id=None requested=p.map(|p| p.slug)/>
                        </section>
                    }
                })}
            </Transition>
        </div>
    }
}

/// The lead form: create (`id` None) or edit a draft.
#[component]
pub fn LeadFormView(form: LeadForm, id: Option<Uuid>, requested: Option<String>) -> impl IntoView {
    let save = ServerAction::<SaveLead>::new();
    let error = action_error(save.value());
    saved_then_navigate(save.value(), "Saved.", |saved| format!("/leads/{saved}"));
    let professions: Vec<(String, String)> = ROLE_SPECS
        .iter()
        .map(|s| (s.key.to_owned(), s.label.to_owned()))
        .collect();
    let cities: Vec<(String, String)> = CITIES
        .iter()
        .map(|c| ((*c).to_owned(), (*c).to_owned()))
        .collect();
    let pending = save.pending();
    view! {
        <ActionForm action=save attr:class="space-y-4" attr:novalidate="true">
            <FormAlert error=error/>
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            {requested.map(|slug| view! { <input type="hidden" name="requested" value=slug/> })}
            <SelectField name="profession" label="Professional you need" options=professions
                selected=form.profession placeholder="Choose a profession" error=error/>
            <Field name="title" label="Title" value=form.title maxlength=TITLE_MAX as u32
                hint="For example: Wedding photographer for two days" error=error/>
            <TextArea name="description" label="Details" value=form.description rows=6
                maxlength=DESCRIPTION_MAX as u32
                hint="What, where, how long, anything special. Contact details are shared only with the professional you accept, so leave them out here."
                error=error/>
            <SelectField name="city" label="City" options=cities selected=form.city
                placeholder="Choose a city" error=error/>
            <Field name="budget" label="Budget (₹)" value=form.budget required=false
                hint="Whole rupees; leave empty if you are flexible." error=error/>
            <Field name="required_date" label="Date needed" input_type="date" value=form.required_date
                required=false hint="Leave empty if you are flexible." error=error/>
            <div class="flex flex-wrap gap-3">
                <button type="submit" name="intent" value="submit" class=BUTTON disabled=move || pending.get()>
                    {move || if pending.get() { "Saving…" } else { "Send for review" }}
                </button>
                <button type="submit" name="intent" value="draft" class=BUTTON_SECONDARY disabled=move || pending.get()>
                    "Save as draft"
                </button>
            </div>
        </ActionForm>
    }
}

/// `/leads/:id`: one of the customer's requests with its responses.
#[component]
pub fn LeadDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<Uuid>().ok());
    let answer = ServerAction::<AnswerResponse>::new();
    let open = ServerAction::<OpenLeadResponse>::new();
    let end = ServerAction::<EndLead>::new();
    let lead = Resource::new(
        move || {
            (
                id(),
                answer.version().get(),
                open.version().get(),
                end.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => load_my_lead(id).await,
                None => Err(crate::core::AppError::not_found("That request")),
            }
        },
    );
    let toasts = use_toasts();
    Effect::new(move |_| match answer.value().get() {
        Some(Ok(d)) if d == "accept" => toasts.success(
            "Accepted. Contact details are now visible to both of you in your conversation.",
        ),
        Some(Ok(_)) => toasts.success("Declined. The professional has been told."),
        _ => {}
    });
    Effect::new(move |_| match end.value().get() {
        Some(Ok(a)) if a == "withdraw" => toasts.success(
            "Your request is withdrawn. Professionals who responded get their tracecoins back.",
        ),
        Some(Ok(_)) => toasts.success("Your request is closed."),
        _ => {}
    });
    view! {
        <Title text="Your request — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-6xl space-y-6">
            <p class="text-sm"><A href="/leads" attr:class=LINK>"← Your requests"</A></p>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your request…"</p> }>
                {move || lead.get().map(|r| match r {
                    Ok(l) => view! { <LeadDetail lead=l answer=answer open=open end=end/> }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/leads"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn LeadDetail(
    lead: LeadView,
    answer: ServerAction<AnswerResponse>,
    open: ServerAction<OpenLeadResponse>,
    end: ServerAction<EndLead>,
) -> impl IntoView {
    let status = status_label(lead.status, lead.close_reason).to_owned();
    let draft = lead.status == LeadStatus::Draft;
    let live = lead.status == LeadStatus::Open;
    let can_withdraw = lead.status != LeadStatus::Closed;
    let answer_error = action_error(answer.value());
    let open_error = action_error(open.value());
    let end_error = action_error(end.value());
    let count = lead.responses.len();
    let form = lead.form();
    let id = lead.id;
    view! {
        <header class="space-y-2">
            <h1 class="text-2xl font-bold text-slate-900" data-testid="lead-title">{lead.title.clone()}</h1>
            <p class="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                <span data-testid="lead-status"><Pill text=status tone=lead_tone(lead.status)/></span>
                <span>{format!("Posted {}", day(lead.created_at))}</span>
                {lead.expires_at.filter(|_| live).map(|e| view! { <span>{format!("· takes responses until {}", ist_stamp(e))}</span> })}
            </p>
        </header>
        {lead.review_remarks.clone().filter(|_| draft).map(|r| view! {
            <div role="alert" class="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-amber-900">
                <p class="font-semibold">"Our team asked for changes before publishing:"</p>
                <p class="mt-1 whitespace-pre-line">{r}</p>
            </div>
        })}
        {(lead.status == LeadStatus::Pending).then(|| view! {
            <p class="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-amber-900" role="status">
                "Our team is checking your request. We will e-mail you when it is live, usually within a few hours."
            </p>
        })}
        {if draft {
            view! {
                <section class=CARD aria-labelledby="edit-title">
                    <h2 id="edit-title" class="mb-4 text-lg font-semibold">"Edit and send for review"</h2>
                    <LeadFormView form=form id=Some(id) requested=None/>
                </section>
            }.into_any()
        } else {
            view! {
                <section class=CARD aria-labelledby="facts-title">
                    <h2 id="facts-title" class="sr-only">"What you asked for"</h2>
                    <LeadFacts profession_key=lead.profession_key.clone() location=lead.location.clone()
                        budget_inr=lead.budget_inr required_date=lead.required_date description=lead.description.clone()/>
                </section>
            }.into_any()
        }}
        {can_withdraw.then(|| view! {
            <section class=CARD aria-labelledby="manage-title">
                <h2 id="manage-title" class="text-lg font-semibold">"Manage this request"</h2>
                <FormAlert error=end_error/>
                <div class="mt-3 flex flex-wrap gap-3">
                    {live.then(|| view! {
                        <ActionForm action=end>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <button type="submit" name="action" value="close" class=BUTTON_SECONDARY>"Close: I found someone"</button>
                        </ActionForm>
                    })}
                    <ActionForm action=end>
                        <input type="hidden" name="id" value=id.to_string()/>
                        <button type="submit" name="action" value="withdraw" class=BUTTON_DANGER>"Withdraw request"</button>
                    </ActionForm>
                </div>
                <p class="mt-2 text-xs text-slate-500">"Withdrawing refunds every professional who responded and has not been accepted. Closing declines the responses you have not answered."</p>
            </section>
        })}
        {(!draft && lead.status != LeadStatus::Pending).then(|| view! {
            <section aria-labelledby="responses-title" class="space-y-4">
                <div class="flex flex-wrap items-baseline justify-between gap-2">
                    <h2 id="responses-title" class="text-xl font-semibold">"Responses"</h2>
                    <p class="text-sm text-slate-600" data-testid="response-count">{format!("{count} of {} possible", lead.max_responses)}</p>
                </div>
                <FormAlert error=answer_error/>
                <FormAlert error=open_error/>
                {if lead.responses.is_empty() {
                    view! { <p class=CARD>"No responses yet. We tell matching professionals about your request; you will get an e-mail for each response."</p> }.into_any()
                } else {
                    view! {
                        <ul class="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
                            {lead.responses.clone().into_iter().map(|c| view! { <Response card=c live=live answer=answer open=open/> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        })}
    }
}

#[component]
fn Response(
    card: ResponseCard,
    live: bool,
    answer: ServerAction<AnswerResponse>,
    open: ServerAction<OpenLeadResponse>,
) -> impl IntoView {
    let (tone, status) = response_status(card.status);
    let rating = match card.rating_tenths {
        Some(t) if card.reviews > 0 => format!(
            "★ {}.{} ({} review{})",
            t / 10,
            t % 10,
            card.reviews,
            if card.reviews == 1 { "" } else { "s" }
        ),
        _ => "No reviews yet".into(),
    };
    let quote = card.quote_inr.map_or_else(
        || "No quote given".to_owned(),
        |q| format!("Quote: ₹{}", group_indian(i64::from(q))),
    );
    let pending = card.status == ResponseStatus::Pending;
    let id = card.id.to_string();
    let answer_id = id.clone();
    let name = card.professional.clone();
    view! {
        <li class=format!("{CARD} flex flex-col gap-3") data-testid="response-card" aria-label=format!("Response from {name}")>
            <div class="flex items-start gap-3">
                {card.avatar_url.clone().map(|src| view! { <img src=src alt="" class="h-12 w-12 rounded-full object-cover"/> })}
                <div class="min-w-0">
                    <A href=format!("/p/{}", card.slug) attr:class="font-semibold text-indigo-700 hover:underline">{card.professional.clone()}</A>
                    {card.verified.then(|| view! { <span class="ml-2"><Pill text="Verified".into() tone="green"/></span> })}
                    <p class="text-sm text-slate-600">{rating}</p>
                </div>
            </div>
            {card.headline.clone().map(|h| view! { <p class="text-sm text-slate-700">{h}</p> })}
            <p class="font-semibold text-slate-900" data-testid="response-quote">{quote}</p>
            <p><Pill text=status.into() tone=tone/></p>
            {match card.message.clone() {
                Some(m) => view! { <p class="whitespace-pre-line rounded-lg bg-slate-50 p-3 text-sm text-slate-800" data-testid="response-message">{m}</p> }.into_any(),
                None => view! {
                    <ActionForm action=open>
                        <input type="hidden" name="id" value=id.clone()/>
                        <button type="submit" class=BUTTON_SECONDARY>"Read response"</button>
                    </ActionForm>
                }.into_any(),
            }}
            {card.refunded.then(|| view! { <p class="text-xs text-slate-500">"The professional's tracecoins were refunded."</p> })}
            {(pending && live).then(|| view! {
                <ActionForm action=answer attr:class="flex flex-wrap gap-2">
                    <input type="hidden" name="id" value=answer_id/>
                    <button type="submit" name="decision" value="accept" class=BUTTON>"Accept"</button>
                    <button type="submit" name="decision" value="reject" class=BUTTON_DANGER>"Decline"</button>
                </ActionForm>
            })}
            {card.conversation_id.filter(|_| card.message.is_some()).map(|c| view! {
                <A href=format!("/messages/{c}") attr:class=LINK>{format!("Message {name}")}</A>
            })}
        </li>
    }
}
