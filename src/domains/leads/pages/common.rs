//! Pieces the customer's, the professional's and the reviewer's lead pages share.
use crate::core::money::group_indian;
use crate::domains::leads::model::{LeadStatus, ResponseStatus};
use chrono::NaiveDate;
use leptos::prelude::*;

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

/// The tone of a lead status pill.
pub fn lead_tone(status: LeadStatus) -> &'static str {
    match status {
        LeadStatus::Open => "green",
        LeadStatus::Pending => "amber",
        LeadStatus::Draft => "indigo",
        LeadStatus::Closed => "slate",
    }
}

/// The tone and text of a response status.
pub fn response_status(status: ResponseStatus) -> (&'static str, &'static str) {
    match status {
        ResponseStatus::Accepted => ("green", "Accepted"),
        ResponseStatus::Rejected => ("red", "Declined"),
        ResponseStatus::Pending => ("amber", "Waiting for the customer"),
    }
}
