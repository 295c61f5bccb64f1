//! Conversations against a real PostgreSQL: who may read and post, masking before a
//! lead response is accepted, read-only after it is declined, unread counts and
//! notifications.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::model::BODY_MAX;
use super::service::{self, Posted};
use crate::core::ErrorCode;
use sqlx::PgPool;
use uuid::Uuid;

/// An ACTIVE account; with a display name in its settings unless `name` is `None`.
async fn user(pool: &PgPool, email: &str, name: Option<&str>) -> Uuid {
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, account_type, status, email_verified_at)
         VALUES ($1, 'h', 'INDIVIDUAL', 'ACTIVE', now()) RETURNING id",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap();
    if let Some(name) = name {
        let mut conn = pool.acquire().await.unwrap();
        crate::domains::identity::service::create_settings(&mut conn, id, name)
            .await
            .unwrap();
    }
    id
}

/// A customer's open lead, a photographer's response to it and the conversation the
/// response opened with the photographer's first message.
struct LeadChat {
    customer: Uuid,
    pro: Uuid,
    request: Uuid,
    conversation: Uuid,
}

const FIRST: &str =
    "Happy to help! Call me on 98450 12345 or mail riya@studio.in, portfolio at riyaclicks.com";

async fn lead_chat(pool: &PgPool, customer_name: Option<&str>) -> LeadChat {
    let customer = user(pool, "meera@example.in", customer_name).await;
    let pro = user(pool, "riya@example.in", Some("Riya Photography")).await;
    let profile: Uuid = sqlx::query_scalar(
        "INSERT INTO user_role_profiles (user_id, role_key, display_name, slug)
         VALUES ($1, 'photographer', 'Riya Photography', $2) RETURNING id",
    )
    .bind(pro)
    .bind(format!("riya-{}", Uuid::new_v4().simple()))
    .fetch_one(pool)
    .await
    .unwrap();
    let lead: Uuid = sqlx::query_scalar(
        "INSERT INTO leads (created_by_user_id, profession_key, title, description, location,
                            status, approved_at, expires_at)
         VALUES ($1, 'photographer', 'Wedding photographer for 2 days',
                 'Two-day wedding in Kochi, candid and traditional.', 'Kochi',
                 'OPEN', now(), now() + interval '14 days')
         RETURNING id",
    )
    .bind(customer)
    .fetch_one(pool)
    .await
    .unwrap();
    let mut tx = pool.begin().await.unwrap();
    let request: Uuid = sqlx::query_scalar(
        "INSERT INTO lead_requests (lead_id, user_role_profile_id, price_tracecoins, quote_inr)
         VALUES ($1, $2, 15, 40000) RETURNING id",
    )
    .bind(lead)
    .bind(profile)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let conversation = service::start(
        &mut tx,
        "LEAD",
        request,
        "Wedding photographer for 2 days",
        &[(customer, "OWNER"), (pro, "MEMBER")],
        Some((pro, FIRST)),
    )
    .await
    .unwrap();
    sqlx::query("UPDATE lead_requests SET conversation_id = $2 WHERE id = $1")
        .bind(request)
        .bind(conversation)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    LeadChat {
        customer,
        pro,
        request,
        conversation,
    }
}

async fn decide(pool: &PgPool, request: Uuid, status: &str) {
    sqlx::query("UPDATE lead_requests SET status = $2, decided_at = now() WHERE id = $1")
        .bind(request)
        .bind(status)
        .execute(pool)
        .await
        .unwrap();
}

async fn post(pool: &PgPool, user: Uuid, conversation: Uuid, body: &str) -> Posted {
    service::post(pool, user, conversation, body).await.unwrap()
}

