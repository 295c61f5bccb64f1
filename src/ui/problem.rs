//! What a page shows where its content would be when loading it failed.
use crate::core::{AppError, ErrorCode};
use crate::ui::style::CARD;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::style::LINK;

/// What a page shows when loading failed: a sign-in link, "not found", or the message.
#[component]
pub fn LoadProblem(error: AppError, next: &'static str) -> impl IntoView {
    match error.code {
        ErrorCode::Unauthenticated => view! {
            <div class=CARD>
                <p class="text-slate-700">"Please log in to continue."</p>
                <A href=format!("/login?next={next}") attr:class=format!("mt-3 inline-block {LINK}")>"Log in"</A>
            </div>
        }
        .into_any(),
        ErrorCode::NotFound => view! {
            <div class=CARD role="alert">
                <p class="text-slate-700">{error.message}</p>
                <p class="mt-2 text-sm text-slate-600">"It may have been removed, or it belongs to another account."</p>
            </div>
        }
        .into_any(),
        _ => view! { <p role="alert" class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-red-800">{error.message}</p> }.into_any(),
    }
}
