//! Checkout: the quote (every figure computed here, never taken from the browser) and
//! placing the order.
//!
//! A coupon's limits count its **holds**: redemptions of paid orders plus PENDING orders
//! that carry it and have not lapsed. Placing an order locks the coupon row
//! (`FOR UPDATE`) before counting, so concurrent checkouts take turns on one coupon and
//! a limit of 1 lets exactly one order through; a lapsed order's hold ends by itself.
use super::catalogue::{self, PackageRow, Supplier};
use super::gst;
use super::model::{CheckedCheckout, OrderStatus, Quote};
use super::totals::{self, CouponTerms, Line, Totals};
use crate::core::money::Paise;
use crate::core::{AppError, AppResult};
use crate::domains::audit::service::{self as audit, Action, Entry, RequestMeta};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

const MODULE: &str = "billing";

/// A coupon as stored.
#[derive(Debug, sqlx::FromRow)]
struct CouponRow {
    id: Uuid,
    code: String,
    discount_type: String,
    discount_value: i32,
    max_discount_inr: Option<i32>,
    min_order_value_inr: i32,
    valid_from: DateTime<Utc>,
    valid_to: Option<DateTime<Utc>>,
    usage_limit: Option<i32>,
    uses_per_user: Option<i32>,
    package_type: Option<super::model::PackageType>,
    is_active: bool,
}

/// Everything a quote was computed from, kept to write the order.
pub struct Priced {
    pub quote: Quote,
    pub package: PackageRow,
    pub supplier: Supplier,
    pub rule_id: Option<Uuid>,
    pub coupon_id: Option<Uuid>,
}

fn coupon_refused(message: impl Into<String>) -> AppError {
    AppError::field("coupon", message)
}

/// How many holds the coupon has: in all, and by `user_id`.
async fn coupon_holds(
    conn: &mut PgConnection,
    coupon: Uuid,
    user_id: Uuid,
) -> AppResult<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE user_id = $2) FROM (
             SELECT user_id FROM coupon_redemptions WHERE coupon_id = $1
             UNION ALL
             SELECT user_id FROM orders
              WHERE coupon_id = $1 AND status = 'PENDING' AND expires_at > now()
         ) holds",
    )
    .bind(coupon)
    .bind(user_id)
    .fetch_one(&mut *conn)
    .await?)
}

/// The coupon's discount on `base`, or the reason it cannot be used. With `lock`, the
/// coupon row is locked for the rest of the transaction (placing an order).
async fn apply_coupon(
    conn: &mut PgConnection,
    code: &str,
    user_id: Uuid,
    package: &PackageRow,
    base: Paise,
    lock: bool,
) -> AppResult<(Uuid, String, Paise)> {
    let sql = if lock {
        "SELECT * FROM coupons WHERE code = $1 FOR UPDATE"
    } else {
        "SELECT * FROM coupons WHERE code = $1"
    };
    let c = sqlx::query_as::<_, CouponRow>(sql)
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?
        .filter(|c| c.is_active)
        .ok_or_else(|| coupon_refused("No coupon has this code. Check it and try again."))?;
    let now = Utc::now();
    if now < c.valid_from {
        return Err(coupon_refused(format!(
            "This coupon can be used from {}.",
            crate::core::time::ist_day(c.valid_from)
        )));
    }
    if c.valid_to.is_some_and(|to| now >= to) {
        return Err(coupon_refused("This coupon has expired."));
    }
    if c.package_type.is_some_and(|k| k != package.package_type) {
        return Err(coupon_refused(format!(
            "This coupon is for {} only.",
            c.package_type.map(|k| k.units()).unwrap_or_default()
        )));
    }
    let (total, mine) = coupon_holds(conn, c.id, user_id).await?;
    if c.usage_limit.is_some_and(|limit| total >= i64::from(limit)) {
        return Err(coupon_refused("This coupon has been used up."));
    }
    if c.uses_per_user
        .is_some_and(|limit| mine >= i64::from(limit))
    {
        return Err(coupon_refused(if c.uses_per_user == Some(1) {
            "You have already used this coupon.".to_string()
        } else {
            "You have used this coupon as often as it allows.".to_string()
        }));
    }
    let terms = CouponTerms {
        off: catalogue::off_of(&c.discount_type, c.discount_value),
        max_discount: c.max_discount_inr.map(|m| Paise(i64::from(m))),
        min_order: Paise(i64::from(c.min_order_value_inr)),
    };
    let off = terms.discount(base).map_err(coupon_refused)?;
    Ok((c.id, format!("{} ({})", c.code, terms.off.label()), off))
}

