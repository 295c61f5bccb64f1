//! Verification requests, private documents and the staff verification queue.
pub mod pages;
