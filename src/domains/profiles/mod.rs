//! Professional role profiles: the editor, the owner's pages and the approval subject.
//! The role catalogue itself (`RoleSpec`, `RoleInfo`) is `core::roles`.
pub mod api;
#[cfg(feature = "ssr")]
pub mod approval;
pub mod contact;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
#[path = "tests.rs"]
mod service_tests;
#[cfg(feature = "ssr")]
pub mod uploads;
