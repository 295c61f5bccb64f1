//! Pieces the review pages share: stars, dates and button styles.
use chrono::{DateTime, Utc};
use leptos::prelude::*;

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
    crate::core::time::ist_day_short(at)
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
