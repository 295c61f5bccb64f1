//! Public search, public profile pages, the sitemap and the search index.
#[cfg(feature = "ssr")]
pub mod index;
pub mod pages;
