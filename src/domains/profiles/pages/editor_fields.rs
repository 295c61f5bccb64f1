//! The profile form's controls. Each checks its value with the same parse functions the
//! server uses (on blur, and again as you type once a message is showing) and shows the
//! server's message for its field after a save, until the field is edited.
use crate::core::roles::{self as spec, FieldKind, FieldSpec, FieldValue, CITIES};
use crate::domains::profiles::model::{parse_bio, BIO_MAX};
use crate::ui::form::{ActionError, FieldMessage};
use crate::ui::tags::TagInput;
use leptos::prelude::*;

use crate::ui::style::INPUT_BASE as INPUT;

fn input_class(invalid: bool) -> String {
    if invalid {
        format!("{INPUT} border-red-500 focus:ring-red-400")
    } else {
        format!("{INPUT} border-slate-300 focus:ring-indigo-400")
    }
}

// Each control returns an erased view: the form nests many of them, and fully typed
// views that deep overflow the compiler's query depth in debug WASM builds.

/// One field's message: the browser's own check since the last save, else the server's.
#[derive(Clone, Copy)]
pub struct Check {
    local: RwSignal<Option<Option<String>>>,
    pub message: Signal<Option<String>>,
}

impl Check {
    pub fn new(key: &str, server: ActionError) -> Self {
        let local = RwSignal::new(None::<Option<String>>);
        // A new answer from the server replaces what the browser found.
        Effect::new(move |_| {
            server.track();
            local.set(None);
        });
        let key = key.to_owned();
        let message = Signal::derive(move || match local.get() {
            Some(found) => found,
            None => server.get().and_then(|e| e.field_message(&key)),
        });
        Self { local, message }
    }

    pub fn record(&self, result: Result<(), String>) {
        self.local.set(Some(result.err()));
    }

    fn showing(&self) -> bool {
        self.message.get_untracked().is_some()
    }
}

