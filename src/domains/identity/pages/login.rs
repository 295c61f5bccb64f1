use crate::core::ErrorCode;
use crate::domains::identity::api::{Login, ResendVerification};
use crate::domains::identity::pages::{use_auth, AuthCard};
use crate::ui::form::on_ok;
use crate::ui::form::{action_error, Field, FormAlert, Submit};
use crate::ui::toast::use_toasts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
};

/// Only same-site paths: `?next=//evil.example` must not become an open redirect.
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or_else(|| "/account".into())
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let resend = ServerAction::<ResendVerification>::new();
    let error = action_error(login.value());
    let auth = use_auth();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let query = use_query_map();
    let email = RwSignal::new(String::new());
    on_ok(login.value(), move |()| {
        auth.refresh();
        toasts.success("Welcome back!");
        navigate(
            &safe_next(query.read_untracked().get("next")),
            Default::default(),
        );
    });
    let unverified = move || {
        error
            .get()
            .is_some_and(|e| e.code == ErrorCode::EmailUnverified)
    };
    view! {
        <Title text="Log in — Nxtgauge"/>
        <AuthCard title="Log in">
            <ActionForm action=login attr:class="space-y-4" attr:novalidate="true">
                <FormAlert error=error/>
                <div class="space-y-1">
                    <label for="email" class="block text-sm font-medium text-slate-800">"Email"</label>
                    <input id="email" name="email" type="email" autocomplete="username" required=true
                        on:input=move |ev| email.set(event_target_value(&ev))
                        class="block w-full rounded-lg border border-slate-300 px-3 py-2 focus:outline-none focus:ring-2 focus:ring-indigo-400"/>
                </div>
                <Field name="password" label="Password" input_type="password" autocomplete="current-password" error=error/>
                <Submit label="Log in" busy_label="Checking…" pending=login.pending().into()/>
            </ActionForm>
            <Show when=unverified>
                <ActionForm action=resend attr:class="mt-4">
                    <input type="hidden" name="email" value=move || email.get()/>
                    <Submit label="Email me a new confirmation link" busy_label="Sending…" pending=resend.pending().into() kind="secondary"/>
                </ActionForm>
                <Show when=move || matches!(resend.value().get(), Some(Ok(())))>
                    <p class="mt-2 text-sm text-emerald-700" role="status">"If that address has an account waiting for confirmation, a new link is on its way."</p>
                </Show>
            </Show>
            <div class="mt-6 flex flex-col gap-2 text-center text-sm text-slate-600">
                <A href="/forgot-password" attr:class="font-medium text-indigo-700 hover:underline">"Forgot your password?"</A>
                <p>"New to Nxtgauge? " <A href="/register" attr:class="font-medium text-indigo-700 hover:underline">"Create an account"</A></p>
            </div>
        </AuthCard>
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_limited_to_local_paths() {
        assert_eq!(safe_next(Some("/jobs?x=1".into())), "/jobs?x=1");
        assert_eq!(safe_next(Some("//evil.example".into())), "/account");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/account");
        assert_eq!(safe_next(Some("/\\evil.example".into())), "/account");
        assert_eq!(safe_next(None), "/account");
    }
}
