//! An item's images as a grid of thumbnails: drag one onto another to reorder, or use
//! the Move and Delete buttons (the keyboard way to do the same).
use super::use_ctx;
use crate::domains::portfolio::api::ReorderPortfolioImages;
use crate::domains::portfolio::model::{dropped_at, Direction, PortfolioImageView};
use crate::ui::style::{SMALL_BUTTON, SMALL_DANGER_SOLID};
use crate::ui::widgets::{start_drag, ConfirmDelete};
use leptos::ev::DragEvent;
use leptos::prelude::*;
use uuid::Uuid;

#[component]
pub(super) fn ImageGrid(
    item_id: Uuid,
    title: String,
    images: Memo<Vec<PortfolioImageView>>,
) -> impl IntoView {
    let label = format!("Images of {title}");
    view! {
        <Show when=move || !images.with(Vec::is_empty)
            fallback=|| view! { <p class="mt-4 text-sm text-slate-500">"No images yet."</p> }>
            <ul class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 md:grid-cols-4" aria-label=label.clone()>
                <For each=move || images.get() key=|image| image.id children={
                    let title = title.clone();
                    move |image| view! { <ImageTile item_id=item_id title=title.clone() image=image images=images/> }
                }/>
            </ul>
        </Show>
    }
    .into_any()
}

#[component]
fn ImageTile(
    item_id: Uuid,
    title: String,
    image: PortfolioImageView,
    images: Memo<Vec<PortfolioImageView>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let id = image.id;
    let position =
        Memo::new(move |_| images.with(|l| l.iter().position(|i| i.id == id).unwrap_or_default()));
    let count = Memo::new(move |_| images.with(Vec::len));
    let title = StoredValue::new(title);
    let name = move || format!("image {} of {}", position.get() + 1, title.get_value());
    let alt = move || format!("{}, image {}", title.get_value(), position.get() + 1);
    let dragging_other = move || {
        ctx.drag_image
            .get_untracked()
            .is_some_and(|(item, d)| item == item_id && d != id)
    };
    let on_drop = move |ev: DragEvent| {
        if let Some((item, dragged)) = ctx.drag_image.get_untracked() {
            if item == item_id {
                ev.prevent_default();
                ev.stop_propagation();
                let ids: Vec<Uuid> = images.with_untracked(|l| l.iter().map(|i| i.id).collect());
                let from = ids.iter().position(|x| *x == dragged);
                let to = ids.iter().position(|x| *x == id);
                if let Some(new) = from.zip(to).and_then(|(f, t)| dropped_at(&ids, f, t)) {
                    ctx.reorder_images.dispatch(ReorderPortfolioImages {
                        role: ctx.role.get_untracked(),
                        item_id,
                        ids: new,
                    });
                }
            }
        }
        ctx.drag_image.set(None);
        ctx.drop_target.set(None);
    };
    let tile_class = move || {
        let target =
            ctx.drag_image.get().is_some_and(|(_, d)| d != id) && ctx.drop_target.get() == Some(id);
        if target {
            "cursor-grab space-y-2 rounded-xl bg-indigo-50 p-2 ring-2 ring-indigo-400"
        } else {
            "cursor-grab space-y-2 rounded-xl bg-slate-50 p-2"
        }
    };
    let delete_name = Signal::derive(move || format!("Delete {}", name()));
    let question = Signal::derive(move || format!("Delete {}? This cannot be undone.", name()));
    view! {
        <li draggable="true" class=tile_class data-testid="portfolio-image"
            on:dragstart=move |ev: DragEvent| {
                ev.stop_propagation();
                ctx.drag_image.set(Some((item_id, id)));
                start_drag(&ev, &id.to_string());
            }
            on:dragover=move |ev: DragEvent| {
                if dragging_other() {
                    ev.prevent_default();
                    ctx.drop_target.set(Some(id));
                }
            }
            on:drop=on_drop
            on:dragend=move |_| {
                ctx.drag_image.set(None);
                ctx.drop_target.set(None);
            }>
            <a href=image.url.clone() draggable="false" class="block rounded-lg focus:outline-none focus:ring-2 focus:ring-indigo-400">
                <img src=image.thumb_url.clone() alt=alt draggable="false" loading="lazy"
                    class="aspect-square w-full rounded-lg bg-slate-200 object-cover"/>
            </a>
            <div class="flex flex-wrap gap-1">
                <Show when=move || { position.get() > 0 }>
                    <MoveImageButton id=id name=name direction=Direction::Earlier/>
                </Show>
                <Show when=move || { position.get() + 1 < count.get() }>
                    <MoveImageButton id=id name=name direction=Direction::Later/>
                </Show>
                <ConfirmDelete id=format!("image-{id}") label="Delete" aria_label=delete_name question=question>
                    <ActionForm action=ctx.delete_image attr:class="inline">
                        <input type="hidden" name="role" value=move || ctx.role.get()/>
                        <input type="hidden" name="image_id" value=id.to_string()/>
                        <button type="submit" class=SMALL_DANGER_SOLID
                            disabled=move || ctx.delete_image.pending().get()
                            on:click=move |_| ctx.focus_after.set(vec![format!("item-{item_id}-title")])>
                            "Yes, delete"
                        </button>
                    </ActionForm>
                </ConfirmDelete>
            </div>
        </li>
    }
    .into_any()
}

#[component]
fn MoveImageButton<F>(id: Uuid, name: F, direction: Direction) -> impl IntoView
where
    F: Fn() -> String + Copy + Send + Sync + 'static,
{
    let ctx = use_ctx();
    // The accessible name starts with the visible label, as speech control expects.
    let (label, other) = match direction {
        Direction::Earlier => ("Move left", Direction::Later),
        Direction::Later => ("Move right", Direction::Earlier),
    };
    let button_id = format!("image-{id}-{}", direction.as_str());
    let focus = vec![
        button_id.clone(),
        format!("image-{id}-{}", other.as_str()),
        format!("image-{id}-delete"),
    ];
    view! {
        <ActionForm action=ctx.move_image attr:class="inline">
            <input type="hidden" name="role" value=move || ctx.role.get()/>
            <input type="hidden" name="image_id" value=id.to_string()/>
            <input type="hidden" name="direction" value=direction.as_str()/>
            <button type="submit" id=button_id class=SMALL_BUTTON
                aria-label=move || format!("{label}: {}", name())
                disabled=move || ctx.move_image.pending().get()
                on:click=move |_| ctx.focus_after.set(focus.clone())>
                {label}
            </button>
        </ActionForm>
    }
    .into_any()
}
