//! `FileUpload`: a labelled file input that sends each chosen (or dropped) file to an
//! upload endpoint with `XMLHttpRequest` — `fetch` reports no upload progress — and shows
//! one row per file with a progress bar and, on failure, the server's reason.
use crate::core::AppError;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    not(feature = "hydrate"),
    expect(
        dead_code,
        reason = "only the browser uploads; the server renders no rows"
    )
)]
enum Phase {
    Uploading,
    Done,
    Failed,
}

/// One file being (or having been) uploaded.
#[derive(Clone, Debug)]
struct UploadRow {
    key: u64,
    name: String,
    percent: RwSignal<u8>,
    phase: RwSignal<Phase>,
    error: RwSignal<Option<String>>,
}

#[cfg_attr(
    not(feature = "hydrate"),
    expect(
        dead_code,
        reason = "only the browser uploads; the server renders no rows"
    )
)]
impl UploadRow {
    fn new(key: u64, name: String) -> Self {
        Self {
            key,
            name,
            percent: RwSignal::new(0),
            phase: RwSignal::new(Phase::Uploading),
            error: RwSignal::new(None),
        }
    }

    /// Signals may be gone when a page was left mid-upload, hence `try_set`.
    fn fail(&self, message: String) {
        self.error.try_set(Some(message));
        self.phase.try_set(Phase::Failed);
    }
}

/// What to tell the person when an upload answered `status` with `body`: the server's
/// message and its reason for the file or the document type, or a plain explanation
/// when the answer is not one of ours (a proxy's 413, a dropped connection).
pub fn failure_text(status: u16, body: &str) -> String {
    if let Ok(err) = serde_json::from_str::<AppError>(body) {
        let details: Vec<String> = ["file", "document_type"]
            .iter()
            .filter_map(|f| err.field_message(f))
            .collect();
        return if details.is_empty() {
            err.message
        } else {
            format!("{} {}", err.message, details.join(" "))
        };
    }
    match status {
        0 => "Could not reach Nxtgauge. Check your connection and try again.".into(),
        413 => "The file is too large. Please choose a smaller one.".into(),
        _ => format!("The upload failed (error {status}). Please try again."),
    }
}

/// The size shown in "larger than …" messages: `10 MB`, `512 KB`.
pub fn human_size(bytes: f64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes >= MB {
        format!("{} MB", (bytes / MB).round())
    } else {
        format!("{} KB", (bytes / 1024.0).round().max(1.0))
    }
}

