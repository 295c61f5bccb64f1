//! Small coloured labels for states.
use leptos::prelude::*;

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

/// A coloured status pill (PENDING, APPROVED, REJECTED, VERIFIED, ACTIVE, DRAFT…).
#[component]
pub fn StatusBadge(#[prop(into)] status: String) -> impl IntoView {
    let class = match status.as_str() {
        "APPROVED" | "VERIFIED" | "ACTIVE" => "bg-emerald-100 text-emerald-800",
        "REJECTED" | "SUSPENDED" => "bg-red-100 text-red-800",
        "PENDING" => "bg-amber-100 text-amber-800",
        _ => "bg-slate-100 text-slate-700",
    };
    let text = match status.as_str() {
        "PENDING" => "Pending".to_string(),
        "APPROVED" => "Approved".to_string(),
        "REJECTED" => "Rejected".to_string(),
        "VERIFIED" => "✓ Verified".to_string(),
        "ACTIVE" => "Active".to_string(),
        "DRAFT" => "Draft".to_string(),
        "SUSPENDED" => "Suspended".to_string(),
        "SUBMITTED" => "Submitted".to_string(),
        "DOCUMENT_REQUESTED" => "More documents requested".to_string(),
        "NOT_STARTED" => "Not started".to_string(),
        other => other.to_string(),
    };
    view! {
        <span class=format!("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold {class}")
            data-status=status.clone()>{text}</span>
    }
}
