//! `/pro/:role`: where a professional stands (status and checklist), submitting for
//! review, and the profile form that the role's `RoleSpec` lays out.
use super::contact::ContactCard;
use super::editor_fields::{
    BioControl, Check, CheckboxControl, CityControl, RoleFieldControl, TextControl,
};
use crate::core::media::MAX_IMAGE_BYTES;
use crate::core::roles::{self as spec, FieldValue, RoleSpec};
use crate::core::time::ist_stamp;
use crate::core::{validation::parse_display_name, ErrorCode};
use crate::domains::identity::pages::use_auth;
use crate::domains::profiles::api::{
    load_contact_settings, load_profile, CreateProfile, SaveContact, SaveProfile, SubmitProfile,
};
use crate::domains::profiles::model::{RoleProfileView, Stage};
use crate::ui::form::on_ok;
use crate::ui::form::{action_error, FormAlert, Submit};
use crate::ui::pro_nav::{ProNav, ProTab};
use crate::ui::toast::use_toasts;
use crate::ui::upload::FileUpload;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

use crate::ui::style::CARD;

#[component]
pub fn ProfileEditorPage() -> impl IntoView {
    let params = use_params_map();
    let role = Memo::new(move |_| params.read().get("role").unwrap_or_default());
    let auth = use_auth();
    let title = move || match spec::role_spec(&role.get()) {
        Some(s) => format!("Your {} profile — Nxtgauge", s.label),
        None => "Profile not found — Nxtgauge".to_string(),
    };
    view! {
        <Title text=title/>
        <Transition fallback=|| view! { <p class="mx-auto mt-8 max-w-4xl text-slate-500">"Loading…"</p> }>
            {move || {
                let role = role.get();
                match (auth.user.get(), spec::role_spec(&role)) {
                    (Some(Ok(Some(_))), Some(spec)) => view! {
                        <ProNav role=role.clone() active=ProTab::Profile/>
                        <Editor spec=spec/>
                    }.into_any(),
                    (Some(Ok(Some(_))), None) => view! {
                        <div class=format!("mx-auto mt-8 max-w-4xl {CARD}")>
                            <h1 class="text-2xl font-bold">"There is no such profile"</h1>
                            <p class="mt-2 text-slate-600">"Nxtgauge has no professional role by that name."</p>
                            <A href="/pro" attr:class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Go to My profiles"</A>
                        </div>
                    }.into_any(),
                    (Some(Err(e)), _) => view! { <p role="alert" class="mx-auto mt-8 max-w-4xl text-red-700">{e.message}</p> }.into_any(),
                    _ => view! {
                        <div class=format!("mx-auto mt-8 max-w-4xl {CARD}")>
                            <h1 class="text-2xl font-bold">"Your professional profile"</h1>
                            <p class="mt-2 text-slate-700">"Please log in to edit your profile."</p>
                            <A href=format!("/login?next=/pro/{role}") attr:class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Log in"</A>
                        </div>
                    }.into_any(),
                }
            }}
        </Transition>
    }
}

