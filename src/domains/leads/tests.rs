//! The lead workflow against a real PostgreSQL: review, responding (price, limit, too
//! few tracecoins, concurrency), accepting and declining, and every refund path run
//! through the real `underway` queue.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::model::{CloseReason, LeadForm, LeadInput, ResponseForm, ResponseInput};
use super::service;
use crate::app::wiring::approval_subjects;
use crate::app::wiring::queue_for_tests as for_tests;
use crate::core::ErrorCode;
use crate::domains::access::service::{load, CurrentUser};
use crate::domains::approvals::fixtures::{account, meta, staff};
use crate::domains::approvals::model::Decision;
use crate::domains::approvals::service::decide;
use crate::domains::audit::service::RequestMeta;
use crate::domains::wallet::model::{Direction, Reference};
use crate::domains::wallet::service::{self as wallet, Movement};
use crate::server::queue::{run_pending, Queue};
use chrono::NaiveDate;
use sqlx::PgPool;
use std::sync::Arc;
use uuid::Uuid;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn input() -> LeadInput {
    LeadInput::parse(
        &LeadForm {
            profession: "photographer".into(),
            title: "Wedding photographer for two days".into(),
            description: "Haldi and wedding in Pune, about 300 guests, candid style preferred."
                .into(),
            city: "Pune".into(),
            budget: "45000".into(),
            required_date: "2027-01-15".into(),
        },
        today(),
    )
    .unwrap()
}

fn response(message: &str) -> ResponseInput {
    ResponseInput::parse(&ResponseForm {
        quote: "40000".into(),
        message: message.into(),
    })
    .unwrap()
}

async fn user(pool: &PgPool, id: Uuid) -> CurrentUser {
    load(pool, id, Uuid::nil()).await.unwrap().unwrap()
}

async fn customer(pool: &PgPool, email: &str) -> CurrentUser {
    let id = account(pool, email, "Kavya Menon", "CUSTOMER").await;
    user(pool, id).await
}

/// An ACTIVE professional of `role` in `city` with `coins` tracecoins.
async fn pro(pool: &PgPool, email: &str, role: &str, city: &str, coins: i32) -> CurrentUser {
    let id = account(pool, email, "Arjun Pro", role).await;
    sqlx::query(
        "INSERT INTO user_role_profiles (user_id, role_key, display_name, bio, location, slug,
                                         status, approval_status, approved_at, is_profile_public)
         VALUES ($1, $2, $3, 'Ten years of weddings.', $4, $5, 'ACTIVE', 'APPROVED', now(), true)",
    )
    .bind(id)
    .bind(role)
    .bind(email)
    .bind(city)
    .bind(format!("pro-{}", Uuid::new_v4().simple()))
    .execute(pool)
    .await
    .unwrap();
    if coins > 0 {
        wallet::apply_now(
            pool,
            &Movement {
                user_id: id,
                direction: Direction::Credit,
                amount: coins,
                reference: Reference::Bonus,
                reference_id: None,
                remarks: None,
                idempotency_key: &format!("seed:{id}"),
                actor: None,
            },
            &RequestMeta::default(),
        )
        .await
        .unwrap();
    }
    user(pool, id).await
}

