//! What the pricing and checkout pages show and send, shared by the browser and the
//! server, and the checks on a checkout form (the same on both sides; the server also
//! re-checks everything it reads).
use super::gst::{self, Gstin};
use super::totals::Totals;
use crate::core::error::FieldErrors;
use crate::core::money::Paise;
use crate::core::{AppError, AppResult};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::states! {
    /// What a package gives (`pricing_packages.package_type`).
    pub enum PackageType {
        TracecoinBundle = "TRACECOIN_BUNDLE",
        JobPosting = "JOB_POSTING",
        ContactViews = "CONTACT_VIEWS",
    }
}

impl PackageType {
    /// The heading of its section on the pricing page.
    pub fn title(self) -> &'static str {
        match self {
            Self::TracecoinBundle => "Tracecoins for professionals",
            Self::JobPosting => "Job postings for companies",
            Self::ContactViews => "Contact views for companies and customers",
        }
    }

    /// What one unit is called, in the plural ("tracecoins").
    pub fn units(self) -> &'static str {
        match self {
            Self::TracecoinBundle => "tracecoins",
            Self::JobPosting => "job postings",
            Self::ContactViews => "contact views",
        }
    }

    /// "1 tracecoin", "500 tracecoins", "1 job posting".
    pub fn count(self, n: i64) -> String {
        let units = self.units();
        let word = if n == 1 {
            units.trim_end_matches('s')
        } else {
            units
        };
        format!("{} {word}", crate::core::money::group_indian(n))
    }

    /// The id of its section on /pricing (`/pricing#tracecoins`).
    pub fn anchor(self) -> &'static str {
        match self {
            Self::TracecoinBundle => "tracecoins",
            Self::JobPosting => "job-postings",
            Self::ContactViews => "contact-views",
        }
    }
}

crate::states! {
    /// An order's life (`orders.status`, see docs/domains/billing.md): PENDING until paid
    /// (COMPLETED) or until it lapses or its payment fails for good (CANCELLED); a paid
    /// order refunded in full is REFUNDED.
    pub enum OrderStatus {
        Pending = "PENDING",
        Completed = "COMPLETED",
        Cancelled = "CANCELLED",
        Refunded = "REFUNDED",
    }
}

crate::states! {
    /// A payment's life (`payments.status`): PENDING until the gateway says it was
    /// captured (SUCCESS) or failed (FAILED). Both are final.
    pub enum PaymentStatus {
        Pending = "PENDING",
        Success = "SUCCESS",
        Failed = "FAILED",
    }
}

crate::states! {
    /// Which provider (`payment_gateway_configs.gateway_key`).
    pub enum GatewayKey {
        Sandbox = "SANDBOX",
        Razorpay = "RAZORPAY",
        Stripe = "STRIPE",
    }
}

/// One package on the pricing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageCard {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub package_type: PackageType,
    /// Before GST.
    pub price: Paise,
    /// GST at the package's rate (IGST or CGST + SGST come to the same, give or take a
    /// paisa of rounding: the checkout shows the exact split).
    pub gst: Paise,
    /// Tracecoins, postings or views it gives.
    pub units: i32,
    /// `None`: never expires.
    pub validity_days: Option<i32>,
}

impl PackageCard {
    pub fn price_with_gst(&self) -> Paise {
        Paise(self.price.0 + self.gst.0)
    }

    /// What one unit costs with GST, rounded to the paisa.
    pub fn per_unit(&self) -> Paise {
        if self.units <= 0 {
            return self.price_with_gst();
        }
        let units = i64::from(self.units);
        Paise((self.price_with_gst().0 + units / 2) / units)
    }
}

/// What the signed-in buyer holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Balances {
    pub tracecoins: i32,
    pub job_postings: i64,
    pub contact_views: i64,
}

impl Balances {
    pub fn of(&self, kind: PackageType) -> i64 {
        match kind {
            PackageType::TracecoinBundle => i64::from(self.tracecoins),
            PackageType::JobPosting => self.job_postings,
            PackageType::ContactViews => self.contact_views,
        }
    }
}

/// The pricing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pricing {
    pub packages: Vec<PackageCard>,
    /// `None` when signed out.
    pub balances: Option<Balances>,
    pub gst_rate_bp: i64,
}

