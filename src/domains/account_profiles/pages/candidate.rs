use super::customer::listing_badge;
use super::fields::{CitySelect, TextAreaField, SECTION};
use crate::core::state::ProfileStatus;
use crate::domains::account_profiles::{
    api::SaveCandidateProfile,
    model::{CandidateProfile, BIO_MAX, PREFERRED_ROLES_MAX, ROLE_SUGGESTIONS},
};
use crate::ui::form::{action_error, Field, FormAlert, Submit};
use crate::ui::tags::TagInput;
use leptos::prelude::*;

#[component]
pub fn CandidateSection(
    profile: CandidateProfile,
    save: ServerAction<SaveCandidateProfile>,
    /// Bumped to reload the profiles after the résumé changes.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let error = action_error(save.value());
    let roles_error =
        Signal::derive(move || error.get().and_then(|e| e.field_message("preferred_roles")));
    let salary = profile.expected_salary_for_form();
    view! {
        <section class=SECTION aria-labelledby="candidate-title" data-testid="candidate-profile">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 id="candidate-title" class="text-lg font-semibold">"Candidate profile"</h2>
                {listing_badge(profile.id.is_some(), profile.status)}
            </div>
            <p class="mt-1 text-sm text-slate-600">
                "Companies see this profile and your résumé when you apply to their jobs."
            </p>
            {(profile.status == ProfileStatus::Suspended).then(|| view! {
                <p class="mt-2 text-sm text-amber-900">
                    "Your candidate profile is suspended. You can still update it; please contact support to have it restored."
                </p>
            })}
            <ActionForm action=save attr:class="mt-4 space-y-4" attr:novalidate="true">
                <FormAlert error=error/>
                <Field id="candidate-display_name" name="display_name" label="Your name" autocomplete="name"
                    maxlength=80 value=profile.display_name.clone() error=error/>
                <TextAreaField id="candidate-bio" name="bio" label="Headline and summary"
                    value=profile.bio.clone().unwrap_or_default() maxlength=BIO_MAX as u32 rows=5
                    hint="Your experience and what you are looking for, up to 2000 characters. No links, e-mail addresses or phone numbers."
                    error=error/>
                <div class="grid gap-4 sm:grid-cols-2">
                    <CitySelect id="candidate-city" selected=profile.city.clone().unwrap_or_default() error=error/>
                    <Field id="candidate-experience_years" name="experience_years" label="Experience (years)"
                        input_type="number" value=profile.experience_years.to_string()
                        hint="Whole years, 0 to 60." error=error/>
                </div>
                <TagInput id="candidate-preferred_roles".to_string() name="preferred_roles".to_string()
                    label="Preferred roles".to_string() value=profile.preferred_roles.clone()
                    suggestions=ROLE_SUGGESTIONS max=PREFERRED_ROLES_MAX
                    help=Some("The kinds of jobs you want, like Accountant or Sales Executive.".to_string())
                    error=roles_error/>
                <Field id="candidate-expected_salary" name="expected_salary" label="Expected salary per year in rupees (optional)"
                    input_type="text" required=false maxlength=16 value=salary
                    hint="For example 4,80,000." error=error/>
                <div class="w-40">
                    <Submit label="Save" busy_label="Saving…" pending=save.pending().into()/>
                </div>
            </ActionForm>
            <super::resume::ResumeBlock profile_id=profile.id has_resume=profile.has_resume reload=reload/>
        </section>
    }
    .into_any()
}
