//! `/staff/approvals/:id`: one request, the submitted entity, its history and the
//! decision form. It lives in the composition root because it shows an entity of any
//! kind the queue decides (a profile, a company, a lead, a job), each drawn by its own
//! domain's review view.
use crate::core::state::ApprovalStatus;
use crate::core::time::ist_stamp as ist;
use crate::core::AppError;
use crate::domains::approvals::api::DecideApproval;
use crate::domains::approvals::model::{
    entity_label, ApprovalDetail, CompanySubmission, LogLine, ProfileSubmission,
};
use crate::ui::badge::StatusBadge;
use crate::ui::form::on_ok;
use crate::ui::form::{action_error, FormAlert};
use crate::ui::queue::age;
use crate::ui::queue::AccessProblem;
use crate::ui::queue::DecisionButton;
use crate::ui::queue::RemarksField;
use crate::ui::style::CARD;
use crate::ui::style::LINK;
use crate::ui::toast::use_toasts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
/// The submitted entity, as its kind shows it to a reviewer.
pub enum Subject {
    Profile(Box<ProfileSubmission>),
    Company(Box<CompanySubmission>),
    Lead(Box<crate::domains::leads::model::LeadView>),
    Job(Box<crate::domains::jobs::model::JobForReview>),
    /// The entity no longer exists (deleted after submission).
    Missing,
}

/// One request and what was submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalReview {
    pub detail: ApprovalDetail,
    pub subject: Subject,
}

/// One request with its history and the submitted entity, for a reviewer who may
/// decide its kind (others get FORBIDDEN, or NOT_FOUND for a kind they may not see).
#[server(endpoint = "approvals/detail")]
pub async fn load_approval_detail(id: Uuid) -> Result<ApprovalReview, AppError> {
    crate::server::call::handle(|cx| async move {
        use crate::domains::approvals::subject::ApprovalSubjects;
        let user = cx.user().await?;
        let subjects = cx.state.registries.get::<ApprovalSubjects>()?;
        subjects.require_reviewer(&user)?;
        review(cx.pool(), id, user.id, &subjects.decidable(&user)).await
    })
    .await
}

/// One request of the entity `types` the viewer decides, with what was submitted, as
/// `viewer` sees it.
#[cfg(feature = "ssr")]
pub async fn review(
    pool: &sqlx::PgPool,
    id: Uuid,
    viewer: Uuid,
    types: &[String],
) -> crate::core::AppResult<ApprovalReview> {
    use crate::domains::approvals::{queue, service::EntityType};
    use crate::domains::{jobs, leads};
    let detail = queue::detail(pool, id, viewer, types).await?;
    let entity = detail.request.entity_id;
    // Exhaustive: a new kind of subject does not compile until it has its review card.
    let subject = match EntityType::parse(&detail.request.entity_type) {
        Some(EntityType::Profile) => queue::profile_submission(pool, entity)
            .await?
            .map(|p| Subject::Profile(Box::new(p))),
        Some(EntityType::Company) => queue::company_submission(pool, entity)
            .await?
            .map(|c| Subject::Company(Box::new(c))),
        Some(EntityType::Lead) => leads::service::lead_for_review(pool, entity)
            .await?
            .map(|l| Subject::Lead(Box::new(l))),
        Some(EntityType::Job) => jobs::service::job_for_review(pool, entity)
            .await?
            .map(|j| Subject::Job(Box::new(j))),
        None => None,
    };
    Ok(ApprovalReview {
        detail,
        subject: subject.unwrap_or(Subject::Missing),
    })
}