/// The most of one package in one order.
pub const QUANTITY_MAX: i32 = 20;
pub const BILLING_NAME_MAX: usize = 120;
pub const COUPON_MAX: usize = 30;

/// The checkout form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutForm {
    pub package_id: String,
    pub quantity: String,
    pub billing_name: String,
    /// GST state code of the place of supply.
    pub state_code: String,
    /// Optional.
    pub gstin: String,
    /// Optional.
    pub coupon: String,
    /// Where to go after paying (a path on this site), optional.
    pub return_path: String,
}

/// A checkout form that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedCheckout {
    pub package_id: Uuid,
    pub quantity: i32,
    pub billing_name: String,
    pub state_code: String,
    pub gstin: Option<Gstin>,
    /// Upper case.
    pub coupon: Option<String>,
    pub return_path: Option<String>,
}

/// A path on this site to come back to: starts with one `/`, no scheme, no host, no
/// backslash, at most 300 characters. Anything else is dropped, never followed.
pub fn safe_return_path(input: &str) -> Option<String> {
    let p = input.trim();
    let ok = p.starts_with('/')
        && !p.starts_with("//")
        && !p.contains('\\')
        && p.len() <= 300
        && !p.chars().any(char::is_control);
    ok.then(|| p.to_string())
}

impl CheckoutForm {
    /// Every problem at once, by field.
    pub fn check(&self) -> AppResult<CheckedCheckout> {
        let mut errors = FieldErrors::new();
        let package_id = errors.check(
            "package_id",
            Uuid::parse_str(self.package_id.trim()).map_err(|_| "Choose a package.".to_string()),
        );
        let quantity = errors.check(
            "quantity",
            match self.quantity.trim().parse::<i32>() {
                Ok(q) if (1..=QUANTITY_MAX).contains(&q) => Ok(q),
                _ => Err(format!("Choose a quantity from 1 to {QUANTITY_MAX}.")),
            },
        );
        let name = self
            .billing_name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if name.chars().count() < 2 {
            errors.add("billing_name", "Enter the name to put on the invoice.");
        } else if name.chars().count() > BILLING_NAME_MAX {
            errors.add(
                "billing_name",
                format!("Keep the name to {BILLING_NAME_MAX} characters."),
            );
        } else if crate::core::contact::find(&name).is_some() {
            errors.add(
                "billing_name",
                "Enter a name, without a phone number or address.",
            );
        }
        let state_code = self.state_code.trim().to_string();
        if gst::state(&state_code).is_none() {
            errors.add(
                "state_code",
                "Choose the state you are buying from (the place of supply).",
            );
        }
        let gstin = if self.gstin.trim().is_empty() {
            None
        } else {
            errors.check("gstin", Gstin::parse(&self.gstin))
        };
        if let Some(g) = &gstin {
            if gst::state(&state_code).is_some() && g.state_code() != state_code {
                errors.add(
                    "gstin",
                    "This GSTIN is registered in another state: choose that state as the place of supply.",
                );
            }
        }
        let coupon = self.coupon.trim().to_ascii_uppercase();
        if coupon.chars().count() > COUPON_MAX {
            errors.add("coupon", "No coupon has a code that long.");
        }
        errors.into_result()?;
        match (package_id, quantity) {
            (Some(package_id), Some(quantity)) => Ok(CheckedCheckout {
                package_id,
                quantity,
                billing_name: name,
                state_code,
                gstin,
                coupon: (!coupon.is_empty()).then_some(coupon),
                return_path: safe_return_path(&self.return_path),
            }),
            _ => Err(AppError::internal()),
        }
    }
}

/// What checkout shows before paying: every figure from the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub package: PackageCard,
    pub quantity: i32,
    /// The discount rule used, if any ("Diwali 10% off").
    pub rule: Option<String>,
    /// The coupon applied, if any.
    pub coupon: Option<String>,
    pub totals: Totals,
    pub sac_code: String,
    pub tax_rate_bp: i64,
    /// "Karnataka (29)".
    pub place_of_supply: String,
}

