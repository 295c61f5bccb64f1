//! `/applications`: the candidate's applications, each with its current status and
//! its history.
use crate::core::time::ist_day as day;
use crate::core::time::ist_stamp;
use crate::domains::applications::api::load_my_applications;
use crate::domains::applications::model::MyApplication;
use crate::ui::badge::Pill;
use crate::ui::problem::LoadProblem;
use crate::ui::style::CARD;
use crate::ui::style::LINK;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| load_my_applications());
    view! {
        <Title text="Your applications — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-4xl space-y-6">
            <div class="flex flex-wrap items-center justify-between gap-4">
                <h1 class="text-2xl font-bold text-slate-900">"Your applications"</h1>
                <A href="/jobs" attr:class=LINK>"Browse jobs"</A>
            </div>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your applications…"</p> }>
                {move || rows.get().map(|r| match r {
                    Ok(rows) if rows.is_empty() => view! {
                        <div class=CARD data-testid="applications-empty">
                            <p class="text-slate-700">"You have not applied to a job yet. Find one on the job board; each application and every change to it shows up here."</p>
                        </div>
                    }.into_any(),
                    Ok(rows) => view! {
                        <ul class="space-y-4" data-testid="my-applications">
                            {rows.into_iter().map(|a| view! { <Application app=a/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/applications"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Application(app: MyApplication) -> impl IntoView {
    let history_id = format!("history-{}", app.id.simple());
    view! {
        <li class=CARD data-testid="application">
            <div class="flex flex-wrap items-start justify-between gap-2">
                <div>
                    <A href=format!("/jobs/{}", app.job_id) attr:class="text-lg font-semibold text-indigo-700 hover:underline">{app.job_title.clone()}</A>
                    <p class="text-sm text-slate-600">{app.company_name.clone()}</p>
                </div>
                <span data-testid="application-status"><Pill text=app.stage.label().into() tone=app.stage.tone()/></span>
            </div>
            <p class="mt-1 text-sm text-slate-600">
                {format!("Applied {} · last change {}", day(app.applied_at), ist_stamp(app.status_changed_at))}
            </p>
            {app.conversation_id.map(|c| view! {
                <p class="mt-2"><A href=format!("/messages/{c}") attr:class=LINK>"Open your conversation with the company"</A></p>
            })}
            <h2 id=history_id.clone() class="mt-4 text-sm font-semibold text-slate-800">"History"</h2>
            <ol class="mt-2 space-y-2 border-l-2 border-slate-200 pl-4" aria-labelledby=history_id data-testid="application-history">
                {app.history.into_iter().map(|e| view! {
                    <li class="text-sm">
                        <time datetime=e.at.to_rfc3339() class="block text-xs text-slate-500">{ist_stamp(e.at)}</time>
                        <span class="text-slate-800">{e.text()}</span>
                    </li>
                }).collect_view()}
            </ol>
        </li>
    }
}
