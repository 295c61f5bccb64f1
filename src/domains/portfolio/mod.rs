//! Portfolio items and their images.
pub mod pages;