/// A row of the buyer's order list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    pub id: Uuid,
    pub number: String,
    pub status: OrderStatus,
    /// "2 × Pro".
    pub summary: String,
    pub total: Paise,
    pub placed_at: chrono::DateTime<chrono::Utc>,
    /// The latest payment's state, if one was started.
    pub payment: Option<PaymentStatus>,
}

/// One order, as its buyer sees it after paying (or failing to).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderView {
    pub row: OrderRow,
    pub package_type: Option<PackageType>,
    /// Tracecoins or credits it gives.
    pub units: i64,
    pub totals: Totals,
    pub billing_name: String,
    pub place_of_supply: String,
    pub gstin: Option<String>,
    pub failure: Option<String>,
    /// Where the buyer was going before they ran short.
    pub return_path: Option<String>,
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The invoice, once paid.
    pub invoice: Option<(Uuid, String)>,
    /// Refunds, each with its credit note.
    pub credit_notes: Vec<super::finance_model::CreditNoteLine>,
}

/// A coupon as finance staff (or the operator command) write it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CouponDraft {
    pub code: String,
    /// "PERCENT" or "FLAT".
    pub kind: String,
    /// Whole percent, or rupees for FLAT.
    pub value: String,
    /// Rupees, optional: the most a PERCENT coupon takes off.
    pub max_discount: String,
    /// Rupees, optional.
    pub min_order: String,
    /// Uses in all, optional.
    pub usage_limit: String,
    /// Uses per person; empty means once.
    pub uses_per_user: String,
    /// Days from now it stays valid, optional.
    pub valid_days: String,
}

/// A coupon draft that passed its checks (amounts in paise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedCoupon {
    pub code: String,
    pub percent: bool,
    /// Percent, or paise.
    pub value: i32,
    pub max_discount: Option<i32>,
    pub min_order: i32,
    pub usage_limit: Option<i32>,
    pub uses_per_user: i32,
    pub valid_days: Option<i32>,
}

fn optional_rupees(errors: &mut FieldErrors, field: &str, input: &str) -> Option<i32> {
    if input.trim().is_empty() {
        return None;
    }
    errors.check(
        field,
        Paise::parse_rupees(input)
            .and_then(|p| i32::try_from(p.0).map_err(|_| "That amount is too large.".to_string())),
    )
}

fn optional_count(errors: &mut FieldErrors, field: &str, input: &str) -> Option<i32> {
    if input.trim().is_empty() {
        return None;
    }
    errors.check(
        field,
        input
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=1_000_000).contains(n))
            .ok_or_else(|| "Enter a whole number from 1 to 10,00,000.".to_string()),
    )
}

impl CouponDraft {
    /// Every problem at once, by field.
    pub fn check(&self) -> AppResult<CheckedCoupon> {
        let mut errors = FieldErrors::new();
        let code = self.code.trim().to_ascii_uppercase();
        let code_ok = (3..=COUPON_MAX).contains(&code.len())
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && code.starts_with(|c: char| c.is_ascii_alphanumeric());
        if !code_ok {
            errors.add(
                "code",
                format!("Use 3 to {COUPON_MAX} letters, digits, - or _, like DIWALI10."),
            );
        }
        let percent = match self.kind.trim() {
            "PERCENT" => Some(true),
            "FLAT" => Some(false),
            _ => {
                errors.add("kind", "Choose a percentage or a flat amount.");
                None
            }
        };
        let value = match percent {
            Some(true) => errors.check(
                "value",
                self.value
                    .trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|p| (1..=100).contains(p))
                    .ok_or_else(|| "Enter a whole percentage from 1 to 100.".to_string()),
            ),
            Some(false) => optional_rupees(&mut errors, "value", &self.value)
                .filter(|v| *v > 0)
                .or_else(|| {
                    errors.add("value", "Enter the amount in rupees, above zero.");
                    None
                }),
            None => None,
        };
        let max_discount = optional_rupees(&mut errors, "max_discount", &self.max_discount);
        let min_order = optional_rupees(&mut errors, "min_order", &self.min_order).unwrap_or(0);
        let usage_limit = optional_count(&mut errors, "usage_limit", &self.usage_limit);
        let uses_per_user =
            optional_count(&mut errors, "uses_per_user", &self.uses_per_user).unwrap_or(1);
        let valid_days = optional_count(&mut errors, "valid_days", &self.valid_days);
        errors.into_result()?;
        match (percent, value) {
            (Some(percent), Some(value)) => Ok(CheckedCoupon {
                code,
                percent,
                value,
                max_discount,
                min_order,
                usage_limit,
                uses_per_user,
                valid_days,
            }),
            _ => Err(AppError::internal()),
        }
    }
}