#[component]
pub fn ApprovalDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<Uuid>().ok());
    let detail = Resource::new(id, |id| async move {
        match id {
            Some(id) => load_approval_detail(id).await,
            None => Err(AppError::not_found("That approval request")),
        }
    });
    view! {
        <Title text="Review request — Nxtgauge staff"/>
        <div class="mx-auto mt-8 max-w-5xl space-y-6">
            <p class="text-sm"><A href="/staff/approvals" attr:class=LINK>"← Approval queue"</A></p>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading the request…"</p> }>
                {move || detail.get().map(|r| match r {
                    Ok(r) => view! { <Detail d=r.detail subject=r.subject/> }.into_any(),
                    Err(e) => view! { <AccessProblem error=e next="/staff/approvals".to_string()/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Detail(d: ApprovalDetail, subject: Subject) -> impl IntoView {
    let r = d.request.clone();
    let pending = r.status == ApprovalStatus::Pending;
    view! {
        <header class="space-y-1">
            <h1 class="text-2xl font-bold text-slate-900">{r.display_name.clone()}</h1>
            <p class="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                <StatusBadge status=r.status/>
                <span>{entity_label(&r.entity_type)}</span>
                <span>{format!("· submitted {} by {} ({})", ist(r.submitted_at), r.submitted_by_name, d.submitted_by_email)}</span>
                {pending.then(|| view! { <span>{format!("· waiting {}", age(r.age_minutes))}</span> })}
            </p>
        </header>
        {match subject {
            Subject::Profile(p) => view! { <ProfileView p=*p/> }.into_any(),
            Subject::Company(c) => view! { <CompanyView c=*c/> }.into_any(),
            Subject::Lead(l) => view! { <crate::domains::leads::pages::LeadReview lead=*l/> }.into_any(),
            Subject::Job(j) => view! { <crate::domains::jobs::pages::JobReview job=*j/> }.into_any(),
            Subject::Missing => view! { <p class=CARD role="alert">"The submitted profile no longer exists. Reject the request to close it."</p> }.into_any(),
        }}
        <History d=d.clone()/>
        {if !pending {
            view! {
                <section class=CARD aria-labelledby="decision-title">
                    <h2 id="decision-title" class="text-lg font-semibold">"Decision"</h2>
                    <p class="mt-2 text-slate-700">
                        {format!("{} by {} on {}.",
                            if r.status == ApprovalStatus::Approved { "Approved" } else { "Rejected" },
                            d.reviewed_by_name.clone().unwrap_or_else(|| "a reviewer".into()),
                            d.reviewed_at.map(ist).unwrap_or_default())}
                    </p>
                    {d.remarks.clone().map(|m| view! { <p class="mt-1 whitespace-pre-line text-slate-600">{m}</p> })}
                </section>
            }.into_any()
        } else if d.own_submission {
            view! { <p class=CARD role="note">"You submitted this yourself, so another reviewer has to decide it."</p> }.into_any()
        } else {
            view! { <DecisionForm id=r.id/> }.into_any()
        }}
    }
}

#[component]
fn DecisionForm(id: Uuid) -> impl IntoView {
    let decide = ServerAction::<DecideApproval>::new();
    let error = action_error(decide.value());
    let toasts = use_toasts();
    let navigate = use_navigate();
    on_ok(decide.value(), move |status| {
        toasts.success(if status == ApprovalStatus::Approved {
            "Approved. The submitter has been notified."
        } else {
            "Rejected. The submitter has been told what to change."
        });
        navigate("/staff/approvals", Default::default());
    });
    let pending = Signal::derive(move || decide.pending().get());
    view! {
        <section class=CARD aria-labelledby="decide-title">
            <h2 id="decide-title" class="mb-4 text-lg font-semibold">"Decide"</h2>
            <ActionForm action=decide attr:class="space-y-4" attr:novalidate="true">
                <FormAlert error=error/>
                <input type="hidden" name="id" value=id.to_string()/>
                <RemarksField id="remarks".to_string() error=error/>
                <div class="flex flex-wrap gap-3">
                    <DecisionButton value="approve" label="Approve" pending=pending/>
                    <DecisionButton value="reject" label="Reject" pending=pending kind="danger"/>
                </div>
            </ActionForm>
        </section>
    }
}

/// One labelled fact of a profile; hidden when empty.
fn fact(label: &'static str, value: Option<String>) -> impl IntoView {
    value.filter(|v| !v.trim().is_empty()).map(|v| {
        view! {
            <div class="py-1 sm:grid sm:grid-cols-3 sm:gap-4">
                <dt class="text-sm font-medium text-slate-600">{label}</dt>
                <dd class="whitespace-pre-line text-sm text-slate-900 sm:col-span-2">{v}</dd>
            </div>
        }
    })
}

#[component]
fn ProfileView(p: ProfileSubmission) -> impl IntoView {
    view! {
        <section class=CARD aria-labelledby="profile-title">
            <div class="flex items-start gap-4">
                {p.avatar_url.clone().map(|src| view! {
                    <img src=src alt=format!("Photo of {}", p.display_name) class="h-20 w-20 rounded-full object-cover"/>
                })}
                <div>
                    <h2 id="profile-title" class="text-lg font-semibold">{format!("{} profile", p.role_label)}</h2>
                    <p class="mt-1 flex flex-wrap gap-2 text-sm">
                        <span>"Profile:"</span><StatusBadge status=p.status/>
                        <span>"Approval:"</span><StatusBadge status=p.approval_status/>
                        <span>"Verification:"</span><StatusBadge status=p.verification_status/>
                    </p>
                </div>
            </div>
            <dl class="mt-4 divide-y divide-slate-100">
                {fact("Display name", Some(p.display_name.clone()))}
                {fact("City", p.location.clone())}
                {fact("About", p.bio.clone())}
                {fact("Phone", p.phone.clone())}
                {fact("Email", p.email.clone())}
                {fact("Public address", Some(format!("/p/{}", p.slug)))}
                {fact("Last rejection", p.rejection_reason.clone())}
                {p.fields.iter().map(|(label, value)| view! {
                    <div class="py-1 sm:grid sm:grid-cols-3 sm:gap-4">
                        <dt class="text-sm font-medium text-slate-600">{label.clone()}</dt>
                        <dd class="text-sm text-slate-900 sm:col-span-2">{value.clone()}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
        <section class=CARD aria-labelledby="portfolio-title">
            <h2 id="portfolio-title" class="text-lg font-semibold">{format!("Portfolio ({})", p.portfolio.len())}</h2>
            {if p.portfolio.is_empty() {
                view! { <p class="mt-2 text-slate-600">"No portfolio items."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-4 space-y-4">
                        {p.portfolio.iter().map(|item| view! {
                            <li>
                                <h3 class="font-medium">{item.title.clone()}</h3>
                                {item.description.clone().map(|d| view! { <p class="text-sm text-slate-600">{d}</p> })}
                                {(!item.tags.is_empty()).then(|| view! { <p class="text-xs text-slate-500">{item.tags.join(", ")}</p> })}
                                <ul class="mt-2 flex flex-wrap gap-2">
                                    {item.images.iter().enumerate().map(|(i, img)| view! {
                                        <li>
                                            <a href=img.url.clone() target="_blank" rel="noopener" class="block rounded focus:outline-none focus:ring-2 focus:ring-indigo-400">
                                                <img src=img.thumb_url.clone() alt=format!("{} — image {}", item.title, i + 1) loading="lazy" class="h-24 w-24 rounded object-cover"/>
                                            </a>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class=CARD aria-labelledby="services-title">
            <h2 id="services-title" class="text-lg font-semibold">{format!("Services ({})", p.services.len())}</h2>
            {if p.services.is_empty() {
                view! { <p class="mt-2 text-slate-600">"No services listed."</p> }.into_any()
            } else {
                view! {
                    <table class="mt-2 min-w-full text-left text-sm">
                        <thead class="text-slate-600"><tr>
                            <th scope="col" class="py-1 pr-4 font-medium">"Service"</th>
                            <th scope="col" class="py-1 pr-4 font-medium">"Price"</th>
                            <th scope="col" class="py-1 pr-4 font-medium">"Duration"</th>
                            <th scope="col" class="py-1 pr-4 font-medium">"Shown"</th>
                        </tr></thead>
                        <tbody class="divide-y divide-slate-100">
                            {p.services.iter().map(|s| view! {
                                <tr>
                                    <td class="py-1 pr-4">
                                        <span class="font-medium">{s.name.clone()}</span>
                                        {s.description.clone().map(|d| view! { <span class="block text-slate-600">{d}</span> })}
                                    </td>
                                    <td class="py-1 pr-4">{s.price.clone()}</td>
                                    <td class="py-1 pr-4">{s.duration_minutes.map(|m| format!("{m} min")).unwrap_or_else(|| "—".into())}</td>
                                    <td class="py-1 pr-4">{if s.is_active { "Yes" } else { "No" }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn CompanyView(c: CompanySubmission) -> impl IntoView {
    view! {
        <section class=CARD aria-labelledby="company-title">
            <h2 id="company-title" class="text-lg font-semibold">"Company profile"</h2>
            <p class="mt-1 flex flex-wrap gap-2 text-sm">
                <span>"Profile:"</span><StatusBadge status=c.status/>
                <span>"Approval:"</span><StatusBadge status=c.approval_status/>
                <span>"Verification:"</span><StatusBadge status=c.verification_status/>
            </p>
            <dl class="mt-4 divide-y divide-slate-100">
                {fact("Company name", Some(c.company_name.clone()))}
                {fact("Business type", c.business_type.clone())}
                {fact("Industry", c.industry.clone())}
                {fact("Contact person", c.contact_person_name.clone())}
                {fact("Email", c.email.clone())}
                {fact("Phone", c.phone.clone())}
                {fact("City", c.location.clone())}
                {fact("About", c.bio.clone())}
            </dl>
        </section>
    }
}

fn log_text(l: &LogLine) -> String {
    let what = l.action.label();
    match &l.actor_name {
        Some(who) => format!("{what} by {who}"),
        None => what.to_string(),
    }
}

#[component]
fn History(d: ApprovalDetail) -> impl IntoView {
    let earlier = d.earlier.clone();
    view! {
        <section class=CARD aria-labelledby="history-title">
            <h2 id="history-title" class="text-lg font-semibold">"History"</h2>
            <ol class="mt-2 space-y-2" data-testid="approval-history">
                {d.logs.iter().map(|l| view! {
                    <li class="text-sm">
                        <span class="text-slate-500">{ist(l.created_at)}</span>" — "
                        <span class="text-slate-900">{log_text(l)}</span>
                        {l.remarks.clone().map(|m| view! { <span class="block whitespace-pre-line text-slate-600">{m}</span> })}
                    </li>
                }).collect_view()}
            </ol>
            {(!earlier.is_empty()).then(move || view! {
                <h3 class="mt-4 font-medium">"Earlier requests"</h3>
                <ul class="mt-1 space-y-1">
                    {earlier.into_iter().map(|e| view! {
                        <li class="text-sm">
                            <A href=format!("/staff/approvals/{}", e.id) attr:class=LINK>{ist(e.submitted_at)}</A>" "
                            <StatusBadge status=e.status/>
                            {e.remarks.clone().map(|m| view! { <span class="block text-slate-600">{m}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
