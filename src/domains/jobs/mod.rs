//! Jobs: companies post them (paid with a package credit or tracecoins), staff approve
//! them, they go LIVE on the public board and close by hand or when their time is up.
//! The form's rules are in `model` (browser and server), the workflow in `service`, the
//! board, job and company pages' reads in `public`, and what those pages show (the
//! read models, shared with the browser) in `read_model`.
pub mod api;
#[cfg(feature = "ssr")]
pub mod approval;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
mod public;
pub mod read_model;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod tasks;
#[cfg(all(test, feature = "ssr"))]
mod tests;