/// A lead posted by `c` and approved by a moderator: OPEN.
async fn open_lead(pool: &PgPool, c: &CurrentUser) -> Uuid {
    let id = service::save(pool, c, None, &input(), None, true, &meta())
        .await
        .unwrap();
    let moderator = staff(
        pool,
        &format!("mod.{}@nxtgauge.in", Uuid::new_v4()),
        "MODERATOR",
    )
    .await;
    let request: Uuid = sqlx::query_scalar(
        "SELECT id FROM approval_requests WHERE entity_type = 'lead' AND entity_id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap();
    let done = decide(
        &approval_subjects(),
        pool,
        &moderator,
        request,
        Decision::Approve,
        "",
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(done.status, "APPROVED");
    id
}

async fn balance(pool: &PgPool, u: &CurrentUser) -> i32 {
    wallet::balance(pool, u.id).await.unwrap()
}

async fn refund_reason(pool: &PgPool, id: Uuid) -> Option<String> {
    sqlx::query_scalar("SELECT refund_reason FROM lead_requests WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn set_config(pool: &PgPool, key: &str, value: &str) {
    sqlx::query(
        "UPDATE runtime_configs SET config_value_json = $2::jsonb
          WHERE config_group = 'leads' AND config_key = $1",
    )
    .bind(key)
    .bind(value)
    .execute(pool)
    .await
    .unwrap();
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_lead_goes_through_review_and_matching_pros_are_told(pool: PgPool) {
    let c = customer(&pool, "kavya@example.in").await;
    let near = pro(&pool, "near@example.in", "photographer", "Pune", 0).await;
    let far = pro(&pool, "far@example.in", "photographer", "Delhi", 0).await;
    let tutor = pro(&pool, "tutor@example.in", "tutor", "Pune", 0).await;

    // A draft is not in the queue and can be edited; sent for review it cannot.
    let id = service::save(&pool, &c, None, &input(), None, false, &meta())
        .await
        .unwrap();
    let queued = |pool: PgPool| async move {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM approval_requests WHERE entity_type = 'lead' AND status = 'PENDING'",
        )
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    assert_eq!(queued(pool.clone()).await, 0);
    service::save(&pool, &c, Some(id), &input(), None, true, &meta())
        .await
        .unwrap();
    assert_eq!(queued(pool.clone()).await, 1);
    let err = service::save(&pool, &c, Some(id), &input(), None, true, &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);

    // Someone else's lead is not found, for editing and for reading.
    let other = customer(&pool, "other@example.in").await;
    let err = service::save(&pool, &other, Some(id), &input(), None, false, &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(
        service::lead_for_owner(&pool, other.id, id)
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );

    // A verifier (profiles only) may not decide a lead; a moderator may.
    let verifier = staff(&pool, "verifier@nxtgauge.in", "VERIFIER").await;
    let moderator = staff(&pool, "moderator@nxtgauge.in", "MODERATOR").await;
    let request: Uuid = sqlx::query_scalar(
        "SELECT id FROM approval_requests WHERE entity_type = 'lead' AND entity_id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    let err = decide(
        &approval_subjects(),
        &pool,
        &verifier,
        request,
        Decision::Approve,
        "",
        &meta(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let done = decide(
        &approval_subjects(),
        &pool,
        &moderator,
        request,
        Decision::Approve,
        "",
        &meta(),
    )
    .await
    .unwrap();
    assert!(done.outgoing.is_some());
    let (status, expires_in_days): (String, i32) = sqlx::query_as(
        "SELECT status, round(EXTRACT(EPOCH FROM expires_at - approved_at) / 86400)::int
           FROM leads WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((status.as_str(), expires_in_days), ("OPEN", 14));

    // Only the photographer in Pune is told; they see it in their feed at its price.
    let told: Vec<Uuid> = sqlx::query_scalar(
        "SELECT user_id FROM notifications WHERE related_entity_type = 'lead_match'
            AND related_entity_id = $1 AND user_id <> $2",
    )
    .bind(id)
    .bind(c.id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(told, vec![near.id]);
    assert_eq!(done.others.len(), 1);
    let feed = service::feed(&pool, near.id, &Default::default(), None)
        .await
        .unwrap();
    assert_eq!(feed.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![id]);
    assert!(service::feed(&pool, far.id, &Default::default(), None)
        .await
        .unwrap()
        .rows
        .is_empty());
    let everywhere = super::model::FeedFilter::from_query(None, Some("all".into()), None);
    assert_eq!(
        service::feed(&pool, far.id, &everywhere, None)
            .await
            .unwrap()
            .rows
            .len(),
        1
    );
    assert!(service::feed(&pool, tutor.id, &everywhere, None)
        .await
        .unwrap()
        .rows
        .is_empty());
    let shown = service::lead_for_pro(&pool, near.id, id).await.unwrap();
    assert_eq!(
        (shown.price, shown.responses, shown.max_responses),
        (15, 0, 5)
    );
    assert_eq!(
        service::lead_for_pro(&pool, tutor.id, id)
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_rejected_lead_returns_to_draft_with_the_remarks(pool: PgPool) {
    let c = customer(&pool, "kavya@example.in").await;
    let id = service::save(&pool, &c, None, &input(), None, true, &meta())
        .await
        .unwrap();
    let moderator = staff(&pool, "moderator@nxtgauge.in", "MODERATOR").await;
    let request: Uuid = sqlx::query_scalar(
        "SELECT id FROM approval_requests WHERE entity_type = 'lead' AND entity_id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    decide(
        &approval_subjects(),
        &pool,
        &moderator,
        request,
        Decision::Reject,
        "Please give the wedding dates.",
        &meta(),
    )
    .await
    .unwrap();
    let view = service::lead_for_owner(&pool, c.id, id).await.unwrap();
    assert_eq!(view.status.as_str(), "DRAFT");
    assert_eq!(
        view.review_remarks.as_deref(),
        Some("Please give the wedding dates.")
    );
    // Edited and sent again, it is back in the queue.
    service::save(&pool, &c, Some(id), &input(), None, true, &meta())
        .await
        .unwrap();
    assert_eq!(
        service::lead_for_owner(&pool, c.id, id)
            .await
            .unwrap()
            .status
            .as_str(),
        "PENDING"
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn responding_debits_once_and_opens_a_conversation(pool: PgPool) {
    let queue = for_tests(&pool).await;
    let c = customer(&pool, "kavya@example.in").await;
    let lead = open_lead(&pool, &c).await;
    let p = pro(&pool, "arjun@example.in", "photographer", "Pune", 100).await;
    let done = service::send_response(
        &pool,
        &p,
        lead,
        &response("Happy to cover both days. Call me on 98450 12345."),
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(done.balance_after, 85);
    assert_eq!(balance(&pool, &p).await, 85);
    // A second response is refused and charges nothing.
    let err = service::send_response(
        &pool,
        &p,
        lead,
        &response("Trying again to respond here."),
        &meta(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(balance(&pool, &p).await, 85);
    // The customer's card hides the message until opened, then masks the phone number
    // until accepted.
    let card = &service::lead_for_owner(&pool, c.id, lead)
        .await
        .unwrap()
        .responses[0];
    assert_eq!(card.message, None);
    assert_eq!(card.quote_inr, Some(40_000));
    service::open_response(&pool, c.id, done.id).await.unwrap();
    let card = service::lead_for_owner(&pool, c.id, lead)
        .await
        .unwrap()
        .responses
        .remove(0);
    let masked = card.message.unwrap();
    assert!(!masked.contains("98450"), "{masked}");
    service::decide_response(&pool, &queue, &c, done.id, true, &meta())
        .await
        .unwrap();
    let card = service::lead_for_owner(&pool, c.id, lead)
        .await
        .unwrap()
        .responses
        .remove(0);
    assert!(card.message.unwrap().contains("98450 12345"));
    assert_eq!(card.conversation_id, Some(done.conversation_id));
    // An accepted response is never refunded by the sweep.
    set_config(&pool, "unopened_refund_hours", "0").await;
    queue.sweep_now().await.unwrap();
    run_pending(&queue).await;
    assert_eq!(balance(&pool, &p).await, 85);
    // The professional cannot accept on the customer's behalf.
    assert_eq!(
        service::open_response(&pool, p.id, done.id)
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn too_few_tracecoins_change_nothing(pool: PgPool) {
    let c = customer(&pool, "kavya@example.in").await;
    let lead = open_lead(&pool, &c).await;
    let poor = pro(&pool, "poor@example.in", "photographer", "Pune", 5).await;
    let err = service::send_response(
        &pool,
        &poor,
        lead,
        &response("I would love to do this wedding."),
        &meta(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(
        err.message.contains("needs 15 tracecoins"),
        "{}",
        err.message
    );
    assert!(err.message.contains("has 5"), "{}", err.message);
    assert_eq!(balance(&pool, &poor).await, 5);
    let rows: (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM lead_requests), (SELECT count(*) FROM conversations),
                (SELECT count(*) FROM tracecoin_ledger l JOIN tracecoin_wallets w ON w.id = l.wallet_id
                  WHERE w.user_id = $1)",
    )
    .bind(poor.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(rows, (0, 0, 1));
    // Without an approved profile of that profession there is no responding at all.
    let tutor = pro(&pool, "tutor@example.in", "tutor", "Pune", 100).await;
    let err = service::send_response(
        &pool,
        &tutor,
        lead,
        &response("I can teach the photographer."),
        &meta(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn concurrent_responses_never_pass_the_limit(pool: PgPool) {
    let c = customer(&pool, "kavya@example.in").await;
    let lead = open_lead(&pool, &c).await;
    let mut pros = Vec::new();
    for i in 0..12 {
        pros.push(
            pro(
                &pool,
                &format!("p{i}@example.in"),
                "photographer",
                "Pune",
                20,
            )
            .await,
        );
    }
    let pool = Arc::new(pool);
    let tasks: Vec<_> = pros
        .iter()
        .cloned()
        .map(|p| {
            let pool = pool.clone();
            tokio::spawn(async move {
                service::send_response(
                    &pool,
                    &p,
                    lead,
                    &response("Available on both days, candid style."),
                    &meta(),
                )
                .await
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(e) => {
                assert_eq!(e.code, ErrorCode::Conflict);
                assert!(e.message.contains("Nothing was charged"), "{}", e.message);
            }
        }
    }
    assert_eq!(ok, 5);
    let (responses, spent): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM lead_requests WHERE lead_id = $1),
                (SELECT coalesce(sum(amount), 0)::bigint FROM tracecoin_ledger
                  WHERE transaction_type = 'DEBIT' AND reference_type = 'LEAD' AND reference_id = $1)",
    )
    .bind(lead)
    .fetch_one(&*pool)
    .await
    .unwrap();
    assert_eq!((responses, spent), (5, 75));
    let mut total = 0;
    for p in &pros {
        total += balance(&pool, p).await;
    }
    assert_eq!(total, 12 * 20 - 75);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn declined_unread_and_unopened_responses_are_refunded_once(pool: PgPool) {
    let queue = for_tests(&pool).await;
    let c = customer(&pool, "kavya@example.in").await;
    let lead = open_lead(&pool, &c).await;
    let a = pro(&pool, "a@example.in", "photographer", "Pune", 50).await;
    let b = pro(&pool, "b@example.in", "photographer", "Pune", 50).await;
    let d = pro(&pool, "d@example.in", "photographer", "Pune", 50).await;
    let ra = service::send_response(
        &pool,
        &a,
        lead,
        &response("Response from the first photographer."),
        &meta(),
    )
    .await
    .unwrap();
    let rb = service::send_response(
        &pool,
        &b,
        lead,
        &response("Response from the second photographer."),
        &meta(),
    )
    .await
    .unwrap();
    let rd = service::send_response(
        &pool,
        &d,
        lead,
        &response("Response from the third photographer."),
        &meta(),
    )
    .await
    .unwrap();
    // a is read then declined: no refund. b is declined unread: refunded by the queue.
    service::open_response(&pool, c.id, ra.id).await.unwrap();
    service::decide_response(&pool, &queue, &c, ra.id, false, &meta())
        .await
        .unwrap();
    service::decide_response(&pool, &queue, &c, rb.id, false, &meta())
        .await
        .unwrap();
    assert_eq!(balance(&pool, &b).await, 35, "refunds wait for the worker");
    assert_eq!(run_pending(&queue).await, 1);
    assert_eq!(balance(&pool, &a).await, 35);
    assert_eq!(balance(&pool, &b).await, 50);
    assert_eq!(
        refund_reason(&pool, rb.id).await.as_deref(),
        Some("REJECTED_UNREAD")
    );
    let credit: (String, Uuid) = sqlx::query_as(
        "SELECT l.reference_type, l.reference_id FROM tracecoin_ledger l
           JOIN tracecoin_wallets w ON w.id = l.wallet_id
          WHERE w.user_id = $1 AND l.transaction_type = 'CREDIT' AND l.idempotency_key LIKE 'refund:%'",
    )
    .bind(b.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(credit, ("LEAD".into(), lead));
    // Asked again (a retried task), nothing moves.
    let mut tx = pool.begin().await.unwrap();
    assert!(
        super::refunds::refund(&mut tx, rb.id, super::model::RefundReason::RejectedUnread)
            .await
            .unwrap()
            .is_none()
    );
    tx.commit().await.unwrap();
    assert_eq!(balance(&pool, &b).await, 50);

    // d is never opened: within the window nothing happens, past it two sweeps racing
    // refund it exactly once.
    queue.sweep_now().await.unwrap();
    run_pending(&queue).await;
    assert_eq!(balance(&pool, &d).await, 35);
    set_config(&pool, "unopened_refund_hours", "0").await;
    let (one, two) = tokio::join!(
        async {
            let mut tx = pool.begin().await.unwrap();
            let out = super::refunds::sweep(&mut tx).await.unwrap();
            tx.commit().await.unwrap();
            out.len()
        },
        async {
            let mut tx = pool.begin().await.unwrap();
            let out = super::refunds::sweep(&mut tx).await.unwrap();
            tx.commit().await.unwrap();
            out.len()
        }
    );
    assert_eq!(one + two, 1);
    assert_eq!(balance(&pool, &d).await, 50);
    assert_eq!(
        refund_reason(&pool, rd.id).await.as_deref(),
        Some("NOT_OPENED")
    );
    // The professional is told, in the app.
    let told: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications WHERE user_id = $1 AND title = '15 tracecoins refunded'",
    )
    .bind(d.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(told, 1);

    // Closing the lead ("I found someone") declines d's response too, although it was
    // already refunded as unopened, and pays nothing more.
    service::end(&pool, &queue, &c, lead, CloseReason::Closed, &meta())
        .await
        .unwrap();
    run_pending(&queue).await;
    let pending: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM lead_requests WHERE lead_id = $1 AND status = 'PENDING'",
    )
    .bind(lead)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(pending, 0, "no response stays pending on a closed lead");
    assert_eq!(balance(&pool, &d).await, 50, "refunded once, not twice");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn withdrawing_expiring_and_fake_leads_refund_their_responses(pool: PgPool) {
    let queue: Queue = for_tests(&pool).await;
    let c = customer(&pool, "kavya@example.in").await;

    // Withdrawn: every response except the accepted one comes back.
    let lead = open_lead(&pool, &c).await;
    let a = pro(&pool, "a@example.in", "photographer", "Pune", 100).await;
    let b = pro(&pool, "b@example.in", "photographer", "Pune", 100).await;
    let ra = service::send_response(
        &pool,
        &a,
        lead,
        &response("First response to this wedding."),
        &meta(),
    )
    .await
    .unwrap();
    service::send_response(
        &pool,
        &b,
        lead,
        &response("Second response to this wedding."),
        &meta(),
    )
    .await
    .unwrap();
    service::decide_response(&pool, &queue, &c, ra.id, true, &meta())
        .await
        .unwrap();
    service::end(&pool, &queue, &c, lead, CloseReason::Withdrawn, &meta())
        .await
        .unwrap();
    run_pending(&queue).await;
    assert_eq!(
        (balance(&pool, &a).await, balance(&pool, &b).await),
        (85, 100)
    );
    let err = service::end(&pool, &queue, &c, lead, CloseReason::Withdrawn, &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);

    // Expired unanswered: the sweep closes it and refunds.
    let lead = open_lead(&pool, &c).await;
    service::send_response(
        &pool,
        &b,
        lead,
        &response("Another response, to expire."),
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(balance(&pool, &b).await, 85);
    sqlx::query("UPDATE leads SET expires_at = now() - interval '1 minute' WHERE id = $1")
        .bind(lead)
        .execute(&pool)
        .await
        .unwrap();
    queue.sweep_now().await.unwrap();
    run_pending(&queue).await;
    assert_eq!(balance(&pool, &b).await, 100);
    let (status, reason): (String, String) =
        sqlx::query_as("SELECT status, close_reason FROM leads WHERE id = $1")
            .bind(lead)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), reason.as_str()), ("CLOSED", "EXPIRED"));

    // Fake: staff with leads.flag close it and refund everyone, accepted or not.
    let lead = open_lead(&pool, &c).await;
    let rb = service::send_response(
        &pool,
        &b,
        lead,
        &response("Response to a fake request."),
        &meta(),
    )
    .await
    .unwrap();
    service::decide_response(&pool, &queue, &c, rb.id, true, &meta())
        .await
        .unwrap();
    let support = staff(&pool, "support@nxtgauge.in", "SUPPORT_AGENT").await;
    let err = service::flag_fake(
        &pool,
        &queue,
        &support,
        lead,
        "Looks like spam to me.",
        &meta(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let moderator = staff(&pool, "moderator@nxtgauge.in", "MODERATOR").await;
    let err = service::flag_fake(&pool, &queue, &moderator, lead, "spam", &meta())
        .await
        .unwrap_err();
    assert!(err.field_message("remarks").is_some());
    service::flag_fake(
        &pool,
        &queue,
        &moderator,
        lead,
        "The same text was posted from twenty accounts.",
        &meta(),
    )
    .await
    .unwrap();
    run_pending(&queue).await;
    assert_eq!(balance(&pool, &b).await, 100);
    assert_eq!(refund_reason(&pool, rb.id).await.as_deref(), Some("FAKE"));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn reading_the_thread_opens_the_response(pool: PgPool) {
    let queue = for_tests(&pool).await;
    let c = customer(&pool, "kavya@example.in").await;
    let lead = open_lead(&pool, &c).await;
    let p = pro(&pool, "arjun@example.in", "photographer", "Pune", 50).await;
    let done = service::send_response(
        &pool,
        &p,
        lead,
        &response("Happy to cover both days for you."),
        &meta(),
    )
    .await
    .unwrap();
    // The professional reading their own thread opens nothing.
    crate::domains::messaging::service::mark_read(&pool, p.id, done.conversation_id)
        .await
        .unwrap();
    assert!(
        !service::lead_for_owner(&pool, c.id, lead)
            .await
            .unwrap()
            .responses[0]
            .opened
    );
    // The customer reading it in the inbox has opened the response: it is not refunded
    // as unopened, and declining it now is not "unread".
    crate::domains::messaging::service::mark_read(&pool, c.id, done.conversation_id)
        .await
        .unwrap();
    assert!(
        service::lead_for_owner(&pool, c.id, lead)
            .await
            .unwrap()
            .responses[0]
            .opened
    );
    set_config(&pool, "unopened_refund_hours", "0").await;
    queue.sweep_now().await.unwrap();
    run_pending(&queue).await;
    service::decide_response(&pool, &queue, &c, done.id, false, &meta())
        .await
        .unwrap();
    run_pending(&queue).await;
    assert_eq!(balance(&pool, &p).await, 35);
    assert_eq!(refund_reason(&pool, done.id).await, None);
}
