//! Pages (placeholder until built).
use leptos::prelude::*;

#[component]
pub fn AccountProfilePage() -> impl IntoView {
    view! { <p>"AccountProfilePage"</p> }
}
