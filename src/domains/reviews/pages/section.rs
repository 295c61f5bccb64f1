//! The reviews section of a public page (a professional's or a company's): the rating
//! summary, published reviews newest first with "Load more", a report form under each
//! review, the reviewed party's one reply, and a link to write a review.
use super::common::{day, Stars};
use crate::core::url::encode_query_value;
use crate::domains::reviews::api::{load_reviews, ReplyToReview, ReportReview};
use crate::domains::reviews::model::{
    EntityType, RatingSummary, ReplyView, ReportReason, ReviewItem, ReviewsPage, DETAILS_MAX,
    REPLY_MAX,
};
use crate::ui::form::on_ok;
use crate::ui::form::{action_error, FieldMessage, FormAlert};
use crate::ui::style::BUTTON;
use crate::ui::style::BUTTON_SECONDARY;
use crate::ui::style::INPUT;
use crate::ui::style::{CARD, SELECT};
use leptos::prelude::*;
use uuid::Uuid;

/// What every review card needs to know about the page and the viewer.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Viewer {
    signed_in: bool,
    owner: bool,
    entity_name: String,
    page_path: String,
}

impl Viewer {
    fn of(page: &ReviewsPage) -> Self {
        Self {
            signed_in: page.signed_in,
            owner: page.owner,
            entity_name: page.entity_name.clone(),
            page_path: page.page_path.clone(),
        }
    }
}

/// The reviews section of a public page, drawn on the server: the heading and the rating
/// summary, then the list as an island (`entity_id` is the role profile's or the company
/// profile's id).
#[component]
pub fn Reviews(reviewed: EntityType, entity_id: Uuid, summary: RatingSummary) -> impl IntoView {
    view! {
        <section class=CARD aria-labelledby="reviews-title" id="reviews" data-testid="reviews">
            <h2 id="reviews-title" class="text-lg font-semibold">"Reviews"</h2>
            <Summary summary=summary/>
            <ReviewsIsland reviewed=reviewed entity_id=entity_id/>
        </section>
    }
}

/// The published reviews, newest first with "Load more", and the reply and report forms.
/// Lazy: its code is split out of the main module and loads only on pages that show
/// reviews.
#[island(lazy)]
fn ReviewsIsland(reviewed: EntityType, entity_id: Uuid) -> impl IntoView {
    let entity_type = reviewed.as_str();
    let first = Resource::new(
        || (),
        move |_| load_reviews(entity_type.to_owned(), entity_id, None),
    );
    // Cursors of the pages loaded with "Load more", in order.
    let more = RwSignal::new(Vec::<String>::new());
    view! {
            <Transition fallback=|| view! { <p class="mt-3 text-slate-500">"Loading reviews…"</p> }>
                {move || first.get().map(|r| match r {
                    Ok(page) => {
                        let viewer = Viewer::of(&page);
                        let empty = page.items.is_empty();
                        let next = page.next.clone();
                        view! {
                            {page.write_href.clone().map(|href| view! {
                                <p class="mt-4"><a href=href class=BUTTON_SECONDARY data-testid="write-review">"Write a review"</a></p>
                            })}
                            {empty.then(|| view! { <p class="mt-4 text-slate-600">"No published reviews yet."</p> })}
                            <ul class="mt-4 divide-y divide-slate-100" data-testid="review-list">
                                {page.items.into_iter().map(|item| view! { <ReviewCard item=item viewer=viewer.clone()/> }).collect_view()}
                            </ul>
                            <For each=move || more.get() key=|c| c.clone() let:before>
                                <MoreReviews entity_type=entity_type entity_id=entity_id before=before more=more/>
                            </For>
                            <LoadMore next=next more=more/>
                        }.into_any()
                    }
                    Err(e) => view! { <p role="alert" class="mt-3 text-red-700">{e.message}</p> }.into_any(),
                })}
            </Transition>
    }
}

