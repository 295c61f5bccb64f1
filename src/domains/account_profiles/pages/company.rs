use super::fields::{Badge, CitySelect, SelectField, TextAreaField, SECTION};
use crate::core::state::ProfileStatus;
use crate::core::validation::format_mobile;
use crate::domains::account_profiles::{
    api::{SaveCompanyProfile, SubmitCompanyProfile},
    model::{CompanyProfile, CompanyReview, BIO_MAX, BUSINESS_TYPES, INDUSTRIES},
};
use crate::ui::form::{ActionError, Field, FormAlert, Submit};
use leptos::prelude::*;

fn options(list: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, l)| ((*k).to_string(), (*l).to_string()))
        .collect()
}

fn review_badge(review: &CompanyReview, suspended: bool) -> impl IntoView {
    let tone = match review {
        _ if suspended => "amber",
        CompanyReview::Draft => "slate",
        CompanyReview::InReview => "blue",
        CompanyReview::Approved => "green",
        CompanyReview::ChangesRequested { .. } => "amber",
    };
    let text = if suspended {
        "Suspended"
    } else {
        review.label()
    };
    view! { <Badge text=text tone=tone/> }
}

/// What the company should know about where its profile stands.
fn review_note(review: &CompanyReview) -> impl IntoView {
    let note = "mt-3 rounded-lg border px-4 py-3 text-sm";
    match review {
        CompanyReview::Draft => view! {
            <p class=format!("{note} border-slate-200 bg-slate-50 text-slate-700")>
                "Your company profile is a draft. Complete it and submit it for review; once our team approves it you can post jobs."
            </p>
        }
        .into_any(),
        CompanyReview::InReview => view! {
            <p class=format!("{note} border-sky-200 bg-sky-50 text-sky-900")>
                "Our team is reviewing your company profile. We will e-mail you when it is decided; until then it cannot be edited."
            </p>
        }
        .into_any(),
        CompanyReview::Approved => view! {
            <p class=format!("{note} border-emerald-200 bg-emerald-50 text-emerald-900")>
                "Your company profile is approved."
            </p>
        }
        .into_any(),
        CompanyReview::ChangesRequested { remarks } => view! {
            <div class=format!("{note} border-amber-200 bg-amber-50 text-amber-900") data-testid="review-remarks">
                <p class="font-semibold">"Our team asked for changes."</p>
                {remarks.clone().map(|r| view! { <p class="mt-1 whitespace-pre-line">{r}</p> })}
                <p class="mt-1">"Update your profile, save it and submit it again."</p>
            </div>
        }
        .into_any(),
    }
}

#[component]
pub fn CompanySection(
    profile: CompanyProfile,
    save: ServerAction<SaveCompanyProfile>,
    submit: ServerAction<SubmitCompanyProfile>,
    /// The error of whichever of `save` and `submit` ran last.
    error: ActionError,
) -> impl IntoView {
    let in_review = profile.review == CompanyReview::InReview;
    let suspended = profile.status == ProfileStatus::Suspended;
    let can_submit = profile.id.is_some() && profile.review.can_submit() && !suspended;
    let missing: Vec<&'static str> = profile
        .missing_for_review()
        .into_iter()
        .map(|(_, label)| label)
        .collect();
    let phone = profile
        .phone
        .as_deref()
        .map(format_mobile)
        .unwrap_or_default();
    let saved = profile.id.is_some();
    view! {
        <section class=SECTION aria-labelledby="company-title" data-testid="company-profile">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 id="company-title" class="text-lg font-semibold">"Company profile"</h2>
                {review_badge(&profile.review, suspended)}
            </div>
            {review_note(&profile.review)}
            {suspended.then(|| view! {
                <p class="mt-2 text-sm text-amber-900">"Your company profile is suspended. Please contact support."</p>
            })}
            <ActionForm action=save attr:class="mt-4" attr:novalidate="true">
                <fieldset class="space-y-4 disabled:opacity-75" disabled=in_review>
                    <legend class="sr-only">"Company details"</legend>
                    <FormAlert error=error/>
                    <Field id="company-company_name" name="company_name" label="Company name"
                        autocomplete="organization" maxlength=120 value=profile.company_name.clone() error=error/>
                    <div class="grid gap-4 sm:grid-cols-2">
                        <SelectField id="company-business_type" name="business_type" label="Business type"
                            options=options(BUSINESS_TYPES) selected=profile.business_type.clone().unwrap_or_default()
                            placeholder="Choose a business type" error=error/>
                        <SelectField id="company-industry" name="industry" label="Industry"
                            options=options(INDUSTRIES) selected=profile.industry.clone().unwrap_or_default()
                            placeholder="Choose an industry" error=error/>
                    </div>
                    <Field id="company-contact_person_name" name="contact_person_name" label="Contact person"
                        autocomplete="name" required=false maxlength=80
                        value=profile.contact_person_name.clone().unwrap_or_default() error=error/>
                    <div class="grid gap-4 sm:grid-cols-2">
                        <Field id="company-email" name="email" label="Contact e-mail" input_type="email"
                            autocomplete="email" required=false maxlength=254
                            value=profile.email.clone().unwrap_or_default() error=error/>
                        <Field id="company-phone" name="phone" label="Contact mobile number" input_type="tel"
                            autocomplete="tel" required=false maxlength=20 value=phone
                            hint="A 10-digit Indian mobile number." error=error/>
                    </div>
                    <CitySelect id="company-city" selected=profile.city.clone().unwrap_or_default() error=error/>
                    <TextAreaField id="company-about" name="about" label="About the company"
                        value=profile.about.clone().unwrap_or_default() maxlength=BIO_MAX as u32 rows=6
                        hint="What you do and who you hire, up to 2000 characters. No links, e-mail addresses or phone numbers: people reach you through Nxtgauge."
                        error=error/>
                    <div class="w-48">
                        <Submit label=if saved { "Save changes" } else { "Save draft" } busy_label="Saving…"
                            pending=save.pending().into()/>
                    </div>
                </fieldset>
            </ActionForm>
            {can_submit.then(|| view! {
                <div class="mt-6 border-t border-slate-100 pt-4">
                    <h3 class="font-semibold text-slate-900">"Submit for review"</h3>
                    {if missing.is_empty() {
                        view! {
                            <p class="mt-1 text-sm text-slate-600">
                                "Save any changes first. Our team then checks your company profile and e-mails you the decision."
                            </p>
                        }.into_any()
                    } else {
                        view! {
                            <p class="mt-1 text-sm text-slate-600" data-testid="missing-for-review">
                                {format!("Before you submit, add: {}.", missing.join(", "))}
                            </p>
                        }.into_any()
                    }}
                    <ActionForm action=submit attr:class="mt-3 w-56">
                        <Submit label="Submit for review" busy_label="Submitting…" pending=submit.pending().into()/>
                    </ActionForm>
                </div>
            })}
            {(!saved).then(|| view! {
                <p class="mt-4 text-sm text-slate-600">"Save your company profile first; then you can submit it for review."</p>
            })}
        </section>
    }
    .into_any()
}
