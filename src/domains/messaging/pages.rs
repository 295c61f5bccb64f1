//! `/messages` (the inbox) and `/messages/:id` (one conversation, kept up to date by
//! polling while it is open).
use super::api::{load_inbox, load_thread, mark_conversation_read, SendMessage};
use super::model::{ConversationSummary, MessageView, ThreadView, BODY_MAX, INBOX_LIMIT};
use crate::core::time::ist;
use crate::core::{AppError, ErrorCode};
use crate::domains::identity::pages::{use_auth, Auth};
use crate::ui::form::on_ok;
use crate::ui::form::{action_error, FieldMessage, FormAlert, Submit};
use crate::ui::problem::LoadProblem;
use crate::ui::style::CARD;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};
use std::time::Duration;
use uuid::Uuid;

use crate::ui::style::LINK;
/// How often an open conversation asks for new messages.
const POLL: Duration = Duration::from_secs(3);

/// "5 Mar, 14:30" in IST.
fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    ist(at, "%d %b, %H:%M")
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let inbox = Resource::new(|| (), |_| load_inbox());
    view! {
        <Title text="Messages — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-3xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">"Messages"</h1>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your conversations…"</p> }>
                {move || inbox.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! {
                        <div class=CARD data-testid="inbox-empty">
                            <p class="text-slate-700">"No conversations yet."</p>
                            <p class="mt-2 text-sm text-slate-600">"When a professional responds to your request, or you respond to a customer's, your conversation appears here."</p>
                        </div>
                    }.into_any(),
                    Ok(list) => {
                        let full = list.len() as i64 >= INBOX_LIMIT;
                        view! {
                            <ul class="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm" data-testid="inbox">
                                {list.into_iter().map(|c| view! { <InboxRow c=c/> }).collect_view()}
                            </ul>
                            {full.then(|| view! {
                                <p class="text-sm text-slate-600">{format!("Showing your {INBOX_LIMIT} most recently active conversations.")}</p>
                            })}
                        }.into_any()
                    }
                    Err(e) => view! { <LoadProblem error=e next="/messages"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn InboxRow(c: ConversationSummary) -> impl IntoView {
    let unread = c.unread;
    let with = if c.with.is_empty() {
        "No one else is in this conversation".to_owned()
    } else {
        format!("With {}", c.with)
    };
    let preview = c
        .preview
        .map(|p| if c.last_mine { format!("You: {p}") } else { p });
    let (row, title) = if unread > 0 {
        (
            "block bg-indigo-50/50 px-4 py-3 hover:bg-slate-50",
            "font-bold text-slate-900",
        )
    } else {
        (
            "block px-4 py-3 hover:bg-slate-50",
            "font-semibold text-slate-800",
        )
    };
    view! {
        <li data-testid="conversation">
            <A href=format!("/messages/{}", c.id)
                attr:class=row>
                <div class="flex items-baseline justify-between gap-3">
                    <span class=title>{c.title}</span>
                    <time class="shrink-0 text-xs text-slate-500" datetime=c.last_at.to_rfc3339()>{when(c.last_at)}</time>
                </div>
                <div class="flex items-center justify-between gap-3">
                    <span class="text-sm text-slate-600">{with}</span>
                    {(unread > 0).then(|| view! {
                        <span class="rounded-full bg-red-600 px-2 text-xs font-semibold text-white" data-testid="conversation-unread">
                            <span aria-hidden="true">{unread}</span>
                            <span class="sr-only">{format!("{unread} unread")}</span>
                        </span>
                    })}
                </div>
                {preview.map(|p| view! { <p class="mt-1 truncate text-sm text-slate-500">{p}</p> })}
            </A>
        </li>
    }
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<Uuid>().ok()));
    let thread = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_thread(id, None).await,
                None => Err(AppError::not_found("That conversation")),
            }
        },
    );
    view! {
        <Title text="Conversation — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-3xl space-y-4">
            <p class="text-sm"><A href="/messages" attr:class=LINK>"← All messages"</A></p>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading the conversation…"</p> }>
                {move || thread.get().map(|r| match r {
                    Ok(t) => view! { <Thread initial=t/> }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/messages"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// Adds `fresh` to `list` (skipping ones it has) in sending order.
fn merge(list: &mut Vec<MessageView>, fresh: Vec<MessageView>) {
    for m in fresh {
        if !list.iter().any(|have| have.id == m.id) {
            list.push(m);
        }
    }
    list.sort_by_key(|m| (m.sent_at, m.id));
}

/// True when the browser tab is in the background.
fn tab_hidden() -> bool {
    #[cfg(feature = "hydrate")]
    {
        document().hidden()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

/// Marks the conversation read and has the header count again.
fn mark_read(id: Uuid, auth: Auth) {
    spawn_local(async move {
        if mark_conversation_read(id).await.is_ok() {
            auth.unread_changed();
        }
    });
}

/// The live part of a conversation. `initial` came with the page; from then on the
/// browser asks every [`POLL`] for messages after the last one it has.
#[component]
fn Thread(initial: ThreadView) -> impl IntoView {
    let id = initial.id;
    let auth = use_auth();
    // The last message a load returned: polls continue from there. A message this page
    // sent is not a cursor, so one from the other side that committed just before it is
    // still fetched.
    let cursor = StoredValue::new(initial.messages.last().map(|m| m.id));
    let messages = RwSignal::new(initial.messages);
    let revealed = RwSignal::new(initial.revealed);
    let read_only = RwSignal::new(initial.read_only);
    let has_earlier = RwSignal::new(initial.has_earlier);
    let with = RwSignal::new(initial.with);
    // Messages from others arrived that have not been marked read yet.
    let unread = StoredValue::new(true);
    let polling = StoredValue::new(false);

    let replace = move |t: ThreadView| {
        if t.messages.iter().any(|m| !m.mine) {
            unread.try_set_value(true);
        }
        cursor.try_set_value(t.messages.last().map(|m| m.id));
        revealed.try_set(t.revealed);
        read_only.try_set(t.read_only);
        has_earlier.try_set(t.has_earlier);
        with.try_set(t.with);
        messages.try_set(t.messages);
    };
    let poll = move || {
        if polling.try_get_value() != Some(false) || tab_hidden() {
            return;
        }
        if unread.try_get_value() == Some(true) {
            unread.try_set_value(false);
            mark_read(id, auth);
        }
        polling.try_set_value(true);
        let after = cursor.try_get_value().flatten();
        spawn_local(async move {
            match load_thread(id, after).await {
                // Signed out, or no longer a participant: stop asking.
                Err(e) if matches!(e.code, ErrorCode::Unauthenticated | ErrorCode::NotFound) => {
                    return;
                }
                // A network hiccup: the next tick tries again.
                Err(_) => {}
                Ok(t) if revealed.try_get_untracked() != Some(t.revealed) || t.has_earlier => {
                    // Contact was just revealed (every message reads differently now),
                    // or more arrived than one answer holds: read it all again.
                    if let Ok(all) = load_thread(id, None).await {
                        replace(all);
                    }
                }
                Ok(t) => {
                    if let Some(last) = t.messages.last() {
                        cursor.try_set_value(Some(last.id));
                    }
                    if t.messages.iter().any(|m| !m.mine) {
                        unread.try_set_value(true);
                    }
                    read_only.try_set(t.read_only);
                    with.try_set(t.with);
                    messages.try_update(|list| merge(list, t.messages));
                }
            }
            polling.try_set_value(false);
        });
    };
    // Effects run only in the browser: mark read now, then poll until the page closes.
    Effect::new(move |_| {
        poll();
        if let Ok(handle) = set_interval_with_handle(poll, POLL) {
            on_cleanup(move || handle.clear());
        }
    });

    let list_ref = NodeRef::<leptos::html::Div>::new();
    let count = Memo::new(move |_| messages.with(Vec::len));
    Effect::new(move |_| {
        count.track();
        request_animation_frame(move || {
            if let Some(el) = list_ref.get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    });

    view! {
        <header class="space-y-1">
            <h1 class="text-2xl font-bold text-slate-900">{initial.title}</h1>
            <p class="text-sm text-slate-600">{move || {
                let w = with.get();
                if w.is_empty() { "No one else is in this conversation".to_owned() } else { format!("With {w}") }
            }}</p>
        </header>
        <Show when=move || !revealed.get() && !read_only.get()>
            <p class="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="contact-hidden">
                "Phone numbers, e-mail addresses and links are hidden until the customer accepts this response."
            </p>
        </Show>
        <Show when=move || read_only.get()>
            <p role="status" class="rounded-lg border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800" data-testid="read-only">
                "The customer declined this response, so this conversation is closed. You can still read it."
            </p>
        </Show>
        <section class=CARD aria-labelledby="thread-title">
            <h2 id="thread-title" class="sr-only">"Messages"</h2>
            <Show when=move || has_earlier.get()>
                <p class="mb-3 text-center text-xs text-slate-500">"Only the latest messages are shown."</p>
            </Show>
            <div node_ref=list_ref class="max-h-[60vh] overflow-y-auto" role="log" aria-live="polite" aria-labelledby="thread-title">
                <Show when=move || messages.with(Vec::is_empty)>
                    <p class="text-slate-600" data-testid="thread-empty">"No messages yet."</p>
                </Show>
                <ul class="space-y-3">
                    <For each=move || messages.get() key=|m| m.id let:m>
                        <Message m=m/>
                    </For>
                </ul>
            </div>
        </section>
        <Show when=move || !read_only.get()>
            <Composer id=id messages=messages/>
        </Show>
    }
}

#[component]
fn Message(m: MessageView) -> impl IntoView {
    let (row, bubble) = if m.mine {
        ("flex justify-end", "bg-indigo-600 text-white")
    } else {
        ("flex justify-start", "bg-slate-100 text-slate-900")
    };
    let label = format!("{} said", m.sender_name);
    view! {
        <li class=row data-testid="message" data-mine=m.mine.to_string()>
            <article class=format!("max-w-[85%] rounded-2xl px-4 py-2 {bubble}") aria-label=label>
                <p class="text-xs font-semibold opacity-80">
                    <span data-testid="message-sender">{m.sender_name}</span>
                    " · "
                    <time datetime=m.sent_at.to_rfc3339()>{when(m.sent_at)}</time>
                </p>
                <p class="whitespace-pre-wrap break-words" data-testid="message-body">{m.body}</p>
            </article>
        </li>
    }
}

/// The reply form: a labelled textarea (Enter adds a line; the button sends).
#[component]
fn Composer(id: Uuid, messages: RwSignal<Vec<MessageView>>) -> impl IntoView {
    let send = ServerAction::<SendMessage>::new();
    let body = RwSignal::new(String::new());
    let error = action_error(send.value());
    let body_error = Signal::derive(move || error.get().and_then(|e| e.field_message("body")));
    let form_error = Signal::derive(move || error.get().filter(|e| e.fields.is_empty()));
    on_ok(send.value(), move |sent| {
        body.set(String::new());
        messages.update(|list| merge(list, vec![sent]));
    });
    view! {
        <ActionForm action=send attr:class="space-y-3" attr:novalidate="true">
            <FormAlert error=form_error/>
            <input type="hidden" name="conversation_id" value=id.to_string()/>
            <div class="space-y-1">
                <label for="message-body" class="block text-sm font-medium text-slate-800">"Message"</label>
                <textarea id="message-body" name="body" rows="3" maxlength=BODY_MAX required=true
                    bind:value=body
                    aria-invalid=move || body_error.get().is_some().then_some("true")
                    aria-describedby="message-body-hint message-body-error"
                    class=move || if body_error.get().is_some() {
                        "block w-full rounded-lg border border-red-500 px-3 py-2 shadow-sm focus:outline-none focus:ring-2 focus:ring-red-400"
                    } else {
                        "block w-full rounded-lg border border-slate-300 px-3 py-2 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-400"
                    }></textarea>
                <p id="message-body-hint" class="text-xs text-slate-500">{format!("Enter starts a new line. Up to {BODY_MAX} characters.")}</p>
                <FieldMessage id="message-body-error".to_string() message=body_error/>
            </div>
            <div class="w-32">
                <Submit label="Send" busy_label="Sending…" pending=send.pending().into()/>
            </div>
        </ActionForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn msg(n: u128, secs: i64) -> MessageView {
        MessageView {
            id: Uuid::from_u128(n),
            sender_name: "You".into(),
            mine: true,
            body: "hi".into(),
            sent_at: Utc.timestamp_opt(secs, 0).single().unwrap_or_default(),
        }
    }

    #[test]
    fn merging_skips_known_messages_and_keeps_sending_order() {
        let mut list = vec![msg(1, 10), msg(3, 30)];
        merge(&mut list, vec![msg(2, 20), msg(3, 30), msg(4, 40)]);
        let ids: Vec<u128> = list.iter().map(|m| m.id.as_u128()).collect();
        assert_eq!(ids, vec![1, 2, 3, 4]);
    }
}