/// One further page of reviews, loaded by "Load more".
#[component]
fn MoreReviews(
    entity_type: &'static str,
    entity_id: Uuid,
    before: String,
    more: RwSignal<Vec<String>>,
) -> impl IntoView {
    let cursor = before.clone();
    let page = Resource::new(
        || (),
        move |_| load_reviews(entity_type.to_owned(), entity_id, Some(cursor.clone())),
    );
    view! {
        <Transition fallback=|| view! { <p class="py-3 text-slate-500" role="status">"Loading more reviews…"</p> }>
            {move || page.get().map(|r| match r {
                Ok(page) => {
                    let viewer = Viewer::of(&page);
                    let next = page.next.clone();
                    view! {
                        <ul class="divide-y divide-slate-100 border-t border-slate-100">
                            {page.items.into_iter().map(|item| view! { <ReviewCard item=item viewer=viewer.clone()/> }).collect_view()}
                        </ul>
                        <LoadMore next=next more=more/>
                    }.into_any()
                }
                Err(e) => view! { <p role="alert" class="py-3 text-red-700">{e.message}</p> }.into_any(),
            })}
        </Transition>
    }
}

/// "Load more" while a page has a next one that is not loaded yet.
#[component]
fn LoadMore(next: Option<String>, more: RwSignal<Vec<String>>) -> impl IntoView {
    next.map(|next| {
        let shown = {
            let next = next.clone();
            move || !more.with(|m| m.contains(&next))
        };
        view! {
            <Show when=shown>
                <p class="mt-4">
                    <button type="button" class=BUTTON_SECONDARY data-testid="more-reviews"
                        on:click={
                            let next = next.clone();
                            move |_| more.update(|m| m.push(next.clone()))
                        }>"Load more reviews"</button>
                </p>
            </Show>
        }
    })
}

