//! Pieces the customer's, the professional's and the reviewer's lead pages share.
use crate::core::money::group_indian;
use crate::core::time::ist;
use chrono::NaiveDate;
use leptos::prelude::*;

pub const LINK: &str = "font-semibold text-indigo-700 hover:underline";
pub const BUTTON: &str = "inline-flex items-center justify-center rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700 disabled:opacity-60";
pub const BUTTON_SECONDARY: &str = "inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60";
pub const BUTTON_DANGER: &str = "inline-flex items-center justify-center rounded-lg border border-red-300 bg-white px-4 py-2 font-semibold text-red-700 hover:bg-red-50 disabled:opacity-60";

/// "Photographer".
pub use crate::core::roles::role_label as profession_label;

/// "₹45,000", or "Flexible".
pub fn budget_text(budget: Option<i32>) -> String {
    budget.map_or_else(
        || "Flexible".into(),
        |b| format!("₹{}", group_indian(i64::from(b))),
    )
}

/// "15 Jan 2027", or "Flexible".
pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "Flexible".into(), |d| d.format("%d %b %Y").to_string())
}

/// The facts of a lead as a definition list.
#[component]
pub fn LeadFacts(
    profession_key: String,
    location: Option<String>,
    budget_inr: Option<i32>,
    required_date: Option<NaiveDate>,
    description: String,
) -> impl IntoView {
    let row = |label: &'static str, value: String| {
        view! {
            <div class="py-1 sm:grid sm:grid-cols-3 sm:gap-4">
                <dt class="text-sm font-medium text-slate-600">{label}</dt>
                <dd class="whitespace-pre-line text-sm text-slate-900 sm:col-span-2">{value}</dd>
            </div>
        }
    };
    view! {
        <dl class="divide-y divide-slate-100">
            {row("Professional", profession_label(&profession_key).to_owned())}
            {row("City", location.unwrap_or_else(|| "—".into()))}
            {row("Budget", budget_text(budget_inr))}
            {row("When", date_text(required_date))}
            {row("Details", description)}
        </dl>
    }
}

/// A status pill.
#[component]
pub fn Pill(text: String, #[prop(default = "slate")] tone: &'static str) -> impl IntoView {
    let class = match tone {
        "green" => "bg-emerald-100 text-emerald-800",
        "amber" => "bg-amber-100 text-amber-800",
        "red" => "bg-red-100 text-red-800",
        "indigo" => "bg-indigo-100 text-indigo-800",
        _ => "bg-slate-100 text-slate-700",
    };
    view! { <span class=format!("inline-block rounded-full px-2 py-0.5 text-xs font-semibold {class}")>{text}</span> }
}

/// The tone of a lead status pill.
pub fn lead_tone(status: &str) -> &'static str {
    match status {
        "OPEN" => "green",
        "PENDING" => "amber",
        "DRAFT" => "indigo",
        _ => "slate",
    }
}

/// The tone and text of a response status.
pub fn response_status(status: &str) -> (&'static str, &'static str) {
    match status {
        "ACCEPTED" => ("green", "Accepted"),
        "REJECTED" => ("red", "Declined"),
        _ => ("amber", "Waiting for the customer"),
    }
}

/// "05 Mar 2026".
pub fn day(at: chrono::DateTime<chrono::Utc>) -> String {
    ist(at, "%d %b %Y")
}
