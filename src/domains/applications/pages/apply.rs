//! The apply panel the job page shows: sign in, complete the candidate profile, apply
//! with a cover note, or see the application's status.
use crate::core::time::ist_day as day;
use crate::core::url::encode_query_value;
use crate::domains::applications::api::{load_apply_state, ApplyToJob};
use crate::domains::applications::model::{ApplyState, COVER_NOTE_MAX};
use crate::ui::badge::Pill;
use crate::ui::form::on_ok;
use crate::ui::form::{action_error, FormAlert, TextArea};
use crate::ui::style::BUTTON;
use crate::ui::style::CARD;
use crate::ui::style::LINK;
use crate::ui::toast::use_toasts;
use leptos::prelude::*;
use uuid::Uuid;

/// "Apply for this job" on the job page `/jobs/{job_id}`: an island of that page, which
/// is otherwise drawn on the server only. Lazy: its code loads only on job pages.
#[island(lazy)]
pub fn ApplyPanel(job_id: Uuid) -> impl IntoView {
    let apply = ServerAction::<ApplyToJob>::new();
    // Reloaded only after a successful application, so a refused form keeps its text.
    let reload = RwSignal::new(0u32);
    let toasts = use_toasts();
    on_ok(apply.value(), move |_| {
        toasts.success("Application sent. The company has been told.");
        reload.update(|n| *n += 1);
    });
    let state = Resource::new(move || reload.get(), move |_| load_apply_state(job_id));
    view! {
        <section class=CARD aria-labelledby="apply-title" data-testid="apply-panel">
            <h2 id="apply-title" class="text-lg font-semibold text-slate-900">"Apply for this job"</h2>
            <Transition fallback=|| view! { <p class="mt-2 text-slate-500">"Loading…"</p> }>
                {move || state.get().map(|r| match r {
                    Ok(s) => view! { <PanelBody state=s job_id=job_id apply=apply/> }.into_any(),
                    Err(e) => view! { <p role="alert" class="mt-2 text-red-800">{e.message}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn PanelBody(state: ApplyState, job_id: Uuid, apply: ServerAction<ApplyToJob>) -> impl IntoView {
    match state {
        ApplyState::SignedOut => {
            let next = encode_query_value(&format!("/jobs/{job_id}"));
            view! {
                <div class="mt-2 space-y-2" data-testid="apply-signed-out">
                    <p class="text-slate-700">"Sign in with your candidate account to apply."</p>
                    <p class="flex flex-wrap gap-4">
                        <a href=format!("/login?next={next}") class=LINK>"Sign in to apply"</a>
                        <a href="/register?role=CANDIDATE" class=LINK>"Create a candidate account"</a>
                    </p>
                </div>
            }
            .into_any()
        }
        ApplyState::NeedsProfile { reason, fixable } => view! {
            <div class="mt-2 space-y-2" data-testid="apply-needs-profile">
                <p class="text-slate-700">{reason}</p>
                {fixable.then(|| view! {
                    <a href="/account/profile" class=LINK>"Complete your candidate profile"</a>
                })}
            </div>
        }
        .into_any(),
        ApplyState::OwnJob => view! {
            <p class="mt-2 text-slate-700" data-testid="apply-own-job">
                "Your company posted this job. "
                <a href=format!("/company/jobs/{job_id}/applicants") class=LINK>"See its applicants"</a>
            </p>
        }
        .into_any(),
        ApplyState::Closed => view! {
            <p class="mt-2 font-medium text-slate-700" role="status" data-testid="apply-closed">
                "This job is no longer taking applications."
            </p>
        }
        .into_any(),
        ApplyState::Applied { applied_at, stage } => view! {
            <div class="mt-2 space-y-2" data-testid="apply-done">
                <p class="font-medium text-slate-800" role="status">
                    {format!("You applied on {} \u{2014} status: ", day(applied_at))}
                    <Pill text=stage.label().into() tone=stage.tone()/>
                </p>
                <a href="/applications" class=LINK>"See your applications"</a>
            </div>
        }
        .into_any(),
        ApplyState::Open => {
            let error = action_error(apply.value());
            let pending = apply.pending();
            view! {
                <ActionForm action=apply attr:class="mt-4 space-y-4" attr:novalidate="true" attr:data-testid="apply-form">
                    <FormAlert error=error/>
                    <input type="hidden" name="job_id" value=job_id.to_string()/>
                    <TextArea name="cover_note" label="Cover note" rows=6 maxlength=COVER_NOTE_MAX as u32
                        hint="Why you are a good fit, in 50 to 3,000 characters. The company also sees your candidate profile and résumé. No phone numbers, e-mail addresses or links: the company messages you on Nxtgauge."
                        error=error/>
                    <button type="submit" class=BUTTON disabled=move || pending.get()
                        aria-busy=move || pending.get().then_some("true")>
                        {move || if pending.get() { "Applying…" } else { "Apply" }}
                    </button>
                </ActionForm>
            }
            .into_any()
        }
    }
}
