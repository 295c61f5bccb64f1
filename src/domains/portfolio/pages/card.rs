//! One portfolio item: its text, its controls (move, edit, delete), its images and
//! the control that adds images.
use super::images::ImageGrid;
use super::use_ctx;
use crate::domains::portfolio::api::ReorderPortfolioItems;
use crate::domains::portfolio::model::{
    dropped_at, Direction, PortfolioItemView, DESCRIPTION_MAX, MAX_IMAGES, MAX_IMAGE_BYTES,
    MAX_TAGS, TITLE_MAX,
};
use crate::ui::form::{action_error, FormAlert, Submit};
use crate::ui::style::{SMALL_BUTTON, SMALL_DANGER_SOLID};
use crate::ui::tags::TagInput;
use crate::ui::upload::FileUpload;
use crate::ui::widgets::{focus_soon, start_drag, ConfirmDelete, TextField};
use leptos::ev::DragEvent;
use leptos::prelude::*;
use uuid::Uuid;

#[component]
pub(super) fn ItemCard(
    item: PortfolioItemView,
    list: Memo<Vec<PortfolioItemView>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = item.id;
    // Copy handles, so the many closures below can each read them.
    let title = StoredValue::new(item.title.clone());
    let stored_item = StoredValue::new(item);
    let position =
        Memo::new(move |_| list.with(|l| l.iter().position(|i| i.id == id).unwrap_or_default()));
    let count = Memo::new(move |_| list.with(Vec::len));
    let images = Memo::new(move |_| {
        list.with(|l| {
            l.iter()
                .find(|i| i.id == id)
                .map(|i| i.images.clone())
                .unwrap_or_default()
        })
    });
    let heading_id = format!("item-{id}-title");

    let on_drop = move |ev: DragEvent| {
        if let Some(dragged) = ctx.drag_item.get_untracked() {
            ev.prevent_default();
            let ids: Vec<Uuid> = list.with_untracked(|l| l.iter().map(|i| i.id).collect());
            let from = ids.iter().position(|x| *x == dragged);
            let to = ids.iter().position(|x| *x == id);
            if let Some(new) = from.zip(to).and_then(|(f, t)| dropped_at(&ids, f, t)) {
                ctx.reorder.dispatch(ReorderPortfolioItems {
                    role: ctx.role.get_untracked(),
                    ids: new,
                });
            }
        }
        ctx.drag_item.set(None);
        ctx.drop_target.set(None);
    };
    let card_class = move || {
        let target =
            ctx.drag_item.get().is_some_and(|d| d != id) && ctx.drop_target.get() == Some(id);
        if target {
            "rounded-2xl border border-indigo-400 bg-indigo-50 p-5 shadow-sm ring-2 ring-indigo-400"
        } else {
            "rounded-2xl border border-slate-200 bg-white p-5 shadow-sm"
        }
    };
    let question = {
        let title = title.get_value();
        Signal::derive(move || match images.with(Vec::len) {
            0 => format!("Delete “{title}”? This cannot be undone."),
            1 => format!("Delete “{title}” and its image? This cannot be undone."),
            n => format!("Delete “{title}” and its {n} images? This cannot be undone."),
        })
    };
    let open_edit = {
        let focus = format!("item-{id}-edit-title");
        move |_| {
            ctx.update.clear();
            ctx.editing.set(Some(id));
            focus_soon(vec![focus.clone()]);
        }
    };
    view! {
        <li id=format!("item-{id}") aria-labelledby=format!("item-{id}-title") class=card_class
            data-testid="portfolio-item"
            on:dragover=move |ev: DragEvent| {
                if ctx.drag_item.get_untracked().is_some_and(|d| d != id) {
                    ev.prevent_default();
                    ctx.drop_target.set(Some(id));
                }
            }
            on:drop=on_drop>
            <div class="flex flex-wrap items-start justify-between gap-3">
                <div class="flex items-start gap-3">
                    <span draggable="true" aria-hidden="true" title="Drag to reorder"
                        class="mt-1 cursor-grab select-none rounded px-1 text-lg leading-none text-slate-400 hover:text-slate-700"
                        on:dragstart=move |ev: DragEvent| {
                            ctx.drag_item.set(Some(id));
                            start_drag(&ev, &id.to_string());
                        }
                        on:dragend=move |_| {
                            ctx.drag_item.set(None);
                            ctx.drop_target.set(None);
                        }>"⠿"</span>
                    <div>
                        <h3 id=heading_id tabindex="-1" class="text-lg font-semibold text-slate-900">{title.get_value()}</h3>
                        <p class="text-xs text-slate-500">
                            {move || format!("Item {} of {}", position.get() + 1, count.get())}
                        </p>
                    </div>
                </div>
                <div class="flex flex-wrap items-center gap-2">
                    <Show when=move || { position.get() > 0 }>
                        <MoveItemButton id=id title=title.get_value() direction=Direction::Earlier/>
                    </Show>
                    <Show when=move || { position.get() + 1 < count.get() }>
                        <MoveItemButton id=id title=title.get_value() direction=Direction::Later/>
                    </Show>
                    <Show when=move || ctx.editing.get() != Some(id)>
                        <button type="button" id=format!("item-{id}-edit") class=SMALL_BUTTON
                            aria-label=format!("Edit {}", title.get_value()) on:click=open_edit.clone()>"Edit"</button>
                    </Show>
                    <ConfirmDelete id=format!("item-{id}") label="Delete"
                        aria_label=format!("Delete {}", title.get_value()) question=question>
                        <ActionForm action=ctx.delete attr:class="inline">
                            <input type="hidden" name="role" value=move || ctx.role.get()/>
                            <input type="hidden" name="item_id" value=id.to_string()/>
                            <button type="submit" class=SMALL_DANGER_SOLID
                                disabled=move || ctx.delete.pending().get()
                                on:click=move |_| ctx.focus_after.set(vec!["items-heading".into()])>
                                "Yes, delete"
                            </button>
                        </ActionForm>
                    </ConfirmDelete>
                </div>
            </div>
            <Show when=move || ctx.editing.get() == Some(id)
                fallback=move || view! { <ItemText item=stored_item.get_value()/> }>
                <EditItemForm item=stored_item.get_value()/>
            </Show>
            <ImageGrid item_id=id title=title.get_value() images=images/>
            <ImageUpload item_id=id title=title.get_value() images=images/>
        </li>
    }
    .into_any()
}

