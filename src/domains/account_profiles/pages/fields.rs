//! The select and text-area inputs these forms need beside `ui::form::Field`, with the
//! same label, hint and error wiring.
use crate::ui::form::{ActionError, FieldMessage};
use leptos::prelude::*;

pub(super) use crate::ui::style::CARD as SECTION;

fn input_class(invalid: bool) -> &'static str {
    if invalid {
        "block w-full rounded-lg border border-red-500 bg-white px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-red-400"
    } else {
        "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-400"
    }
}

/// The error of one field of the form's last submission.
fn field_error(error: ActionError, name: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || error.get().and_then(|e| e.field_message(name)))
}

/// `aria-describedby` for an input with an optional hint and its error line.
fn described_by(
    id: &'static str,
    has_hint: bool,
    message: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if message.get().is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A labelled `<select>` over (value, label) options; `placeholder` adds an empty
/// first choice.
#[component]
pub fn SelectField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: Option<String>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    error: ActionError,
) -> impl IntoView {
    let message = field_error(error, name);
    let selected = selected.unwrap_or_default();
    view! {
        <div class="space-y-1">
            <label for=id class="block text-sm font-medium text-slate-800">{label}</label>
            <select id=id name=name
                aria-invalid=move || message.get().is_some().then_some("true")
                aria-describedby=described_by(id, hint.is_some(), message)
                class=move || input_class(message.get().is_some())>
                {placeholder.map(|p| view! { <option value="" selected=selected.is_empty()>{p}</option> })}
                {options.into_iter().map(|(value, text)| {
                    let is_selected = value == selected;
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
            {hint.map(|h| view! { <p id=format!("{id}-hint") class="text-xs text-slate-500">{h}</p> })}
            <FieldMessage id=format!("{id}-error") message=message/>
        </div>
    }
}

/// A labelled `<textarea>` with a character limit.
#[component]
pub fn TextAreaField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(optional, into)] value: Option<String>,
    maxlength: u32,
    #[prop(default = 5)] rows: u32,
    #[prop(optional)] hint: Option<&'static str>,
    error: ActionError,
) -> impl IntoView {
    let message = field_error(error, name);
    view! {
        <div class="space-y-1">
            <label for=id class="block text-sm font-medium text-slate-800">{label}</label>
            <textarea id=id name=name rows=rows maxlength=maxlength
                aria-invalid=move || message.get().is_some().then_some("true")
                aria-describedby=described_by(id, hint.is_some(), message)
                class=move || input_class(message.get().is_some())>
                {value.unwrap_or_default()}
            </textarea>
            {hint.map(|h| view! { <p id=format!("{id}-hint") class="text-xs text-slate-500">{h}</p> })}
            <FieldMessage id=format!("{id}-error") message=message/>
        </div>
    }
}

/// The city select every profile form uses.
#[component]
pub fn CitySelect(
    id: &'static str,
    #[prop(optional, into)] selected: Option<String>,
    error: ActionError,
) -> impl IntoView {
    let options = crate::core::roles::CITIES
        .iter()
        .map(|c| ((*c).to_string(), (*c).to_string()))
        .collect();
    view! {
        <SelectField id=id name="city" label="City" options=options selected=selected.unwrap_or_default()
            placeholder="Choose your city" error=error/>
    }
}

/// A short coloured status label.
#[component]
pub fn Badge(text: &'static str, #[prop(default = "slate")] tone: &'static str) -> impl IntoView {
    let class = match tone {
        "green" => "inline-flex rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-semibold text-emerald-800",
        "amber" => "inline-flex rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900",
        "blue" => "inline-flex rounded-full bg-sky-100 px-2.5 py-0.5 text-xs font-semibold text-sky-900",
        _ => "inline-flex rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-700",
    };
    view! { <span class=class data-testid="status-badge">{text}</span> }
}
