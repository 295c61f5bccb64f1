//! Reads of the price list, the tax rules, the discount rules and the supplier: what
//! every quote is computed from.
use super::credits;
use super::gst::RateBp;
use super::model::{Balances, PackageCard, PackageType};
use super::totals::{Off, Rule, Scope};
use crate::core::money::Paise;
use crate::core::{AppError, AppResult};
use crate::domains::config::service as config;
use sqlx::PgExecutor;
use uuid::Uuid;

/// The GST rate when a package type has no active rule (a configuration gap, logged):
/// 18%, the rate for platform services.
pub const DEFAULT_GST_BP: RateBp = 1800;
/// SAC "other support services", when a rule names none.
pub const DEFAULT_SAC: &str = "998599";

/// A package as checkout needs it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PackageRow {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub package_type: PackageType,
    pub price_inr: i32,
    pub tracecoins_included: i32,
    pub credits_included: i32,
    pub validity_days: Option<i32>,
    pub gst_bp: Option<i32>,
    pub sac_code: Option<String>,
}

impl PackageRow {
    pub fn units(&self) -> i32 {
        match self.package_type {
            PackageType::TracecoinBundle => self.tracecoins_included,
            _ => self.credits_included,
        }
    }

    pub fn rate(&self) -> RateBp {
        self.gst_bp.map_or(DEFAULT_GST_BP, i64::from)
    }

    pub fn sac(&self) -> &str {
        self.sac_code.as_deref().unwrap_or(DEFAULT_SAC)
    }

    /// Its card on the pricing page (GST shown as IGST, the split comes at checkout).
    pub fn card(&self) -> PackageCard {
        let price = Paise(i64::from(self.price_inr));
        PackageCard {
            id: self.id,
            name: self.name.clone(),
            description: self.description.clone(),
            package_type: self.package_type,
            price,
            gst: super::gst::percent_of(price, self.rate()),
            units: self.units(),
            validity_days: self.validity_days,
        }
    }
}

const PACKAGE_SELECT: &str = "
    SELECT p.id, p.name, p.description, p.package_type, p.price_inr, p.tracecoins_included,
           p.credits_included, p.validity_days,
           (t.tax_rate * 100)::int AS gst_bp, t.sac_code
      FROM pricing_packages p
      LEFT JOIN tax_rules t
        ON t.tax_type = 'GST' AND t.is_active AND t.package_type = p.package_type
     WHERE p.is_active";

/// Every active package, cheapest first within its type.
pub async fn packages(db: impl PgExecutor<'_>) -> AppResult<Vec<PackageRow>> {
    Ok(sqlx::query_as(&format!(
        "{PACKAGE_SELECT} ORDER BY p.package_type, p.price_inr, p.name"
    ))
    .fetch_all(db)
    .await?)
}

/// One active package.
pub async fn package(db: impl PgExecutor<'_>, id: Uuid) -> AppResult<PackageRow> {
    sqlx::query_as(&format!("{PACKAGE_SELECT} AND p.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| {
            AppError::field(
                "package_id",
                "This package is no longer sold. Choose another.",
            )
        })
}

/// The active discount rules inside their dates, oldest first (a tie goes to the older).
pub async fn rules(db: impl PgExecutor<'_>) -> AppResult<Vec<Rule>> {
    #[derive(sqlx::FromRow)]
    struct RuleRow {
        id: Uuid,
        name: String,
        scope_type: String,
        scope_id: Option<Uuid>,
        package_type: Option<PackageType>,
        discount_type: String,
        discount_value: i32,
    }
    let rows: Vec<RuleRow> = sqlx::query_as(
        "SELECT id, name, scope_type, scope_id, package_type, discount_type, discount_value
               FROM discount_rules
              WHERE is_active AND starts_at <= now() AND (ends_at IS NULL OR ends_at > now())
              ORDER BY created_at, id",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let scope = match (r.scope_type.as_str(), r.scope_id, r.package_type) {
                ("GLOBAL", _, _) => Scope::Global,
                ("CATEGORY", _, Some(k)) => Scope::PackageType(k.as_str().to_string()),
                ("SERVICE", Some(id), _) => Scope::Package(id),
                _ => return None,
            };
            Some(Rule {
                id: r.id,
                name: r.name,
                scope,
                off: off_of(&r.discount_type, r.discount_value),
            })
        })
        .collect())
}

/// A stored `discount_type` and `discount_value` (whole percent, or paise).
pub fn off_of(kind: &str, value: i32) -> Off {
    if kind == "PERCENT" {
        Off::Percent(value)
    } else {
        Off::Flat(Paise(i64::from(value)))
    }
}

/// The supplier printed on invoices, and its state (which decides the GST heads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supplier {
    pub name: String,
    pub address: String,
    pub gstin: String,
    pub state_code: String,
}

pub async fn supplier(db: impl PgExecutor<'_>) -> AppResult<Supplier> {
    let values = config::group(db, "billing").await?;
    let text = |key: &str| {
        values
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.as_str())
            .map(str::to_string)
    };
    let gstin = text("supplier_gstin")
        .and_then(|g| super::gst::Gstin::parse(&g).ok())
        .ok_or_else(|| {
            tracing::error!(
                "runtime config billing.supplier_gstin is missing or not a valid GSTIN"
            );
            AppError::internal()
        })?;
    Ok(Supplier {
        name: text("supplier_name").unwrap_or_else(|| "Nxtgauge".into()),
        address: text("supplier_address").unwrap_or_default(),
        state_code: gstin.state_code().to_string(),
        gstin: gstin.as_str().to_string(),
    })
}

/// Minutes an unpaid order waits before it is cancelled (setting, default 60).
pub async fn order_expiry_minutes(db: impl PgExecutor<'_>) -> AppResult<i32> {
    Ok(config::get_value(db, "billing", "order_expiry_minutes")
        .await?
        .and_then(|v| config::int_at_least(&v, 5))
        .unwrap_or(60))
}

/// What `user_id` holds: tracecoins and unexpired credits by type.
pub async fn balances(db: &sqlx::PgPool, user_id: Uuid) -> AppResult<Balances> {
    let tracecoins = crate::domains::wallet::service::balance(db, user_id).await?;
    let (job_postings, contact_views) = credits::held(db, user_id).await?;
    Ok(Balances {
        tracecoins,
        job_postings,
        contact_views,
    })
}
