//! Pages (placeholder until built).
use leptos::prelude::*;

#[component]
pub fn StaffHomePage() -> impl IntoView {
    view! { <p>"StaffHomePage"</p> }
}

#[component]
pub fn ApprovalQueuePage() -> impl IntoView {
    view! { <p>"ApprovalQueuePage"</p> }
}

#[component]
pub fn ApprovalDetailPage() -> impl IntoView {
    view! { <p>"ApprovalDetailPage"</p> }
}
