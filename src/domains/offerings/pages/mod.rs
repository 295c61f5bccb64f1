//! Pages (placeholder until built).
use leptos::prelude::*;

#[component]
pub fn ServicesPage() -> impl IntoView {
    view! { <p>"ServicesPage"</p> }
}