#[component]
fn Editor(spec: &'static RoleSpec) -> impl IntoView {
    let save = ServerAction::<SaveProfile>::new();
    let submit = ServerAction::<SubmitProfile>::new();
    let create = ServerAction::<CreateProfile>::new();
    // The form is drawn once per profile, so saving never resets what is being typed;
    // the status panel and checklist are re-read after every save and submission.
    let form_data = Resource::new(
        move || create.version().get(),
        move |_| load_profile(spec.key.to_string()),
    );
    let status = Resource::new(
        move || {
            (
                save.version().get(),
                submit.version().get(),
                create.version().get(),
            )
        },
        move |_| load_profile(spec.key.to_string()),
    );
    let save_contact = ServerAction::<SaveContact>::new();
    // Loaded here beside the profile, not inside its Transition: the page hydrates in
    // the order the server drew it.
    let contact = Resource::new(
        move || (save_contact.version().get(), create.version().get()),
        move |_| load_contact_settings(spec.key.to_string()),
    );
    let toasts = use_toasts();
    on_ok(save.value(), move |()| {
        toasts.success("Profile saved.");
    });
    on_ok(submit.value(), move |()| {
        toasts.success("Submitted for review. We will e-mail you when it is decided.");
    });
    view! {
        <div class="mx-auto mt-6 max-w-4xl space-y-6">
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your profile…"</p> }>
                {move || status.get().map(|r| match r {
                    Ok(p) => view! { <StatusPanel spec=spec profile=p submit=submit/> }.into_any(),
                    Err(e) if e.code == ErrorCode::NotFound => view! { <NoProfile spec=spec create=create/> }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
                })}
            </Transition>
            <Transition fallback=|| ()>
                {move || form_data.get().and_then(|r| r.ok()).map(|p| view! {
                    <PhotoPanel profile_id=p.id name=p.display_name.clone() url=p.avatar_url.clone()/>
                    <ProfileForm spec=spec profile=p save=save/>
                }.into_any())}
            </Transition>
            <ContactCard role=spec.key save=save_contact settings=contact/>
        </div>
    }
}

/// "Create your Photographer profile", busy while the profile is created.
#[component]
pub fn CreateButton(label: &'static str, pending: Signal<bool>) -> impl IntoView {
    view! {
        <button type="submit" disabled=move || pending.get() aria-busy=move || pending.get().then_some("true")
            class="inline-flex items-center justify-center rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700 disabled:opacity-60">
            {move || if pending.get() { "Creating…".to_string() } else { format!("Create your {label} profile") }}
        </button>
    }
}

#[component]
fn NoProfile(spec: &'static RoleSpec, create: ServerAction<CreateProfile>) -> impl IntoView {
    let error = action_error(create.value());
    view! {
        <section class=CARD aria-labelledby="no-profile-title">
            <h2 id="no-profile-title" class="text-lg font-semibold">{format!("You have no {} profile yet", spec.label)}</h2>
            <p class="mt-2 text-slate-600">"Create it, fill it in, and submit it for review. Customers see it once it is approved."</p>
            <ActionForm action=create attr:class="mt-4 space-y-3">
                <FormAlert error=error/>
                <input type="hidden" name="role" value=spec.key/>
                <CreateButton label=spec.label pending=create.pending().into()/>
            </ActionForm>
        </section>
    }
}

