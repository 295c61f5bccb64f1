//! The Services tab (/pro/{role}/services): what a professional offers and for how much.
mod form;

use super::api::{list_services, DeleteService, SetServiceActive, UpdateService};
use super::model::{format_duration, ServiceView};
use crate::core::{AppError, ErrorCode};
use crate::ui::form::on_ok;
use crate::ui::pro_nav::{ProNav, ProTab};
use crate::ui::style::{SMALL_BUTTON, SMALL_DANGER_SOLID};
use crate::ui::toast::{use_toasts, Toasts};
use crate::ui::widgets::{focus_soon, ConfirmDelete};
use form::{AddServiceForm, EditServiceForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};
use uuid::Uuid;

/// What the parts of the tab share.
#[derive(Clone, Copy)]
struct Ctx {
    role: Signal<String>,
    /// Bumped after every successful change; the list reloads.
    reload: RwSignal<u32>,
    /// Element ids to focus (the first that exists) once the list has reloaded.
    focus_after: RwSignal<Vec<String>>,
    /// The service whose inline edit form is open.
    editing: RwSignal<Option<Uuid>>,
    update: ServerAction<UpdateService>,
    set_active: ServerAction<SetServiceActive>,
    delete: ServerAction<DeleteService>,
}

fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// Reloads the list and says so after a success; shows the error otherwise.
fn on_result<T, V>(value: V, ctx: Ctx, toasts: Toasts, done: &'static str)
where
    T: Clone + Send + Sync + 'static,
    V: Get<Value = Option<Result<T, AppError>>> + 'static,
{
    Effect::new(move |_| match value.get() {
        Some(Ok(_)) => {
            ctx.reload.update(|v| *v += 1);
            toasts.success(done);
        }
        Some(Err(e)) => {
            ctx.focus_after.set(Vec::new());
            toasts.push(e.message, false);
        }
        None => {}
    });
}

#[component]
pub fn ServicesPage() -> impl IntoView {
    let params = use_params_map();
    let role = Signal::derive(move || params.read().get("role").unwrap_or_default());
    let ctx = Ctx {
        role,
        reload: RwSignal::new(0),
        focus_after: RwSignal::new(Vec::new()),
        editing: RwSignal::new(None),
        update: ServerAction::new(),
        set_active: ServerAction::new(),
        delete: ServerAction::new(),
    };
    provide_context(ctx);
    let toasts = use_toasts();
    // Field errors of the edit form show in the form; success closes it.
    on_ok(ctx.update.value(), move |_| {
        if let Some(id) = ctx.editing.get_untracked() {
            let edit = vec![format!("service-{id}-edit")];
            ctx.focus_after.set(edit.clone());
            focus_soon(edit);
        }
        ctx.editing.set(None);
        ctx.reload.update(|v| *v += 1);
        toasts.success("Changes saved.");
    });
    on_result(ctx.set_active.value(), ctx, toasts, "Service updated.");
    on_result(ctx.delete.value(), ctx, toasts, "Service deleted.");
    let services = Resource::new(
        move || (role.get(), ctx.reload.get()),
        |(role, _)| list_services(role),
    );
    let title = move || {
        let label = crate::core::roles::role_label(&role.get());
        format!("Services — {label} profile — Nxtgauge")
    };
    view! {
        <Title text=title/>
        <div class="px-4">
            {move || view! { <ProNav role=role.get() active=ProTab::Services/> }}
            <div class="mx-auto max-w-4xl space-y-6 py-6">
                <Transition fallback=|| view! { <p class="text-slate-500">"Loading your services…"</p> }>
                    <ServicesBody services=services/>
                </Transition>
            </div>
        </div>
    }
    .into_any()
}

type Services = Resource<Result<Vec<ServiceView>, AppError>>;

/// The form and the list once loaded. Both render once; the list updates row by row,
/// so an open form survives changes elsewhere.
#[component]
fn ServicesBody(services: Services) -> impl IntoView {
    let ctx = use_ctx();
    let state = Memo::new(move |_| services.get().map(|r| r.err()));
    let list = Memo::new(move |_| services.get().and_then(Result::ok).unwrap_or_default());
    Effect::new(move |_| {
        list.track();
        let targets = ctx.focus_after.get_untracked();
        if !targets.is_empty() {
            ctx.focus_after.set(Vec::new());
            focus_soon(targets);
        }
    });
    let count = Signal::derive(move || list.with(Vec::len));
    move || {
        match state.get() {
        None => ().into_any(),
        Some(Some(e)) => view! { <LoadError error=e/> }.into_any(),
        Some(None) => view! {
            <AddServiceForm count=count/>
            <section aria-labelledby="services-heading" class="space-y-4">
                <h2 id="services-heading" tabindex="-1" class="text-lg font-semibold">"Your services"</h2>
                <Show when=move || !list.with(Vec::is_empty) fallback=EmptyState>
                    <ul class="space-y-4">
                        <For each=move || list.get() key=|s| s.clone() let:service>
                            <ServiceRow service=service/>
                        </For>
                    </ul>
                </Show>
            </section>
        }
        .into_any(),
    }
    }
}

#[component]
fn LoadError(error: AppError) -> impl IntoView {
    let ctx = use_ctx();
    match error.code {
        ErrorCode::Unauthenticated => view! {
            <div class="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
                <p class="text-slate-700">"Please log in to edit your services."</p>
                <A href=move || format!("/login?next=/pro/{}/services", ctx.role.get())
                    attr:class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Log in"</A>
            </div>
        }
        .into_any(),
        ErrorCode::NotFound => view! {
            <div class="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
                <p class="text-slate-700">"You have no profile for this role yet. Create it first, then list your services here."</p>
                <A href=move || format!("/pro/{}", ctx.role.get())
                    attr:class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Create the profile"</A>
            </div>
        }
        .into_any(),
        _ => view! { <p role="alert" class="text-red-700">{error.message}</p> }.into_any(),
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    view! {
        <div class="rounded-2xl border border-dashed border-slate-300 bg-slate-50 p-6 text-slate-700" data-testid="services-empty">
            <p class="font-semibold">"You have not listed any services yet."</p>
            <p class="mt-2 text-sm">
                "List what customers can book, each with a clear name, a price and how long it takes, e.g. “Pre-wedding shoot — ₹25,000 — 4 h”. Customers compare prices, so say what is included."
            </p>
        </div>
    }
}

#[component]
fn ServiceRow(service: ServiceView) -> impl IntoView {
    let ctx = use_ctx();
    let id = service.id;
    let name = service.name.clone();
    let heading_id = format!("service-{id}-name");
    let toggle_aria = format!(
        "{}: {name}",
        if service.is_active {
            "Deactivate"
        } else {
            "Activate"
        }
    );
    let delete_label = format!("Delete {name}");
    let question = format!("Delete “{name}”? This cannot be undone.");
    let toggle_id = format!("service-{id}-toggle");
    let edit_label = format!("Edit {name}");
    let stored = StoredValue::new(service.clone());
    let open_edit = {
        let focus = format!("service-{id}-edit-name");
        move |_| {
            ctx.update.clear();
            ctx.editing.set(Some(id));
            focus_soon(vec![focus.clone()]);
        }
    };
    let (toggle_label, badge) = if service.is_active {
        (
            "Deactivate",
            view! { <span class="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800">"Active"</span> },
        )
    } else {
        (
            "Activate",
            view! { <span class="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-700">"Inactive"</span> },
        )
    };
    let price_line = match service.duration_minutes {
        Some(m) => format!("{} · {}", service.price.format_inr(), format_duration(m)),
        None => service.price.format_inr(),
    };
    view! {
        <li aria-labelledby=format!("service-{id}-name") data-testid="service-row"
            class="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
            <div class="flex flex-wrap items-start justify-between gap-3">
                <div class="space-y-1">
                    <div class="flex flex-wrap items-center gap-2">
                        <h3 id=heading_id tabindex="-1" class="text-lg font-semibold text-slate-900">{name.clone()}</h3>
                        {badge}
                    </div>
                    <p class="font-medium text-slate-800" data-testid="service-price">{price_line}</p>
                </div>
                <div class="flex flex-wrap items-center gap-2">
                    <ActionForm action=ctx.set_active attr:class="inline">
                        <input type="hidden" name="role" value=move || ctx.role.get()/>
                        <input type="hidden" name="service_id" value=id.to_string()/>
                        <input type="hidden" name="active" value=(!service.is_active).to_string()/>
                        <button type="submit" id=toggle_id.clone() class=SMALL_BUTTON
                            aria-label=toggle_aria
                            disabled=move || ctx.set_active.pending().get()
                            on:click={
                                let toggle_id = toggle_id.clone();
                                move |_| ctx.focus_after.set(vec![toggle_id.clone()])
                            }>
                            {toggle_label}
                        </button>
                    </ActionForm>
                    <Show when=move || ctx.editing.get() != Some(id)>
                        <button type="button" id=format!("service-{id}-edit") class=SMALL_BUTTON
                            aria-label=edit_label.clone() on:click=open_edit.clone()>"Edit"</button>
                    </Show>
                    <ConfirmDelete id=format!("service-{id}") label="Delete"
                        aria_label=delete_label
                        question=question>
                        <ActionForm action=ctx.delete attr:class="inline">
                            <input type="hidden" name="role" value=move || ctx.role.get()/>
                            <input type="hidden" name="service_id" value=id.to_string()/>
                            <button type="submit" class=SMALL_DANGER_SOLID
                                disabled=move || ctx.delete.pending().get()
                                on:click=move |_| ctx.focus_after.set(vec!["services-heading".into()])>
                                "Yes, delete"
                            </button>
                        </ActionForm>
                    </ConfirmDelete>
                </div>
            </div>
            <Show when=move || ctx.editing.get() == Some(id)
                fallback=move || stored.get_value().description.map(|d| view! {
                    <p class="mt-3 whitespace-pre-line text-sm text-slate-700">{d}</p>
                })>
                <EditServiceForm service=stored.get_value()/>
            </Show>
        </li>
    }
    .into_any()
}
