//! Pieces the review pages share: stars, dates and button styles.
use crate::core::time::ist;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

pub const LINK: &str = "font-semibold text-indigo-700 hover:underline";
pub const BUTTON: &str = "inline-flex items-center justify-center rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700 disabled:opacity-60";
pub const BUTTON_SECONDARY: &str = "inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60";
pub const BUTTON_DANGER: &str = "inline-flex items-center justify-center rounded-lg border border-red-300 bg-white px-4 py-2 font-semibold text-red-700 hover:bg-red-50 disabled:opacity-60";
pub const INPUT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-400";

/// "★★★★☆" with the number for screen readers.
#[component]
pub fn Stars(rating: i16) -> impl IntoView {
    let full = usize::try_from(rating.clamp(0, 5)).unwrap_or_default();
    let shown = format!("{}{}", "★".repeat(full), "☆".repeat(5 - full));
    view! {
        <span class="text-amber-500" role="img" aria-label=format!("{rating} out of 5 stars")>{shown}</span>
    }
}

/// "5 Mar 2026".
pub fn day(at: DateTime<Utc>) -> String {
    ist(at, "%-d %b %Y")
}

/// What each star rating means, for the rating choice.
pub fn rating_label(stars: i16) -> &'static str {
    match stars {
        5 => "Excellent",
        4 => "Good",
        3 => "Average",
        2 => "Poor",
        _ => "Terrible",
    }
}
