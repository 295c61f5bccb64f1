//! The page frame: the header (who is signed in, their links and unread counts, drawn
//! from identity and messaging) and the footer.
//!
//! The header is drawn inside the workspace island and, on public pages, as an island of
//! its own ([`PublicHeader`]); it uses no router, so it works in both (inside the
//! workspace its plain links are still routed in the browser).
use crate::domains::identity::api::Logout;
use crate::domains::identity::pages::{use_auth, Auth};
use crate::ui::form::on_ok;
use crate::ui::toast::{load_page, use_toasts};
use leptos::prelude::*;

/// The header of a public page: `path` is the page's, for the unread counts.
#[island]
pub fn PublicHeader(path: String) -> impl IntoView {
    Auth::provide();
    view! { <Header path=Signal::stored(path)/> }
}

/// `path` is the current page's path: the unread counts are read again when it changes.
#[component]
pub fn Header(path: Signal<String>) -> impl IntoView {
    let auth = use_auth();
    let logout = ServerAction::<Logout>::new();
    let toasts = use_toasts();
    on_ok(logout.value(), move |()| {
        // A full load: nothing of the signed-in pages stays in memory.
        toasts.success("You have been signed out.");
        load_page("/");
    });
    let menu_open = RwSignal::new(false);
    view! {
        <header class="border-b border-slate-200 bg-white">
            <nav class="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3" aria-label="Main">
                <a href="/" class="text-xl font-extrabold tracking-tight text-indigo-700">"Nxtgauge"</a>
                <button type="button" class="rounded-md border border-slate-300 px-3 py-1 text-sm sm:hidden"
                    aria-controls="main-menu" aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| menu_open.update(|o| *o = !*o)>"Menu"</button>
                <div id="main-menu"
                    class=move || if menu_open.get() { "flex w-full flex-col gap-2 sm:flex sm:w-auto sm:flex-row sm:items-center sm:gap-4" } else { "hidden w-full flex-col gap-2 sm:flex sm:w-auto sm:flex-row sm:items-center sm:gap-4" }>
                    <a href="/search" class="text-sm font-medium text-slate-700 hover:text-indigo-700">"Find professionals"</a>
                    <a href="/jobs" class="text-sm font-medium text-slate-700 hover:text-indigo-700">"Jobs"</a>
                    <a href="/pricing" class="text-sm font-medium text-slate-700 hover:text-indigo-700">"Pricing"</a>
                    <Transition fallback=|| view! { <span class="text-sm text-slate-400">"Loading…"</span> }>
                        {move || match auth.user.get() {
                            Some(Ok(Some(user))) => view! {
                                {user_links(&user.roles)}
                                <InboxLinks path=path/>
                                <a href="/account" class="text-sm font-medium text-slate-700 hover:text-indigo-700" data-testid="header-user">
                                    {user.display_name.clone()}
                                </a>
                                <ActionForm action=logout attr:class="inline">
                                    <button type="submit" class="text-sm font-medium text-slate-700 hover:text-indigo-700">"Log out"</button>
                                </ActionForm>
                            }.into_any(),
                            _ => view! {
                                <a href="/login" class="text-sm font-medium text-slate-700 hover:text-indigo-700">"Log in"</a>
                                <a href="/register" class="rounded-lg bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-700">"Join Nxtgauge"</a>
                            }.into_any(),
                        }}
                    </Transition>
                </div>
            </nav>
        </header>
    }
}

