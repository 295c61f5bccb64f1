//! `/reviews/new?profile={slug}` or `?company={slug}`: write a review. The page asks
//! the server first whether the signed-in user may review, and says why not instead
//! of showing a form that would be refused.
use super::common::rating_label;
use crate::core::url::encode_query_value;
use crate::core::ErrorCode;
use crate::domains::reviews::api::{load_write_review, SubmitReview};
use crate::domains::reviews::model::{WriteContext, TEXT_MAX, TEXT_MIN};
use crate::ui::form::{action_error, FieldMessage, FormAlert, Submit, TextArea};
use crate::ui::style::CARD;
use crate::ui::style::LINK;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn WriteReviewPage() -> impl IntoView {
    let query = use_query_map();
    let target = Memo::new(move |_| {
        let q = query.read();
        (q.get("profile"), q.get("company"))
    });
    let context = Resource::new(move || target.get(), |(p, c)| load_write_review(p, c));
    let here = move || {
        let (p, c) = target.get();
        match (p, c) {
            (Some(p), _) => format!("/reviews/new?profile={}", encode_query_value(&p)),
            (None, Some(c)) => format!("/reviews/new?company={}", encode_query_value(&c)),
            _ => "/reviews/new".to_owned(),
        }
    };
    view! {
        <Title text="Write a review — Nxtgauge"/>
        <Meta name="robots" content="noindex"/>
        <div class="mx-auto mt-8 max-w-2xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">"Write a review"</h1>
            <Transition fallback=|| view! { <p class="text-slate-500">"Checking whether you can review…"</p> }>
                {move || context.get().map(|r| match r {
                    Ok(c) => view! { <ReviewFormView context=c/> }.into_any(),
                    Err(e) if e.code == ErrorCode::Unauthenticated => view! {
                        <div class=CARD data-testid="review-login">
                            <p class="text-slate-700">"Log in to write a review."</p>
                            <A href=format!("/login?next={}", encode_query_value(&here())) attr:class=format!("mt-3 inline-block {LINK}")>"Log in"</A>
                        </div>
                    }.into_any(),
                    Err(e) => view! {
                        <div role="alert" class="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-amber-900" data-testid="review-refused">
                            <p>{e.message}</p>
                        </div>
                    }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn ReviewFormView(context: WriteContext) -> impl IntoView {
    let submit = ServerAction::<SubmitReview>::new();
    let error = action_error(submit.value());
    let done = move || matches!(submit.value().get(), Some(Ok(_)));
    let rating_error = Signal::derive(move || error.get().and_then(|e| e.field_message("rating")));
    let page = context.page_path.clone();
    let name = context.name.clone();
    view! {
        <p class="text-slate-600">{format!("Your review of {name} helps others choose. Our team checks every review before it is published.")}</p>
        <Show when=done fallback=move || {
            let context = context.clone();
            view! {
                <section class=CARD>
                    <ActionForm action=submit attr:class="space-y-5" attr:novalidate="true">
                        <FormAlert error=error/>
                        <input type="hidden" name="entity_type" value=context.entity_type.clone()/>
                        <input type="hidden" name="entity_id" value=context.entity_id.to_string()/>
                        <fieldset class="space-y-2" aria-describedby="rating-error"
                            aria-invalid=move || rating_error.get().is_some().then_some("true")>
                            <legend class="block text-sm font-medium text-slate-800">"Rating"</legend>
                            <div class="flex flex-wrap gap-2">
                                {(1..=5i16).rev().map(|stars| {
                                    let id = format!("rating-{stars}");
                                    view! {
                                        <div>
                                            <input type="radio" id=id.clone() name="rating" value=stars.to_string() class="peer sr-only"/>
                                            <label for=id class="inline-flex cursor-pointer items-center gap-1 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-800 peer-checked:border-amber-500 peer-checked:bg-amber-50 peer-focus-visible:ring-2 peer-focus-visible:ring-indigo-400">
                                                <span class="text-amber-500" aria-hidden="true">{"★".repeat(usize::try_from(stars).unwrap_or_default())}</span>
                                                {format!("{stars} — {}", rating_label(stars))}
                                            </label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                            <FieldMessage id="rating-error".to_string() message=rating_error/>
                        </fieldset>
                        <TextArea name="text" label="Your review" rows=6 maxlength=TEXT_MAX as u32
                            hint="What did they do, and how did it go? 20 to 2,000 characters. Leave out phone numbers, e-mail addresses and links."
                            error=error/>
                        <div class="sm:w-48">
                            <Submit label="Send review" busy_label="Sending…" pending=submit.pending().into()/>
                        </div>
                    </ActionForm>
                </section>
            }
        }>
            <div role="status" class="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-900" data-testid="review-sent">
                <p class="font-semibold">"Thanks — your review will appear once a moderator has checked it."</p>
                <A href=page.clone() attr:class=format!("mt-2 inline-block {LINK}")>{format!("Back to {name}")}</A>
            </div>
        </Show>
        <p class="text-xs text-slate-500">{format!("Reviews need at least {TEXT_MIN} characters. You can review each professional or company once.")}</p>
    }
}
