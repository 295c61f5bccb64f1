//! `/notifications`: the signed-in user's notifications, newest first, 30 a page.
use super::api::{load_notifications, mark_notification_read, MarkAllNotificationsRead};
use super::model::{NotificationView, NotificationsPage};
use crate::core::time::ist_stamp;
use crate::domains::identity::pages::{use_auth, Auth};
use crate::ui::problem::LoadProblem;
use crate::ui::style::CARD;
use crate::ui::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
};
use uuid::Uuid;

use crate::ui::style::LINK;

#[component]
pub fn NotificationsPageView() -> impl IntoView {
    let query = use_query_map();
    let before = Memo::new(move |_| {
        query
            .read()
            .get("before")
            .and_then(|b| Uuid::parse_str(&b).ok())
    });
    let mark_all = ServerAction::<MarkAllNotificationsRead>::new();
    let auth = use_auth();
    let toasts = use_toasts();
    Effect::new(move |_| match mark_all.value().get() {
        Some(Ok(_)) => {
            auth.unread_changed();
            toasts.success("All notifications are marked as read.");
        }
        Some(Err(e)) => toasts.push(e.message, false),
        None => {}
    });
    let page = Resource::new(
        move || (before.get(), mark_all.version().get()),
        |(before, _)| load_notifications(before),
    );
    view! {
        <Title text="Notifications — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-3xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">"Notifications"</h1>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your notifications…"</p> }>
                {move || page.get().map(|r| match r {
                    Ok(p) => view! { <Notifications page=p paged=before.get_untracked().is_some() mark_all=mark_all auth=auth/> }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/notifications"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Notifications(
    page: NotificationsPage,
    paged: bool,
    mark_all: ServerAction<MarkAllNotificationsRead>,
    auth: Auth,
) -> impl IntoView {
    let older = page.older.map(|id| format!("/notifications?before={id}"));
    if page.items.is_empty() && !paged {
        return view! {
            <div class=CARD data-testid="notifications-empty">
                <p class="text-slate-700">"No notifications yet."</p>
                <p class="mt-2 text-sm text-slate-600">"We will tell you here when something needs your attention: new messages, responses to your requests, reviews of your profiles."</p>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="flex flex-wrap items-center justify-between gap-3">
            <p class="text-sm text-slate-600" data-testid="notifications-unread-total">
                {match page.unread {
                    0 => "Everything is read.".to_owned(),
                    1 => "1 unread notification.".to_owned(),
                    n => format!("{n} unread notifications."),
                }}
            </p>
            {(page.unread > 0).then(|| view! {
                <ActionForm action=mark_all attr:class="inline">
                    <button type="submit" disabled=move || mark_all.pending().get()
                        class="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60">
                        "Mark all as read"
                    </button>
                </ActionForm>
            })}
        </div>
        <ul class="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm" data-testid="notifications">
            {page.items.into_iter().map(|n| view! { <Item n=n auth=auth/> }).collect_view()}
        </ul>
        <nav class="flex gap-6 text-sm" aria-label="Pages">
            {paged.then(|| view! { <A href="/notifications" attr:class=LINK>"Newest"</A> })}
            {older.map(|href| view! { <A href=href attr:class=LINK>"Older notifications"</A> })}
        </nav>
    }
    .into_any()
}

#[component]
fn Item(n: NotificationView, auth: Auth) -> impl IntoView {
    let read = RwSignal::new(n.read);
    let id = n.id;
    let class = move || {
        if read.get() {
            "block px-4 py-3"
        } else {
            "block border-l-4 border-indigo-600 bg-indigo-50 px-4 py-3"
        }
    };
    let content = view! {
        <div class="flex items-baseline justify-between gap-3">
            <span class=move || if read.get() { "font-medium text-slate-800" } else { "font-bold text-slate-900" }>{n.title}</span>
            <time class="shrink-0 text-xs text-slate-500" datetime=n.created_at.to_rfc3339()>{ist_stamp(n.created_at)}</time>
        </div>
        {(!n.body.is_empty()).then(|| view! { <p class="mt-1 text-sm text-slate-600">{n.body}</p> })}
        <Show when=move || !read.get()>
            <span class="sr-only">"Unread."</span>
        </Show>
    };
    let body = match n.link {
        Some(href) => {
            let navigate = use_navigate();
            let target = href.clone();
            // Marks it read first, then opens it (a plain link before the page is
            // interactive, and for opening in a new tab).
            let open = move |ev: leptos::ev::MouseEvent| {
                if ev.button() != 0
                    || ev.ctrl_key()
                    || ev.meta_key()
                    || ev.shift_key()
                    || ev.alt_key()
                {
                    return;
                }
                ev.prevent_default();
                let navigate = navigate.clone();
                let target = target.clone();
                let was_read = read.get_untracked();
                spawn_local(async move {
                    if !was_read && mark_notification_read(id).await.is_ok() {
                        read.try_set(true);
                        auth.unread_changed();
                    }
                    navigate(&target, Default::default());
                });
            };
            view! { <a href=href class=class on:click=open data-testid="notification-link">{content}</a> }.into_any()
        }
        None => {
            let mark = move |_| {
                spawn_local(async move {
                    if mark_notification_read(id).await.is_ok() {
                        read.try_set(true);
                        auth.unread_changed();
                    }
                });
            };
            view! {
                <div class=class>
                    {content}
                    <Show when=move || !read.get()>
                        <button type="button" on:click=mark
                            class="mt-2 text-sm font-semibold text-indigo-700 hover:underline">"Mark as read"</button>
                    </Show>
                </div>
            }
            .into_any()
        }
    };
    view! { <li data-testid="notification" data-read=move || read.get().to_string()>{body}</li> }
}
