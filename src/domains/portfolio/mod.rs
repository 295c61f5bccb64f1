//! Portfolio items and their images: what a professional shows of their work.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
mod order;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;
#[cfg(feature = "ssr")]
pub mod uploads;