/// The control that adds images to the item; each finished upload reloads the list.
#[component]
fn ImageUpload(
    item_id: Uuid,
    title: String,
    images: Memo<Vec<super::super::model::PortfolioImageView>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let full = Signal::derive(move || images.with(Vec::len) >= MAX_IMAGES);
    let on_uploaded = Callback::new(move |_answer: String| ctx.reload.update(|v| *v += 1));
    let hint = format!(
        "JPEG, PNG or WebP, up to {} MB each; at most {MAX_IMAGES} images per item. You can choose several at once or drop them here.",
        MAX_IMAGE_BYTES / (1024 * 1024)
    );
    let control = ctx.upload_id().map(|upload_id| {
        view! {
            <FileUpload id=upload_id label=format!("Add images to {title}")
                endpoint=Signal::stored(format!("/api/uploads/portfolio/{item_id}"))
                accept="image/jpeg,image/png,image/webp" multiple=true hint=hint
                max_bytes=MAX_IMAGE_BYTES as f64 disabled=full on_uploaded=on_uploaded/>
        }
    });
    view! {
        <div class="mt-4">
            {control}
            <Show when=move || full.get()>
                <p class="mt-1 text-sm text-slate-600" role="status">
                    {format!("This item has the most images it can hold ({MAX_IMAGES}). Delete one to add another.")}
                </p>
            </Show>
        </div>
    }
    .into_any()
}

/// The item's description and tags as customers will read them.
#[component]
fn ItemText(item: PortfolioItemView) -> impl IntoView {
    view! {
        {item.description.map(|d| view! { <p class="mt-3 whitespace-pre-line text-sm text-slate-700">{d}</p> })}
        {(!item.tags.is_empty()).then(|| view! {
            <ul class="mt-3 flex flex-wrap gap-1" aria-label="Tags">
                {item.tags.into_iter().map(|t| view! {
                    <li class="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{t}</li>
                }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn MoveItemButton(id: Uuid, title: String, direction: Direction) -> impl IntoView {
    let ctx = use_ctx();
    // The accessible name starts with the visible label, as speech control expects.
    let (label, other) = match direction {
        Direction::Earlier => ("Move up", Direction::Later),
        Direction::Later => ("Move down", Direction::Earlier),
    };
    let button_id = format!("item-{id}-{}", direction.as_str());
    let focus = vec![
        button_id.clone(),
        format!("item-{id}-{}", other.as_str()),
        format!("item-{id}-edit"),
    ];
    view! {
        <ActionForm action=ctx.move_item attr:class="inline">
            <input type="hidden" name="role" value=move || ctx.role.get()/>
            <input type="hidden" name="item_id" value=id.to_string()/>
            <input type="hidden" name="direction" value=direction.as_str()/>
            <button type="submit" id=button_id class=SMALL_BUTTON
                aria-label=format!("{label}: {title}")
                disabled=move || ctx.move_item.pending().get()
                on:click=move |_| ctx.focus_after.set(focus.clone())>
                {label}
            </button>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn EditItemForm(item: PortfolioItemView) -> impl IntoView {
    let ctx = use_ctx();
    let id = item.id;
    let error = action_error(ctx.update.value());
    let field = move |name: &'static str| {
        Signal::derive(move || error.get().and_then(|e| e.field_message(name)))
    };
    let title = RwSignal::new(item.title.clone());
    let description = RwSignal::new(item.description.clone().unwrap_or_default());
    let suggestions = super::tag_suggestions(&ctx.role.get_untracked());
    let cancel = move |_| {
        ctx.editing.set(None);
        ctx.update.clear();
        focus_soon(vec![format!("item-{id}-edit")]);
    };
    view! {
        <ActionForm action=ctx.update attr:class="mt-4 space-y-4 rounded-xl bg-slate-50 p-4" attr:novalidate="true">
            <FormAlert error=error/>
            <input type="hidden" name="role" value=move || ctx.role.get()/>
            <input type="hidden" name="item_id" value=id.to_string()/>
            <TextField id=format!("item-{id}-edit-title") name="title" label="Title".to_string()
                value=title error=field("title") required=true maxlength=TITLE_MAX as u32/>
            <TextField id=format!("item-{id}-edit-description") name="description" label="Description".to_string()
                value=description error=field("description") multiline=true maxlength=DESCRIPTION_MAX as u32/>
            <TagInput id=format!("item-{id}-edit-tags") name="tags".to_string() label="Tags".to_string()
                value=item.tags.clone() suggestions=suggestions max=MAX_TAGS
                help=Some("Optional: what customers might search for.".to_string())
                error=field("tags")/>
            <div class="flex items-center gap-3">
                <div class="w-40"><Submit label="Save changes" busy_label="Saving…" pending=ctx.update.pending().into()/></div>
                <button type="button" class="rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50"
                    on:click=cancel>"Cancel"</button>
            </div>
        </ActionForm>
    }
    .into_any()
}
