use crate::domains::identity::api::{ForgotPassword, ResetPassword, VerifyEmail};
use crate::domains::identity::pages::register::PasswordField;
use crate::domains::identity::pages::AuthCard;
use crate::ui::form::{action_error, Field, FormAlert, Submit};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

fn query_token() -> Signal<String> {
    let query = use_query_map();
    Signal::derive(move || query.read().get("token").unwrap_or_default())
}

/// Confirming is a button, not the link itself: state never changes on GET, and mail
/// scanners that open links cannot use up the token.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let verify = ServerAction::<VerifyEmail>::new();
    let error = action_error(verify.value());
    let token = query_token();
    let done = move || matches!(verify.value().get(), Some(Ok(())));
    view! {
        <Title text="Confirm your email — Nxtgauge"/>
        <AuthCard title="Confirm your email">
            <Show when=done fallback=move || view! {
                <ActionForm action=verify attr:class="space-y-4">
                    <FormAlert error=error/>
                    <p class="text-slate-700">"Press the button to confirm this email address and activate your account."</p>
                    <input type="hidden" name="token" value=move || token.get()/>
                    <Submit label="Confirm my email" busy_label="Confirming…" pending=verify.pending().into()/>
                </ActionForm>
            }>
                <p class="text-slate-700" role="status" data-testid="verify-success">"Your email is confirmed. You can log in now."</p>
                <A href="/login" attr:class="mt-6 inline-flex w-full justify-center rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700">"Log in"</A>
            </Show>
        </AuthCard>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let forgot = ServerAction::<ForgotPassword>::new();
    let error = action_error(forgot.value());
    let done = move || matches!(forgot.value().get(), Some(Ok(())));
    view! {
        <Title text="Reset your password — Nxtgauge"/>
        <AuthCard title="Reset your password">
            <Show when=done fallback=move || view! {
                <ActionForm action=forgot attr:class="space-y-4" attr:novalidate="true">
                    <FormAlert error=error/>
                    <p class="text-sm text-slate-600">"Enter the email you registered with and we will send you a link to choose a new password."</p>
                    <Field name="email" label="Email" input_type="email" autocomplete="email" error=error/>
                    <Submit label="Send reset link" busy_label="Sending…" pending=forgot.pending().into()/>
                </ActionForm>
            }>
                <p class="text-slate-700" role="status" data-testid="forgot-success">
                    "If an account exists for that email, a reset link is on its way. It works once and expires soon."
                </p>
            </Show>
        </AuthCard>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let reset = ServerAction::<ResetPassword>::new();
    let error = action_error(reset.value());
    let token = query_token();
    let done = move || matches!(reset.value().get(), Some(Ok(())));
    view! {
        <Title text="Choose a new password — Nxtgauge"/>
        <AuthCard title="Choose a new password">
            <Show when=done fallback=move || view! {
                <ActionForm action=reset attr:class="space-y-4" attr:novalidate="true">
                    <FormAlert error=error/>
                    <input type="hidden" name="token" value=move || token.get()/>
                    <PasswordField error=error label="New password"/>
                    <Field name="confirm_password" label="Repeat the new password" input_type="password" autocomplete="new-password" error=error/>
                    <Submit label="Save new password" busy_label="Saving…" pending=reset.pending().into()/>
                </ActionForm>
            }>
                <p class="text-slate-700" role="status" data-testid="reset-success">"Your password has been changed and every other session signed out. Log in with your new password."</p>
                <A href="/login" attr:class="mt-6 inline-flex w-full justify-center rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700">"Log in"</A>
            </Show>
        </AuthCard>
    }
}
