//! Pages (placeholder until built).
pub mod nav;
use leptos::prelude::*;

#[component]
pub fn MyProfilesPage() -> impl IntoView {
    view! { <p>"MyProfilesPage"</p> }
}

#[component]
pub fn ProfileEditorPage() -> impl IntoView {
    view! { <p>"ProfileEditorPage"</p> }
}
