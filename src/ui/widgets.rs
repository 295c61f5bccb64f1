//! Form pieces the portfolio and services tabs share: a bound text field with its error,
//! an inline "are you sure?" for deletes, and keeping keyboard focus in place when a
//! list re-renders.
use leptos::prelude::*;

pub use crate::ui::style::INPUT_BASE as INPUT_CLASS;
use crate::ui::style::{SMALL_BUTTON, SMALL_DANGER};

/// A labelled input (or text area) bound to `value`, with its hint and its error
/// (announced, and linked through `aria-describedby`).
#[component]
pub fn TextField(
    id: String,
    name: &'static str,
    label: String,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] multiline: bool,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] required: bool,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] min: Option<&'static str>,
    #[prop(optional)] max: Option<&'static str>,
    #[prop(optional)] step: Option<&'static str>,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let class = move || {
        if error.get().is_some() {
            format!("{INPUT_CLASS} border-red-500 focus:ring-red-400")
        } else {
            format!("{INPUT_CLASS} border-slate-300 focus:ring-indigo-400")
        }
    };
    let invalid = move || error.get().is_some().then_some("true");
    let control = if multiline {
        view! {
            <textarea id=id.clone() name=name rows="4" maxlength=maxlength required=required
                aria-invalid=invalid aria-describedby=described class=class
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))>
                {value.get_untracked()}
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name type=input_type maxlength=maxlength required=required
                inputmode=inputmode min=min max=max step=step
                aria-invalid=invalid aria-describedby=described class=class
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="space-y-1">
            <label for=id class="block text-sm font-medium text-slate-800">{label}</label>
            {control}
            {hint.map(|h| view! { <p id=hint_id class="text-xs text-slate-500">{h}</p> })}
            <p id=err_id class="text-sm text-red-700" aria-live="polite">{move || error.get()}</p>
        </div>
    }
    .into_any()
}

/// A delete button that first asks. `children` is the form that really deletes (with
/// its own submit button); it appears with the question and a Cancel button, which
/// takes the focus so a stray Enter does not delete.
#[component]
pub fn ConfirmDelete(
    /// Unique on the page; the buttons' ids derive from it.
    id: String,
    /// The visible text of the first button ("Delete").
    label: &'static str,
    /// What a screen reader says for the first button ("Delete image 2 of Wedding").
    #[prop(into)]
    aria_label: Signal<String>,
    /// "Delete “Wedding” and its 4 images? This cannot be undone."
    #[prop(into)]
    question: Signal<String>,
    children: ChildrenFn,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let open_id = format!("{id}-delete");
    let cancel_id = format!("{id}-cancel");
    let question_id = format!("{id}-question");
    let open = {
        let cancel_id = cancel_id.clone();
        move |_| {
            asking.set(true);
            focus_soon(vec![cancel_id.clone()]);
        }
    };
    let cancel = {
        let open_id = open_id.clone();
        move |_| {
            asking.set(false);
            focus_soon(vec![open_id.clone()]);
        }
    };
    view! {
        <Show when=move || asking.get()
            fallback={
                let open_id = open_id.clone();
                let open = open.clone();
                move || view! {
                    <button type="button" id=open_id.clone() class=SMALL_DANGER
                        aria-label=move || aria_label.get() on:click=open.clone()>{label}</button>
                }
            }>
            <div role="group" aria-labelledby=question_id.clone()
                class="flex flex-wrap items-center gap-2 rounded-lg border border-red-200 bg-red-50 p-2">
                <p id=question_id.clone() role="alert" class="w-full text-sm text-red-900">{move || question.get()}</p>
                {children()}
                <button type="button" id=cancel_id.clone() class=SMALL_BUTTON on:click=cancel.clone()>"Cancel"</button>
            </div>
        </Show>
    }
    .into_any()
}

/// Moves keyboard focus to the first of `ids` that is on the page, once the page has
/// re-rendered (after a move, a delete, or opening a form).
pub fn focus_soon(ids: Vec<String>) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || focus_first(&ids));
    #[cfg(not(feature = "hydrate"))]
    let _ = ids;
}

#[cfg(feature = "hydrate")]
fn focus_first(ids: &[String]) {
    use wasm_bindgen::JsCast;
    let doc = document();
    for id in ids {
        if let Some(el) = doc
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            if el.focus().is_ok() {
                return;
            }
        }
    }
}

/// Starts an HTML5 drag: browsers (Firefox) only drag when some data is set.
pub fn start_drag(ev: &leptos::ev::DragEvent, id: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(dt) = ev.data_transfer() {
        dt.set_effect_allowed("move");
        let _ = dt.set_data("text/plain", id);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, id);
}
