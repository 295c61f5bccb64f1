//! `/pro`: every role profile of the signed-in professional, with its stage, and ways
//! to create the ones they do not have yet.
use super::editor::CreateButton;
use crate::domains::identity::pages::use_auth;
use crate::domains::profiles::api::{list_my_profiles, CreateProfile};
use crate::domains::profiles::model::{MyProfilesView, ProfileCard, Stage};
use crate::ui::form::on_ok;
use crate::ui::form::{action_error, FormAlert, Submit};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_navigate};

use crate::ui::style::CARD;

use crate::core::roles::role_label;

#[component]
pub fn MyProfilesPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Title text="My profiles — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-4xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">"My professional profiles"</h1>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || match auth.user.get() {
                    Some(Ok(Some(_))) => view! { <Profiles/> }.into_any(),
                    Some(Err(e)) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
                    _ => view! {
                        <div class=CARD>
                            <p class="text-slate-700">"Please log in to see and edit your professional profiles."</p>
                            <A href="/login?next=/pro" attr:class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Log in"</A>
                        </div>
                    }.into_any(),
                }}
            </Transition>
        </div>
    }
}

#[component]
fn Profiles() -> impl IntoView {
    let create = ServerAction::<CreateProfile>::new();
    let error = action_error(create.value());
    let list = Resource::new(move || create.version().get(), |_| list_my_profiles());
    let navigate = use_navigate();
    on_ok(create.value(), move |role| {
        navigate(&format!("/pro/{role}"), Default::default());
    });
    view! {
        <FormAlert error=error/>
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading your profiles…"</p> }>
            {move || list.get().map(|r| match r {
                Ok(view) => view! { <ProfilesView view=view create=create/> }.into_any(),
                Err(e) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ProfilesView(view: MyProfilesView, create: ServerAction<CreateProfile>) -> impl IntoView {
    let MyProfilesView {
        profiles,
        held_without_profile,
        addable,
    } = view;
    let nothing_yet = profiles.is_empty() && held_without_profile.is_empty();
    view! {
        {nothing_yet.then(|| view! {
            <p class="text-slate-600">"You have no professional profile yet. Pick what you offer below to create one."</p>
        })}
        {(!profiles.is_empty()).then(|| view! {
            <ul class="grid gap-4 sm:grid-cols-2" data-testid="my-profiles">
                {profiles.into_iter().map(|p| view! { <Card card=p/> }).collect_view()}
            </ul>
        })}
        {(!held_without_profile.is_empty()).then(|| view! {
            <section class=CARD aria-labelledby="held-title">
                <h2 id="held-title" class="text-lg font-semibold">"Finish setting up"</h2>
                <p class="mt-1 text-sm text-slate-600">"You joined Nxtgauge to offer these services. Create the profile customers will see."</p>
                <div class="mt-4 flex flex-wrap gap-3">
                    {held_without_profile.into_iter().map(|key| {
                        let label = role_label(&key);
                        view! {
                            <ActionForm action=create>
                                <input type="hidden" name="role" value=key/>
                                <CreateButton label=label pending=create.pending().into()/>
                            </ActionForm>
                        }
                    }).collect_view()}
                </div>
            </section>
        })}
        {(!addable.is_empty()).then(|| view! {
            <section class=CARD aria-labelledby="add-title">
                <h2 id="add-title" class="text-lg font-semibold">"Offer another service"</h2>
                <p class="mt-1 text-sm text-slate-600">"Offer more than one service? Each role has its own profile, portfolio and services."</p>
                <ActionForm action=create attr:class="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
                    <div class="space-y-1">
                        <label for="new-role" class="block text-sm font-medium text-slate-800">"Add another role"</label>
                        <select id="new-role" name="role" class="block w-64 rounded-lg border border-slate-300 bg-white px-3 py-2">
                            {addable.into_iter().map(|key| {
                                let label = role_label(&key);
                                view! { <option value=key>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="w-48">
                        <Submit label="Create profile" busy_label="Creating…" pending=create.pending().into()/>
                    </div>
                </ActionForm>
            </section>
        })}
    }
}

#[component]
fn Card(card: ProfileCard) -> impl IntoView {
    let label = role_label(&card.role_key);
    let stage = card.stage;
    let since = card
        .in_review_since
        .map(|at| crate::core::time::ist(at, "%d %b %Y"));
    view! {
        <li class=format!("{CARD} flex flex-col gap-3") data-testid=format!("profile-card-{}", card.role_key)>
            <div class="flex flex-wrap items-center gap-2">
                <h2 class="text-lg font-semibold">{label}</h2>
                <span class=format!("rounded-full px-2.5 py-0.5 text-sm font-medium {}", stage.badge_class())>{stage.label()}</span>
                {card.verified.then(|| view! {
                    <span class="rounded-full bg-sky-100 px-2.5 py-0.5 text-sm font-medium text-sky-800">"Verified"</span>
                })}
            </div>
            <p class="text-slate-700">{card.display_name.clone()}</p>
            {match stage {
                Stage::InReview => since.map(|d| view! { <p class="text-sm text-slate-600">{format!("In review since {d}.")}</p> }.into_any()),
                Stage::ChangesRequested => Some(view! {
                    <div class="text-sm">
                        <p class="font-medium text-orange-900">"Staff asked for changes:"</p>
                        <p class="mt-1 rounded-lg bg-orange-50 px-3 py-2 text-orange-900">
                            {card.rejection_reason.clone().unwrap_or_else(|| "No remarks were given.".into())}
                        </p>
                    </div>
                }.into_any()),
                Stage::Live if !card.is_profile_public => Some(view! {
                    <p class="text-sm text-amber-800">"Hidden from search."</p>
                }.into_any()),
                Stage::Suspended => Some(view! {
                    <p class="text-sm text-red-800">"Hidden from customers. Contact support."</p>
                }.into_any()),
                _ => None,
            }}
            <div class="mt-auto flex flex-wrap gap-4">
                <A href=format!("/pro/{}", card.role_key) attr:class="font-semibold text-indigo-700 hover:underline">
                    "Edit"<span class="sr-only">{format!(" your {label} profile")}</span>
                </A>
                {(stage == Stage::Live).then(|| view! {
                    <A href=format!("/p/{}", card.slug) attr:class="font-semibold text-indigo-700 hover:underline">
                        "View public page"<span class="sr-only">{format!(" of your {label} profile")}</span>
                    </A>
                })}
            </div>
        </li>
    }
}