/// What the professional should do next, the checklist and the submit button.
#[component]
fn StatusPanel(
    spec: &'static RoleSpec,
    profile: RoleProfileView,
    submit: ServerAction<SubmitProfile>,
) -> impl IntoView {
    let error = action_error(submit.value());
    let role = spec.key;
    let stage = profile.stage;
    let next = match stage {
        Stage::Draft => view! {
            <p>"Your profile is a draft. Complete the checklist, save, then submit it for review. Customers see it once staff approve it."</p>
        }.into_any(),
        Stage::InReview => view! {
            <p>
                {format!("In review since {}. ", profile.in_review_since.map(ist_stamp).unwrap_or_default())}
                "We will e-mail you when it is decided. You can keep editing: reviewers see what you last saved."
            </p>
        }.into_any(),
        Stage::ChangesRequested => view! {
            <div>
                <p>"Staff asked for changes before your profile can go live:"</p>
                <blockquote class="mt-2 rounded-lg border-l-4 border-orange-400 bg-orange-50 px-4 py-2 text-orange-900" data-testid="rejection-reason">
                    {profile.rejection_reason.clone().unwrap_or_else(|| "No remarks were given.".into())}
                </blockquote>
                <p class="mt-2">"Make the changes, save, and submit it again."</p>
            </div>
        }.into_any(),
        Stage::Live => view! {
            <div class="space-y-1">
                <p>"Your profile is live. Changes you save appear on it straight away."</p>
                {(!profile.is_profile_public).then(|| view! {
                    <p class="text-amber-800">"It is hidden from search: tick \u{201c}Show my profile in search\u{201d} and save to be found."</p>
                })}
                <A href=format!("/p/{}", profile.slug) attr:class="font-semibold text-indigo-700 hover:underline">"View your public page"</A>
            </div>
        }.into_any(),
        Stage::Suspended => view! {
            <p>"Your profile is suspended and hidden from customers. Contact support to find out why and what to do."</p>
        }.into_any(),
    };
    let complete = profile.checklist_complete();
    view! {
        <section class=CARD aria-labelledby="status-title" data-testid="profile-status">
            <div class="flex flex-wrap items-center gap-2">
                <h2 id="status-title" class="text-lg font-semibold">"Status"</h2>
                <span class=format!("rounded-full px-2.5 py-0.5 text-sm font-medium {}", stage.badge_class()) data-testid="stage">{stage.label()}</span>
                {profile.verified().then(|| view! {
                    <span class="rounded-full bg-sky-100 px-2.5 py-0.5 text-sm font-medium text-sky-800">"Verified"</span>
                })}
            </div>
            <div class="mt-3 text-slate-700">{next}</div>
            {(!profile.verified()).then(|| view! {
                <p class="mt-2 text-sm text-slate-600">
                    "Verified profiles earn more trust. "
                    <A href=format!("/pro/{role}/verification") attr:class="font-medium text-indigo-700 hover:underline">"Get verified"</A>
                </p>
            })}
            <h3 class="mt-5 font-semibold">"Before you submit"</h3>
            <ul class="mt-2 space-y-1" data-testid="checklist">
                {profile.checklist.iter().map(|item| {
                    let href = match item.key.as_str() {
                        "portfolio" => format!("/pro/{role}/portfolio"),
                        "services" => format!("/pro/{role}/services"),
                        "display_name" | "bio" | "location" => format!("#{}", item.key),
                        key => format!("#field-{key}"),
                    };
                    let external = matches!(item.key.as_str(), "portfolio" | "services");
                    let label = item.label.clone();
                    let done = item.done;
                    view! {
                        <li class="flex items-center gap-2 text-sm">
                            <span aria-hidden="true" class=if done { "text-emerald-600" } else { "text-slate-400" }>{if done { "✓" } else { "○" }}</span>
                            <span class="sr-only">{if done { "Done: " } else { "To do: " }}</span>
                            {if external {
                                view! { <A href=href attr:class="text-indigo-700 hover:underline">{label}</A> }.into_any()
                            } else {
                                view! { <a href=href class="text-slate-800 hover:underline">{label}</a> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {stage.can_submit().then(|| view! {
                <ActionForm action=submit attr:class="mt-5 space-y-3">
                    <input type="hidden" name="role" value=role/>
                    <FormAlert error=error/>
                    <Show when=move || error.get().is_some_and(|e| !e.fields.is_empty())>
                        <ul class="list-inside list-disc text-sm text-red-800" data-testid="submit-missing">
                            {move || error.get().map(|e| e.fields.into_values().map(|m| view! { <li>{m}</li> }).collect_view())}
                        </ul>
                    </Show>
                    <p class="text-sm text-slate-600">
                        {if complete { "" } else { "Finish the checklist first; submitting now tells you what is missing. " }}
                        "Reviewers see what you last saved, so save your changes before you submit."
                    </p>
                    <div class="w-56">
                        <Submit label="Submit for review" busy_label="Submitting…" pending=submit.pending().into()/>
                    </div>
                </ActionForm>
            })}
            <Show when=move || matches!(submit.value().get(), Some(Ok(())))>
                <p role="status" class="mt-3 text-sm text-emerald-700">"Submitted for review. We will e-mail you when it is decided."</p>
            </Show>
        </section>
    }
}

/// The profile photo: shown on search results and the public page. Uploading replaces
/// the previous one (the server crops it square and strips its metadata).
#[component]
fn PhotoPanel(profile_id: uuid::Uuid, name: String, url: Option<String>) -> impl IntoView {
    let url = RwSignal::new(url);
    let toasts = use_toasts();
    let on_uploaded = Callback::new(move |answer: String| {
        if let Some(new_url) = serde_json::from_str::<serde_json::Value>(&answer)
            .ok()
            .and_then(|v| v.get("url").and_then(|u| u.as_str()).map(str::to_owned))
        {
            url.set(Some(new_url));
            toasts.success("Profile photo updated.");
        }
    });
    let initial = name
        .chars()
        .next()
        .map(|c| c.to_uppercase().to_string())
        .unwrap_or_default();
    let hint = format!(
        "A clear photo of you or your logo. JPEG, PNG or WebP, up to {} MB; it is cropped to a square.",
        MAX_IMAGE_BYTES / (1024 * 1024)
    );
    view! {
        <section class=CARD aria-labelledby="photo-title">
            <h2 id="photo-title" class="text-lg font-semibold">"Profile photo"</h2>
            <div class="mt-4 flex flex-wrap items-center gap-6">
                {move || match url.get() {
                    Some(src) => view! {
                        <img src=src alt="Your profile photo" width="96" height="96" data-testid="avatar"
                            class="h-24 w-24 rounded-full border border-slate-200 object-cover"/>
                    }.into_any(),
                    None => view! {
                        <div aria-hidden="true" class="flex h-24 w-24 items-center justify-center rounded-full bg-indigo-100 text-3xl font-bold text-indigo-700">
                            {initial.clone()}
                        </div>
                    }.into_any(),
                }}
                <div class="min-w-64 flex-1">
                    <FileUpload id="avatar-upload" label="Upload a photo"
                        endpoint=Signal::stored(format!("/api/uploads/avatar/{profile_id}"))
                        accept="image/jpeg,image/png,image/webp" hint=hint
                        max_bytes=MAX_IMAGE_BYTES as f64 on_uploaded=on_uploaded/>
                </div>
            </div>
        </section>
    }
}

/// The profile form: common fields, then one control per role field.
#[component]
fn ProfileForm(
    spec: &'static RoleSpec,
    profile: RoleProfileView,
    save: ServerAction<SaveProfile>,
) -> impl IntoView {
    let error = action_error(save.value());
    let name_check = Check::new("display_name", error);
    let bio_check = Check::new("bio", error);
    let city_check = Check::new("location", error);
    let validate_name = Callback::new(|v: String| parse_display_name(&v).map(|_| ()));
    let defaults = spec::default_fields(spec);
    view! {
        <section class=CARD aria-labelledby="form-title">
            <h2 id="form-title" class="text-lg font-semibold">"Your profile"</h2>
            <ActionForm action=save attr:class="mt-4 space-y-6" attr:novalidate="true">
                <FormAlert error=error/>
                <input type="hidden" name="role" value=spec.key/>
                <fieldset class="space-y-4">
                    <legend class="text-base font-semibold text-slate-900">"About you"</legend>
                    <TextControl id="display_name".into() name="display_name".into() label="Display name".into()
                        value=profile.display_name.clone() help=Some("The name customers see.".into())
                        autocomplete="name" maxlength=80 validate=validate_name check=name_check/>
                    <BioControl value=profile.bio.clone().unwrap_or_default() check=bio_check/>
                    <CityControl value=profile.location.clone() check=city_check/>
                    <CheckboxControl id="is_profile_public".into() name="is_profile_public".into()
                        label="Show my profile in search".into() checked=profile.is_profile_public
                        help=Some("Your profile appears in search once it is approved. Untick to take it out of search; its link keeps working.".into())/>
                </fieldset>
                <fieldset class="space-y-4">
                    <legend class="text-base font-semibold text-slate-900">{format!("{} details", spec.label)}</legend>
                    {spec.fields.iter().map(|f| {
                        let value = profile.fields.get(f.key).or_else(|| defaults.get(f.key)).cloned()
                            .unwrap_or(FieldValue::Text(None));
                        view! { <RoleFieldControl field=f value=value server=error/> }
                    }).collect_view()}
                </fieldset>
                <div class="w-48">
                    <Submit label="Save profile" busy_label="Saving…" pending=save.pending().into()/>
                </div>
            </ActionForm>
        </section>
    }
}