/// Prices `form` for `user_id`. With `lock`, the coupon is locked (see the module).
pub async fn price(
    conn: &mut PgConnection,
    user_id: Uuid,
    form: &CheckedCheckout,
    lock: bool,
) -> AppResult<Priced> {
    let package = catalogue::package(&mut *conn, form.package_id).await?;
    let supplier = catalogue::supplier(&mut *conn).await?;
    let line = Line {
        package_id: package.id,
        package_type: package.package_type.as_str().to_string(),
        name: package.name.clone(),
        unit_price: Paise(i64::from(package.price_inr)),
        quantity: form.quantity,
    };
    let lines = [line];
    let subtotal = totals::subtotal(&lines);
    let rules = catalogue::rules(&mut *conn).await?;
    let best = totals::best_rule(&rules, &lines);
    let rule_off = best.map_or(Paise::ZERO, |(_, off)| off);
    let coupon = match &form.coupon {
        Some(code) => Some(
            apply_coupon(
                conn,
                code,
                user_id,
                &package,
                Paise(subtotal.0 - rule_off.0),
                lock,
            )
            .await?,
        ),
        None => None,
    };
    let totals = Totals::compute(
        subtotal,
        rule_off,
        coupon.as_ref().map_or(Paise::ZERO, |c| c.2),
        package.rate(),
        &supplier.state_code,
        &form.state_code,
    );
    let state = gst::place_label(&form.state_code);
    Ok(Priced {
        quote: Quote {
            package: package.card(),
            quantity: form.quantity,
            rule: best.map(|(r, _)| r.name.clone()),
            coupon: coupon.as_ref().map(|c| c.1.clone()),
            totals,
            sac_code: package.sac().to_string(),
            tax_rate_bp: package.rate(),
            place_of_supply: state,
        },
        rule_id: best.map(|(r, _)| r.id),
        coupon_id: coupon.map(|c| c.0),
        package,
        supplier,
    })
}

/// An order just placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub id: Uuid,
    pub number: String,
    pub total: Paise,
}

/// Places a PENDING order for `form` in one transaction: priced under the coupon's lock,
/// the order and its line written with every figure, audited.
pub async fn place(
    pool: &PgPool,
    user_id: Uuid,
    form: &CheckedCheckout,
    meta: &RequestMeta,
) -> AppResult<Placed> {
    let mut tx = pool.begin().await?;
    let priced = price(&mut tx, user_id, form, true).await?;
    let t = priced.quote.totals;
    let expiry = catalogue::order_expiry_minutes(&mut *tx).await?;
    let (id, number): (Uuid, String) = sqlx::query_as(
        "INSERT INTO orders (user_id, order_type, order_number, status,
                             subtotal_inr, discount_inr, rule_discount_inr, coupon_discount_inr,
                             taxable_inr, cgst_inr, sgst_inr, igst_inr, tax_inr, total_inr,
                             tax_rate_bp, discount_rule_id, coupon_id,
                             billing_name, billing_state_code, billing_gstin, supplier_state_code,
                             return_path, expires_at)
         VALUES ($1, 'PACKAGE', 'NXO' || lpad(nextval('order_number_seq')::text, 7, '0'), $2,
                 $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
                 $20, now() + make_interval(mins => $21))
         RETURNING id, order_number",
    )
    .bind(user_id)
    .bind(OrderStatus::Pending)
    .bind(t.subtotal.0)
    .bind(t.discount().0)
    .bind(t.rule_discount.0)
    .bind(t.coupon_discount.0)
    .bind(t.taxable.0)
    .bind(t.tax.cgst.0)
    .bind(t.tax.sgst.0)
    .bind(t.tax.igst.0)
    .bind(t.tax.total().0)
    .bind(t.total.0)
    .bind(priced.quote.tax_rate_bp as i32)
    .bind(priced.rule_id)
    .bind(priced.coupon_id)
    .bind(&form.billing_name)
    .bind(&form.state_code)
    .bind(form.gstin.as_ref().map(|g| g.as_str()))
    .bind(&priced.supplier.state_code)
    .bind(form.return_path.as_deref())
    .bind(expiry)
    .fetch_one(&mut *tx)
    .await?;
    let p = &priced.package;
    sqlx::query(
        "INSERT INTO order_items (order_id, item_type, item_id, item_name, quantity,
                                  unit_price_inr, total_price_inr, package_type,
                                  tracecoins_included, credits_included, validity_days, sac_code)
         VALUES ($1, 'PACKAGE', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(id)
    .bind(p.id)
    .bind(&p.name)
    .bind(form.quantity)
    .bind(i64::from(p.price_inr))
    .bind(t.subtotal.0)
    .bind(p.package_type)
    .bind(p.tracecoins_included)
    .bind(p.credits_included)
    .bind(p.validity_days)
    .bind(p.sac())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user_id),
            Action::Create,
            "order",
            Some(id),
            MODULE,
            format!(
                "order {number} placed: {} × {}, {}",
                form.quantity,
                p.name,
                t.total.format_inr()
            ),
            meta,
        )
        .label(number.clone()),
    )
    .await?;
    tx.commit().await?;
    Ok(Placed {
        id,
        number,
        total: t.total,
    })
}