/// A file input that uploads at once. Each successful response body (JSON) is handed to
/// `on_uploaded`; the input is cleared after every choice so the same file can be chosen
/// again.
#[component]
pub fn FileUpload(
    /// The input's id (its `<label for>`).
    id: &'static str,
    #[prop(into)] label: String,
    /// Where each file is POSTed as multipart field `file`.
    #[prop(into)]
    endpoint: Signal<String>,
    /// The input's `accept`, e.g. `image/jpeg,image/png,image/webp`.
    accept: &'static str,
    #[prop(optional)] multiple: bool,
    /// Sent as multipart fields before the file (e.g. `document_type`).
    #[prop(optional, into)]
    extra_fields: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] on_uploaded: Callback<String>,
    /// Files larger than this are refused before sending, saving a long wait.
    #[prop(optional)]
    max_bytes: Option<f64>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let rows: RwSignal<Vec<UploadRow>> = RwSignal::new(Vec::new());
    let hint_id = format!("{id}-hint");
    let described = hint.is_some().then(|| hint_id.clone());

    #[cfg(feature = "hydrate")]
    let start = {
        let next = StoredValue::new(0u64);
        move |files: web_sys::FileList| {
            let ctx = browser::Ctx {
                rows,
                next,
                endpoint,
                extra_fields,
                on_uploaded,
                max_bytes,
                multiple,
            };
            browser::start(files, ctx);
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let _ = (endpoint, extra_fields, on_uploaded, max_bytes);

    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            if let Some(files) = input.files() {
                start(files);
            }
            input.set_value("");
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_dragover = move |ev: leptos::ev::DragEvent| {
        if !disabled.get_untracked() {
            ev.prevent_default();
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        if disabled.get_untracked() {
            return;
        }
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        if let Some(files) = ev.data_transfer().and_then(|dt| dt.files()) {
            start(files);
        }
    };

    view! {
        <div class="space-y-2" on:dragover=on_dragover on:drop=on_drop>
            <label for=id class="block text-sm font-medium text-slate-800">{label}</label>
            <input
                id=id
                type="file"
                name="file"
                accept=accept
                multiple=multiple
                disabled=move || disabled.get()
                aria-describedby=described
                on:change=on_change
                class="block w-full rounded-lg border border-dashed border-slate-300 bg-white p-2 text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-indigo-600 file:px-4 file:py-2 file:font-semibold file:text-white hover:file:bg-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 disabled:opacity-60"
            />
            {hint.map(|h| view! { <p id=hint_id class="text-xs text-slate-500">{h}</p> })}
            <ul class="space-y-2" aria-label="Uploads">
                <For each=move || rows.get() key=|row| row.key let:row>
                    <UploadRowView row=row/>
                </For>
            </ul>
        </div>
    }
}

#[component]
fn UploadRowView(row: UploadRow) -> impl IntoView {
    let UploadRow {
        name,
        percent,
        phase,
        error,
        ..
    } = row;
    let label_name = name.clone();
    let status = move || match phase.get() {
        Phase::Uploading => "Uploading…",
        Phase::Done => "Uploaded",
        Phase::Failed => "Failed",
    };
    let status_class = move || match phase.get() {
        Phase::Uploading => "shrink-0 text-slate-600",
        Phase::Done => "shrink-0 font-medium text-emerald-700",
        Phase::Failed => "shrink-0 font-medium text-red-700",
    };
    view! {
        <li class="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-upload-phase=move || format!("{:?}", phase.get()).to_lowercase()>
            <div class="flex items-center justify-between gap-3">
                <span class="truncate text-slate-800">{name}</span>
                <span class=status_class role="status">{status}</span>
            </div>
            <progress
                class="mt-2 h-2 w-full accent-indigo-600"
                max="100"
                value=move || percent.get()
                aria-label=move || format!("{label_name}: {}%", percent.get())
            ></progress>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! { <p role="alert" class="mt-1 text-red-700">{message}</p> }
                    })
            }}
        </li>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{failure_text, human_size, Phase, UploadRow};
    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{File, FileList, FormData, ProgressEvent, XmlHttpRequest};

    /// What one upload needs from its component (all `Copy` handles).
    #[derive(Clone, Copy)]
    pub struct Ctx {
        pub rows: RwSignal<Vec<UploadRow>>,
        pub next: StoredValue<u64>,
        pub endpoint: Signal<String>,
        pub extra_fields: Signal<Vec<(String, String)>>,
        pub on_uploaded: Callback<String>,
        pub max_bytes: Option<f64>,
        pub multiple: bool,
    }

    pub fn start(files: FileList, ctx: Ctx) {
        let count = if ctx.multiple {
            files.length()
        } else {
            files.length().min(1)
        };
        for file in (0..count).filter_map(|i| files.get(i)) {
            let key = ctx.next.get_value();
            ctx.next.set_value(key + 1);
            let row = UploadRow::new(key, file.name());
            ctx.rows.update(|rows| rows.push(row.clone()));
            if let Some(max) = ctx.max_bytes.filter(|max| file.size() > *max) {
                row.fail(format!(
                    "This file is larger than {}. Please choose a smaller one.",
                    human_size(max)
                ));
                continue;
            }
            if send(&file, &ctx, row.clone()).is_err() {
                row.fail("The upload could not start. Please try again.".into());
            }
        }
    }

    fn send(file: &File, ctx: &Ctx, row: UploadRow) -> Result<(), JsValue> {
        let form = FormData::new()?;
        for (name, value) in ctx.extra_fields.get_untracked() {
            form.append_with_str(&name, &value)?;
        }
        form.append_with_blob_and_filename("file", file, &file.name())?;

        let xhr = XmlHttpRequest::new()?;
        xhr.open("POST", &ctx.endpoint.get_untracked())?;
        xhr.set_request_header("Accept", "application/json")?;

        let percent = row.percent;
        let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |ev: ProgressEvent| {
            if ev.length_computable() && ev.total() > 0.0 {
                // Held below 100 until the server has answered.
                let value = (ev.loaded() / ev.total() * 100.0).clamp(0.0, 99.0);
                percent.try_set(value as u8);
            }
        });
        let upload = xhr.upload()?;
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));

        let on_uploaded = ctx.on_uploaded;
        let answered = xhr.clone();
        // `loadend` fires once, after success, failure or abort; the progress handler is
        // released with it.
        let on_end = Closure::once_into_js(move || {
            upload.set_onprogress(None);
            drop(progress);
            let status = answered.status().unwrap_or(0);
            let body = answered.response_text().ok().flatten().unwrap_or_default();
            if (200..300).contains(&status) {
                row.percent.try_set(100);
                row.phase.try_set(Phase::Done);
                on_uploaded.try_run(body);
            } else {
                row.fail(failure_text(status, &body));
            }
        });
        xhr.set_onloadend(Some(on_end.unchecked_ref()));
        xhr.send_with_opt_form_data(Some(&form))
    }
}

#[cfg(test)]
mod tests {
    use super::{failure_text, human_size};

    #[test]
    fn failures_show_the_servers_reason() {
        let body = r#"{"code":"validation","message":"Please correct the highlighted fields.","fields":{"file":"This file is not a JPEG, PNG or WebP image."}}"#;
        assert_eq!(
            failure_text(422, body),
            "Please correct the highlighted fields. This file is not a JPEG, PNG or WebP image."
        );
        let conflict = r#"{"code":"conflict","message":"This verification request has already been reviewed."}"#;
        assert_eq!(
            failure_text(409, conflict),
            "This verification request has already been reviewed."
        );
        assert!(failure_text(0, "").contains("Check your connection"));
        assert!(failure_text(413, "<html>too big</html>").contains("too large"));
        assert!(failure_text(502, "Bad gateway").contains("error 502"));
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(10.0 * 1024.0 * 1024.0), "10 MB");
        assert_eq!(human_size(5.0 * 1024.0 * 1024.0), "5 MB");
        assert_eq!(human_size(300.0 * 1024.0), "300 KB");
    }
}
