//! Pieces the staff review queues share (approvals, verification, reviews): waiting
//! times, the access message, filter selects and search, paging, the remarks box and the
//! decision buttons.
use crate::core::{AppError, ErrorCode};
use crate::ui::form::{ActionError, FieldMessage};
use crate::ui::style::{CARD, LINK, SELECT};
use leptos::prelude::*;
use leptos_router::{components::A, params::ParamsMap};

/// How long something has waited: "45 min", "5 h 10 min", "3 d 4 h".
pub fn age(minutes: i64) -> String {
    let m = minutes.max(0);
    match (m / 1440, (m % 1440) / 60, m % 60) {
        (0, 0, min) => format!("{min} min"),
        (0, h, min) => format!("{h} h {min} min"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

/// What a page shows when loading failed: sign in, a 403 for people without the
/// capability, or the error's message.
#[component]
pub fn AccessProblem(error: AppError, next: String) -> impl IntoView {
    match error.code {
        ErrorCode::Unauthenticated => view! {
            <div class=CARD>
                <p class="text-slate-700">"Please log in to continue."</p>
                <A href=format!("/login?next={next}") attr:class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Log in"</A>
            </div>
        }
        .into_any(),
        ErrorCode::Forbidden => view! {
            <div class=CARD role="alert" data-testid="forbidden">
                <p class="text-sm font-semibold text-red-700">"403 — not allowed"</p>
                <h2 class="mt-1 text-xl font-bold">"This area is for Nxtgauge staff with the right access"</h2>
                <p class="mt-2 text-slate-600">"Your account does not have permission to see this page. If you need it for your work, ask an administrator to give your staff role access."</p>
                <A href="/" attr:class="mt-4 inline-block font-semibold text-indigo-700 hover:underline">"Go to the home page"</A>
            </div>
        }
        .into_any(),
        _ => view! { <p role="alert" class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-red-800">{error.message}</p> }.into_any(),
    }
}

/// A labelled select for a queue filter; the empty option means "any".
#[component]
pub fn FilterSelect(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    current: Option<String>,
    /// The label of the "no filter" option; `None` when a value is always chosen.
    #[prop(optional)]
    any: Option<&'static str>,
) -> impl IntoView {
    let id = format!("filter-{name}");
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium text-slate-800">{label}</label>
            <select id=id name=name class=SELECT>
                {any.map(|a| view! { <option value="" selected=current.is_none()>{a}</option> })}
                {options.into_iter().map(|(value, text)| {
                    let selected = current.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The search box of a queue filter.
#[component]
pub fn FilterSearch(current: Option<String>) -> impl IntoView {
    view! {
        <div class="space-y-1">
            <label for="filter-q" class="block text-sm font-medium text-slate-800">"Name contains"</label>
            <input id="filter-q" name="q" type="search" maxlength=100 value=current.unwrap_or_default()
                class="block w-full rounded-lg border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-400"/>
        </div>
    }
}

/// Previous / next links that keep the current filters.
#[component]
pub fn Pager(
    base: &'static str,
    query: ParamsMap,
    page: u32,
    has_more: bool,
    total: i64,
) -> impl IntoView {
    let link = move |p: u32| {
        let mut q = query.clone();
        q.replace("page", p.to_string());
        format!("{base}{}", q.to_query_string())
    };
    let prev = (page > 1).then(|| link(page - 1));
    let next = has_more.then(|| link(page + 1));
    view! {
        <nav aria-label="Pages" class="mt-4 flex items-center justify-between text-sm">
            <p class="text-slate-600">{format!("Page {page} · {total} in all")}</p>
            <div class="flex gap-4">
                {prev.map(|href| view! { <A href=href attr:class=LINK attr:rel="prev">"← Previous"</A> })}
                {next.map(|href| view! { <A href=href attr:class=LINK attr:rel="next">"Next →"</A> })}
            </div>
        </nav>
    }
}

/// The reviewer's remarks box, with its error announced beside it.
#[component]
pub fn RemarksField(
    id: String,
    error: ActionError,
    #[prop(default = "Remarks")] label: &'static str,
    #[prop(default = "Required to reject (10–1000 characters); the person sees them.")]
    hint: &'static str,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = Signal::derive(move || error.get().and_then(|e| e.field_message("remarks")));
    let described = format!("{hint_id} {err_id}");
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium text-slate-800">{label}</label>
            <textarea id=id name="remarks" rows=3 maxlength=1000
                aria-describedby=described
                aria-invalid=move || message.get().is_some().then_some("true")
                class=move || if message.get().is_some() {
                    "block w-full rounded-lg border border-red-500 px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-red-400"
                } else {
                    "block w-full rounded-lg border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-400"
                }></textarea>
            <p id=hint_id class="text-xs text-slate-500">{hint}</p>
            <FieldMessage id=err_id message=message/>
        </div>
    }
}

/// A decision button of a review form (`name="decision"`).
#[component]
pub fn DecisionButton(
    value: &'static str,
    label: &'static str,
    pending: Signal<bool>,
    #[prop(default = "primary")] kind: &'static str,
) -> impl IntoView {
    let class = match kind {
        "danger" => "inline-flex items-center justify-center rounded-lg bg-red-600 px-4 py-2 font-semibold text-white hover:bg-red-700 disabled:opacity-60",
        "secondary" => "inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60",
        _ => "inline-flex items-center justify-center rounded-lg bg-emerald-600 px-4 py-2 font-semibold text-white hover:bg-emerald-700 disabled:opacity-60",
    };
    view! {
        <button type="submit" name="decision" value=value class=class
            disabled=move || pending.get() aria-busy=move || pending.get().then_some("true")>
            {label}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        assert_eq!(age(45), "45 min");
        assert_eq!(age(310), "5 h 10 min");
        assert_eq!(age(3 * 1440 + 250), "3 d 4 h");
        assert_eq!(age(-3), "0 min");
    }
}
