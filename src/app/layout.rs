//! The page frame: the header (who is signed in, their links and unread counts, drawn
//! from identity and messaging) and the footer.
use crate::domains::identity::api::Logout;
use crate::domains::identity::pages::use_auth;
use crate::ui::form::on_ok;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

#[component]
pub fn Header() -> impl IntoView {
    let auth = use_auth();
    let logout = ServerAction::<Logout>::new();
    let navigate = use_navigate();
    let toasts = crate::ui::toast::use_toasts();
    on_ok(logout.value(), move |()| {
        auth.refresh();
        toasts.success("You have been signed out.");
        navigate("/", Default::default());
    });
    let menu_open = RwSignal::new(false);
    view! {
        <header class="border-b border-slate-200 bg-white">
            <nav class="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3" aria-label="Main">
                <A href="/" attr:class="text-xl font-extrabold tracking-tight text-indigo-700">"Nxtgauge"</A>
                <button type="button" class="rounded-md border border-slate-300 px-3 py-1 text-sm sm:hidden"
                    aria-controls="main-menu" aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| menu_open.update(|o| *o = !*o)>"Menu"</button>
                <div id="main-menu"
                    class=move || if menu_open.get() { "flex w-full flex-col gap-2 sm:flex sm:w-auto sm:flex-row sm:items-center sm:gap-4" } else { "hidden w-full flex-col gap-2 sm:flex sm:w-auto sm:flex-row sm:items-center sm:gap-4" }>
                    <A href="/search" attr:class="text-sm font-medium text-slate-700 hover:text-indigo-700">"Find professionals"</A>
                    <A href="/jobs" attr:class="text-sm font-medium text-slate-700 hover:text-indigo-700">"Jobs"</A>
                    <Transition fallback=|| view! { <span class="text-sm text-slate-400">"Loading…"</span> }>
                        {move || match auth.user.get() {
                            Some(Ok(Some(user))) => view! {
                                {user_links(&user.roles)}
                                <InboxLinks/>
                                <A href="/account" attr:class="text-sm font-medium text-slate-700 hover:text-indigo-700" attr:data-testid="header-user">
                                    {user.display_name.clone()}
                                </A>
                                <ActionForm action=logout attr:class="inline">
                                    <button type="submit" class="text-sm font-medium text-slate-700 hover:text-indigo-700">"Log out"</button>
                                </ActionForm>
                            }.into_any(),
                            _ => view! {
                                <A href="/login" attr:class="text-sm font-medium text-slate-700 hover:text-indigo-700">"Log in"</A>
                                <A href="/register" attr:class="rounded-lg bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-700">"Join Nxtgauge"</A>
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
        {pro.then(|| view! { <A href="/pro" attr:class=class>"My profiles"</A> })}
        {pro.then(|| view! { <A href="/pro/leads" attr:class=class>"Leads"</A> })}
        {customer.then(|| view! { <A href="/leads" attr:class=class>"My requests"</A> })}
        {company.then(|| view! { <A href="/company/jobs" attr:class=class>"Your jobs"</A> })}
        {candidate.then(|| view! { <A href="/applications" attr:class=class>"Applications"</A> })}
        {party.then(|| view! { <A href="/account/profile" attr:class=class>"My profile"</A> })}
        <A href="/wallet" attr:class=class>"Wallet"</A>
        {staff.then(|| view! { <A href="/staff" attr:class=class>"Staff"</A> })}
    }
}

/// How often the header re-reads its unread counts while a page stays open.
const UNREAD_REFRESH: std::time::Duration = std::time::Duration::from_secs(15);

/// "Messages" and the notification bell, each with its unread count. The counts are
/// read in the browser only (the server renders the links without badges, so a page
/// never hydrates against counts of another moment): after hydration, on every
/// navigation, every [`UNREAD_REFRESH`], and when a page marks something read.
#[component]
fn InboxLinks() -> impl IntoView {
    use crate::domains::messaging::{
        api::unread_counts,
        model::{unread_label, UnreadTotals},
    };
    let auth = use_auth();
    let path = use_location().pathname;
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
        <A href="/messages" attr:class=class attr:aria-label=move || unread_label("Messages", messages.get())>
            "Messages"
            <UnreadBadge count=messages testid="messages-unread"/>
        </A>
        <A href="/notifications" attr:class=class attr:aria-label=move || unread_label("Notifications", notifications.get())>
            <svg aria-hidden="true" viewBox="0 0 24 24" class="h-5 w-5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/>
                <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/>
            </svg>
            <span class="sm:sr-only">"Notifications"</span>
            <UnreadBadge count=notifications testid="notifications-unread"/>
        </A>
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