/// A GST tax invoice as its buyer reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceView {
    pub id: Uuid,
    pub order_id: Uuid,
    /// "NXG2627000042".
    pub number: String,
    pub issued_at: chrono::DateTime<chrono::Utc>,
    pub supplier_name: String,
    pub supplier_address: String,
    pub supplier_gstin: String,
    pub buyer_name: String,
    pub buyer_gstin: Option<String>,
    /// "Karnataka (29)".
    pub place_of_supply: String,
    pub item: String,
    pub quantity: i32,
    pub unit_price: Paise,
    pub sac_code: String,
    pub tax_rate_bp: i64,
    /// `rule_discount` holds the whole discount; `coupon_discount` is zero.
    pub totals: Totals,
    pub total_in_words: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkout_input_is_checked_field_by_field() {
        let bad = CheckoutForm {
            package_id: "x".into(),
            quantity: "21".into(),
            billing_name: " ".into(),
            state_code: "99".into(),
            gstin: "27AAPFU0939F1ZV".into(),
            coupon: "X".repeat(31),
            return_path: "//evil.example".into(),
        };
        let err = bad.check().unwrap_err();
        for field in [
            "package_id",
            "quantity",
            "billing_name",
            "state_code",
            "coupon",
        ] {
            assert!(err.field_message(field).is_some(), "{field}");
        }
        let good = CheckoutForm {
            package_id: Uuid::nil().to_string(),
            quantity: "2".into(),
            billing_name: "  Asha   Rao ".into(),
            state_code: "29".into(),
            gstin: "27AAPFU0939F1ZV".into(),
            coupon: " diwali10 ".into(),
            return_path: "/pro/leads?x=1".into(),
        };
        // A GSTIN from another state than the place of supply.
        assert!(good
            .check()
            .unwrap_err()
            .field_message("gstin")
            .unwrap()
            .contains("another state"));
        let ok = CheckoutForm {
            state_code: "27".into(),
            ..good
        }
        .check()
        .unwrap();
        assert_eq!(ok.billing_name, "Asha Rao");
        assert_eq!(ok.coupon.as_deref(), Some("DIWALI10"));
        assert_eq!(ok.return_path.as_deref(), Some("/pro/leads?x=1"));
    }

    #[test]
    fn only_paths_on_this_site_are_followed_back() {
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\\\evil",
            "evil",
            "/a\nb",
            "",
        ] {
            assert_eq!(safe_return_path(bad), None, "{bad:?}");
        }
        assert_eq!(
            safe_return_path("/company/jobs/new").as_deref(),
            Some("/company/jobs/new")
        );
    }

    #[test]
    fn counts_read_in_the_singular_and_plural() {
        assert_eq!(PackageType::JobPosting.count(1), "1 job posting");
        assert_eq!(PackageType::TracecoinBundle.count(1500), "1,500 tracecoins");
        assert_eq!(PackageType::ContactViews.count(0), "0 contact views");
    }

    #[test]
    fn coupon_drafts_are_checked() {
        let err = CouponDraft {
            code: "a".into(),
            kind: "PERCENT".into(),
            value: "150".into(),
            ..Default::default()
        }
        .check()
        .unwrap_err();
        assert!(err.field_message("code").is_some() && err.field_message("value").is_some());
        let c = CouponDraft {
            code: "diwali-10".into(),
            kind: "FLAT".into(),
            value: "200".into(),
            min_order: "1,000".into(),
            ..Default::default()
        }
        .check()
        .unwrap();
        assert_eq!(
            (
                c.code.as_str(),
                c.percent,
                c.value,
                c.min_order,
                c.uses_per_user
            ),
            ("DIWALI-10", false, 20_000, 100_000, 1)
        );
    }
}
