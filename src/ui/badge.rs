//! Small coloured labels for states.
use crate::core::state::Look;
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

/// A coloured status pill for a typed state (`ApprovalStatus::Pending.look()`, or the
/// state itself: `<StatusBadge status=r.status/>`). `data-status` carries the stored word.
#[component]
pub fn StatusBadge(#[prop(into)] status: Look) -> impl IntoView {
    let class = match status.tone {
        "green" => "bg-emerald-100 text-emerald-800",
        "red" => "bg-red-100 text-red-800",
        "amber" => "bg-amber-100 text-amber-800",
        _ => "bg-slate-100 text-slate-700",
    };
    view! {
        <span class=format!("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold {class}")
            data-status=status.word>{status.label}</span>
    }
}
