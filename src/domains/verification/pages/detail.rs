//! `/staff/verifications/:id`: one request, its documents (each decided on its own),
//! the history and the request's decision form.
use super::log_text;
use crate::core::state::ApprovalStatus;
use crate::core::time::ist_stamp as ist;
use crate::core::AppError;
use crate::domains::verification::api::{
    load_verification_detail, DecideDocument, DecideVerification,
};
use crate::domains::verification::model::{
    document_url, verification_type_label, DocumentView, RequestView, VerificationDetail,
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
use uuid::Uuid;

#[component]
pub fn VerificationDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<Uuid>().ok());
    // Bumped after each document decision so statuses and history refresh.
    let version = RwSignal::new(0u32);
    let detail = Resource::new(
        move || (id(), version.get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_verification_detail(id).await,
                None => Err(AppError::not_found("That verification request")),
            }
        },
    );
    view! {
        <Title text="Review verification — Nxtgauge staff"/>
        <div class="mx-auto mt-8 max-w-5xl space-y-6">
            <p class="text-sm"><A href="/staff/verifications" attr:class=LINK>"← Verification queue"</A></p>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading the request…"</p> }>
                {move || detail.get().map(|r| match r {
                    Ok(d) => view! { <Detail d=d version=version/> }.into_any(),
                    Err(e) => view! { <AccessProblem error=e next="/staff/verifications".to_string()/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Detail(d: VerificationDetail, version: RwSignal<u32>) -> impl IntoView {
    let r = d.request.clone();
    let p = d.profile.clone();
    let pending = r.status == ApprovalStatus::Pending;
    let can_decide = pending && !d.own_profile;
    let role = crate::core::roles::role_label(&p.role_key);
    view! {
        <header class="space-y-1">
            <h1 class="text-2xl font-bold text-slate-900">{p.display_name.clone()}</h1>
            <p class="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                <StatusBadge status=r.status/>
                <span>{format!("{} verification · {role}", verification_type_label(&r.verification_type))}</span>
                <span>{format!("· opened {}", ist(r.submitted_at))}</span>
                {pending.then(|| view! { <span>{format!("· waiting {}", age(d.age_minutes))}</span> })}
            </p>
        </header>
        <section class=CARD aria-labelledby="profile-title">
            <h2 id="profile-title" class="text-lg font-semibold">"Profile"</h2>
            <dl class="mt-2 grid gap-2 text-sm sm:grid-cols-2">
                <div><dt class="text-slate-600">"Owner's account"</dt><dd>{p.owner_email.clone()}</dd></div>
                <div><dt class="text-slate-600">"City"</dt><dd>{p.location.clone().unwrap_or_else(|| "—".into())}</dd></div>
                <div><dt class="text-slate-600">"Profile status"</dt><dd><StatusBadge status=p.status/></dd></div>
                <div><dt class="text-slate-600">"Approval"</dt><dd><StatusBadge status=p.approval_status/></dd></div>
                <div><dt class="text-slate-600">"Verification"</dt><dd><StatusBadge status=p.verification_status/></dd></div>
                <div><dt class="text-slate-600">"Public page"</dt><dd>
                    {if p.approval_status == ApprovalStatus::Approved {
                        view! { <a href=format!("/p/{}", p.slug) target="_blank" rel="noopener" class=LINK>{format!("/p/{}", p.slug)}</a> }.into_any()
                    } else {
                        view! { <span>"Not public yet"</span> }.into_any()
                    }}
                </dd></div>
            </dl>
        </section>
        <section class=CARD aria-labelledby="documents-title">
            <h2 id="documents-title" class="text-lg font-semibold">{format!("Documents ({})", r.documents.len())}</h2>
            {(!d.can_view_documents).then(|| view! {
                <p class="mt-2 text-sm text-amber-800">"Your role cannot open verification documents; decide only from what you can see."</p>
            })}
            {if r.documents.is_empty() {
                view! { <p class="mt-2 text-slate-600">"No documents uploaded yet. Ask for documents, or reject the request."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-2 divide-y divide-slate-100" data-testid="review-documents">
                        {r.documents.iter().cloned().map(|doc| view! {
                            <DocumentReview doc=doc can_view=d.can_view_documents can_decide=can_decide version=version/>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <History request=r.clone() reviewer=d.reviewed_by_name.clone() earlier=d.earlier.clone()/>
        {if can_decide {
            view! { <RequestDecision id=r.id/> }.into_any()
        } else if pending {
            view! { <p class=CARD role="note">"This is your own profile, so another reviewer has to decide it."</p> }.into_any()
        } else {
            ().into_any()
        }}
    }
}

#[component]
fn DocumentReview(
    doc: DocumentView,
    can_view: bool,
    can_decide: bool,
    version: RwSignal<u32>,
) -> impl IntoView {
    let decide = ServerAction::<DecideDocument>::new();
    let error = action_error(decide.value());
    let toasts = use_toasts();
    let label = doc.document_label.clone();
    on_ok(decide.value(), move |status| {
        toasts.success(format!("Document {}.", status.as_str().to_lowercase()));
        version.update(|v| *v += 1);
    });
    let pending = Signal::derive(move || decide.pending().get());
    let remarks_id = format!("doc-remarks-{}", doc.id);
    view! {
        <li class="py-4">
            <div class="flex flex-col gap-1 sm:flex-row sm:items-center sm:justify-between">
                <div class="text-sm">
                    <span class="font-medium">{label.clone()}</span>
                    <span class="text-slate-500">{format!(" · {} · {} · uploaded {}",
                        doc.file_name.clone().unwrap_or_default(),
                        doc.mime_type.clone().unwrap_or_default(),
                        ist(doc.uploaded_at))}</span>
                    {doc.remarks.clone().map(|m| view! { <span class="block whitespace-pre-line text-slate-700">{m}</span> })}
                </div>
                <div class="flex items-center gap-3">
                    <StatusBadge status=doc.status/>
                    {can_view.then(|| view! {
                        <a href=document_url(doc.id) target="_blank" rel="noopener" class=LINK>
                            "View"<span class="sr-only">{format!(" {label}")}</span>
                        </a>
                    })}
                </div>
            </div>
            {can_decide.then(|| view! {
                <ActionForm action=decide attr:class="mt-3 space-y-3" attr:novalidate="true" attr:aria-label=format!("Decide {}", doc.document_label)>
                    <FormAlert error=error/>
                    <input type="hidden" name="id" value=doc.id.to_string()/>
                    <RemarksField id=remarks_id error=error label="Remarks on this document"
                        hint="Required to reject (10–1000 characters), e.g. what is unreadable or wrong."/>
                    <div class="flex flex-wrap gap-3">
                        <DecisionButton value="approve" label="Approve document" pending=pending/>
                        <DecisionButton value="reject" label="Reject document" pending=pending kind="danger"/>
                    </div>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn RequestDecision(id: Uuid) -> impl IntoView {
    let decide = ServerAction::<DecideVerification>::new();
    let error = action_error(decide.value());
    let toasts = use_toasts();
    let navigate = use_navigate();
    on_ok(decide.value(), move |status| {
        toasts.success(match status {
            ApprovalStatus::Approved => "Verified. The professional has been notified.",
            ApprovalStatus::Rejected => "Rejected. The professional has been told why.",
            ApprovalStatus::Pending => {
                "Asked for more documents. The professional has been notified."
            }
        });
        navigate("/staff/verifications", Default::default());
    });
    let pending = Signal::derive(move || decide.pending().get());
    view! {
        <section class=CARD aria-labelledby="decide-title">
            <h2 id="decide-title" class="mb-4 text-lg font-semibold">"Decide the request"</h2>
            <p class="mb-4 text-sm text-slate-600">"Approve once every document is approved. Rejecting or asking for more documents needs remarks, which the professional sees."</p>
            <ActionForm action=decide attr:class="space-y-4" attr:novalidate="true">
                <FormAlert error=error/>
                <input type="hidden" name="id" value=id.to_string()/>
                <RemarksField id="request-remarks".to_string() error=error
                    hint="Required to reject or to ask for more documents (10–1000 characters)."/>
                <div class="flex flex-wrap gap-3">
                    <DecisionButton value="approve" label="Approve — mark verified" pending=pending/>
                    <DecisionButton value="more" label="Ask for more documents" pending=pending kind="secondary"/>
                    <DecisionButton value="reject" label="Reject request" pending=pending kind="danger"/>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn History(
    request: RequestView,
    reviewer: Option<String>,
    earlier: Vec<RequestView>,
) -> impl IntoView {
    view! {
        <section class=CARD aria-labelledby="history-title">
            <h2 id="history-title" class="text-lg font-semibold">"History"</h2>
            {(request.status != ApprovalStatus::Pending).then(|| view! {
                <p class="mt-2 text-sm text-slate-700">{format!("{} by {} on {}.",
                    if request.status == ApprovalStatus::Approved { "Approved" } else { "Rejected" },
                    reviewer.clone().unwrap_or_else(|| "a reviewer".into()),
                    request.reviewed_at.map(ist).unwrap_or_default())}</p>
            })}
            <ol class="mt-2 space-y-2" data-testid="verification-history">
                {request.logs.iter().map(|l| view! {
                    <li class="text-sm">
                        <span class="text-slate-500">{ist(l.created_at)}</span>" — "{log_text(l)}
                        {l.remarks.clone().map(|m| view! { <span class="block whitespace-pre-line text-slate-600">{m}</span> })}
                    </li>
                }).collect_view()}
            </ol>
            {(!earlier.is_empty()).then(move || view! {
                <h3 class="mt-4 font-medium">"Earlier requests for this profile"</h3>
                <ul class="mt-1 space-y-1">
                    {earlier.into_iter().map(|e| view! {
                        <li class="text-sm">
                            <A href=format!("/staff/verifications/{}", e.id) attr:class=LINK>
                                {format!("{} · {}", verification_type_label(&e.verification_type), ist(e.submitted_at))}
                            </A>" "
                            <StatusBadge status=e.status/>
                            {e.remarks.clone().map(|m| view! { <span class="block text-slate-600">{m}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
