//! The service form, used to add a service and to edit one in place.
use super::use_ctx;
use crate::core::roles::rupees_for_form;
use crate::core::AppError;
use crate::domains::offerings::api::CreateService;
use crate::domains::offerings::model::{
    ServiceView, DESCRIPTION_MAX, DURATION_MAX, DURATION_MIN, MAX_SERVICES, NAME_MAX,
};
use crate::ui::form::on_ok;
use crate::ui::form::{action_error, ActionError, FormAlert, Submit};
use crate::ui::toast::use_toasts;
use crate::ui::widgets::{focus_soon, TextField};
use leptos::prelude::*;

/// What the form holds while someone types.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    description: RwSignal<String>,
    price: RwSignal<String>,
    duration: RwSignal<String>,
    active: RwSignal<bool>,
}

impl Draft {
    fn new(s: Option<&ServiceView>) -> Self {
        Self {
            name: RwSignal::new(s.map(|s| s.name.clone()).unwrap_or_default()),
            description: RwSignal::new(s.and_then(|s| s.description.clone()).unwrap_or_default()),
            price: RwSignal::new(s.map(|s| rupees_for_form(s.price.0)).unwrap_or_default()),
            duration: RwSignal::new(
                s.and_then(|s| s.duration_minutes)
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
            ),
            active: RwSignal::new(s.is_none_or(|s| s.is_active)),
        }
    }

    fn clear(&self) {
        self.name.set(String::new());
        self.description.set(String::new());
        self.price.set(String::new());
        self.duration.set(String::new());
        self.active.set(true);
    }
}

/// The fields of a service; `prefix` keeps the ids of several forms apart.
#[component]
fn ServiceFields(prefix: String, draft: Draft, error: ActionError) -> impl IntoView {
    let field = move |name: &'static str| {
        Signal::derive(move || error.get().and_then(|e| e.field_message(name)))
    };
    let active_id = format!("{prefix}-active");
    view! {
        <TextField id=format!("{prefix}-name") name="name" label="Service name".to_string()
            value=draft.name error=field("name") required=true maxlength=NAME_MAX as u32
            hint="What customers book, e.g. “Pre-wedding shoot”. 3–80 characters."/>
        <TextField id=format!("{prefix}-description") name="description" label="Description".to_string()
            value=draft.description error=field("description") multiline=true maxlength=DESCRIPTION_MAX as u32
            hint="Optional: what is included. No phone numbers, e-mail addresses or links."/>
        <div class="grid gap-4 sm:grid-cols-2">
            <TextField id=format!("{prefix}-price") name="price" label="Price (₹)".to_string()
                value=draft.price error=field("price") required=true inputmode="decimal"
                hint="In rupees, e.g. 15000 or 1,499.50; 0 if it is free. At most ₹1,00,00,000."/>
            <TextField id=format!("{prefix}-duration") name="duration_minutes" label="Duration (minutes)".to_string()
                value=draft.duration error=field("duration_minutes") input_type="number" inputmode="numeric"
                min="15" max="10080" step="1"
                hint=format!("Optional: {DURATION_MIN} to {DURATION_MAX} minutes (one week).")/>
        </div>
        <div class="flex items-start gap-2">
            <input id=active_id.clone() type="checkbox" name="is_active" value="on"
                class="mt-1 h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-400"
                aria-describedby=format!("{prefix}-active-hint")
                prop:checked=move || draft.active.get()
                on:change=move |ev| draft.active.set(event_target_checked(&ev))/>
            <div>
                <label for=active_id class="text-sm font-medium text-slate-800">"Active"</label>
                <p id=format!("{prefix}-active-hint") class="text-xs text-slate-500">
                    "Active services show on your public profile; inactive ones stay here for later."
                </p>
            </div>
        </div>
    }
    .into_any()
}

#[component]
pub(super) fn AddServiceForm(count: Signal<usize>) -> impl IntoView {
    let ctx = use_ctx();
    let toasts = use_toasts();
    let create = ServerAction::<CreateService>::new();
    let error = action_error(create.value());
    let draft = Draft::new(None);
    on_ok(create.value(), move |service| {
        draft.clear();
        ctx.reload.update(|v| *v += 1);
        toasts.success(format!("“{}” added.", service.name));
    });
    let full = move || count.get() >= MAX_SERVICES;
    view! {
        <section class="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="add-service-title">
            <h2 id="add-service-title" class="text-lg font-semibold">"Add a service"</h2>
            <p class="mt-1 text-sm text-slate-600">
                {move || format!("{} of {MAX_SERVICES} services used.", count.get())}
            </p>
            <Show when=move || !full()
                fallback=|| view! {
                    <p class="mt-4 text-sm text-slate-700" role="status">
                        {format!("You list the most services a profile can ({MAX_SERVICES}). Delete one to add another.")}
                    </p>
                }>
                <ActionForm action=create attr:class="mt-4 space-y-4" attr:novalidate="true">
                    <FormAlert error=error/>
                    <input type="hidden" name="role" value=move || ctx.role.get()/>
                    <ServiceFields prefix="new-service".to_string() draft=draft error=error/>
                    <div class="w-40"><Submit label="Add service" busy_label="Adding…" pending=create.pending().into()/></div>
                </ActionForm>
            </Show>
        </section>
    }
    .into_any()
}

#[component]
pub(super) fn EditServiceForm(service: ServiceView) -> impl IntoView {
    let ctx = use_ctx();
    let id = service.id;
    let error: Signal<Option<AppError>> = action_error(ctx.update.value());
    let draft = Draft::new(Some(&service));
    let cancel = move |_| {
        ctx.editing.set(None);
        ctx.update.clear();
        focus_soon(vec![format!("service-{id}-edit")]);
    };
    view! {
        <ActionForm action=ctx.update attr:class="mt-4 space-y-4 rounded-xl bg-slate-50 p-4" attr:novalidate="true">
            <FormAlert error=error/>
            <input type="hidden" name="role" value=move || ctx.role.get()/>
            <input type="hidden" name="service_id" value=id.to_string()/>
            <ServiceFields prefix=format!("service-{id}-edit") draft=draft error=error/>
            <div class="flex items-center gap-3">
                <div class="w-40"><Submit label="Save changes" busy_label="Saving…" pending=ctx.update.pending().into()/></div>
                <button type="button" class="rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50"
                    on:click=cancel>"Cancel"</button>
            </div>
        </ActionForm>
    }
    .into_any()
}
