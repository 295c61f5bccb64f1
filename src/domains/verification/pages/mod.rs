//! Pages (placeholder until built).
use leptos::prelude::*;

#[component]
pub fn VerificationPage() -> impl IntoView {
    view! { <p>"VerificationPage"</p> }
}

#[component]
pub fn VerificationQueuePage() -> impl IntoView {
    view! { <p>"VerificationQueuePage"</p> }
}

#[component]
pub fn VerificationDetailPage() -> impl IntoView {
    view! { <p>"VerificationDetailPage"</p> }
}
