//! The candidate's résumé: upload (`POST /api/uploads/resume`), download
//! (`GET /files/resumes/{id}`) and removal (`DELETE /api/uploads/resume`). The upload
//! endpoint stores the file and sets `candidate_profiles.resume_file_url`.
use crate::ui::toast::use_toasts;
use leptos::prelude::*;
use uuid::Uuid;

/// Sends `DELETE url` and calls `done` with the outcome (the server's message on failure).
#[cfg(feature = "hydrate")]
fn send_delete(url: &str, done: impl FnOnce(Result<(), String>) + 'static) {
    use crate::core::AppError;
    use wasm_bindgen::{closure::Closure, JsCast};
    const UNREACHABLE: &str = "Could not reach Nxtgauge. Check your connection and try again.";
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
        done(Err(UNREACHABLE.into()));
        return;
    };
    if xhr.open("DELETE", url).is_err() {
        done(Err(UNREACHABLE.into()));
        return;
    }
    let request = xhr.clone();
    let on_end = Closure::once_into_js(move |_: web_sys::Event| {
        let status = request.status().unwrap_or(0);
        if (200..300).contains(&status) {
            done(Ok(()));
        } else if status == 0 {
            done(Err(UNREACHABLE.into()));
        } else {
            let message = request
                .response_text()
                .ok()
                .flatten()
                .and_then(|body| serde_json::from_str::<AppError>(&body).ok())
                .map(|e| e.message)
                .unwrap_or_else(|| AppError::internal().message);
            done(Err(message));
        }
    });
    xhr.set_onloadend(Some(on_end.unchecked_ref()));
    if xhr.send().is_err() {
        xhr.set_onloadend(None);
    }
}

#[component]
pub fn ResumeBlock(
    /// `None` until the candidate profile is first saved.
    profile_id: Option<Uuid>,
    has_resume: bool,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let toasts = use_toasts();
    let removing = RwSignal::new(false);
    let remove_error = RwSignal::new(None::<String>);
    let on_remove = move |_| {
        if removing.get_untracked() {
            return;
        }
        removing.set(true);
        remove_error.set(None);
        #[cfg(feature = "hydrate")]
        send_delete("/api/uploads/resume", move |outcome| {
            removing.set(false);
            match outcome {
                Ok(()) => {
                    toasts.success("Résumé removed.");
                    reload.update(|v| *v += 1);
                }
                Err(message) => remove_error.set(Some(message)),
            }
        });
    };
    let _ = toasts;
    view! {
        <div class="mt-6 border-t border-slate-100 pt-4" data-testid="resume">
            <h3 class="font-semibold text-slate-900">"Résumé"</h3>
            {match profile_id {
                None => view! {
                    <p class="mt-1 text-sm text-slate-600">
                        "Save your candidate profile first; then you can upload your résumé (PDF, up to 5 MB)."
                    </p>
                }.into_any(),
                Some(id) => view! {
                    {if has_resume {
                        view! {
                            <div class="mt-2 flex flex-wrap items-center gap-3">
                                <a href=format!("/files/resumes/{id}") rel="external"
                                    class="font-semibold text-indigo-700 hover:underline">"Download my résumé"</a>
                                <button type="button" on:click=on_remove
                                    disabled=move || removing.get()
                                    aria-busy=move || removing.get().then_some("true")
                                    class="inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60">
                                    {move || if removing.get() { "Removing…" } else { "Remove" }}
                                </button>
                            </div>
                            <p role="alert" class="mt-1 text-sm text-red-700">{move || remove_error.get()}</p>
                        }.into_any()
                    } else {
                        view! { <p class="mt-1 text-sm text-slate-600">"You have not uploaded a résumé yet."</p> }.into_any()
                    }}
                    <ResumeUpload has_resume=has_resume reload=reload/>
                }.into_any(),
            }}
        </div>
    }
    .into_any()
}

#[component]
fn ResumeUpload(has_resume: bool, reload: RwSignal<u32>) -> impl IntoView {
    use crate::ui::upload::FileUpload;
    let toasts = use_toasts();
    let on_uploaded = Callback::new(move |_body: String| {
        toasts.success("Résumé uploaded.");
        reload.update(|v| *v += 1);
    });
    let max_bytes = 5.0 * 1024.0 * 1024.0;
    view! {
        <div class="mt-3">
            <FileUpload id="candidate-resume"
                label=if has_resume { "Replace my résumé" } else { "Upload my résumé" }
                endpoint=Signal::stored("/api/uploads/resume".to_string())
                accept="application/pdf,.pdf"
                hint="A PDF of up to 5 MB. Companies you apply to can download it."
                max_bytes=max_bytes
                on_uploaded=on_uploaded/>
        </div>
    }
    .into_any()
}
