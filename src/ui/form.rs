use crate::core::AppError;
use leptos::prelude::*;

/// The latest error of a server action, as a signal forms can read.
pub type ActionError = Signal<Option<AppError>>;

/// Turns an action's value into its error, if the last submission failed.
pub fn action_error<T, S>(value: S) -> ActionError
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

/// Runs `then` with each successful answer of an action: the one place a page reacts to
/// a save (a toast, a reload, a navigation). A failed answer is for [`action_error`] and
/// [`FormAlert`]; `then` runs inside an effect, so it reads signals as an effect does.
pub fn on_ok<T, S>(value: S, then: impl Fn(T) + 'static)
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(answer)) = value.get() {
            then(answer);
        }
    });
}

/// Saved, then a toast, then on to where the saved thing lives (`to` builds the path from
/// the answer, e.g. the new record's id).
pub fn saved_then_navigate<T, S>(
    value: S,
    message: &'static str,
    to: impl Fn(&T) -> String + 'static,
) where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + 'static,
{
    let toasts = super::toast::use_toasts();
    let navigate = leptos_router::hooks::use_navigate();
    on_ok(value, move |answer: T| {
        toasts.success(message);
        navigate(&to(&answer), Default::default());
    });
}

/// A labelled input with its field error beside it (and announced to screen readers).
#[component]
pub fn Field(
    /// The input's `name`, which is also the server function argument and the error key.
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = true)] required: bool,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] minlength: Option<u32>,
    error: ActionError,
    /// The element id; defaults to `name` (two forms on one page give distinct ids).
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let id = id.unwrap_or(name);
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = Signal::derive(move || error.get().and_then(|e| e.field_message(name)));
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if message.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="space-y-1">
            <label for=id class="block text-sm font-medium text-slate-800">{label}</label>
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                value=value
                required=required
                maxlength=maxlength
                minlength=minlength
                aria-invalid=move || message.get().is_some().then_some("true")
                aria-describedby=described
                class=move || {
                    let base = "block w-full rounded-lg border px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2";
                    if message.get().is_some() {
                        format!("{base} border-red-500 focus:ring-red-400")
                    } else {
                        format!("{base} border-slate-300 focus:ring-indigo-400")
                    }
                }
            />
            {hint.map(|h| view! { <p id=hint_id class="text-xs text-slate-500">{h}</p> })}
            <FieldMessage id=err_id message=message/>
        </div>
    }
}

/// The error line under a field; empty when the field is fine.
#[component]
pub fn FieldMessage(id: String, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p id=id class="text-sm text-red-700" aria-live="polite">
            {move || message.get()}
        </p>
    }
}

/// The form-level message: what went wrong when it was not one field's fault.
#[component]
pub fn FormAlert(error: ActionError) -> impl IntoView {
    view! {
        <Show when=move || error.get().is_some()>
            <div role="alert" class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
                data-error-code=move || error.get().map(|e| serde_json::to_value(e.code).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())>
                {move || error.get().map(|e| e.message)}
                {move || error.get().and_then(|e| e.buy).map(|anchor| view! { <BuyLink anchor=anchor/> })}
            </div>
        </Show>
    }
}

/// The price list's section `anchor`, bringing the buyer back to `back` (a site path,
/// may be empty) after paying.
pub fn buy_href(anchor: &str, back: &str) -> String {
    let back = crate::core::url::encode_query_value(back);
    if back.is_empty() {
        format!("/pricing#{anchor}")
    } else {
        format!("/pricing?back={back}#{anchor}")
    }
}

/// "Buy contact views" for the price list's section `anchor`.
pub fn buy_label(anchor: &str) -> &'static str {
    match anchor {
        "job-postings" => "Buy job postings",
        "contact-views" => "Buy contact views",
        _ => "Buy tracecoins",
    }
}

/// "Buy …" under a refusal for running short: to that section of the price list, which
/// brings the buyer back here after paying (`back`).
#[component]
fn BuyLink(anchor: String) -> impl IntoView {
    // Read from the window, not the router: public islands have no router.
    #[cfg(feature = "hydrate")]
    let here = web_sys::window()
        .and_then(|w| {
            Some(format!(
                "{}{}",
                w.location().pathname().ok()?,
                w.location().search().ok()?
            ))
        })
        .unwrap_or_default();
    #[cfg(not(feature = "hydrate"))]
    let here = String::new();
    let href = buy_href(&anchor, &here);
    let label = buy_label(&anchor);
    view! {
        <a href=href class="mt-2 inline-block font-semibold text-red-900 underline" data-testid="buy-link">{label}</a>
    }
}

/// A submit button that shows progress while its action runs.
#[component]
pub fn Submit(
    label: &'static str,
    busy_label: &'static str,
    pending: Signal<bool>,
    #[prop(default = "primary")] kind: &'static str,
) -> impl IntoView {
    let class = match kind {
        "danger" => "inline-flex items-center justify-center rounded-lg bg-red-600 px-4 py-2 font-semibold text-white hover:bg-red-700 disabled:opacity-60",
        "secondary" => "inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60",
        _ => "inline-flex w-full items-center justify-center rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700 disabled:opacity-60",
    };
    view! {
        <button type="submit" class=class disabled=move || pending.get() aria-busy=move || pending.get().then_some("true")>
            {move || if pending.get() { busy_label } else { label }}
        </button>
    }
}

/// The border classes of a field, red when it has an error.
fn field_class(invalid: bool) -> &'static str {
    if invalid {
        "block w-full rounded-lg border border-red-500 bg-white px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-red-400"
    } else {
        "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-400"
    }
}

/// A labelled multi-line text field with its hint and field error.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] hint: Option<&'static str>,
    error: ActionError,
) -> impl IntoView {
    let err_id = format!("{name}-error");
    let hint_id = format!("{name}-hint");
    let message = Signal::derive(move || error.get().and_then(|e| e.field_message(name)));
    let described = if hint.is_some() {
        format!("{hint_id} {err_id}")
    } else {
        err_id.clone()
    };
    view! {
        <div class="space-y-1">
            <label for=name class="block text-sm font-medium text-slate-800">{label}</label>
            <textarea id=name name=name rows=rows maxlength=maxlength
                aria-describedby=described
                aria-invalid=move || message.get().is_some().then_some("true")
                class=move || field_class(message.get().is_some())>{value}</textarea>
            {hint.map(|h| view! { <p id=hint_id class="text-xs text-slate-500">{h}</p> })}
            <FieldMessage id=err_id message=message/>
        </div>
    }
}

/// A labelled select of (value, label) options with its field error.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    /// The first, empty option ("Choose…"); none when `None`.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    error: ActionError,
) -> impl IntoView {
    let err_id = format!("{name}-error");
    let message = Signal::derive(move || error.get().and_then(|e| e.field_message(name)));
    view! {
        <div class="space-y-1">
            <label for=name class="block text-sm font-medium text-slate-800">{label}</label>
            <select id=name name=name aria-describedby=err_id.clone()
                aria-invalid=move || message.get().is_some().then_some("true")
                class=move || field_class(message.get().is_some())>
                {placeholder.map(|p| view! { <option value="" selected=selected.is_empty()>{p}</option> })}
                {options.into_iter().map(|(value, text)| {
                    let is = value == selected;
                    view! { <option value=value selected=is>{text}</option> }
                }).collect_view()}
            </select>
            <FieldMessage id=err_id message=message/>
        </div>
    }
}
