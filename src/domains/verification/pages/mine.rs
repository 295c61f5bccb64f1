//! `/pro/:role/verification`: the professional's verification status, the open request
//! with its documents, and the history of earlier requests.
use super::log_text;
use crate::core::state::{ApprovalStatus, Look, VerificationStatus};
use crate::core::time::ist_stamp as ist;
use crate::core::{AppError, ErrorCode};
use crate::domains::verification::api::{load_my_verification, OpenVerification};
use crate::domains::verification::model::{
    document_url, verification_type_label, DocumentView, MyVerification, RequestView,
    VerificationAction, VERIFICATION_TYPES,
};
use crate::ui::badge::StatusBadge;
use crate::ui::form::on_ok;
use crate::ui::form::{action_error, FieldMessage, FormAlert, Submit};
use crate::ui::pro_nav::{ProNav, ProTab};
use crate::ui::queue::AccessProblem;
use crate::ui::style::CARD;
use crate::ui::style::LINK;
use crate::ui::style::SELECT;
use crate::ui::toast::use_toasts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

/// The badge of a profile that never asked to be verified (a page state, not stored).
const NOT_STARTED: Look = Look {
    word: "NOT_STARTED",
    label: "Not started",
    tone: "slate",
};

#[component]
pub fn VerificationPage() -> impl IntoView {
    let params = use_params_map();
    let role = Memo::new(move |_| params.read().get("role").unwrap_or_default());
    let open = ServerAction::<OpenVerification>::new();
    // Bumped after an upload so the documents list shows the new file.
    let uploads = RwSignal::new(0u32);
    let data = Resource::new(
        move || (role.get(), open.version().get(), uploads.get()),
        |(role, _, _)| load_my_verification(role),
    );
    let toasts = use_toasts();
    on_ok(open.value(), move |_| {
        toasts.success("Verification request opened. Now upload your documents.");
    });
    view! {
        <Title text="Verification — Nxtgauge"/>
        {move || view! { <ProNav role=role.get() active=ProTab::Verification/> }}
        <div class="mx-auto mt-6 max-w-4xl space-y-6">
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your verification…"</p> }>
                {move || data.get().map(|r| match r {
                    Ok(v) => view! { <Verification v=v open=open uploads=uploads/> }.into_any(),
                    Err(e) => view! { <LoadProblem error=e role=role.get_untracked()/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn LoadProblem(error: AppError, role: String) -> impl IntoView {
    if error.code == ErrorCode::NotFound {
        view! {
            <div class=CARD>
                <p class="text-slate-700">"Create your profile first; then you can verify it."</p>
                <A href=format!("/pro/{role}") attr:class=LINK>"Go to your profile"</A>
            </div>
        }
        .into_any()
    } else {
        let next = format!("/pro/{role}/verification");
        view! { <AccessProblem error=error next=next/> }.into_any()
    }
}

#[component]
fn Verification(
    v: MyVerification,
    open: ServerAction<OpenVerification>,
    uploads: RwSignal<u32>,
) -> impl IntoView {
    let verified = v.verification_status == VerificationStatus::Verified;
    let rejected = v.verification_status == VerificationStatus::Rejected;
    let open_request = v.open_request().cloned();
    let latest = v.requests.first().cloned();
    view! {
        <section class=CARD aria-labelledby="status-title">
            <h2 id="status-title" class="text-lg font-semibold">"Verification status"</h2>
            <p class="mt-2 flex items-center gap-2" data-testid="verification-status">
                <StatusBadge status=if verified || rejected {
                    v.verification_status.look()
                } else if open_request.is_some() {
                    ApprovalStatus::Pending.look()
                } else {
                    NOT_STARTED
                }/>
                <span class="text-slate-700">{
                    if verified {
                        format!("Verified on {}. Your profile shows the Verified badge.", v.verified_at.map(ist).unwrap_or_default())
                    } else if open_request.is_some() {
                        "Your request is with our team. Upload every document it needs.".to_string()
                    } else if rejected {
                        "We could not verify your profile. You can start a new request.".to_string()
                    } else {
                        "Not verified yet. Verified profiles get a badge and rank higher in search.".to_string()
                    }
                }</span>
            </p>
            {latest.filter(|r| r.status == ApprovalStatus::Rejected && open_request.is_none()).map(|r| view! {
                <div role="alert" class="mt-4 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
                    <p class="font-semibold">{format!("Your {} request was rejected on {}.", verification_type_label(&r.verification_type).to_lowercase(), r.reviewed_at.map(ist).unwrap_or_default())}</p>
                    {r.remarks.clone().map(|m| view! { <p class="mt-1 whitespace-pre-line">{m}</p> })}
                </div>
            })}
        </section>
        {match (open_request, verified) {
            (Some(req), _) => view! { <OpenRequest req=req document_types=v.document_types.clone() uploads=uploads/> }.into_any(),
            (None, false) => view! { <StartForm role=v.role_key.clone() open=open/> }.into_any(),
            (None, true) => ().into_any(),
        }}
        <History requests=v.requests.clone()/>
    }
}

#[component]
fn StartForm(role: String, open: ServerAction<OpenVerification>) -> impl IntoView {
    let error = action_error(open.value());
    let type_error = Signal::derive(move || {
        error
            .get()
            .and_then(|e| e.field_message("verification_type"))
    });
    view! {
        <section class=CARD aria-labelledby="start-title">
            <h2 id="start-title" class="text-lg font-semibold">"Start verification"</h2>
            <ActionForm action=open attr:class="mt-4 space-y-4" attr:novalidate="true">
                <FormAlert error=error/>
                <input type="hidden" name="role" value=role/>
                <div class="space-y-1">
                    <label for="verification_type" class="block text-sm font-medium text-slate-800">"What do you want to verify?"</label>
                    <select id="verification_type" name="verification_type" class=SELECT
                        aria-describedby="verification_type-hint verification_type-error">
                        {VERIFICATION_TYPES.iter().map(|(k, l, _)| view! { <option value=*k>{*l}</option> }).collect_view()}
                    </select>
                    <ul id="verification_type-hint" class="mt-1 space-y-1 text-xs text-slate-500">
                        {VERIFICATION_TYPES.iter().map(|(_, l, what)| view! { <li><strong>{*l}</strong>": "{*what}</li> }).collect_view()}
                    </ul>
                    <FieldMessage id="verification_type-error".to_string() message=type_error/>
                </div>
                <div class="w-56"><Submit label="Start verification" busy_label="Starting…" pending=open.pending().into()/></div>
            </ActionForm>
        </section>
    }
}

#[component]
fn OpenRequest(
    req: RequestView,
    document_types: Vec<(String, String)>,
    uploads: RwSignal<u32>,
) -> impl IntoView {
    let asked = req
        .logs
        .iter()
        .rev()
        .find(|l| l.action == VerificationAction::DocumentRequested)
        .cloned();
    view! {
        <section class=CARD aria-labelledby="open-title">
            <h2 id="open-title" class="text-lg font-semibold">
                {format!("{} verification — in review", verification_type_label(&req.verification_type))}
            </h2>
            <p class="mt-1 text-sm text-slate-600">{format!("Opened {}", ist(req.submitted_at))}</p>
            {asked.map(|l| view! {
                <div role="status" class="mt-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="documents-requested">
                    <p class="font-semibold">{format!("Our team asked for more on {}:", ist(l.created_at))}</p>
                    {l.remarks.map(|m| view! { <p class="mt-1 whitespace-pre-line">{m}</p> })}
                </div>
            })}
            <super::mine_upload::DocumentUpload request_id=req.id document_types=document_types uploads=uploads/>
            <h3 class="mt-6 font-medium">"Your documents"</h3>
            <Documents docs=req.documents.clone()/>
        </section>
    }
}

#[component]
fn Documents(docs: Vec<DocumentView>) -> impl IntoView {
    if docs.is_empty() {
        return view! { <p class="mt-2 text-sm text-slate-600">"No documents uploaded yet."</p> }
            .into_any();
    }
    view! {
        <ul class="mt-2 divide-y divide-slate-100" data-testid="my-documents">
            {docs.into_iter().map(|d| view! {
                <li class="flex flex-col gap-1 py-2 text-sm sm:flex-row sm:items-center sm:justify-between">
                    <div>
                        <span class="font-medium">{d.document_label.clone()}</span>
                        <span class="text-slate-500">{format!(" · {} · uploaded {}", d.file_name.clone().unwrap_or_default(), ist(d.uploaded_at))}</span>
                        {d.remarks.clone().map(|m| view! { <span class="block whitespace-pre-line text-slate-700">{m}</span> })}
                    </div>
                    <div class="flex items-center gap-3">
                        <StatusBadge status=d.status/>
                        <a href=document_url(d.id) target="_blank" rel="noopener" class=LINK>
                            "View"<span class="sr-only">{format!(" {}", d.document_label)}</span>
                        </a>
                    </div>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn History(requests: Vec<RequestView>) -> impl IntoView {
    (!requests.is_empty()).then(|| view! {
        <section class=CARD aria-labelledby="history-title">
            <h2 id="history-title" class="text-lg font-semibold">"History"</h2>
            <ul class="mt-2 space-y-4">
                {requests.into_iter().map(|r| view! {
                    <li>
                        <p class="flex flex-wrap items-center gap-2 text-sm">
                            <span class="font-medium">{format!("{} verification", verification_type_label(&r.verification_type))}</span>
                            <StatusBadge status=r.status/>
                        </p>
                        <ol class="mt-1 space-y-1 border-l border-slate-200 pl-4">
                            {r.logs.iter().map(|l| view! {
                                <li class="text-sm">
                                    <span class="text-slate-500">{ist(l.created_at)}</span>" — "{log_text(l)}
                                    {l.remarks.clone().map(|m| view! { <span class="block whitespace-pre-line text-slate-600">{m}</span> })}
                                </li>
                            }).collect_view()}
                        </ol>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    })
}
