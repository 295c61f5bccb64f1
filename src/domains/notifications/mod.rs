//! The in-app notification inbox (`/notifications`) over the rows that
//! `server::notify::record` writes.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;
