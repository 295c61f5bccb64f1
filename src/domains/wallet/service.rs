//! Credits and debits on tracecoin wallets.
//!
//! `apply` runs in the caller's transaction:
//!
//! 1. the wallet row is created if missing and locked (`FOR UPDATE`), so movements on one
//!    wallet take turns while other wallets move freely;
//! 2. a movement whose idempotency key is already in the ledger returns that first result
//!    and moves nothing (the lock makes a concurrent retry wait and then see it);
//! 3. a debit larger than the balance is refused with the amounts, and nothing changes;
//! 4. the balance is updated, the ledger row written with `balance_after`, and the move
//!    audited, all in the same transaction.
//!
//! The ledger refuses UPDATE and DELETE (a trigger), and `CHECK`s keep balances and
//! `balance_after` at zero or more, so even a bug here cannot rewrite history or go
//! negative.
use super::model::{check_amount, Direction, LedgerEntry, Reference, KEY_MAX, REMARKS_MAX};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
use crate::server::db::OnConstraint;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// A credit or debit to make.
#[derive(Debug, Clone)]
pub struct Movement<'a> {
    /// Whose wallet.
    pub user_id: Uuid,
    pub direction: Direction,
    /// Tracecoins, above zero.
    pub amount: i32,
    pub reference: Reference,
    pub reference_id: Option<Uuid>,
    pub remarks: Option<&'a str>,
    /// The same key always means the same movement: a replay moves nothing.
    pub idempotency_key: &'a str,
    /// Who caused it (the owner, a staff member, or `None` for the system).
    pub actor: Option<Uuid>,
}

/// What a movement did (or, for a replay, what it first did).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub ledger_id: Uuid,
    pub wallet_id: Uuid,
    pub balance_after: i32,
    /// True when the key had been used before and nothing moved now.
    pub replayed: bool,
}

/// The error for a debit the balance cannot cover.
pub fn insufficient(needed: i32, balance: i32) -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        format!("This needs {needed} tracecoins but your wallet has {balance}. Buy more tracecoins and try again."),
    )
    .with_buy("tracecoins")
}

/// Makes `m` in the caller's transaction. See the module documentation.
pub async fn apply(
    conn: &mut PgConnection,
    m: &Movement<'_>,
    meta: &RequestMeta,
) -> AppResult<Applied> {
    let amount = check_amount(m.amount).map_err(|e| AppError::field("amount", e))?;
    let key = m.idempotency_key.trim();
    if key.is_empty() || key.chars().count() > KEY_MAX {
        return Err(AppError::internal());
    }
    let remarks = m.remarks.map(str::trim).filter(|r| !r.is_empty());
    if remarks.is_some_and(|r| r.chars().count() > REMARKS_MAX) {
        return Err(AppError::field(
            "remarks",
            format!("Keep the remarks to {REMARKS_MAX} characters."),
        ));
    }

    sqlx::query(
        "INSERT INTO tracecoin_wallets (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(m.user_id)
    .execute(&mut *conn)
    .await?;
    let (wallet_id, balance): (Uuid, i32) = sqlx::query_as(
        "SELECT id, current_balance FROM tracecoin_wallets WHERE user_id = $1 FOR UPDATE",
    )
    .bind(m.user_id)
    .fetch_one(&mut *conn)
    .await?;

    if let Some(first) = replay(conn, key, wallet_id, m).await? {
        return Ok(first);
    }

    let delta = match m.direction {
        Direction::Credit => amount,
        Direction::Debit => {
            if balance < amount {
                return Err(insufficient(amount, balance));
            }
            -amount
        }
    };
    let balance_after: i32 = sqlx::query_scalar(
        "UPDATE tracecoin_wallets SET current_balance = current_balance + $2
          WHERE id = $1 RETURNING current_balance",
    )
    .bind(wallet_id)
    .bind(delta)
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| match e {
        // Only reachable past i32::MAX coins: refuse rather than wrap.
        sqlx::Error::Database(d) if d.code().as_deref() == Some("22003") => AppError::field(
            "amount",
            "That would take the wallet past its largest balance.",
        ),
        e => e.into(),
    })?;
    let ledger_id: Uuid = sqlx::query_scalar(
        "INSERT INTO tracecoin_ledger (wallet_id, transaction_type, amount, balance_after,
                                       reference_type, reference_id, remarks, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(wallet_id)
    .bind(m.direction.as_str())
    .bind(amount)
    .bind(balance_after)
    .bind(m.reference.as_str())
    .bind(m.reference_id)
    .bind(remarks)
    .bind(key)
    .fetch_one(&mut *conn)
    .await
    // The key belongs to another wallet's movement.
    .on_constraint("tracecoin_ledger_idempotency_key_key", key_reused)?;

    let verb = match m.direction {
        Direction::Credit => "credited",
        Direction::Debit => "debited",
    };
    audit::record(
        conn,
        Entry::by_user(
            m.actor,
            Action::Create,
            "tracecoin_ledger",
            Some(ledger_id),
            "wallet",
            format!(
                "{amount} tracecoins {verb} ({}), balance {balance_after}",
                m.reference.label()
            ),
            meta,
        )
        .change(Change::new(
            "current_balance",
            Some(balance.to_string()),
            Some(balance_after.to_string()),
        )),
    )
    .await?;
    Ok(Applied {
        ledger_id,
        wallet_id,
        balance_after,
        replayed: false,
    })
}

fn key_reused() -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        "This request was already used for a different payment. Reload the page and try again.",
    )
}

