//! `nxtgauge create-coupon CODE --percent N | --flat RUPEES [...]`: a coupon valid from now
//! (audited as the system), through the same checks as the finance console's form.
use crate::domains::audit::service::RequestMeta;
use crate::domains::billing::model::CouponDraft;

/// Create a checkout coupon.
///
/// For example `create-coupon DIWALI10 --percent 10 --max 500 --limit 100`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code buyers type (letters, digits, - and _)
    pub code: String,
    /// Take this whole percentage off
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "flat",
        required_unless_present = "flat"
    )]
    pub percent: Option<String>,
    /// Take this many rupees off
    #[arg(long, value_name = "RUPEES")]
    pub flat: Option<String>,
    /// The most a percentage takes off, in rupees
    #[arg(long = "max", value_name = "RUPEES")]
    pub max_discount: Option<String>,
    /// The smallest order (before GST) it applies to, in rupees
    #[arg(long = "min-order", value_name = "RUPEES")]
    pub min_order: Option<String>,
    /// Uses in all (default: unlimited)
    #[arg(long, value_name = "N")]
    pub limit: Option<String>,
    /// Uses per person (default: 1)
    #[arg(long = "per-user", value_name = "N")]
    pub per_user: Option<String>,
    /// Valid for this many days (default: no end)
    #[arg(long, value_name = "N")]
    pub days: Option<String>,
}

pub async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let draft = CouponDraft {
        code: args.code.clone(),
        kind: if args.percent.is_some() {
            "PERCENT"
        } else {
            "FLAT"
        }
        .into(),
        value: args.percent.or(args.flat).unwrap_or_default(),
        max_discount: args.max_discount.unwrap_or_default(),
        min_order: args.min_order.unwrap_or_default(),
        usage_limit: args.limit.unwrap_or_default(),
        uses_per_user: args.per_user.unwrap_or_default(),
        valid_days: args.days.unwrap_or_default(),
    };
    let pool = super::connect().await?;
    crate::domains::billing::coupons::create(&pool, None, &draft, &RequestMeta::default())
        .await
        .map_err(|e| {
            if e.fields.is_empty() {
                e.message
            } else {
                e.fields
                    .into_iter()
                    .map(|(f, m)| format!("{f}: {m}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        })?;
    println!("coupon {} created", args.code.trim().to_ascii_uppercase());
    Ok(())
}