/// The average to one decimal, the count and the bars from five stars down to one.
#[component]
pub fn Summary(summary: RatingSummary) -> impl IntoView {
    let count = summary.count;
    view! {
        <div data-testid="ratings">
            {if count == 0 {
                view! { <p class="mt-2 text-slate-600">"No reviews yet"</p> }.into_any()
            } else {
                view! {
                    <p class="mt-2 text-slate-900" data-testid="rating-average">
                        <span class="text-2xl font-bold">{format!("{:.1}", summary.average)}</span>
                        " out of 5 · "
                        {format!("{count} {}", if count == 1 { "review" } else { "reviews" })}
                    </p>
                    <ul class="mt-3 space-y-1" aria-label="Ratings by stars">
                        {summary.histogram.iter().enumerate().map(|(i, n)| {
                            let stars = 5 - i;
                            let pct = n * 100 / count;
                            view! {
                                <li class="flex items-center gap-2 text-sm">
                                    <span class="w-14 text-slate-600">{format!("{stars} star")}</span>
                                    <span class="h-2 flex-1 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                                        <span class="block h-2 rounded-full bg-amber-400" style=format!("width: {pct}%")></span>
                                    </span>
                                    <span class="w-24 text-right text-slate-600">
                                        {format!("{n}")}
                                        <span class="sr-only">{format!(" {} ({pct}%)", if *n == 1 { "review" } else { "reviews" })}</span>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn ReviewCard(item: ReviewItem, viewer: Viewer) -> impl IntoView {
    let reply = RwSignal::new(item.reply.clone());
    let id = item.id;
    let from = format!("Reply from {}", viewer.entity_name);
    let report = if item.mine {
        None
    } else if viewer.signed_in {
        Some(
            view! {
                <details class="mt-2 text-sm">
                    <summary class="cursor-pointer font-medium text-slate-600 hover:text-slate-900">"Report"</summary>
                    <ReportForm review_id=id/>
                </details>
            }
            .into_any(),
        )
    } else {
        Some(
            view! {
                <p class="mt-2 text-sm">
                    <a href=format!("/login?next={}", encode_query_value(&viewer.page_path)) class="text-slate-600 hover:underline">"Sign in to report"</a>
                </p>
            }
            .into_any(),
        )
    };
    let owner = viewer.owner;
    view! {
        <li class="py-4" id=format!("review-{id}") data-testid="review">
            <p class="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Stars rating=item.rating/>
                <span class="font-semibold text-slate-900">{item.reviewer.clone()}</span>
                <span class="text-sm text-slate-500">{day(item.created_at)}</span>
            </p>
            <p class="mt-2 whitespace-pre-line text-slate-800">{item.text.clone()}</p>
            {move || reply.get().map(|r| view! {
                <div class="mt-3 border-l-4 border-indigo-200 pl-3" data-testid="review-reply">
                    <p class="text-sm font-semibold text-slate-900">{from.clone()}<span class="font-normal text-slate-500">{format!(" · {}", day(r.at))}</span></p>
                    <p class="mt-1 whitespace-pre-line text-sm text-slate-700">{r.text}</p>
                </div>
            })}
            <Show when=move || owner && reply.with(Option::is_none)>
                <ReplyForm review_id=id reply=reply/>
            </Show>
            {report}
        </li>
    }
}

#[component]
fn ReplyForm(review_id: Uuid, reply: RwSignal<Option<ReplyView>>) -> impl IntoView {
    let send = ServerAction::<ReplyToReview>::new();
    let error = action_error(send.value());
    on_ok(send.value(), move |r| {
        reply.set(Some(r));
    });
    let field = format!("reply-{review_id}");
    let err_id = format!("{field}-error");
    let message = Signal::derive(move || error.get().and_then(|e| e.field_message("text")));
    view! {
        <ActionForm action=send attr:class="mt-3 space-y-2" attr:novalidate="true">
            <FormAlert error=error/>
            <input type="hidden" name="review_id" value=review_id.to_string()/>
            <label for=field.clone() class="block text-sm font-medium text-slate-800">"Your public reply (you can reply once)"</label>
            <textarea id=field name="text" rows="3" maxlength=REPLY_MAX as u32 class=INPUT
                aria-describedby=err_id.clone()
                aria-invalid=move || message.get().is_some().then_some("true")></textarea>
            <FieldMessage id=err_id message=message/>
            <button type="submit" class=BUTTON disabled=move || send.pending().get()>
                {move || if send.pending().get() { "Sending…" } else { "Reply" }}
            </button>
        </ActionForm>
    }
}

#[component]
fn ReportForm(review_id: Uuid) -> impl IntoView {
    let send = ServerAction::<ReportReview>::new();
    let error = action_error(send.value());
    let reason_id = format!("report-reason-{review_id}");
    let details_id = format!("report-details-{review_id}");
    let reason_err = format!("{reason_id}-error");
    let details_err = format!("{details_id}-error");
    let reason_msg = Signal::derive(move || error.get().and_then(|e| e.field_message("reason")));
    let details_msg = Signal::derive(move || error.get().and_then(|e| e.field_message("details")));
    let done = move || matches!(send.value().get(), Some(Ok(_)));
    view! {
        <Show when=done fallback=move || {
            let (reason_id, details_id) = (reason_id.clone(), details_id.clone());
            let (reason_err, details_err) = (reason_err.clone(), details_err.clone());
            view! {
                <ActionForm action=send attr:class="mt-2 space-y-2 rounded-lg bg-slate-50 p-3" attr:novalidate="true">
                    <FormAlert error=error/>
                    <input type="hidden" name="review_id" value=review_id.to_string()/>
                    <div class="space-y-1">
                        <label for=reason_id.clone() class="block text-sm font-medium text-slate-800">"Why are you reporting it?"</label>
                        <select id=reason_id name="reason" class=SELECT aria-describedby=reason_err.clone()
                            aria-invalid=move || reason_msg.get().is_some().then_some("true")>
                            <option value="">"Choose a reason"</option>
                            {ReportReason::ALL.into_iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                        </select>
                        <FieldMessage id=reason_err message=reason_msg/>
                    </div>
                    <div class="space-y-1">
                        <label for=details_id.clone() class="block text-sm font-medium text-slate-800">"Details (required for \u{201c}Something else\u{201d})"</label>
                        <textarea id=details_id name="details" rows="2" maxlength=DETAILS_MAX as u32 class=INPUT
                            aria-describedby=details_err.clone()
                            aria-invalid=move || details_msg.get().is_some().then_some("true")></textarea>
                        <FieldMessage id=details_err message=details_msg/>
                    </div>
                    <button type="submit" class=BUTTON_SECONDARY disabled=move || send.pending().get()>"Send report"</button>
                </ActionForm>
            }
        }>
            <p role="status" class="mt-2 text-sm text-emerald-800">"Thanks — our team will look at this review."</p>
        </Show>
    }
}
