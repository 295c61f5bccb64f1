//! Billing: the price list, checkout (orders with discount rules, coupons and GST), the
//! payment gateways and settling payments exactly once. See docs/domains/billing.md.
//! The money math (`gst`, `totals`, `words`) is plain code with its own tests.
pub mod api;
#[cfg(feature = "ssr")]
pub mod catalogue;
#[cfg(feature = "ssr")]
pub mod checkout;
#[cfg(feature = "ssr")]
pub mod coupons;
#[cfg(feature = "ssr")]
pub mod credit_notes;
#[cfg(feature = "ssr")]
pub mod credits;
#[cfg(feature = "ssr")]
pub mod finance;
pub mod finance_api;
pub mod finance_model;
pub mod gst;
#[cfg(all(test, feature = "ssr"))]
mod http_tests;
#[cfg(feature = "ssr")]
pub mod invoices;
pub mod model;
#[cfg(feature = "ssr")]
pub mod orders;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod payment;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(all(test, feature = "ssr"))]
mod refund_tests;
#[cfg(feature = "ssr")]
pub mod refunds;
#[cfg(feature = "ssr")]
pub mod sandbox;
#[cfg(feature = "ssr")]
pub mod settle;
#[cfg(feature = "ssr")]
pub mod tasks;
#[cfg(all(test, feature = "ssr"))]
mod tests;
pub mod totals;
pub mod words;