fn described_by(
    help_id: Option<String>,
    err_id: String,
    message: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    move || {
        let mut ids: Vec<String> = help_id.iter().cloned().collect();
        if message.get().is_some() {
            ids.push(err_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A one-line input with optional ₹ prefix or unit suffix.
#[component]
pub fn TextControl(
    id: String,
    name: String,
    label: String,
    value: String,
    #[prop(optional_no_strip)] help: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] min: Option<i32>,
    #[prop(optional)] max: Option<i32>,
    #[prop(optional)] prefix: Option<&'static str>,
    #[prop(optional)] suffix: Option<String>,
    validate: Callback<String, Result<(), String>>,
    check: Check,
) -> impl IntoView {
    let help_id = help.as_ref().map(|_| format!("{id}-help"));
    let err_id = format!("{id}-error");
    let message = check.message;
    let described = described_by(help_id.clone(), err_id.clone(), message);
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium text-slate-800">{label}</label>
            <div class="flex items-center gap-2">
                {prefix.map(|p| view! { <span class="text-slate-600" aria-hidden="true">{p}</span> })}
                <input id=id name=name type=input_type value=value
                    inputmode=inputmode autocomplete=autocomplete
                    maxlength=maxlength.map(|m| m.to_string())
                    min=min.map(|m| m.to_string()) max=max.map(|m| m.to_string())
                    step=(input_type == "number").then_some("1")
                    aria-describedby=described
                    aria-invalid=move || message.get().map(|_| "true")
                    class=move || input_class(message.get().is_some())
                    on:blur=move |ev| check.record(validate.run(event_target_value(&ev)))
                    on:input=move |ev| {
                        if check.showing() {
                            check.record(validate.run(event_target_value(&ev)));
                        }
                    }/>
                {suffix.map(|s| view! { <span class="whitespace-nowrap text-sm text-slate-600">{s}</span> })}
            </div>
            {help.zip(help_id).map(|(h, hid)| view! { <p id=hid class="text-xs text-slate-500">{h}</p> })}
            <FieldMessage id=err_id message=message/>
        </div>
    }
    .into_any()
}

/// The bio, with a live character count.
#[component]
pub fn BioControl(value: String, check: Check) -> impl IntoView {
    let length = RwSignal::new(value.chars().count());
    let message = check.message;
    let described = described_by(Some("bio-help".into()), "bio-error".into(), message);
    view! {
        <div class="space-y-1">
            <label for="bio" class="block text-sm font-medium text-slate-800">"Bio"</label>
            <textarea id="bio" name="bio" rows="6"
                aria-describedby=described
                aria-invalid=move || message.get().map(|_| "true")
                class=move || input_class(message.get().is_some())
                on:blur=move |ev| check.record(parse_bio(&event_target_value(&ev)).map(|_| ()))
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    length.set(text.chars().count());
                    if check.showing() {
                        check.record(parse_bio(&text).map(|_| ()));
                    }
                }>
                {value}
            </textarea>
            <p id="bio-help" class="text-xs text-slate-500">
                "What you do, for whom, and since when. No phone numbers, e-mail addresses or links: customers reach you through Nxtgauge. "
                <span data-testid="bio-count" class=move || (length.get() > BIO_MAX).then_some("font-semibold text-red-700")>
                    {move || format!("{} / {BIO_MAX} characters", length.get())}
                </span>
            </p>
            <FieldMessage id="bio-error".into() message=message/>
        </div>
    }
    .into_any()
}

/// The city, from the list search knows.
#[component]
pub fn CityControl(value: Option<String>, check: Check) -> impl IntoView {
    let message = check.message;
    let current = value.unwrap_or_default();
    let described = described_by(
        Some("location-help".into()),
        "location-error".into(),
        message,
    );
    view! {
        <div class="space-y-1">
            <label for="location" class="block text-sm font-medium text-slate-800">"City"</label>
            <select id="location" name="location"
                aria-describedby=described
                aria-invalid=move || message.get().map(|_| "true")
                class=move || input_class(message.get().is_some())
                on:change=move |ev| check.record(spec::parse_city(&event_target_value(&ev)).map(|_| ()))>
                <option value="" selected=current.is_empty()>"Choose your city"</option>
                {CITIES.iter().map(|c| view! { <option value=*c selected=current == *c>{*c}</option> }).collect_view()}
            </select>
            <p id="location-help" class="text-xs text-slate-500">"Customers search by city."</p>
            <FieldMessage id="location-error".into() message=message/>
        </div>
    }
    .into_any()
}

/// A labelled checkbox with help text.
#[component]
pub fn CheckboxControl(
    id: String,
    name: String,
    label: String,
    checked: bool,
    #[prop(optional_no_strip)] help: Option<String>,
) -> impl IntoView {
    let help_id = help.as_ref().map(|_| format!("{id}-help"));
    view! {
        <div class="flex items-start gap-3">
            <input id=id.clone() name=name type="checkbox" value="on" checked=checked
                aria-describedby=help_id.clone()
                class="mt-1 h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"/>
            <div>
                <label for=id class="text-sm font-medium text-slate-800">{label}</label>
                {help.zip(help_id).map(|(h, hid)| view! { <p id=hid class="text-xs text-slate-500">{h}</p> })}
            </div>
        </div>
    }
    .into_any()
}

/// One role field, drawn from its `FieldSpec`: the id is `field-{key}`, the form name
/// `fields[{key}]` and the error key `{key}`.
#[component]
pub fn RoleFieldControl(
    field: &'static FieldSpec,
    value: FieldValue,
    server: ActionError,
) -> impl IntoView {
    let id = format!("field-{}", field.key);
    let name = format!("fields[{}]", field.key);
    let label = field.label.to_string();
    let mut help = field.help.to_string();
    if field.required {
        help = format!("{help} Needed before you submit for review.")
            .trim()
            .to_string();
    }
    let help = (!help.is_empty()).then_some(help);
    let check = Check::new(field.key, server);
    let validate = Callback::new(move |raw: String| spec::parse_field(field, &raw).map(|_| ()));
    match (field.kind, value) {
        (FieldKind::Tags { suggestions, max }, value) => {
            let tags = match value {
                FieldValue::Tags(t) => t,
                _ => Vec::new(),
            };
            let on_change = Callback::new(move |tags: Vec<String>| {
                check.record(validate.run(tags.join(",")));
            });
            view! {
                <TagInput id=id name=name label=label value=tags suggestions=suggestions max=max
                    help=help error=check.message on_change=on_change/>
            }
            .into_any()
        }
        (FieldKind::Flag, value) => view! {
            <CheckboxControl id=id name=name label=label checked=matches!(value, FieldValue::Flag(true))
                help=help/>
        }
        .into_any(),
        (FieldKind::Number { min, max, unit }, value) => view! {
            <TextControl id=id name=name label=label value=value.to_form() help=help
                input_type="number" inputmode="numeric" min=min max=max
                suffix=unit.to_string() validate=validate check=check/>
        }
        .into_any(),
        (FieldKind::Money { .. }, value) => view! {
            <TextControl id=id name=name label=label value=value.to_form()
                help=Some(format!("{} Leave empty for \u{201c}price on request\u{201d}.", help.unwrap_or_default()).trim().to_string())
                inputmode="decimal" prefix="₹" validate=validate check=check/>
        }
        .into_any(),
        (FieldKind::Choice { options }, value) => {
            let current = value.to_form();
            let message = check.message;
            let err_id = format!("{id}-error");
            let help_id = help.as_ref().map(|_| format!("{id}-help"));
            let described = described_by(help_id.clone(), err_id.clone(), message);
            view! {
                <div class="space-y-1">
                    <label for=id.clone() class="block text-sm font-medium text-slate-800">{label}</label>
                    <select id=id name=name aria-describedby=described
                        aria-invalid=move || message.get().map(|_| "true")
                        class=move || input_class(message.get().is_some())
                        on:change=move |ev| check.record(validate.run(event_target_value(&ev)))>
                        {options.iter().map(|(k, l)| view! { <option value=*k selected=current == *k>{*l}</option> }).collect_view()}
                    </select>
                    {help.zip(help_id).map(|(h, hid)| view! { <p id=hid class="text-xs text-slate-500">{h}</p> })}
                    <FieldMessage id=err_id message=message/>
                </div>
            }
            .into_any()
        }
        (FieldKind::Text { max }, value) => view! {
            <TextControl id=id name=name label=label value=value.to_form() help=help
                maxlength=max validate=validate check=check/>
        }
        .into_any(),
    }
}
