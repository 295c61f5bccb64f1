//! Public search, public profile pages, the sitemap and the search index.
pub mod api;
pub mod contact;
#[cfg(feature = "ssr")]
pub mod cursor;
#[cfg(feature = "ssr")]
pub mod index;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod profile;
#[cfg(feature = "ssr")]
pub mod reveal;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sitemap;
#[cfg(all(test, feature = "ssr"))]
mod tests;
