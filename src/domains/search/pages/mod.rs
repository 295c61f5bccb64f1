//! Pages (placeholder until built).
use leptos::prelude::*;

#[component]
pub fn SearchPage() -> impl IntoView {
    view! { <p>"SearchPage"</p> }
}

#[component]
pub fn PublicProfilePage() -> impl IntoView {
    view! { <p>"PublicProfilePage"</p> }
}
