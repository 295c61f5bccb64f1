//! `/staff/reviews`: the moderators' queue (capability `reviews.moderate`). "Pending"
//! holds new reviews, oldest first; "Reported" holds reviews with open reports. Each
//! review is published or hidden with a reason (required to hide; the reviewer is
//! told it).
use super::common::{day, Stars};
use crate::domains::reviews::api::{load_review_queue, load_review_queue_counts, ModerateReview};
use crate::domains::reviews::model::ReviewStatus;
use crate::domains::reviews::model::{
    report_reason_label, QueueItem, ReviewQueue, MODERATION_REASON_MAX,
};
use crate::ui::form::{action_error, FieldMessage, FormAlert};
use crate::ui::queue::AccessProblem;
use crate::ui::style::BUTTON;
use crate::ui::style::BUTTON_DANGER;
use crate::ui::style::CARD;
use crate::ui::style::INPUT;
use crate::ui::style::LINK;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let query = use_query_map();
    let tab = Memo::new(move |_| {
        if query.read().get("tab").as_deref() == Some("reported") {
            "reported".to_owned()
        } else {
            "pending".to_owned()
        }
    });
    let queue = Resource::new(move || tab.get(), load_review_queue);
    view! {
        <Title text="Review moderation — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-5xl space-y-6">
            <p class="text-sm"><A href="/staff" attr:class=LINK>"← Staff"</A></p>
            <h1 class="text-2xl font-bold text-slate-900">"Review moderation"</h1>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading the queue…"</p> }>
                {move || queue.get().map(|r| match r {
                    Ok(q) => view! { <QueueView queue=q reported=tab.get_untracked() == "reported"/> }.into_any(),
                    Err(e) => view! { <AccessProblem error=e next="/staff/reviews".to_string()/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn QueueView(queue: ReviewQueue, reported: bool) -> impl IntoView {
    let tab = |href: &'static str, label: String, current: bool| {
        let class = if current {
            "rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white"
        } else {
            "rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50"
        };
        view! {
            <A href=href attr:class=class attr:aria-current=current.then_some("page")>{label}</A>
        }
    };
    let empty = if reported {
        "No reported reviews. Reports from visitors appear here."
    } else {
        "No reviews are waiting. New reviews appear here."
    };
    view! {
        <nav class="flex flex-wrap gap-2" aria-label="Queue">
            {tab("/staff/reviews", format!("Pending ({})", queue.pending), !reported)}
            {tab("/staff/reviews?tab=reported", format!("Reported ({})", queue.reported), reported)}
        </nav>
        {if queue.items.is_empty() {
            view! { <p class=CARD data-testid="review-queue-empty">{empty}</p> }.into_any()
        } else {
            view! {
                <ul class="space-y-4" data-testid="review-queue">
                    {queue.items.into_iter().map(|item| view! { <QueueEntry item=item/> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn QueueEntry(item: QueueItem) -> impl IntoView {
    let decide = ServerAction::<ModerateReview>::new();
    let error = action_error(decide.value());
    let reason_id = format!("reason-{}", item.id);
    let reason_err = format!("{reason_id}-error");
    let reason_hint = format!("{reason_id}-hint");
    let described = format!("{reason_hint} {reason_err}");
    let message = Signal::derive(move || error.get().and_then(|e| e.field_message("reason")));
    let published = item.status == ReviewStatus::Published;
    let what = if item.entity_type == "company" {
        "Company"
    } else {
        "Professional"
    };
    let entity = match item.page_path.clone() {
        Some(href) => view! { <a href=href class=LINK>{item.entity_name.clone()}</a> }.into_any(),
        None => view! { <span class="font-semibold">{item.entity_name.clone()}</span> }.into_any(),
    };
    let id = item.id.to_string();
    let outcome = move || match decide.value().get() {
        Some(Ok(ReviewStatus::Published)) => Some("Published. It is on the public page."),
        Some(Ok(_)) => Some("Hidden. The reviewer has been told why."),
        _ => None,
    };
    view! {
        <li class=CARD data-testid="queue-review" aria-label=format!("Review of {}", item.entity_name)>
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="text-sm text-slate-600">{format!("{what}: ")}{entity}</p>
                <p class="text-sm text-slate-500">{format!("{} · written {}", item.status, day(item.created_at))}</p>
            </div>
            <p class="mt-2 flex flex-wrap items-center gap-3">
                <Stars rating=item.rating/>
                <span class="text-sm text-slate-700">{format!("by {}", item.reviewer)}</span>
            </p>
            <p class="mt-2 whitespace-pre-line text-slate-800">{item.text.clone()}</p>
            {item.moderation_reason.clone().map(|r| view! {
                <p class="mt-2 text-sm text-slate-600">{format!("Earlier moderation note: {r}")}</p>
            })}
            {(!item.reports.is_empty()).then(|| view! {
                <div class="mt-3 rounded-lg border border-amber-200 bg-amber-50 p-3">
                    <h3 class="text-sm font-semibold text-amber-900">{format!("Open reports ({})", item.reports.len())}</h3>
                    <ul class="mt-1 space-y-1 text-sm text-amber-900" data-testid="review-reports">
                        {item.reports.iter().map(|r| view! {
                            <li>
                                <span class="font-medium">{report_reason_label(&r.reason)}</span>
                                {r.details.clone().map(|d| format!(": {d}"))}
                                <span class="text-amber-700">{format!(" ({})", day(r.created_at))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            {move || match outcome() {
                Some(text) => view! { <p role="status" class="mt-4 font-semibold text-emerald-800" data-testid="review-decided">{text}</p> }.into_any(),
                None => {
                    let (reason_id, reason_err, reason_hint, described, id) =
                        (reason_id.clone(), reason_err.clone(), reason_hint.clone(), described.clone(), id.clone());
                    view! {
                        <ActionForm action=decide attr:class="mt-4 space-y-3" attr:novalidate="true">
                            <FormAlert error=error/>
                            <input type="hidden" name="review_id" value=id/>
                            <div class="space-y-1">
                                <label for=reason_id.clone() class="block text-sm font-medium text-slate-800">"Reason"</label>
                                <textarea id=reason_id name="reason" rows="2" maxlength=MODERATION_REASON_MAX as u32 class=INPUT
                                    aria-describedby=described
                                    aria-invalid=move || message.get().is_some().then_some("true")></textarea>
                                <p id=reason_hint class="text-xs text-slate-500">"Required to hide (up to 500 characters); the reviewer is told it."</p>
                                <FieldMessage id=reason_err message=message/>
                            </div>
                            <div class="flex flex-wrap gap-3">
                                <button type="submit" name="decision" value="PUBLISH" class=BUTTON disabled=move || decide.pending().get()>
                                    {if published { "Keep published" } else { "Publish" }}
                                </button>
                                <button type="submit" name="decision" value="HIDE" class=BUTTON_DANGER disabled=move || decide.pending().get()>"Hide"</button>
                            </div>
                        </ActionForm>
                    }.into_any()
                }
            }}
        </li>
    }
}

/// The staff home's card for the review queue; nothing for staff without
/// `reviews.moderate`.
#[component]
pub fn ReviewQueueLink() -> impl IntoView {
    let counts = Resource::new(|| (), |_| load_review_queue_counts());
    view! {
        <Transition fallback=|| ()>
            {move || counts.get().and_then(|r| r.ok()).flatten().map(|(pending, reported)| view! {
                <section class=CARD aria-labelledby="review-queue-title" data-testid="review-queue-card">
                    <h2 id="review-queue-title" class="text-lg font-semibold text-slate-900">"Reviews"</h2>
                    <p class="mt-1 text-sm text-slate-600">{format!("{pending} waiting for moderation, {reported} reported.")}</p>
                    <A href="/staff/reviews" attr:class=format!("mt-2 inline-block {LINK}")>"Moderate reviews"</A>
                </section>
            })}
        </Transition>
    }
}
