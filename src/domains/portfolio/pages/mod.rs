//! The Portfolio tab (/pro/{role}/portfolio): add, edit, order and delete portfolio
//! items and their images.
mod card;
mod images;

use super::api::{
    list_portfolio, CreatePortfolioItem, DeletePortfolioImage, DeletePortfolioItem,
    MovePortfolioImage, MovePortfolioItem, ReorderPortfolioImages, ReorderPortfolioItems,
    UpdatePortfolioItem,
};
use super::model::{PortfolioItemView, DESCRIPTION_MAX, MAX_ITEMS, MAX_TAGS, TITLE_MAX};
use crate::core::roles::{role_spec, FieldKind};
use crate::core::{AppError, ErrorCode};
use crate::ui::form::on_ok;
use crate::ui::form::{action_error, FormAlert, Submit};
use crate::ui::pro_nav::{ProNav, ProTab};
use crate::ui::tags::TagInput;
use crate::ui::toast::{use_toasts, Toasts};
use crate::ui::widgets::{focus_soon, TextField};
use card::ItemCard;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};
use uuid::Uuid;

/// What the parts of the tab share: the role, the actions and the UI state that must
/// survive a reload of the list.
#[derive(Clone, Copy)]
pub(crate) struct Ctx {
    pub role: Signal<String>,
    /// Bumped after every successful change; the list reloads.
    pub reload: RwSignal<u32>,
    /// Element ids to focus (the first that exists) once the list has reloaded.
    pub focus_after: RwSignal<Vec<String>>,
    /// The item whose inline edit form is open.
    pub editing: RwSignal<Option<Uuid>>,
    /// The item or image being dragged, and the one under the pointer.
    pub drag_item: RwSignal<Option<Uuid>>,
    pub drag_image: RwSignal<Option<(Uuid, Uuid)>>,
    pub drop_target: RwSignal<Option<Uuid>>,
    /// Which upload control ids are in use (see [`UPLOAD_IDS`]).
    pub upload_slots: StoredValue<[bool; UPLOAD_IDS.len()]>,
    pub update: ServerAction<UpdatePortfolioItem>,
    pub delete: ServerAction<DeletePortfolioItem>,
    pub move_item: ServerAction<MovePortfolioItem>,
    pub reorder: ServerAction<ReorderPortfolioItems>,
    pub delete_image: ServerAction<DeletePortfolioImage>,
    pub move_image: ServerAction<MovePortfolioImage>,
    pub reorder_images: ServerAction<ReorderPortfolioImages>,
}

pub(crate) fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// Element ids for the cards' upload controls, which take a `&'static str`: each card
/// borrows a free one while it is on the page. More than the item limit, because a card
/// that re-renders briefly exists twice.
const UPLOAD_IDS: [&str; 40] = [
    "portfolio-upload-0",
    "portfolio-upload-1",
    "portfolio-upload-2",
    "portfolio-upload-3",
    "portfolio-upload-4",
    "portfolio-upload-5",
    "portfolio-upload-6",
    "portfolio-upload-7",
    "portfolio-upload-8",
    "portfolio-upload-9",
    "portfolio-upload-10",
    "portfolio-upload-11",
    "portfolio-upload-12",
    "portfolio-upload-13",
    "portfolio-upload-14",
    "portfolio-upload-15",
    "portfolio-upload-16",
    "portfolio-upload-17",
    "portfolio-upload-18",
    "portfolio-upload-19",
    "portfolio-upload-20",
    "portfolio-upload-21",
    "portfolio-upload-22",
    "portfolio-upload-23",
    "portfolio-upload-24",
    "portfolio-upload-25",
    "portfolio-upload-26",
    "portfolio-upload-27",
    "portfolio-upload-28",
    "portfolio-upload-29",
    "portfolio-upload-30",
    "portfolio-upload-31",
    "portfolio-upload-32",
    "portfolio-upload-33",
    "portfolio-upload-34",
    "portfolio-upload-35",
    "portfolio-upload-36",
    "portfolio-upload-37",
    "portfolio-upload-38",
    "portfolio-upload-39",
];

impl Ctx {
    /// A free upload control id until the calling card is disposed. Cards are created
    /// in list order on the server and in the browser, so hydration sees the same ids.
    pub fn upload_id(&self) -> Option<&'static str> {
        let slots = self.upload_slots;
        let index = slots.try_update_value(|s| {
            let free = s.iter().position(|used| !used)?;
            s[free] = true;
            Some(free)
        })??;
        on_cleanup(move || {
            slots.try_update_value(|s| s[index] = false);
        });
        UPLOAD_IDS.get(index).copied()
    }
}

