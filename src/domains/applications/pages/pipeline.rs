//! `/company/jobs/:id/applicants`: the pipeline board of one of the company's jobs.
//! Columns by stage with counts, a filter by stage and words, and on each card "Move
//! to", "Message" and the résumé.
use crate::core::time::ist_day as day;
use crate::core::AppError;
use crate::domains::applications::api::{
    load_pipeline, MoveApplication, OpenApplicationConversation,
};
use crate::domains::applications::model::{
    Pipeline, PipelineCard, PipelineColumn, PipelineFilter, Stage, NOTE_MAX,
};
use crate::ui::form::on_ok;
use crate::ui::form::{action_error, FieldMessage, FormAlert};
use crate::ui::problem::LoadProblem;
use crate::ui::style::BUTTON;
use crate::ui::style::BUTTON_SECONDARY;
use crate::ui::style::LINK;
use crate::ui::style::{CARD, SELECT};
use crate::ui::toast::use_toasts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map, use_query_map},
};
use uuid::Uuid;

use crate::ui::style::INPUT;

#[component]
pub fn PipelinePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<Uuid>().ok());
    let filter = Memo::new(move |_| {
        let q = query.read();
        PipelineFilter::from_query(q.get("stage"), q.get("q"))
    });
    // Bumped by a card after a successful move.
    let reload = RwSignal::new(0u32);
    let board = Resource::new(
        move || (id(), filter.get(), reload.get()),
        |(id, f, _)| async move {
            match id {
                Some(id) => load_pipeline(id, f.stage.map(|s| s.as_str().to_owned()), f.q).await,
                None => Err(AppError::not_found("That job")),
            }
        },
    );
    view! {
        <Title text="Applicants — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-7xl space-y-6">
            <p class="text-sm"><A href="/company/jobs" attr:class=LINK>"← Your jobs"</A></p>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading applicants…"</p> }>
                {move || board.get().map(|r| match r {
                    Ok(p) => view! { <Board pipeline=p filter=filter.get_untracked() reload=reload/> }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/company/jobs"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Board(pipeline: Pipeline, filter: PipelineFilter, reload: RwSignal<u32>) -> impl IntoView {
    let path = format!("/company/jobs/{}/applicants", pipeline.job_id);
    let filtered = !filter.is_empty();
    let closed = !pipeline.job_live;
    view! {
        <header class="space-y-1">
            <h1 class="text-2xl font-bold text-slate-900">{format!("Applicants: {}", pipeline.job_title)}</h1>
            <p class="text-sm text-slate-600" data-testid="pipeline-total">
                {match pipeline.total {
                    0 => "No applications yet.".to_owned(),
                    1 => "1 application".to_owned(),
                    n => format!("{n} applications"),
                }}
                {closed.then_some(" · this job is not on the board; its applicants stay here.")}
            </p>
        </header>
        <form method="get" action=path.clone() class=format!("{CARD} grid gap-4 sm:grid-cols-4 sm:items-end") role="search">
            <div>
                <label for="pipeline-stage" class="block text-sm font-medium text-slate-800">"Stage"</label>
                <select id="pipeline-stage" name="stage" class=SELECT>
                    <option value="" selected=filter.stage.is_none()>"All stages"</option>
                    {Stage::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=filter.stage == Some(s)>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="sm:col-span-2">
                <label for="pipeline-q" class="block text-sm font-medium text-slate-800">"Search name or cover note"</label>
                <input id="pipeline-q" name="q" type="search" maxlength="100" value=filter.q.clone().unwrap_or_default() class=INPUT/>
            </div>
            <div class="flex flex-wrap items-center gap-3">
                <button type="submit" class=BUTTON_SECONDARY>"Filter"</button>
                {filtered.then(|| view! { <A href=path.clone() attr:class=LINK>"Clear"</A> })}
            </div>
        </form>
        <div class="grid gap-4 md:grid-cols-2 xl:grid-cols-5" data-testid="pipeline-board">
            {pipeline.columns.into_iter().map(|c| view! { <Column column=c filtered=filtered reload=reload/> }).collect_view()}
        </div>
    }
}

#[component]
fn Column(column: PipelineColumn, filtered: bool, reload: RwSignal<u32>) -> impl IntoView {
    let stage = column.stage;
    let title_id = format!("column-{}", stage.as_str().to_lowercase());
    let labelled_by = title_id.clone();
    let shown = column.cards.len();
    view! {
        <section class="space-y-3 rounded-2xl bg-slate-100 p-3" aria-labelledby=labelled_by
            data-testid="pipeline-column" data-stage=stage.as_str()>
            <h2 id=title_id class="flex items-baseline justify-between text-base font-semibold text-slate-900">
                <span>{stage.label()}</span>
                <span class="text-sm font-normal text-slate-600" data-testid="column-count">
                    {if filtered { format!("{shown} of {}", column.count) } else { column.count.to_string() }}
                </span>
            </h2>
            {if column.cards.is_empty() {
                view! { <p class="text-sm text-slate-500">{if filtered { "No matching applicants." } else { "No applicants here." }}</p> }.into_any()
            } else {
                view! {
                    <ul class="space-y-3">
                        {column.cards.into_iter().map(|card| view! { <Card card=card reload=reload/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Card(card: PipelineCard, reload: RwSignal<u32>) -> impl IntoView {
    let mover = ServerAction::<MoveApplication>::new();
    let messenger = ServerAction::<OpenApplicationConversation>::new();
    let move_error = action_error(mover.value());
    let message_error = action_error(messenger.value());
    let toasts = use_toasts();
    on_ok(mover.value(), move |stage| {
        toasts.success(format!("Moved to {}.", stage.label()));
        reload.update(|n| *n += 1);
    });
    let navigate = use_navigate();
    on_ok(messenger.value(), move |conversation| {
        navigate(&format!("/messages/{conversation}"), Default::default());
    });
    // The form-level alert only for what is not one field's fault.
    let move_alert = Signal::derive(move || move_error.get().filter(|e| !e.is_validation()));
    let stage_message =
        Signal::derive(move || move_error.get().and_then(|e| e.field_message("stage")));
    let note_message =
        Signal::derive(move || move_error.get().and_then(|e| e.field_message("note")));
    let key = card.id.simple().to_string();
    let stage_id = format!("move-{key}");
    let stage_err = format!("move-{key}-error");
    let note_id = format!("note-{key}");
    let note_err = format!("note-{key}-error");
    let message_id = card.id.to_string();
    let move_id = card.id.to_string();
    let card_label = format!("Application from {}", card.applicant);
    let message_label = format!("Message {}", card.applicant);
    let headline = card.headline();
    let moving = mover.pending();
    let opening = messenger.pending();
    view! {
        <li class="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="pipeline-card"
            aria-label=card_label>
            <div>
                <p class="font-semibold text-slate-900" data-testid="applicant-name">{card.applicant.clone()}</p>
                {(!headline.is_empty()).then(|| view! { <p class="text-sm text-slate-600">{headline}</p> })}
                <p class="text-xs text-slate-500">{format!("Applied {}", day(card.applied_at))}</p>
            </div>
            <p class="whitespace-pre-line text-sm text-slate-800">{card.cover_excerpt.clone()}</p>
            {card.last_note.clone().map(|n| view! {
                <p class="rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900">{format!("Team note: {n}")}</p>
            })}
            <div class="flex flex-wrap items-center gap-3 text-sm">
                {match card.resume_url.clone() {
                    // A file, not a page: a plain link the router leaves alone.
                    Some(url) => view! { <a href=url rel="external" download class=LINK>"Résumé (PDF)"</a> }.into_any(),
                    None => view! { <span class="text-slate-500">"No résumé on file"</span> }.into_any(),
                }}
                <ActionForm action=messenger>
                    <input type="hidden" name="id" value=message_id/>
                    <button type="submit" class="font-semibold text-indigo-700 hover:underline disabled:opacity-60"
                        disabled=move || opening.get()
                        aria-label=message_label
                        title=if card.conversation_id.is_some() { "Open your conversation" } else { "Start a conversation" }>
                        "Message"
                    </button>
                </ActionForm>
            </div>
            <FormAlert error=message_error/>
            <ActionForm action=mover attr:class="space-y-2" attr:novalidate="true">
                <FormAlert error=move_alert/>
                <input type="hidden" name="id" value=move_id/>
                <div class="space-y-1">
                    <label for=stage_id.clone() class="block text-sm font-medium text-slate-800">"Move to"</label>
                    <select id=stage_id name="stage" class=SELECT aria-describedby=stage_err.clone()
                        aria-invalid=move || stage_message.get().is_some().then_some("true")>
                        <option value="">"Choose a stage"</option>
                        {card.stage.targets().into_iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                    </select>
                    <FieldMessage id=stage_err message=stage_message/>
                </div>
                <div class="space-y-1">
                    <label for=note_id.clone() class="block text-sm font-medium text-slate-800">"Note for your team (optional)"</label>
                    <input id=note_id name="note" type="text" maxlength=NOTE_MAX.to_string() class=INPUT
                        aria-describedby=note_err.clone()
                        aria-invalid=move || note_message.get().is_some().then_some("true")/>
                    <FieldMessage id=note_err message=note_message/>
                </div>
                <button type="submit" class=BUTTON disabled=move || moving.get()
                    aria-busy=move || moving.get().then_some("true")>
                    {move || if moving.get() { "Moving…" } else { "Move" }}
                </button>
            </ActionForm>
        </li>
    }
}
