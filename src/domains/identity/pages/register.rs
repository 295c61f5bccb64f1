use crate::core::roles::{signup_roles, PROFESSIONAL_ROLES};
use crate::core::validation::{PASSWORD_MAX, PASSWORD_MIN};
use crate::domains::identity::api::{Register, ResendVerification};
use crate::domains::identity::pages::AuthCard;
use crate::ui::form::{action_error, Field, FieldMessage, FormAlert, Submit};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let register = ServerAction::<Register>::new();
    let error = action_error(register.value());
    let pending = register.pending().into();
    let query = use_query_map();
    let preselected = move || {
        query
            .read()
            .get("role")
            .unwrap_or_else(|| "CUSTOMER".into())
    };
    let registered_email = move || register.value().get().and_then(|r| r.ok());

    view! {
        <Title text="Join Nxtgauge"/>
        <Show when=move || registered_email().is_none() fallback=move || view! {
            <CheckInbox email=registered_email().unwrap_or_default()/>
        }>
            <AuthCard title="Create your account">
                <ActionForm action=register attr:class="space-y-4" attr:novalidate="true">
                    <FormAlert error=error/>
                    <Field name="name" label="Your name" autocomplete="name" maxlength=80 error=error/>
                    <Field name="email" label="Email" input_type="email" autocomplete="email" error=error/>
                    <PasswordField error=error/>
                    <fieldset class="space-y-2">
                        <legend class="text-sm font-medium text-slate-800">"Account type"</legend>
                        <div class="flex gap-4">
                            <label class="flex items-center gap-2 text-sm" for="account_type_individual">
                                <input id="account_type_individual" type="radio" name="account_type" value="INDIVIDUAL" checked=true/>
                                "Personal"
                            </label>
                            <label class="flex items-center gap-2 text-sm" for="account_type_company">
                                <input id="account_type_company" type="radio" name="account_type" value="COMPANY"/>
                                "Company"
                            </label>
                        </div>
                        <FieldMessage id="account_type-error".into()
                            message=Signal::derive(move || error.get().and_then(|e| e.field_message("account_type")))/>
                    </fieldset>
                    <div class="space-y-1">
                        <label for="role" class="block text-sm font-medium text-slate-800">"I want to join as"</label>
                        <select id="role" name="role" class="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
                            aria-describedby="role-error"
                            aria-invalid=move || error.get().and_then(|e| e.field_message("role")).map(|_| "true")>
                            <optgroup label="Hire or find work">
                                {signup_roles().filter(|r| !r.professional).map(|r| {
                                    let key = r.key;
                                    view! { <option value=key selected=move || preselected() == key>{r.label}</option> }
                                }).collect_view()}
                            </optgroup>
                            <optgroup label="Offer your services as a">
                                {PROFESSIONAL_ROLES.iter().map(|r| {
                                    let key = r.key;
                                    view! { <option value=key selected=move || preselected() == key>{r.label}</option> }
                                }).collect_view()}
                            </optgroup>
                        </select>
                        <FieldMessage id="role-error".into()
                            message=Signal::derive(move || error.get().and_then(|e| e.field_message("role")))/>
                    </div>
                    <Submit label="Create account" busy_label="Creating your account…" pending=pending/>
                    <p class="text-center text-sm text-slate-600">
                        "Already have an account? " <A href="/login" attr:class="font-medium text-indigo-700 hover:underline">"Log in"</A>
                    </p>
                </ActionForm>
            </AuthCard>
        </Show>
    }
}

/// Password input with a show/hide toggle and a live length count; both need the WASM
/// to have hydrated, which the end-to-end tests use as their hydration check.
#[component]
pub fn PasswordField(
    error: crate::ui::form::ActionError,
    #[prop(default = "password")] name: &'static str,
    #[prop(default = "Password")] label: &'static str,
    #[prop(default = "new-password")] autocomplete: &'static str,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    let length = RwSignal::new(0usize);
    let message = Signal::derive(move || error.get().and_then(|e| e.field_message(name)));
    let err_id = format!("{name}-error");
    let hint_id = format!("{name}-hint");
    view! {
        <div class="space-y-1">
            <label for=name class="block text-sm font-medium text-slate-800">{label}</label>
            <div class="flex gap-2">
                <input id=name name=name autocomplete=autocomplete required=true
                    type=move || if shown.get() { "text" } else { "password" }
                    aria-describedby=format!("{hint_id} {err_id}")
                    aria-invalid=move || message.get().map(|_| "true")
                    on:input=move |ev| length.set(event_target_value(&ev).chars().count())
                    class=move || if message.get().is_some() {
                        "block w-full rounded-lg border border-red-500 px-3 py-2 focus:outline-none focus:ring-2 focus:ring-red-400"
                    } else {
                        "block w-full rounded-lg border border-slate-300 px-3 py-2 focus:outline-none focus:ring-2 focus:ring-indigo-400"
                    }/>
                <button type="button" class="rounded-lg border border-slate-300 px-3 text-sm"
                    aria-controls=name aria-pressed=move || shown.get().to_string()
                    on:click=move |_| shown.update(|s| *s = !*s)>
                    {move || if shown.get() { "Hide" } else { "Show" }}
                </button>
            </div>
            <p id=hint_id class="text-xs text-slate-500" data-testid=format!("{name}-count")>
                {move || {
                    let n = length.get();
                    if n == 0 {
                        format!("{PASSWORD_MIN}–{PASSWORD_MAX} characters.")
                    } else if n < PASSWORD_MIN {
                        format!("{n} characters — {} more needed.", PASSWORD_MIN - n)
                    } else if n > PASSWORD_MAX {
                        format!("{n} characters — {} too many.", n - PASSWORD_MAX)
                    } else {
                        format!("{n} characters — good length.")
                    }
                }}
            </p>
            <FieldMessage id=err_id message=message/>
        </div>
    }
}

#[component]
fn CheckInbox(email: String) -> impl IntoView {
    let resend = ServerAction::<ResendVerification>::new();
    let sent = move || matches!(resend.value().get(), Some(Ok(())));
    let shown_email = email.clone();
    view! {
        <AuthCard title="Check your inbox">
            <p class="text-slate-700" data-testid="register-success">
                "We sent a confirmation link to " <strong>{shown_email}</strong>
                ". Open it to activate your account, then log in."
            </p>
            <ActionForm action=resend attr:class="mt-6">
                <input type="hidden" name="email" value=email/>
                <Submit label="Send the link again" busy_label="Sending…" pending=resend.pending().into() kind="secondary"/>
            </ActionForm>
            <Show when=sent>
                <p class="mt-3 text-sm text-emerald-700" role="status">"A new link is on its way."</p>
            </Show>
        </AuthCard>
    }
}
