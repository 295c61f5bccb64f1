//! What the finance console shows: the money figures, orders with their payments and
//! credit notes, and coupons. Shared by the browser and the server.
use super::model::{OrderStatus, PaymentStatus};
use crate::core::money::Paise;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Money in and out, in India's calendar (IST).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub revenue_today: Paise,
    pub revenue_month: Paise,
    /// GST on this month's invoices, less that on its credit notes.
    pub gst_month: Paise,
    pub refunds_month: Paise,
    pub orders_today: i64,
}

/// One order in the console's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffOrderRow {
    pub id: Uuid,
    pub number: String,
    pub buyer: String,
    pub summary: String,
    pub total: Paise,
    pub refunded: Paise,
    pub status: OrderStatus,
    pub placed_at: DateTime<Utc>,
}

/// The console's first page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinanceOverview {
    pub figures: Figures,
    pub orders: Vec<StaffOrderRow>,
    pub can_refund: bool,
    pub can_manage_coupons: bool,
}

/// One payment of an order, as finance sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPayment {
    pub status: PaymentStatus,
    pub gateway: String,
    pub amount: Paise,
    pub refunded: Paise,
    pub provider_ref: Option<String>,
    pub at: DateTime<Utc>,
}

/// A credit note, for the buyer and for finance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditNoteLine {
    pub id: Uuid,
    /// "NXGC2627000001".
    pub number: String,
    pub total: Paise,
    pub reason: String,
    pub issued_at: DateTime<Utc>,
}

/// One order in the console, with what may still be refunded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffOrderView {
    pub row: StaffOrderRow,
    pub invoice: Option<(Uuid, String)>,
    pub payments: Vec<StaffPayment>,
    pub credit_notes: Vec<CreditNoteLine>,
    /// Captured and not yet refunded.
    pub refundable: Paise,
    pub can_refund: bool,
}

/// A coupon in the console's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponRow {
    pub code: String,
    /// "10% off (at most ₹500)" or "₹100 off".
    pub terms: String,
    pub used: i64,
    pub usage_limit: Option<i32>,
    pub valid_to: Option<DateTime<Utc>>,
    pub active: bool,
}
