//! The wallet service against a real PostgreSQL, including the concurrency guarantees.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::model::{Direction, Reference};
use super::service::{self, Applied, Movement};
use crate::core::ErrorCode;
use crate::domains::audit::service::RequestMeta;
use sqlx::PgPool;
use std::sync::Arc;
use uuid::Uuid;

async fn user(pool: &PgPool, email: &str) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, account_type, status)
         VALUES ($1, 'h', 'INDIVIDUAL', 'ACTIVE') RETURNING id",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap()
}

fn movement(user_id: Uuid, direction: Direction, amount: i32, key: &str) -> Movement<'_> {
    Movement {
        user_id,
        direction,
        amount,
        reference: match direction {
            Direction::Credit => Reference::Purchase,
            Direction::Debit => Reference::Lead,
        },
        reference_id: None,
        remarks: None,
        idempotency_key: key,
        actor: Some(user_id),
    }
}

async fn apply(pool: &PgPool, m: &Movement<'_>) -> Result<Applied, crate::core::AppError> {
    service::apply_now(pool, m, &RequestMeta::default()).await
}

/// (balance, credits - debits in the ledger, ledger rows, lowest balance_after)
async fn books(pool: &PgPool, user_id: Uuid) -> (i32, i64, i64, Option<i32>) {
    sqlx::query_as(
        "SELECT w.current_balance,
                coalesce(sum(CASE l.transaction_type WHEN 'CREDIT' THEN l.amount ELSE -l.amount END), 0)::bigint,
                count(l.id), min(l.balance_after)
           FROM tracecoin_wallets w LEFT JOIN tracecoin_ledger l ON l.wallet_id = w.id
          WHERE w.user_id = $1 GROUP BY w.current_balance",
    )
    .bind(user_id)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn credits_and_debits_keep_balance_after_and_are_audited(pool: PgPool) {
    let u = user(&pool, "asha@example.in").await;
    assert_eq!(service::balance(&pool, u).await.unwrap(), 0);
    let credit = apply(&pool, &movement(u, Direction::Credit, 100, "buy-1"))
        .await
        .unwrap();
    assert_eq!((credit.balance_after, credit.replayed), (100, false));
    let debit = apply(&pool, &movement(u, Direction::Debit, 30, "lead-1"))
        .await
        .unwrap();
    assert_eq!(debit.balance_after, 70);
    assert_eq!(service::balance(&pool, u).await.unwrap(), 70);
    assert_eq!(books(&pool, u).await, (70, 70, 2, Some(70)));

    let history = service::history(&pool, u, None, None, None, 10)
        .await
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].id, debit.ledger_id, "newest first");
    assert_eq!(history[0].direction, Direction::Debit);
    assert_eq!(history[1].balance_after, 100);
    let only_debits = service::history(&pool, u, Some(Direction::Debit), None, None, 10)
        .await
        .unwrap();
    assert_eq!(only_debits.len(), 1);
    let purchases = service::history(&pool, u, None, Some(Reference::Purchase), None, 10)
        .await
        .unwrap();
    assert_eq!(purchases[0].id, credit.ledger_id);
    let after_first = service::history(&pool, u, None, None, Some(debit.ledger_id), 10)
        .await
        .unwrap();
    assert_eq!(after_first.len(), 1);
    assert_eq!(after_first[0].id, credit.ledger_id);

    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE entity_type = 'tracecoin_ledger' AND module_key = 'wallet'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, 2);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_debit_beyond_the_balance_is_refused_and_changes_nothing(pool: PgPool) {
    let u = user(&pool, "ravi@example.in").await;
    apply(&pool, &movement(u, Direction::Credit, 20, "buy-1"))
        .await
        .unwrap();
    let err = apply(&pool, &movement(u, Direction::Debit, 25, "lead-1"))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(
        err.buy.as_deref(),
        Some("tracecoins"),
        "the refusal offers tracecoins"
    );
    assert!(
        err.message.contains("needs 25 tracecoins"),
        "{}",
        err.message
    );
    assert!(err.message.contains("has 20"), "{}", err.message);
    assert_eq!(books(&pool, u).await, (20, 20, 1, Some(20)));
    // Bad amounts are field errors.
    for bad in [0, -3] {
        let err = apply(&pool, &movement(u, Direction::Credit, bad, "x"))
            .await
            .unwrap_err();
        assert!(err.field_message("amount").is_some());
    }
    assert_eq!(books(&pool, u).await, (20, 20, 1, Some(20)));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_replayed_key_returns_the_first_result_and_moves_nothing(pool: PgPool) {
    let u = user(&pool, "meera@example.in").await;
    let other = user(&pool, "kiran@example.in").await;
    let first = apply(&pool, &movement(u, Direction::Credit, 50, "buy-1"))
        .await
        .unwrap();
    apply(&pool, &movement(u, Direction::Debit, 10, "lead-1"))
        .await
        .unwrap();
    let again = apply(&pool, &movement(u, Direction::Credit, 50, "buy-1"))
        .await
        .unwrap();
    assert!(again.replayed);
    assert_eq!(
        (again.ledger_id, again.balance_after),
        (first.ledger_id, 50)
    );
    assert_eq!(books(&pool, u).await, (40, 40, 2, Some(40)));
    // The same key for something else is a conflict, not a silent success.
    for m in [
        movement(u, Direction::Credit, 60, "buy-1"),
        movement(u, Direction::Debit, 50, "buy-1"),
        movement(other, Direction::Credit, 50, "buy-1"),
    ] {
        let err = apply(&pool, &m).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict, "{m:?}");
    }
    assert_eq!(books(&pool, u).await, (40, 40, 2, Some(40)));
    assert_eq!(service::balance(&pool, other).await.unwrap(), 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_thousand_concurrent_debits_never_overdraw(pool: PgPool) {
    let u = user(&pool, "busy@example.in").await;
    apply(&pool, &movement(u, Direction::Credit, 600, "buy-1"))
        .await
        .unwrap();
    let pool = Arc::new(pool);
    let tasks: Vec<_> = (0..1000)
        .map(|i| {
            let pool = pool.clone();
            tokio::spawn(async move {
                let key = format!("lead-{i}");
                apply(&pool, &movement(u, Direction::Debit, 1, &key)).await
            })
        })
        .collect();
    let mut ok = 0;
    let mut refused = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(e) if e.code == ErrorCode::Conflict => refused += 1,
            Err(e) => panic!("unexpected error: {e:?}"),
        }
    }
    assert_eq!((ok, refused), (600, 400));
    let (balance, ledger_sum, rows, lowest) = books(&pool, u).await;
    assert_eq!(balance, 0);
    assert_eq!(i64::from(balance), ledger_sum, "ledger sum == balance");
    assert_eq!(rows, 601);
    assert_eq!(lowest, Some(0), "never below zero");
    // Every debit saw the one before it: their balance_after values are 599, 598, … 0.
    let (distinct, low, high): (i64, i32, i32) = sqlx::query_as(
        "SELECT count(DISTINCT balance_after), min(balance_after), max(balance_after)
           FROM tracecoin_ledger WHERE transaction_type = 'DEBIT'",
    )
    .fetch_one(&*pool)
    .await
    .unwrap();
    assert_eq!((distinct, low, high), (600, 0, 599));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_same_key_sent_concurrently_moves_money_once(pool: PgPool) {
    let u = user(&pool, "twice@example.in").await;
    apply(&pool, &movement(u, Direction::Credit, 100, "buy-1"))
        .await
        .unwrap();
    let pool = Arc::new(pool);
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let pool = pool.clone();
            tokio::spawn(
                async move { apply(&pool, &movement(u, Direction::Debit, 7, "lead-42")).await },
            )
        })
        .collect();
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap().unwrap());
    }
    assert_eq!(results.iter().filter(|r| !r.replayed).count(), 1);
    assert!(results
        .iter()
        .all(|r| r.balance_after == 93 && r.ledger_id == results[0].ledger_id));
    assert_eq!(books(&pool, u).await, (93, 93, 2, Some(93)));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_statement_reads_balance_and_history_from_one_snapshot(pool: PgPool) {
    let u = user(&pool, "asha@example.in").await;
    apply(&pool, &movement(u, Direction::Credit, 100, "s-1"))
        .await
        .unwrap();
    apply(&pool, &movement(u, Direction::Debit, 15, "s-2"))
        .await
        .unwrap();
    let (balance, entries) = service::statement(&pool, u, None, None, None, 10)
        .await
        .unwrap();
    assert_eq!(balance, 85);
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].balance_after, balance);
}
