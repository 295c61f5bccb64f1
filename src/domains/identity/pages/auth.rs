//! Who is signed in, as every page sees it (`use_auth`), and the card the sign-in forms
//! sit in.
use crate::core::AppError;
use crate::domains::identity::api::current_user;
use crate::domains::identity::model::CurrentUserView;
use leptos::prelude::*;

/// Who is signed in, shared by every page. `refresh` re-reads it after sign-in/out.
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<CurrentUserView>, AppError>>,
    version: RwSignal<u32>,
    /// Bumped when a page has marked messages or notifications read, so the header's
    /// unread counts are read again at once.
    unread: RwSignal<u32>,
}

impl Auth {
    pub fn provide() -> Self {
        let version = RwSignal::new(0u32);
        let user = Resource::new(move || version.get(), |_| current_user());
        let auth = Self {
            user,
            version,
            unread: RwSignal::new(0),
        };
        provide_context(auth);
        auth
    }

    pub fn refresh(&self) {
        self.version.update(|v| *v += 1);
    }

    /// Tracks `unread_changed` (the header's unread counts re-read on each).
    pub fn track_unread(&self) {
        self.unread.track();
    }

    /// Something was read: the header re-reads its unread counts.
    pub fn unread_changed(&self) {
        self.unread.update(|v| *v = v.wrapping_add(1));
    }

    /// The signed-in user, once known (`None` while loading or for visitors).
    pub fn current(&self) -> Option<CurrentUserView> {
        self.user.get().and_then(|r| r.ok()).flatten()
    }
}

pub fn use_auth() -> Auth {
    use_context::<Auth>().unwrap_or_else(Auth::provide)
}

/// A centred card for forms (sign-in, sign-up, resets).
#[component]
pub fn AuthCard(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="mx-auto mt-10 w-full max-w-md rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
            <h1 class="mb-6 text-2xl font-bold text-slate-900">{title}</h1>
            {children()}
        </div>
    }
}