/// The first result for `key`, if it was used before; a key reused for a different
/// movement is a conflict, never a silent success.
async fn replay(
    conn: &mut PgConnection,
    key: &str,
    wallet_id: Uuid,
    m: &Movement<'_>,
) -> AppResult<Option<Applied>> {
    let row: Option<(Uuid, Uuid, String, i32, i32)> = sqlx::query_as(
        "SELECT id, wallet_id, transaction_type, amount, balance_after
           FROM tracecoin_ledger WHERE idempotency_key = $1",
    )
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((ledger_id, first_wallet, direction, amount, balance_after)) = row else {
        return Ok(None);
    };
    if first_wallet != wallet_id || direction != m.direction.as_str() || amount != m.amount {
        return Err(key_reused());
    }
    Ok(Some(Applied {
        ledger_id,
        wallet_id,
        balance_after,
        replayed: true,
    }))
}

/// Makes `m` in a transaction of its own.
pub async fn apply_now(pool: &PgPool, m: &Movement<'_>, meta: &RequestMeta) -> AppResult<Applied> {
    let mut tx = pool.begin().await?;
    let applied = apply(&mut tx, m, meta).await?;
    tx.commit().await?;
    Ok(applied)
}

/// The user's balance (0 before their first movement).
pub async fn balance(db: impl sqlx::PgExecutor<'_>, user_id: Uuid) -> AppResult<i32> {
    Ok(
        sqlx::query_scalar("SELECT current_balance FROM tracecoin_wallets WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(db)
            .await?
            .unwrap_or(0),
    )
}

#[derive(sqlx::FromRow)]
struct LedgerRow {
    id: Uuid,
    transaction_type: String,
    amount: i32,
    balance_after: i32,
    reference_type: String,
    reference_id: Option<Uuid>,
    remarks: Option<String>,
    created_at: DateTime<Utc>,
}

impl LedgerRow {
    fn entry(self) -> AppResult<LedgerEntry> {
        Ok(LedgerEntry {
            id: self.id,
            direction: Direction::parse(&self.transaction_type).ok_or_else(AppError::internal)?,
            amount: self.amount,
            balance_after: self.balance_after,
            reference: Reference::parse(&self.reference_type).ok_or_else(AppError::internal)?,
            reference_id: self.reference_id,
            remarks: self.remarks,
            created_at: self.created_at,
        })
    }
}

/// The user's ledger, newest first, after the entry `before` (keyset), at most `limit`.
pub async fn history(
    db: impl sqlx::PgExecutor<'_>,
    user_id: Uuid,
    direction: Option<Direction>,
    reference: Option<Reference>,
    before: Option<Uuid>,
    limit: i64,
) -> AppResult<Vec<LedgerEntry>> {
    let rows: Vec<LedgerRow> = sqlx::query_as(
        "SELECT l.id, l.transaction_type, l.amount, l.balance_after, l.reference_type,
                l.reference_id, l.remarks, l.created_at
           FROM tracecoin_ledger l
           JOIN tracecoin_wallets w ON w.id = l.wallet_id
          WHERE w.user_id = $1
            AND ($2::text IS NULL OR l.transaction_type = $2)
            AND ($3::text IS NULL OR l.reference_type = $3)
            AND ($4::uuid IS NULL OR (l.created_at, l.id) <
                 (SELECT b.created_at, b.id FROM tracecoin_ledger b WHERE b.id = $4))
          ORDER BY l.created_at DESC, l.id DESC
          LIMIT $5",
    )
    .bind(user_id)
    .bind(direction.map(Direction::as_str))
    .bind(reference.map(Reference::as_str))
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(LedgerRow::entry).collect()
}

/// The balance and one page of history read from one snapshot, so a movement that
/// commits in between never shows in one and not the other.
pub async fn statement(
    pool: &PgPool,
    user_id: Uuid,
    direction: Option<Direction>,
    reference: Option<Reference>,
    before: Option<Uuid>,
    limit: i64,
) -> AppResult<(i32, Vec<LedgerEntry>)> {
    let mut tx = pool.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *tx)
        .await?;
    let entries = history(&mut *tx, user_id, direction, reference, before, limit).await?;
    let balance = balance(&mut *tx, user_id).await?;
    tx.commit().await?;
    Ok((balance, entries))
}