/// Header links for the workspaces the signed-in user has: professional profiles,
/// their customer/company/candidate profile, and the staff console.
fn user_links(roles: &[String]) -> impl IntoView {
    use crate::core::roles::{signup_role, CANDIDATE, COMPANY, CUSTOMER};
    const STAFF_ROLES: [&str; 6] = [
        "SUPER_ADMIN",
        "ADMIN",
        "VERIFIER",
        "MODERATOR",
        "SUPPORT_AGENT",
        "FINANCE",
    ];
    let has = |pred: &dyn Fn(&str) -> bool| roles.iter().any(|r| pred(r));
    let pro = has(&|r| signup_role(r).is_some_and(|i| i.professional));
    let party = has(&|r| [CUSTOMER.key, COMPANY.key, CANDIDATE.key].contains(&r));
    let staff = has(&|r| STAFF_ROLES.contains(&r));
    let customer = has(&|r| r == CUSTOMER.key);
    let company = has(&|r| r == COMPANY.key);
    let candidate = has(&|r| r == CANDIDATE.key);
    let class = "text-sm font-medium text-slate-700 hover:text-indigo-700";
    view! {
        {pro.then(|| view! { <a href="/pro" class=class>"My profiles"</a> })}
        {pro.then(|| view! { <a href="/pro/leads" class=class>"Leads"</a> })}
        {customer.then(|| view! { <a href="/leads" class=class>"My requests"</a> })}
        {company.then(|| view! { <a href="/company/jobs" class=class>"Your jobs"</a> })}
        {candidate.then(|| view! { <a href="/applications" class=class>"Applications"</a> })}
        {party.then(|| view! { <a href="/account/profile" class=class>"My profile"</a> })}
        <a href="/wallet" class=class>"Wallet"</a>
        <a href="/billing" class=class>"Billing"</a>
        {staff.then(|| view! { <a href="/staff" class=class>"Staff"</a> })}
    }
}

/// How often the header re-reads its unread counts while a page stays open.
const UNREAD_REFRESH: std::time::Duration = std::time::Duration::from_secs(15);

/// "Messages" and the notification bell, each with its unread count. The counts are
/// read in the browser only (the server renders the links without badges, so a page
/// never hydrates against counts of another moment): after hydration, on every
/// navigation, every [`UNREAD_REFRESH`], and when a page marks something read.
#[component]
fn InboxLinks(path: Signal<String>) -> impl IntoView {
    use crate::domains::messaging::{
        api::unread_counts,
        model::{unread_label, UnreadTotals},
    };
    let auth = use_auth();
    let tick = RwSignal::new(0u32);
    let counts = RwSignal::new(None::<UnreadTotals>);
    // Only the newest request's answer is shown, whatever order they come back in.
    let latest = StoredValue::new(0u64);
    // Effects run only in the browser.
    Effect::new(move |_| {
        path.track();
        tick.track();
        auth.track_unread();
        let Some(n) = latest.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(c) = unread_counts().await {
                if latest.try_get_value() == Some(n) {
                    counts.try_set(Some(c));
                }
            }
        });
    });
    Effect::new(move |_| {
        let bump = move || tick.update(|t| *t = t.wrapping_add(1));
        if let Ok(handle) = set_interval_with_handle(bump, UNREAD_REFRESH) {
            on_cleanup(move || handle.clear());
        }
    });
    let messages = Signal::derive(move || counts.get().map_or(0, |c| c.messages));
    let notifications = Signal::derive(move || counts.get().map_or(0, |c| c.notifications));
    let class =
        "inline-flex items-center gap-1 text-sm font-medium text-slate-700 hover:text-indigo-700";
    view! {
        <a href="/messages" class=class aria-label=move || unread_label("Messages", messages.get())>
            "Messages"
            <UnreadBadge count=messages testid="messages-unread"/>
        </a>
        <a href="/notifications" class=class aria-label=move || unread_label("Notifications", notifications.get())>
            <svg aria-hidden="true" viewBox="0 0 24 24" class="h-5 w-5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/>
                <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/>
            </svg>
            <span class="sm:sr-only">"Notifications"</span>
            <UnreadBadge count=notifications testid="notifications-unread"/>
        </a>
    }
}

/// A small count pill; nothing at all when the count is zero.
#[component]
fn UnreadBadge(count: Signal<i64>, testid: &'static str) -> impl IntoView {
    move || {
        let n = count.get();
        (n > 0).then(|| {
            view! {
                <span data-testid=testid
                    class="inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white">
                    {if n > 99 { "99+".to_owned() } else { n.to_string() }}
                </span>
            }
        })
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="mt-16 border-t border-slate-200 bg-white">
            <div class="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-sm text-slate-500 sm:flex-row sm:justify-between">
                <p>"© 2026 Nxtgauge — hire trusted professionals across India."</p>
                <p>"Prices in ₹ include applicable GST where shown."</p>
            </div>
        </footer>
    }
}
