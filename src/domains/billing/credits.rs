//! Package credits: what a user holds of a JOB_POSTING or CONTACT_VIEWS package
//! (`package_credits`). One place grants them (a purchase or a staff grant), counts what
//! is left, spends one and gives one back, so jobs, contact views and settlement share
//! the same rules: unexpired credits only, the one expiring soonest spent first.
use super::model::PackageType;
use crate::core::{AppError, AppResult};
use crate::domains::audit::service::{self as audit, Action, Entry, RequestMeta};
use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

/// Where a grant of credits comes from.
#[derive(Debug, Clone, Copy)]
pub enum Source {
    /// Bought: one row per order and package (a replayed fulfilment adds nothing).
    Purchase { order_id: Uuid },
    /// Granted by a staff member (`None`: the operator command).
    Grant { by: Option<Uuid> },
}

/// A grant of `total` credits of a package, valid for `validity_days` (`None`: forever).
#[derive(Debug, Clone, Copy)]
pub struct Grant<'a> {
    pub user_id: Uuid,
    pub package_id: Uuid,
    pub kind: &'a str,
    pub total: i32,
    pub validity_days: Option<i32>,
    pub source: Source,
}

/// Records a grant in the caller's transaction. Answers the new row's id, or `None` when
/// this order's credits were already delivered.
pub async fn grant(conn: &mut PgConnection, g: Grant<'_>) -> AppResult<Option<Uuid>> {
    let (source, order_id, granted_by) = match g.source {
        Source::Purchase { order_id } => ("PURCHASE", Some(order_id), None),
        Source::Grant { by } => ("GRANT", None, by),
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO package_credits (user_id, pricing_package_id, package_type, credits_total,
                                      expires_at, source, order_id, granted_by_user_id)
         VALUES ($1, $2, $3, $4, now() + make_interval(days => $5), $6, $7, $8)
         ON CONFLICT DO NOTHING
         RETURNING id",
    )
    .bind(g.user_id)
    .bind(g.package_id)
    .bind(g.kind)
    .bind(g.total)
    .bind(g.validity_days)
    .bind(source)
    .bind(order_id)
    .bind(granted_by)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Unexpired credits of `kind` the user has left.
pub async fn left(db: impl PgExecutor<'_>, user_id: Uuid, kind: PackageType) -> AppResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT coalesce(sum(credits_total - credits_used), 0)::bigint FROM package_credits
          WHERE user_id = $1 AND package_type = $2
            AND (expires_at IS NULL OR expires_at > now())",
    )
    .bind(user_id)
    .bind(kind)
    .fetch_one(db)
    .await?)
}

/// Unexpired JOB_POSTING and CONTACT_VIEWS credits the user has left, in one read.
pub async fn held(db: impl PgExecutor<'_>, user_id: Uuid) -> AppResult<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT coalesce(sum(credits_total - credits_used) FILTER (WHERE package_type = 'JOB_POSTING'), 0)::bigint,
                coalesce(sum(credits_total - credits_used) FILTER (WHERE package_type = 'CONTACT_VIEWS'), 0)::bigint
           FROM package_credits
          WHERE user_id = $1 AND (expires_at IS NULL OR expires_at > now())",
    )
    .bind(user_id)
    .fetch_one(db)
    .await?)
}

/// Spends one credit of `kind` in the caller's transaction: from the grant expiring
/// soonest, locked so two spends never take the last credit twice. Answers the grant it
/// came from (to give it back later), or `None` when the user has none left.
pub async fn take_one(
    conn: &mut PgConnection,
    user_id: Uuid,
    kind: PackageType,
) -> AppResult<Option<Uuid>> {
    let credit: Option<Uuid> = sqlx::query_scalar(
        "SELECT id FROM package_credits
          WHERE user_id = $1 AND package_type = $2 AND credits_used < credits_total
            AND (expires_at IS NULL OR expires_at > now())
          ORDER BY expires_at NULLS LAST, created_at
          LIMIT 1 FOR UPDATE",
    )
    .bind(user_id)
    .bind(kind)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = credit {
        sqlx::query("UPDATE package_credits SET credits_used = credits_used + 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(credit)
}

/// Returns one spent credit to its grant (a rejected job posting), in the caller's
/// transaction.
pub async fn give_back(conn: &mut PgConnection, credit_id: Uuid) -> AppResult<()> {
    sqlx::query(
        "UPDATE package_credits SET credits_used = credits_used - 1
          WHERE id = $1 AND credits_used > 0",
    )
    .bind(credit_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Unspent credits of the grant that order `order_id` bought of `package_id`, locked
/// for the caller's transaction (expired ones count as unspent: a refund may take back
/// what lapsed).
pub async fn unspent_of_order(
    conn: &mut PgConnection,
    order_id: Uuid,
    package_id: Uuid,
) -> AppResult<i64> {
    let left: Option<i32> = sqlx::query_scalar(
        "SELECT credits_total - credits_used FROM package_credits
          WHERE order_id = $1 AND pricing_package_id = $2 FOR UPDATE",
    )
    .bind(order_id)
    .bind(package_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(left.map_or(0, i64::from))
}

/// Takes `n` unspent credits back from that grant (a refund), in the caller's
/// transaction; the CHECK on `credits_used <= credits_total` refuses taking spent ones.
pub async fn revoke_of_order(
    conn: &mut PgConnection,
    order_id: Uuid,
    package_id: Uuid,
    n: i64,
) -> AppResult<()> {
    let n = i32::try_from(n).map_err(|_| AppError::internal())?;
    sqlx::query(
        "UPDATE package_credits SET credits_total = credits_total - $3
          WHERE order_id = $1 AND pricing_package_id = $2",
    )
    .bind(order_id)
    .bind(package_id)
    .bind(n)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Grants a package's credits to a user by name: staff (`wallet.grant_bonus`) or the
/// operator command (`granted_by` `None`). Answers the grant's id and how many credits.
pub async fn grant_named(
    pool: &PgPool,
    granted_by: Option<Uuid>,
    user_email: &str,
    package_name: &str,
    meta: &RequestMeta,
) -> AppResult<(Uuid, i32)> {
    let mut tx = pool.begin().await?;
    let user: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE lower(email) = lower($1)")
        .bind(user_email.trim())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| AppError::field("email", "No account has this e-mail address."))?;
    let package: Option<(Uuid, String, i32, Option<i32>)> = sqlx::query_as(
        "SELECT id, package_type, credits_included, validity_days FROM pricing_packages
          WHERE name = $1 AND is_active AND package_type <> 'TRACECOIN_BUNDLE'",
    )
    .bind(package_name.trim())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((package_id, kind, total, validity_days)) =
        package.filter(|(_, _, credits, _)| *credits > 0)
    else {
        return Err(AppError::field(
            "package",
            "No active package with credits has this name.",
        ));
    };
    let id = grant(
        &mut tx,
        Grant {
            user_id: user,
            package_id,
            kind: &kind,
            total,
            validity_days,
            source: Source::Grant { by: granted_by },
        },
    )
    .await?
    .ok_or_else(AppError::internal)?;
    let mut entry = Entry::by_user(
        granted_by,
        Action::Create,
        "package_credit",
        Some(id),
        "billing",
        format!("{total} {kind} credits granted ({package_name})"),
        meta,
    )
    .label(user_email.trim().to_owned());
    if granted_by.is_none() {
        entry = entry.from_worker();
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok((id, total))
}
