//! Nxtgauge: a services marketplace and job board for India.
#![recursion_limit = "256"]
pub mod app;
#[cfg(all(test, feature = "ssr"))]
mod architecture_tests;
#[cfg(feature = "ssr")]
pub mod cli;
pub mod core;
#[cfg(feature = "demo")]
pub mod demo;
pub mod domains;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
