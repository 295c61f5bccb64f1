//! Pages (placeholder until built).
use leptos::prelude::*;

#[component]
pub fn PortfolioPage() -> impl IntoView {
    view! { <p>"PortfolioPage"</p> }
}
