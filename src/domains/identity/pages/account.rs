use crate::domains::identity::api::{
    get_settings, my_sessions, ChangePassword, LogoutOthers, SaveSettings,
};
use crate::domains::identity::pages::register::PasswordField;
use crate::domains::identity::pages::use_auth;
use crate::ui::form::on_ok;
use crate::ui::form::{action_error, Field, FormAlert, Submit};
use crate::ui::toast::use_toasts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

fn section_class() -> &'static str {
    "rounded-2xl border border-slate-200 bg-white p-6 shadow-sm"
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Title text="Your account — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-3xl space-y-6 px-4">
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your account…"</p> }>
                {move || match auth.user.get() {
                    Some(Ok(Some(user))) => view! {
                        <h1 class="text-2xl font-bold text-slate-900">"Your account"</h1>
                        <p class="text-slate-600" data-testid="account-email">{user.email.clone()}</p>
                        <p><A href="/account/profile" attr:class="font-semibold text-indigo-700 hover:underline">"Your customer, company and candidate profiles"</A></p>
                        <SettingsSection/>
                        <ChangePasswordSection/>
                        <SessionsSection/>
                    }.into_any(),
                    Some(Err(e)) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
                    _ => view! {
                        <div class=section_class()>
                            <p class="text-slate-700">"Please log in to see your account."</p>
                            <A href="/login?next=/account" attr:class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Log in"</A>
                        </div>
                    }.into_any(),
                }}
            </Transition>
        </div>
    }
}

#[component]
fn SettingsSection() -> impl IntoView {
    let save = ServerAction::<SaveSettings>::new();
    let error = action_error(save.value());
    let settings = Resource::new(move || save.version().get(), |_| get_settings());
    let toasts = use_toasts();
    let auth = use_auth();
    on_ok(save.value(), move |()| {
        toasts.success("Settings saved.");
        auth.refresh();
    });
    view! {
        <section class=section_class() aria-labelledby="settings-title">
            <h2 id="settings-title" class="mb-4 text-lg font-semibold">"Profile and notifications"</h2>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || settings.get().map(|r| match r {
                    Ok(s) => view! {
                        <ActionForm action=save attr:class="space-y-4" attr:novalidate="true">
                            <FormAlert error=error/>
                            <Field name="display_name" label="Display name" autocomplete="name" maxlength=80 value=s.display_name.clone() error=error/>
                            <label class="flex items-center gap-2 text-sm" for="email_notifications">
                                <input id="email_notifications" type="checkbox" name="email_notifications" value="on" checked=s.email_notifications/>
                                "Email me about leads, messages and account activity"
                            </label>
                            <label class="flex items-center gap-2 text-sm" for="marketing_emails">
                                <input id="marketing_emails" type="checkbox" name="marketing_emails" value="on" checked=s.marketing_emails/>
                                "Send me tips and offers (at most twice a month)"
                            </label>
                            <div class="w-40"><Submit label="Save" busy_label="Saving…" pending=save.pending().into()/></div>
                        </ActionForm>
                    }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ChangePasswordSection() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let error = action_error(change.value());
    let toasts = use_toasts();
    let form_version = RwSignal::new(0u32);
    on_ok(change.value(), move |()| {
        toasts.success("Password changed. Your other sessions were signed out.");
        form_version.update(|v| *v += 1);
    });
    view! {
        <section class=section_class() aria-labelledby="password-title">
            <h2 id="password-title" class="mb-4 text-lg font-semibold">"Change password"</h2>
            {move || {
                form_version.get();
                view! {
                    <ActionForm action=change attr:class="space-y-4" attr:novalidate="true">
                        <FormAlert error=error/>
                        <Field name="current_password" label="Current password" input_type="password" autocomplete="current-password" error=error/>
                        <PasswordField error=error name="new_password" label="New password"/>
                        <Field name="confirm_password" label="Repeat the new password" input_type="password" autocomplete="new-password" error=error/>
                        <div class="w-48"><Submit label="Change password" busy_label="Saving…" pending=change.pending().into()/></div>
                    </ActionForm>
                }
            }}
        </section>
    }
}

#[component]
fn SessionsSection() -> impl IntoView {
    let others = ServerAction::<LogoutOthers>::new();
    let error = action_error(others.value());
    let sessions = Resource::new(move || others.version().get(), |_| my_sessions());
    let toasts = use_toasts();
    on_ok(others.value(), move |n| {
        toasts.success(match n {
            0 => "No other sessions were open.".to_string(),
            1 => "Signed out of 1 other session.".to_string(),
            n => format!("Signed out of {n} other sessions."),
        });
    });
    view! {
        <section class=section_class() aria-labelledby="sessions-title">
            <h2 id="sessions-title" class="mb-4 text-lg font-semibold">"Where you are signed in"</h2>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || sessions.get().map(|r| match r {
                    Ok(list) => view! {
                        <ul class="divide-y divide-slate-100" data-testid="session-list">
                            {list.into_iter().map(|s| view! {
                                <li class="flex flex-col py-2 text-sm sm:flex-row sm:justify-between">
                                    <span class="text-slate-800">{s.user_agent.clone().unwrap_or_else(|| "Unknown device".into())}</span>
                                    <span class="text-slate-500">
                                        {s.ip_address.clone().unwrap_or_default()} " · last active "
                                        {crate::core::time::ist(s.last_seen_at, "%d %b %Y %H:%M IST")}
                                        {s.current.then_some(" · this device")}
                                    </span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
                })}
            </Transition>
            <ActionForm action=others attr:class="mt-4">
                <FormAlert error=error/>
                <Submit label="Sign out of all other sessions" busy_label="Signing out…" pending=others.pending().into() kind="secondary"/>
            </ActionForm>
        </section>
    }
}
