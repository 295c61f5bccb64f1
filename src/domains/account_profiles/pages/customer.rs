use super::fields::{Badge, CitySelect, SECTION};
use crate::core::state::ProfileStatus;
use crate::core::validation::format_mobile;
use crate::domains::account_profiles::{api::SaveCustomerProfile, model::CustomerProfile};
use crate::ui::form::{action_error, Field, FormAlert, Submit};
use leptos::prelude::*;

/// The badge for a customer or candidate profile: saving lists it.
pub(super) fn listing_badge(saved: bool, status: ProfileStatus) -> impl IntoView {
    match (saved, status) {
        (false, _) => view! { <Badge text="Not saved yet"/> },
        (true, ProfileStatus::Suspended) => view! { <Badge text="Suspended" tone="amber"/> },
        (true, ProfileStatus::Active) => view! { <Badge text="Active" tone="green"/> },
        (true, ProfileStatus::Draft) => view! { <Badge text="Draft"/> },
    }
}

#[component]
pub fn CustomerSection(
    profile: CustomerProfile,
    save: ServerAction<SaveCustomerProfile>,
) -> impl IntoView {
    let error = action_error(save.value());
    let phone = profile
        .phone
        .as_deref()
        .map(format_mobile)
        .unwrap_or_default();
    view! {
        <section class=SECTION aria-labelledby="customer-title" data-testid="customer-profile">
            <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 id="customer-title" class="text-lg font-semibold">"Customer profile"</h2>
                {listing_badge(profile.id.is_some(), profile.status)}
            </div>
            <p class="mt-1 text-sm text-slate-600">
                "Professionals see your name and city when you post a request or contact them."
            </p>
            {(profile.status == ProfileStatus::Suspended).then(|| view! {
                <p class="mt-2 text-sm text-amber-900">
                    "Your customer profile is suspended. You can still update it; please contact support to have it restored."
                </p>
            })}
            <ActionForm action=save attr:class="mt-4 space-y-4" attr:novalidate="true">
                <FormAlert error=error/>
                <Field id="customer-display_name" name="display_name" label="Your name" autocomplete="name"
                    maxlength=80 value=profile.display_name.clone() error=error/>
                <CitySelect id="customer-city" selected=profile.city.clone().unwrap_or_default() error=error/>
                <Field id="customer-phone" name="phone" label="Mobile number (optional)" input_type="tel"
                    autocomplete="tel" required=false maxlength=20 value=phone
                    hint="A 10-digit Indian mobile number. It is shared only with professionals whose response you accept."
                    error=error/>
                <div class="w-40">
                    <Submit label="Save" busy_label="Saving…" pending=save.pending().into()/>
                </div>
            </ActionForm>
        </section>
    }
    .into_any()
}
