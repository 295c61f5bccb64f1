//! Short messages that confirm what just happened ("Password changed").
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub id: u64,
    pub message: String,
    pub success: bool,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next: RwSignal<u64>,
}

impl Toasts {
    pub fn provide() -> Self {
        let t = Self {
            items: RwSignal::new(Vec::new()),
            next: RwSignal::new(0),
        };
        provide_context(t);
        t
    }

    pub fn push(&self, message: impl Into<String>, success: bool) {
        let id = self.next.get_untracked();
        self.next.set(id + 1);
        self.items.update(|v| {
            v.push(Toast {
                id,
                message: message.into(),
                success,
            })
        });
        let items = self.items;
        set_timeout(
            move || items.update(|v| v.retain(|t| t.id != id)),
            std::time::Duration::from_secs(6),
        );
    }

    pub fn success(&self, message: impl Into<String>) {
        self.push(message, true);
    }

    pub fn dismiss(&self, id: u64) {
        self.items.update(|v| v.retain(|t| t.id != id));
    }
}

pub fn use_toasts() -> Toasts {
    use_context::<Toasts>().unwrap_or_else(Toasts::provide)
}

#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4"
            role="status" aria-live="polite">
            <For each=move || toasts.items.get() key=|t| t.id let:toast>
                <div class=if toast.success {
                    "pointer-events-auto flex items-center gap-3 rounded-lg bg-emerald-700 px-4 py-3 text-sm text-white shadow-lg"
                } else {
                    "pointer-events-auto flex items-center gap-3 rounded-lg bg-red-700 px-4 py-3 text-sm text-white shadow-lg"
                } data-testid="toast">
                    <span>{toast.message.clone()}</span>
                    <button type="button" class="rounded px-1 text-white/80 hover:text-white"
                        aria-label="Dismiss" on:click=move |_| toasts.dismiss(toast.id)>"×"</button>
                </div>
            </For>
        </div>
    }
}
