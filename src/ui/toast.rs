//! Short messages that confirm what just happened ("Password changed").
//!
//! In the browser there is one toast list per page, shared by every island (the header,
//! a public page's forms, the workspace): top-level islands get no context from the
//! server-rendered page around them, so the list is a global rather than a context.
//! A toast still on screen when the browser loads another page (leaving the workspace
//! for a public page, signing out) is carried over in `sessionStorage`.
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

/// The `sessionStorage` key of the toasts carried to the next page.
#[cfg(feature = "hydrate")]
const CARRIED: &str = "nxg-toasts";

#[cfg(feature = "hydrate")]
thread_local! {
    // Owned by a root that is never disposed: the list lives as long as the page.
    // `new_root` also makes itself the current owner; the one it displaces (an island's,
    // under the hydration root) is put back.
    static PAGE_TOASTS: Toasts = {
        let current = Owner::current();
        let root = Owner::new_root(None);
        let toasts = root.with(Toasts::new);
        if let Some(owner) = current {
            owner.set();
        }
        std::mem::forget(root);
        toasts
    };
}

impl Toasts {
    fn new() -> Self {
        Self {
            items: RwSignal::new(Vec::new()),
            next: RwSignal::new(0),
        }
    }

    /// The page's list: the browser's global, or on the server this render's own.
    pub fn provide() -> Self {
        #[cfg(feature = "hydrate")]
        let t = PAGE_TOASTS.with(|t| *t);
        #[cfg(not(feature = "hydrate"))]
        let t = Self::new();
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

    /// Keeps the toasts now on screen for the next page the browser loads.
    pub fn carry_over(&self) {
        #[cfg(feature = "hydrate")]
        {
            let items: Vec<(String, bool)> = self
                .items
                .get_untracked()
                .into_iter()
                .map(|t| (t.message, t.success))
                .collect();
            if let (Some(store), Ok(json)) = (session_storage(), serde_json::to_string(&items)) {
                let _ = store.set_item(CARRIED, &json);
            }
        }
    }

    /// Shows the toasts the previous page carried over (once).
    #[cfg(feature = "hydrate")]
    fn restore(&self) {
        let Some(store) = session_storage() else {
            return;
        };
        if let Ok(Some(json)) = store.get_item(CARRIED) {
            let _ = store.remove_item(CARRIED);
            for (message, success) in
                serde_json::from_str::<Vec<(String, bool)>>(&json).unwrap_or_default()
            {
                self.push(message, success);
            }
        }
    }
}

#[cfg(feature = "hydrate")]
fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

pub fn use_toasts() -> Toasts {
    #[cfg(feature = "hydrate")]
    return PAGE_TOASTS.with(|t| *t);
    #[cfg(not(feature = "hydrate"))]
    use_context::<Toasts>().unwrap_or_else(Toasts::provide)
}

/// Leaves for `path` with a full page load, keeping the toasts on screen: how the
/// workspace hands over to a public page, which it does not render itself.
pub fn load_page(path: &str) {
    use_toasts().carry_over();
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// Loads the address the browser already shows from the server, keeping the toasts:
/// how the workspace hands over to a public page its router has just navigated to.
/// (`location.assign` of the same address with a `#fragment` would only scroll.)
pub fn reload_here() {
    use_toasts().carry_over();
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    // Effects run only in the browser, once the region is hydrated.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        toasts.restore();
    });
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

/// The toast region of a public page, an island of its own.
#[island]
pub fn ToastIsland() -> impl IntoView {
    view! { <ToastRegion/> }
}