/// (all, unread) "conversation" notifications of `user`.
async fn notices(pool: &PgPool, user: Uuid) -> (i64, i64) {
    sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE read_at IS NULL) FROM notifications
          WHERE user_id = $1 AND related_entity_type = 'conversation'",
    )
    .bind(user)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn only_participants_can_read_or_post(pool: PgPool) {
    let chat = lead_chat(&pool, Some("Meera Iyer")).await;
    let outsider = user(&pool, "nosy@example.in", Some("Nosy")).await;
    let c = chat.conversation;

    let err = service::thread(&pool, outsider, c, None).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = service::post(&pool, outsider, c, "Hello")
        .await
        .unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::NotFound,
        "not FORBIDDEN: ids do not leak"
    );
    let err = service::mark_read(&pool, outsider, c).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(service::inbox(&pool, outsider).await.unwrap().is_empty());
    assert_eq!(service::unread_total(&pool, outsider).await.unwrap(), 0);
    // A made-up id reads the same as someone else's conversation.
    let err = service::thread(&pool, chat.customer, Uuid::new_v4(), None)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE conversation_id = $1")
        .bind(c)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(count, 1, "the outsider posted nothing");
    // Both participants can read it.
    for u in [chat.customer, chat.pro] {
        let t = service::thread(&pool, u, c, None).await.unwrap();
        assert_eq!(t.messages.len(), 1);
        assert_eq!(t.title, "Wedding photographer for 2 days");
    }
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn lead_messages_are_masked_until_the_response_is_accepted(pool: PgPool) {
    // The customer has no display name, so their name would be their e-mail address.
    let chat = lead_chat(&pool, None).await;
    let c = chat.conversation;

    let t = service::thread(&pool, chat.customer, c, None)
        .await
        .unwrap();
    assert!(!t.revealed);
    assert!(!t.read_only);
    assert_eq!(t.with, "Riya Photography");
    let m = &t.messages[0];
    assert_eq!(m.sender_name, "Riya Photography");
    assert!(!m.mine);
    assert_eq!(
        m.body,
        "Happy to help! Call me on [phone hidden until accepted] or mail \
         [e-mail hidden until accepted], portfolio at [link hidden until accepted]"
    );
    // The professional sees it as the customer does.
    let own = service::thread(&pool, chat.pro, c, None).await.unwrap();
    assert!(own.messages[0].mine);
    assert_eq!(own.messages[0].sender_name, "You");
    assert_eq!(own.messages[0].body, m.body);
    assert_eq!(own.with, "[e-mail hidden until accepted]");
    let inbox = service::inbox(&pool, chat.customer).await.unwrap();
    assert!(inbox[0]
        .preview
        .as_deref()
        .unwrap()
        .contains("[phone hidden until accepted]"));
    // Even the name in a notification hides the customer's address.
    let posted = post(
        &pool,
        chat.customer,
        c,
        "Is 14 Feb free? My number is 99887 66554",
    )
    .await;
    assert!(posted
        .message
        .body
        .ends_with("[phone hidden until accepted]"));
    let title: String = sqlx::query_scalar(
        "SELECT title FROM notifications WHERE user_id = $1 AND related_entity_id = $2",
    )
    .bind(chat.pro)
    .bind(c)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(title, "New message from [e-mail hidden until accepted]");
    // Stored as written.
    let stored: String = sqlx::query_scalar(
        "SELECT body FROM messages WHERE conversation_id = $1 ORDER BY sent_at LIMIT 1",
    )
    .bind(c)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(stored, FIRST);

    decide(&pool, chat.request, "ACCEPTED").await;
    let t = service::thread(&pool, chat.customer, c, None)
        .await
        .unwrap();
    assert!(t.revealed);
    assert_eq!(t.messages[0].body, FIRST);
    assert_eq!(
        t.messages[1].body,
        "Is 14 Feb free? My number is 99887 66554"
    );
    let pro_view = service::thread(&pool, chat.pro, c, None).await.unwrap();
    assert_eq!(pro_view.with, "meera@example.in");
    let inbox = service::inbox(&pool, chat.pro).await.unwrap();
    assert_eq!(
        inbox[0].preview.as_deref(),
        Some("Is 14 Feb free? My number is 99887 66554")
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn other_conversations_are_never_masked(pool: PgPool) {
    let a = user(&pool, "a@example.in", Some("Asha")).await;
    let b = user(&pool, "b@example.in", Some("Bala")).await;
    let mut tx = pool.begin().await.unwrap();
    let c = service::start(
        &mut tx,
        "DIRECT",
        Uuid::new_v4(),
        "Hello",
        &[(a, "OWNER"), (b, "MEMBER")],
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let text = "Reach me at 98450 12345 or a@b.in";
    post(&pool, a, c, text).await;
    let t = service::thread(&pool, b, c, None).await.unwrap();
    assert!(t.revealed && !t.read_only);
    assert_eq!(t.messages[0].body, text);
    assert_eq!(t.messages[0].sender_name, "Asha");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_declined_response_makes_the_conversation_read_only(pool: PgPool) {
    let chat = lead_chat(&pool, Some("Meera Iyer")).await;
    let c = chat.conversation;
    post(&pool, chat.customer, c, "Thanks, let me think.").await;
    decide(&pool, chat.request, "REJECTED").await;

    for u in [chat.customer, chat.pro] {
        let err = service::post(&pool, u, c, "One more thing")
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        assert!(err.message.contains("declined"), "{}", err.message);
    }
    let t = service::thread(&pool, chat.pro, c, None).await.unwrap();
    assert!(t.read_only);
    assert!(!t.revealed, "declined is never accepted");
    assert_eq!(t.messages.len(), 2, "still readable");
    assert!(t.messages[0].body.contains("[phone hidden until accepted]"));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn unread_counts_follow_each_participants_last_read(pool: PgPool) {
    let chat = lead_chat(&pool, Some("Meera Iyer")).await;
    let c = chat.conversation;
    // The first message is unread for the customer only.
    assert_eq!(
        service::unread_total(&pool, chat.customer).await.unwrap(),
        1
    );
    assert_eq!(service::unread_total(&pool, chat.pro).await.unwrap(), 0);

    let first = post(&pool, chat.customer, c, "Hi Riya").await.message;
    post(&pool, chat.customer, c, "Are you free on 14 Feb?").await;
    assert_eq!(service::unread_total(&pool, chat.pro).await.unwrap(), 2);
    assert_eq!(
        service::unread_total(&pool, chat.customer).await.unwrap(),
        0,
        "posting reads the conversation"
    );
    let inbox = service::inbox(&pool, chat.pro).await.unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!((inbox[0].unread, inbox[0].last_mine), (2, false));
    assert_eq!(inbox[0].with, "Meera Iyer");
    assert_eq!(inbox[0].preview.as_deref(), Some("Are you free on 14 Feb?"));
    let counts = service::unread_counts(&pool, chat.pro).await.unwrap();
    assert_eq!((counts.messages, counts.notifications), (2, 1));

    // Polling from a message returns only the later ones, oldest first.
    let later = service::thread(&pool, chat.pro, c, Some(first.id))
        .await
        .unwrap();
    let bodies: Vec<&str> = later.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, vec!["Are you free on 14 Feb?"]);
    let all = service::thread(&pool, chat.pro, c, None).await.unwrap();
    assert_eq!(all.messages.len(), 3);
    assert!(all
        .messages
        .windows(2)
        .all(|w| w[0].sent_at <= w[1].sent_at));
    assert!(!all.has_earlier);

    service::mark_read(&pool, chat.pro, c).await.unwrap();
    assert_eq!(service::unread_total(&pool, chat.pro).await.unwrap(), 0);
    let counts = service::unread_counts(&pool, chat.pro).await.unwrap();
    assert_eq!(
        (counts.messages, counts.notifications),
        (0, 0),
        "reading the conversation reads its notification"
    );
    assert_eq!(service::inbox(&pool, chat.pro).await.unwrap()[0].unread, 0);
    assert_eq!(
        service::unread_total(&pool, chat.customer).await.unwrap(),
        0
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn one_notification_per_unread_streak(pool: PgPool) {
    let chat = lead_chat(&pool, Some("Meera Iyer")).await;
    let c = chat.conversation;
    // The customer has not read the response's first message yet: a follow-up only
    // extends that streak (the lead workflow told them about the response).
    let follow_up = post(&pool, chat.pro, c, "I can also bring a drone.").await;
    assert!(follow_up.outgoing.is_empty());
    assert_eq!(notices(&pool, chat.customer).await, (0, 0));

    let first = post(&pool, chat.customer, c, "Hi").await;
    assert_eq!(first.outgoing.len(), 1);
    for text in ["Are you there?", "Please reply"] {
        let p = post(&pool, chat.customer, c, text).await;
        assert!(p.outgoing.is_empty(), "no second notice while unread");
    }
    assert_eq!(notices(&pool, chat.pro).await, (1, 1));
    assert_eq!(notices(&pool, chat.customer).await, (0, 0));
    let (title, link): (String, Uuid) =
        sqlx::query_as("SELECT title, related_entity_id FROM notifications WHERE user_id = $1")
            .bind(chat.pro)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((title.as_str(), link), ("New message from Meera Iyer", c));

    // The e-mail goes out after commit, from the new_message template.
    let config = crate::server::config::Config::for_tests(
        "unused",
        std::env::temp_dir().join(format!("nxg-messages-{}", Uuid::new_v4())),
    );
    let mail = first.outgoing.into_iter().next().unwrap();
    let log = mail.send(&pool, &config).await.unwrap();
    let (to, subject, body): (String, String, String) =
        sqlx::query_as("SELECT to_email, subject, body_snapshot FROM email_logs WHERE id = $1")
            .bind(log)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(to, "riya@example.in");
    assert_eq!(subject, "New message from Meera Iyer");
    assert!(body.contains(&format!("/messages/{c}")), "{body}");
    assert!(!body.contains("{{"), "{body}");
    std::fs::remove_dir_all(&config.outbox_dir).ok();

    // Replying reads the conversation and its notification; the customer is told
    // once about the reply.
    post(&pool, chat.pro, c, "Yes, 14 Feb works.").await;
    assert_eq!(notices(&pool, chat.customer).await, (1, 1));
    assert_eq!(notices(&pool, chat.pro).await, (1, 0));
    // Having read, the professional is told about the next message again.
    let again = post(&pool, chat.customer, c, "Great, booking you.").await;
    assert_eq!(again.outgoing.len(), 1);
    assert_eq!(notices(&pool, chat.pro).await, (2, 1));
    post(&pool, chat.customer, c, "See you then.").await;
    assert_eq!(notices(&pool, chat.pro).await, (2, 1));
    // Opening the conversation reads it; the next message starts a new streak.
    service::mark_read(&pool, chat.pro, c).await.unwrap();
    assert_eq!(notices(&pool, chat.pro).await, (2, 0));
    post(&pool, chat.customer, c, "One more thing.").await;
    assert_eq!(notices(&pool, chat.pro).await, (3, 1));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn message_bodies_are_checked(pool: PgPool) {
    let chat = lead_chat(&pool, Some("Meera Iyer")).await;
    let c = chat.conversation;
    let too_long = "a".repeat(BODY_MAX + 1);
    for bad in ["", "   \n\t ", "ring\u{7}", too_long.as_str()] {
        let err = service::post(&pool, chat.customer, c, bad)
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.field_message("body").is_some(), "{bad:?}");
    }
    let ok = post(&pool, chat.customer, c, "  Line one\r\nLine two\t ok  ").await;
    assert_eq!(ok.message.body, "Line one\nLine two\t ok");
    let longest = post(&pool, chat.customer, c, &"a".repeat(BODY_MAX)).await;
    assert_eq!(longest.message.body.chars().count(), BODY_MAX);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE conversation_id = $1")
        .bind(c)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(count, 3, "the first message and the two good ones");

    // A bad first message is the caller's field error, and starts nothing.
    let mut tx = pool.begin().await.unwrap();
    let err = service::start(
        &mut tx,
        "DIRECT",
        Uuid::new_v4(),
        "x",
        &[(chat.customer, "OWNER"), (chat.pro, "MEMBER")],
        Some((chat.pro, " ")),
    )
    .await
    .unwrap_err();
    assert!(err.field_message("body").is_some());
    // Participants must be distinct and the sender one of them.
    let outsider = Uuid::new_v4();
    for (people, sender) in [
        (
            vec![(chat.customer, "OWNER"), (chat.customer, "MEMBER")],
            None,
        ),
        (vec![(chat.customer, "OWNER")], Some(outsider)),
        (vec![(chat.customer, "ADMIN")], None),
    ] {
        let err = service::start(
            &mut tx,
            "DIRECT",
            Uuid::new_v4(),
            "x",
            &people,
            sender.map(|s| (s, "hi")),
        )
        .await
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Internal);
    }
    tx.rollback().await.unwrap();
}
