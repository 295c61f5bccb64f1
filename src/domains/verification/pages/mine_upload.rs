//! Uploading a document to the open verification request: choose its type, then the
//! file (sent to the storage endpoint with the type as a form field).
use crate::domains::verification::model::upload_endpoint;
use crate::ui::style::SELECT;
use crate::ui::toast::use_toasts;
use crate::ui::upload::FileUpload;
use leptos::prelude::*;
use uuid::Uuid;

#[component]
pub fn DocumentUpload(
    request_id: Uuid,
    document_types: Vec<(String, String)>,
    uploads: RwSignal<u32>,
) -> impl IntoView {
    let first = document_types
        .first()
        .map(|(k, _)| k.clone())
        .unwrap_or_default();
    let document_type = RwSignal::new(first);
    let endpoint = Signal::derive(move || upload_endpoint(request_id));
    let extra_fields =
        Signal::derive(move || vec![("document_type".to_string(), document_type.get())]);
    let toasts = use_toasts();
    let on_uploaded = Callback::new(move |_body: String| {
        toasts.success("Document uploaded. Our team will review it.");
        uploads.update(|n| *n += 1);
    });
    view! {
        <div class="mt-4 space-y-4 rounded-xl border border-slate-200 p-4">
            <h3 class="font-medium">"Add a document"</h3>
            <div class="space-y-1">
                <label for="document_type" class="block text-sm font-medium text-slate-800">"Type of document"</label>
                <select id="document_type" class=SELECT
                    prop:value=move || document_type.get()
                    on:change=move |ev| document_type.set(event_target_value(&ev))>
                    {document_types.into_iter().map(|(k, l)| view! { <option value=k>{l}</option> }).collect_view()}
                </select>
            </div>
            <FileUpload
                id="verification-file"
                label="File".to_string()
                endpoint=endpoint
                accept="application/pdf,image/jpeg,image/png,image/webp"
                multiple=false
                extra_fields=extra_fields
                hint="A PDF, or a clear photo (JPEG, PNG or WebP) showing every corner of the document."
                on_uploaded=on_uploaded
            />
        </div>
    }
}
