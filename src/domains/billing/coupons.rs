//! Writing coupons (the operator command today, the finance console next), audited.
use super::model::CouponDraft;
use crate::core::{AppError, AppResult};
use crate::domains::audit::service::{self as audit, Action, Entry, RequestMeta};
use crate::server::db::OnConstraint;
use sqlx::PgPool;
use uuid::Uuid;

/// Creates a coupon valid from now; `actor` is the staff member (`None`: the system).
pub async fn create(
    pool: &PgPool,
    actor: Option<Uuid>,
    draft: &CouponDraft,
    meta: &RequestMeta,
) -> AppResult<Uuid> {
    let c = draft.check()?;
    let mut tx = pool.begin().await?;
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO coupons (code, discount_type, discount_value, max_discount_inr,
                              min_order_value_inr, usage_limit, uses_per_user, valid_from, valid_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now(),
                 CASE WHEN $8::int IS NULL THEN NULL ELSE now() + make_interval(days => $8) END)
         RETURNING id",
    )
    .bind(&c.code)
    .bind(if c.percent { "PERCENT" } else { "FLAT" })
    .bind(c.value)
    .bind(c.max_discount)
    .bind(c.min_order)
    .bind(c.usage_limit)
    .bind(c.uses_per_user)
    .bind(c.valid_days)
    .fetch_one(&mut *tx)
    .await
    .on_constraint("coupons_code_key", || {
        AppError::field("code", "A coupon with this code exists already.")
    })?;
    let mut entry = Entry::by_user(
        actor,
        Action::Create,
        "coupon",
        Some(id),
        "billing",
        format!("coupon {} created", c.code),
        meta,
    )
    .label(c.code.clone());
    if actor.is_none() {
        entry = entry.from_worker();
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(id)
}
