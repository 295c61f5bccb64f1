//! `/account/profile`: the signed-in person's customer, company and candidate profiles,
//! one section per role they hold.
mod candidate;
mod company;
mod customer;
mod fields;
mod resume;

use super::api::{
    load_account_profiles, SaveCandidateProfile, SaveCompanyProfile, SaveCustomerProfile,
    SubmitCompanyProfile,
};
use crate::core::AppError;
use crate::domains::identity::pages::use_auth;
use crate::ui::form::on_ok;
use crate::ui::form::ActionError;
use crate::ui::toast::use_toasts;
use fields::SECTION;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn AccountProfilePage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Title text="Your profiles — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-3xl space-y-6 px-4">
            <p class="text-sm"><A href="/account" attr:class="text-indigo-700 hover:underline">"Your account"</A></p>
            <h1 class="text-2xl font-bold text-slate-900">"Your profiles"</h1>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your profiles…"</p> }>
                {move || match auth.user.get() {
                    Some(Ok(Some(_))) => view! { <ProfileSections/> }.into_any(),
                    Some(Err(e)) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
                    _ => view! {
                        <div class=SECTION>
                            <p class="text-slate-700">"Please log in to see and edit your profiles."</p>
                            <A href="/login?next=/account/profile" attr:class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Log in"</A>
                        </div>
                    }.into_any(),
                }}
            </Transition>
        </div>
    }
}

/// Reloads the profiles after a successful change (never after a failed one, so a
/// refused form keeps what the person typed) and confirms it with a toast.
fn reload_on_success<T, S>(value: S, reload: RwSignal<u32>, message: &'static str)
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    let toasts = use_toasts();
    on_ok(value, move |_| {
        toasts.success(message);
        reload.update(|v| *v += 1);
    });
}

#[component]
fn ProfileSections() -> impl IntoView {
    let save_customer = ServerAction::<SaveCustomerProfile>::new();
    let save_company = ServerAction::<SaveCompanyProfile>::new();
    let submit_company = ServerAction::<SubmitCompanyProfile>::new();
    let save_candidate = ServerAction::<SaveCandidateProfile>::new();
    let reload = RwSignal::new(0u32);
    reload_on_success(save_customer.value(), reload, "Customer profile saved.");
    reload_on_success(save_company.value(), reload, "Company profile saved.");
    reload_on_success(
        submit_company.value(),
        reload,
        "Submitted for review. We will e-mail you when it is decided.",
    );
    reload_on_success(save_candidate.value(), reload, "Candidate profile saved.");

    // The company form shows the errors of whichever of its two actions ran last.
    let company_submitting = RwSignal::new(false);
    Effect::new(move |_| {
        if save_company.input().get().is_some() {
            company_submitting.set(false);
        }
    });
    Effect::new(move |_| {
        if submit_company.input().get().is_some() {
            company_submitting.set(true);
        }
    });
    let company_error: ActionError = Signal::derive(move || {
        let value = if company_submitting.get() {
            submit_company.value().get()
        } else {
            save_company.value().get()
        };
        value.and_then(|r| r.err())
    });

    let profiles = Resource::new(move || reload.get(), |_| load_account_profiles());
    view! {
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
            {move || profiles.get().map(|r| match r {
                Ok(p) if p.is_empty() => view! { <NoAccountRoles/> }.into_any(),
                Ok(p) => {
                    // Keyed by the reload count, so saved forms are drawn afresh: an
                    // input the person typed in ignores a changed `value` attribute,
                    // and they should see what was stored (+91 98765 43210, not 9876543210).
                    let version = reload.get_untracked();
                    view! {
                        <For each=move || [version] key=|v| *v children=move |_| {
                            let p = p.clone();
                            view! {
                                {p.customer.map(|c| view! { <customer::CustomerSection profile=c save=save_customer/> })}
                                {p.company.map(|c| view! {
                                    <company::CompanySection profile=c save=save_company submit=submit_company error=company_error/>
                                })}
                                {p.candidate.map(|c| view! {
                                    <candidate::CandidateSection profile=c save=save_candidate reload=reload/>
                                })}
                            }
                        }/>
                    }
                    .into_any()
                }
                Err(e) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn NoAccountRoles() -> impl IntoView {
    view! {
        <section class=SECTION data-testid="no-account-profiles">
            <p class="text-slate-700">
                "You have no customer, company or candidate profile. These are for people who hire "
                "professionals, companies that post jobs, and people looking for a job."
            </p>
            <p class="mt-2 text-slate-700">
                "If you offer services on Nxtgauge, your professional profiles are where customers find you."
            </p>
            <A href="/pro" attr:class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Go to my professional profiles"</A>
        </section>
    }
}
