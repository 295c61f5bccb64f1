//! `/staff/approvals`: the approval queue, filtered by the URL's query string.
use crate::core::roles::{role_spec, ROLE_SPECS};
use crate::core::time::ist_stamp as ist;
use crate::domains::approvals::api::list_approvals;
use crate::domains::approvals::model::{entity_label, ApprovalRow, ENTITY_TYPES, STATUSES};
use crate::ui::queue::age;
use crate::ui::queue::AccessProblem;
use crate::ui::queue::FilterSearch;
use crate::ui::queue::FilterSelect;
use crate::ui::queue::Pager;
use crate::ui::style::CARD;
use crate::ui::style::LINK;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::{Form, A},
    hooks::use_query_map,
};

#[component]
pub fn ApprovalQueuePage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        (
            q.get("status"),
            q.get("type"),
            q.get("role"),
            q.get("q"),
            q.get("page"),
        )
    };
    let page = Resource::new(params, |(status, kind, role, q, page)| {
        list_approvals(status, kind, role, q, page)
    });
    view! {
        <Title text="Approval queue — Nxtgauge staff"/>
        <div class="mx-auto mt-8 max-w-6xl space-y-6">
            <p class="text-sm"><A href="/staff" attr:class=LINK>"Staff"</A></p>
            <h1 class="text-2xl font-bold text-slate-900">"Approval queue"</h1>
            <Filters/>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading the queue…"</p> }>
                {move || page.get().map(|r| match r {
                    Ok(p) => view! {
                        <section class=CARD aria-labelledby="queue-title">
                            <h2 id="queue-title" class="sr-only">"Requests"</h2>
                            {if p.rows.is_empty() {
                                view! { <p class="text-slate-600" data-testid="queue-empty">"Nothing matches these filters. The queue is clear."</p> }.into_any()
                            } else {
                                view! { <QueueTable rows=p.rows.clone()/> }.into_any()
                            }}
                            <Pager base="/staff/approvals" query=query.get_untracked() page=p.page has_more=p.has_more total=p.total/>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <AccessProblem error=e next="/staff/approvals".to_string()/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// The filter form: a plain GET form, so filters live in the URL and survive reloads.
#[component]
fn Filters() -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.get();
        let status = q
            .get("status")
            .filter(|s| STATUSES.iter().any(|(k, _)| k == s));
        view! {
            <Form method="GET" action="/staff/approvals" attr:class="grid gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-5 sm:items-end" attr:aria-label="Filter the queue">
                <FilterSelect name="status" label="Status"
                    options=STATUSES.iter().map(|(k, l)| (k.to_string(), l.to_string())).collect()
                    current=Some(status.unwrap_or_else(|| "PENDING".into()))/>
                <FilterSelect name="type" label="Type" any="All types"
                    options=ENTITY_TYPES.iter().map(|(k, l)| (k.to_string(), l.to_string())).collect()
                    current=q.get("type")/>
                <FilterSelect name="role" label="Role" any="All roles"
                    options=ROLE_SPECS.iter().map(|s| (s.key.to_string(), s.label.to_string())).collect()
                    current=q.get("role")/>
                <FilterSearch current=q.get("q")/>
                <button type="submit" class="rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700">"Filter"</button>
            </Form>
        }
    }
}

#[component]
fn QueueTable(rows: Vec<ApprovalRow>) -> impl IntoView {
    view! {
        <div class="overflow-x-auto">
            <table class="min-w-full text-left text-sm" data-testid="approval-queue">
                <caption class="sr-only">"Approval requests, oldest first"</caption>
                <thead class="border-b border-slate-200 text-slate-600">
                    <tr>
                        <th scope="col" class="py-2 pr-4 font-medium">"Submitted"</th>
                        <th scope="col" class="py-2 pr-4 font-medium">"Name"</th>
                        <th scope="col" class="py-2 pr-4 font-medium">"Type"</th>
                        <th scope="col" class="py-2 pr-4 font-medium">"Role"</th>
                        <th scope="col" class="py-2 pr-4 font-medium">"Submitted by"</th>
                        <th scope="col" class="py-2 pr-4 font-medium">"Waiting"</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                    {rows.into_iter().map(|r| {
                        let role = r.role_key.as_deref().and_then(role_spec).map(|s| s.label).unwrap_or("—");
                        view! {
                            <tr>
                                <td class="whitespace-nowrap py-2 pr-4">{ist(r.submitted_at)}</td>
                                <td class="py-2 pr-4">
                                    <A href=format!("/staff/approvals/{}", r.id) attr:class=LINK>{r.display_name.clone()}</A>
                                </td>
                                <td class="py-2 pr-4">{entity_label(&r.entity_type)}</td>
                                <td class="py-2 pr-4">{role}</td>
                                <td class="py-2 pr-4">{r.submitted_by_name.clone()}</td>
                                <td class="whitespace-nowrap py-2 pr-4">{age(r.age_minutes)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