/// Reloads the list and says so after a success; shows the error otherwise.
fn on_result<T, V>(value: V, ctx: Ctx, toasts: Toasts, done: &'static str, after: fn(Ctx))
where
    T: Clone + Send + Sync + 'static,
    V: Get<Value = Option<Result<T, AppError>>> + 'static,
{
    Effect::new(move |_| match value.get() {
        Some(Ok(_)) => {
            after(ctx);
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
pub fn PortfolioPage() -> impl IntoView {
    let params = use_params_map();
    let role = Signal::derive(move || params.read().get("role").unwrap_or_default());
    let ctx = Ctx {
        role,
        reload: RwSignal::new(0),
        focus_after: RwSignal::new(Vec::new()),
        editing: RwSignal::new(None),
        drag_item: RwSignal::new(None),
        drag_image: RwSignal::new(None),
        drop_target: RwSignal::new(None),
        upload_slots: StoredValue::new([false; UPLOAD_IDS.len()]),
        update: ServerAction::new(),
        delete: ServerAction::new(),
        move_item: ServerAction::new(),
        reorder: ServerAction::new(),
        delete_image: ServerAction::new(),
        move_image: ServerAction::new(),
        reorder_images: ServerAction::new(),
    };
    provide_context(ctx);
    let toasts = use_toasts();
    // Field errors of the edit form show in the form; other failures as a toast.
    on_ok(ctx.update.value(), move |()| {
        // The Edit button comes back at once; if the card re-renders with the new
        // text, it gets the focus again then.
        if let Some(id) = ctx.editing.get_untracked() {
            let edit = vec![format!("item-{id}-edit")];
            ctx.focus_after.set(edit.clone());
            focus_soon(edit);
        }
        ctx.editing.set(None);
        ctx.reload.update(|v| *v += 1);
        toasts.success("Changes saved.");
    });
    on_result(ctx.delete.value(), ctx, toasts, "Item deleted.", |_| {});
    on_result(ctx.move_item.value(), ctx, toasts, "Item moved.", |_| {});
    on_result(ctx.reorder.value(), ctx, toasts, "New order saved.", |_| {});
    on_result(
        ctx.delete_image.value(),
        ctx,
        toasts,
        "Image deleted.",
        |_| {},
    );
    on_result(ctx.move_image.value(), ctx, toasts, "Image moved.", |_| {});
    on_result(
        ctx.reorder_images.value(),
        ctx,
        toasts,
        "New image order saved.",
        |_| {},
    );
    let items = Resource::new(
        move || (role.get(), ctx.reload.get()),
        |(role, _)| list_portfolio(role),
    );
    let title = move || {
        let label = crate::core::roles::role_label(&role.get());
        format!("Portfolio — {label} profile — Nxtgauge")
    };
    view! {
        <Title text=title/>
        <div class="px-4">
            {move || view! { <ProNav role=role.get() active=ProTab::Portfolio/> }}
            <div class="mx-auto max-w-4xl space-y-6 py-6">
                <Transition fallback=|| view! { <p class="text-slate-500">"Loading your portfolio…"</p> }>
                    <PortfolioBody items=items/>
                </Transition>
            </div>
        </div>
    }
    .into_any()
}

type Items = Resource<Result<Vec<PortfolioItemView>, AppError>>;

/// The form and the list once loaded. Both render once; the list updates item by
/// item, so an open form or a running upload survives changes elsewhere.
#[component]
fn PortfolioBody(items: Items) -> impl IntoView {
    let ctx = use_ctx();
    let state = Memo::new(move |_| items.get().map(|r| r.err()));
    let list = Memo::new(move |_| items.get().and_then(Result::ok).unwrap_or_default());
    Effect::new(move |_| {
        list.track();
        let targets = ctx.focus_after.get_untracked();
        if !targets.is_empty() {
            ctx.focus_after.set(Vec::new());
            focus_soon(targets);
        }
    });
    move || match state.get() {
        None => ().into_any(),
        Some(Some(e)) => view! { <LoadError error=e/> }.into_any(),
        Some(None) => view! {
            <AddItemForm list=list/>
            <ItemList list=list/>
        }
        .into_any(),
    }
}

#[component]
fn LoadError(error: AppError) -> impl IntoView {
    let ctx = use_ctx();
    match error.code {
        ErrorCode::Unauthenticated => view! {
            <div class="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
                <p class="text-slate-700">"Please log in to edit your portfolio."</p>
                <A href=move || format!("/login?next=/pro/{}/portfolio", ctx.role.get())
                    attr:class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Log in"</A>
            </div>
        }
        .into_any(),
        ErrorCode::NotFound => view! {
            <div class="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
                <p class="text-slate-700">"You have no profile for this role yet. Create it first, then add your work here."</p>
                <A href=move || format!("/pro/{}", ctx.role.get())
                    attr:class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Create the profile"</A>
            </div>
        }
        .into_any(),
        _ => view! { <p role="alert" class="text-red-700">{error.message}</p> }.into_any(),
    }
}

/// Tag suggestions for a role's portfolio: those of the role's first tag field
/// (a photographer's specialties, a tutor's subjects).
pub(crate) fn tag_suggestions(role: &str) -> &'static [&'static str] {
    role_spec(role)
        .and_then(|spec| {
            spec.fields.iter().find_map(|f| match f.kind {
                FieldKind::Tags { suggestions, .. } => Some(suggestions),
                _ => None,
            })
        })
        .unwrap_or(&[])
}

#[component]
fn AddItemForm(list: Memo<Vec<PortfolioItemView>>) -> impl IntoView {
    let ctx = use_ctx();
    let toasts = use_toasts();
    let create = ServerAction::<CreatePortfolioItem>::new();
    let error = action_error(create.value());
    let field = move |name: &'static str| {
        Signal::derive(move || error.get().and_then(|e| e.field_message(name)))
    };
    let (title, description) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    // The tag editor keeps its own state: a new version renders a fresh, empty one.
    let tags_version = RwSignal::new(0u32);
    let suggestions = tag_suggestions(&ctx.role.get_untracked());
    on_ok(create.value(), move |item| {
        title.set(String::new());
        description.set(String::new());
        tags_version.update(|v| *v += 1);
        ctx.focus_after.set(vec![format!("item-{}-title", item.id)]);
        ctx.reload.update(|v| *v += 1);
        toasts.success(format!("“{}” added. Now add its images.", item.title));
    });
    let full = move || list.with(|l| l.len() >= MAX_ITEMS);
    view! {
        <section class="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="add-item-title">
            <h2 id="add-item-title" class="text-lg font-semibold">"Add a portfolio item"</h2>
            <p class="mt-1 text-sm text-slate-600">
                {move || format!("{} of {MAX_ITEMS} items used. Add the item first, then its images.", list.with(Vec::len))}
            </p>
            <Show when=move || !full()
                fallback=|| view! {
                    <p class="mt-4 text-sm text-slate-700" role="status">
                        {format!("Your portfolio holds the most items it can ({MAX_ITEMS}). Delete one to add another.")}
                    </p>
                }>
                <ActionForm action=create attr:class="mt-4 space-y-4" attr:novalidate="true">
                    <FormAlert error=error/>
                    <input type="hidden" name="role" value=move || ctx.role.get()/>
                    <TextField id="new-title".to_string() name="title" label="Title".to_string()
                        value=title error=field("title") required=true maxlength=TITLE_MAX as u32
                        hint="What and where, e.g. “Wedding at Udaipur”. 3–100 characters."/>
                    <TextField id="new-description".to_string() name="description" label="Description".to_string()
                        value=description error=field("description") multiline=true maxlength=DESCRIPTION_MAX as u32
                        hint="Optional: what you did and for whom. No phone numbers, e-mail addresses or links."/>
                    {move || {
                        tags_version.get();
                        view! {
                            <TagInput id="new-tags".to_string() name="tags".to_string() label="Tags".to_string()
                                value=Vec::new() suggestions=suggestions max=MAX_TAGS
                                help=Some("Optional: what customers might search for, e.g. wedding, candid.".to_string())
                                error=field("tags")/>
                        }
                    }}
                    <div class="w-40"><Submit label="Add item" busy_label="Adding…" pending=create.pending().into()/></div>
                </ActionForm>
            </Show>
        </section>
    }
    .into_any()
}

#[component]
fn ItemList(list: Memo<Vec<PortfolioItemView>>) -> impl IntoView {
    let key = |item: &PortfolioItemView| {
        (
            item.id,
            item.title.clone(),
            item.description.clone(),
            item.tags.join(","),
        )
    };
    view! {
        <section aria-labelledby="items-heading" class="space-y-4">
            <h2 id="items-heading" tabindex="-1" class="text-lg font-semibold">"Your portfolio"</h2>
            <Show when=move || !list.with(Vec::is_empty) fallback=EmptyState>
                <p class="text-sm text-slate-600">
                    "Customers see the items in this order. Drag an item by its handle or an image to reorder, or use the Move buttons."
                </p>
                <ol class="space-y-4">
                    <For each=move || list.get() key=key let:item>
                        <ItemCard item=item list=list/>
                    </For>
                </ol>
            </Show>
        </section>
    }
    .into_any()
}

#[component]
fn EmptyState() -> impl IntoView {
    view! {
        <div class="rounded-2xl border border-dashed border-slate-300 bg-slate-50 p-6 text-slate-700" data-testid="portfolio-empty">
            <p class="font-semibold">"Your portfolio is empty."</p>
            <p class="mt-2 text-sm">"Customers decide from your work. A good portfolio:"</p>
            <ul class="mt-2 list-disc space-y-1 pl-5 text-sm">
                <li>"shows your best 10–30 projects or events, not everything you have done;"</li>
                <li>"gives each one a title customers would search for, like “Wedding at Udaipur” or “Class 10 board maths”;"</li>
                <li>"has 3–10 sharp images per item, the strongest first;"</li>
                <li>"says in a sentence or two what you did, and adds tags;"</li>
                <li>"has no phone numbers, e-mail addresses or links: customers reach you through Nxtgauge."</li>
            </ul>
        </div>
    }
}
