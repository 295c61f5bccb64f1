//! Identity: accounts, sign-in, sessions, email confirmation, password reset and the
//! account's own settings.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
mod tests;
