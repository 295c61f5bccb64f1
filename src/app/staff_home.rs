//! `/staff`: what waits for the signed-in staff member, by the queues they may see. It
//! lives in the composition root because it counts several domains' queues (approvals,
//! verification, reviews) and links to the wallet's tools.
use crate::core::AppError;
use crate::ui::queue::AccessProblem;
use crate::ui::style::CARD;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};

/// Counts for the staff home page; `None` where the user may not see that queue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffOverview {
    pub display_name: String,
    pub pending_approvals: Option<i64>,
    pub pending_verifications: Option<i64>,
    /// May credit BONUS tracecoins (`/staff/wallet-bonus`).
    pub can_grant_bonus: bool,
    /// May open the finance console (`/staff/finance`).
    pub can_view_finance: bool,
}

/// Pending counts for the queues the signed-in staff member may see; FORBIDDEN for
/// anyone without a staff capability.
#[server(endpoint = "staff/overview")]
pub async fn load_staff_overview() -> Result<StaffOverview, AppError> {
    crate::server::call::handle(|cx| async move {
        use crate::domains::approvals::{service, subject::ApprovalSubjects};
        let user = cx.user().await?;
        if user.capabilities.is_empty() {
            tracing::warn!(user = %user.id, "staff home refused");
            return Err(AppError::forbidden());
        }
        let types = cx
            .state
            .registries
            .get::<ApprovalSubjects>()?
            .decidable(&user);
        let pending_approvals = if types.is_empty() {
            None
        } else {
            Some(service::count_pending(cx.pool(), &types).await?)
        };
        let pending_verifications = if user.can(crate::core::capability::REVIEW_VERIFICATIONS) {
            Some(crate::domains::verification::service::count_pending(cx.pool()).await?)
        } else {
            None
        };
        let can_grant_bonus = user.can(crate::core::capability::GRANT_BONUS);
        let can_view_finance = user.can(crate::core::capability::VIEW_FINANCE);
        Ok(StaffOverview {
            can_view_finance,
            display_name: user.display_name,
            pending_approvals,
            pending_verifications,
            can_grant_bonus,
        })
    })
    .await
}

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| load_staff_overview());
    view! {
        <Title text="Staff — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-4xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">"Staff"</h1>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || overview.get().map(|r| match r {
                    Ok(o) => {
                        let none = o.pending_approvals.is_none() && o.pending_verifications.is_none() && !o.can_grant_bonus && !o.can_view_finance;
                        let tools = o.can_grant_bonus || o.can_view_finance;
                        view! {
                            <p class="text-slate-600">{format!("Signed in as {}.", o.display_name)}</p>
                            <ul class="grid gap-4 sm:grid-cols-2" data-testid="staff-cards">
                                {o.pending_approvals.map(|n| view! {
                                    <QueueCard href="/staff/approvals" testid="pending-approvals" title="Profile approvals" count=n
                                        what="professional and company profiles waiting for approval"/>
                                })}
                                {o.pending_verifications.map(|n| view! {
                                    <QueueCard href="/staff/verifications" testid="pending-verifications" title="Verifications" count=n
                                        what="verification requests waiting for review"/>
                                })}
                            </ul>
                            {tools.then(|| view! {
                                <section class=CARD aria-labelledby="staff-tools">
                                    <h2 id="staff-tools" class="text-lg font-semibold text-slate-900">"Tools"</h2>
                                    <ul class="mt-2 space-y-1">
                                        {o.can_view_finance.then(|| view! {
                                            <li><A href="/staff/finance" attr:class="font-semibold text-indigo-700 hover:underline">"Finance: orders, refunds and coupons"</A></li>
                                        })}
                                        {o.can_grant_bonus.then(|| view! {
                                            <li><A href="/staff/wallet-bonus" attr:class="font-semibold text-indigo-700 hover:underline">"Grant tracecoin bonus"</A></li>
                                        })}
                                    </ul>
                                </section>
                            })}
                            {none.then(|| view! {
                                <p class=CARD>"Your staff role has no review queues. Other staff tools appear here as they become available to you."</p>
                            })}
                        }
                        .into_any()
                    }
                    Err(e) => view! { <AccessProblem error=e next="/staff".to_string()/> }.into_any(),
                })}
            </Transition>
            <crate::domains::reviews::pages::ReviewQueueLink/>
        </div>
    }
}

#[component]
fn QueueCard(
    href: &'static str,
    testid: &'static str,
    title: &'static str,
    count: i64,
    what: &'static str,
) -> impl IntoView {
    view! {
        <li>
            <A href=href attr:class="block rounded-2xl border border-slate-200 bg-white p-6 shadow-sm hover:border-indigo-300 focus:outline-none focus:ring-2 focus:ring-indigo-400">
                <h2 class="text-lg font-semibold text-slate-900">{title}</h2>
                <p class="mt-2 text-3xl font-extrabold text-indigo-700" data-testid=testid>{count}</p>
                <p class="mt-1 text-sm text-slate-600">{what}</p>
            </A>
        </li>
    }
}
