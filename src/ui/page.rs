//! Pieces of a public page: the wait for its one record ([`Loaded`], with a real 404 page
//! when the record is not there) and what it tells search engines and link previews
//! ([`PageMeta`]).
use crate::core::{AppError, AppResult, ErrorCode};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use serde::{de::DeserializeOwned, Serialize};
use std::sync::Arc;

/// Waits for a page's record and shows it, its "not available" page, or the error.
///
/// The resource should be `Resource::new_blocking` and the route `ssr=SsrMode::Async`, so
/// that the 404 status and the meta tags are set before the first byte is sent.
#[component]
pub fn Loaded<T, V>(
    resource: Resource<AppResult<T>>,
    /// What the wait says ("Loading the job…").
    loading: &'static str,
    /// The page's title when loading fails for another reason than "not found".
    error_title: &'static str,
    /// The page shown for a NOT FOUND answer (usually a [`NotAvailable`]).
    #[prop(into)]
    not_found: ViewFn,
    /// The page for the record.
    view: impl Fn(T) -> V + Send + Sync + 'static,
    /// The width of the wait and error lines, to match the page's column.
    #[prop(default = "max-w-4xl")]
    width: &'static str,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let view = Arc::new(view);
    let wait_class = format!("mx-auto mt-8 {width} text-slate-500");
    let error_class = format!("mx-auto mt-8 {width} text-red-700");
    view! {
        <Suspense fallback=move || view! { <p class=wait_class.clone()>{loading}</p> }>
            {move || {
                let view = view.clone();
                let not_found = not_found.clone();
                let error_class = error_class.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(record) => view(record).into_any(),
                        Err(AppError { code: ErrorCode::NotFound, .. }) => not_found.run(),
                        Err(e) => view! {
                            <Title text=format!("{error_title} — Nxtgauge")/>
                            <p role="alert" class=error_class>{e.message}</p>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The 404 page of a public record: not indexed, with the way back.
#[component]
pub fn NotAvailable(
    /// "This job is not available".
    heading: String,
    /// The document title before " — Nxtgauge"; the heading when not given.
    #[prop(optional, into)]
    title: Option<String>,
    /// One sentence on why ("It may have closed, or the link is mistyped.").
    reason: &'static str,
    back: &'static str,
    back_label: &'static str,
    #[prop(default = "not-available")] testid: &'static str,
) -> impl IntoView {
    let title = title.unwrap_or_else(|| heading.clone());
    view! {
        <Title text=format!("{title} — Nxtgauge")/>
        <Meta name="robots" content="noindex"/>
        <div class="mx-auto mt-16 max-w-lg text-center" data-testid=testid>
            <p class="text-sm font-semibold text-indigo-700">"404"</p>
            <h1 class="mt-2 text-3xl font-bold">{heading}</h1>
            <p class="mt-3 text-slate-600">{reason}</p>
            <a href=back class="mt-6 inline-block rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700">{back_label}</a>
        </div>
    }
}

/// What a public page tells search engines and link previews: the title, one
/// description, the canonical address and the Open Graph tags; `noindex` for previews and
/// pages that are not public. For these to reach the `<head>` of the server's answer
/// every time, the page's route renders whole before streaming (`SsrMode::Async`, see
/// the route table); in the browser leptos_meta swaps them on each navigation.
#[component]
pub fn PageMeta(
    title: String,
    description: String,
    /// The absolute canonical address.
    url: String,
    /// Open Graph type: "website", "profile", …
    #[prop(default = "website")]
    og_type: &'static str,
    /// An absolute image address for link previews.
    #[prop(default = None)]
    image: Option<String>,
    #[prop(optional)] noindex: bool,
) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=url.clone()/>
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=description/>
        <Meta property="og:type" content=og_type/>
        <Meta property="og:url" content=url/>
        {image.map(|src| view! { <Meta property="og:image" content=src/> })}
        {noindex.then(|| view! { <Meta name="robots" content="noindex"/> })}
    }
}
