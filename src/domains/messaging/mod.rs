//! Messaging: conversations between a customer and a professional about a lead
//! response (later also job applications), with contact details masked until the
//! customer accepts. Other domains open a conversation with `service::start` inside
//! their own transaction.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
mod reading;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;
