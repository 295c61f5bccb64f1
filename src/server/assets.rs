//! The browser bundle under `/pkg`: WebAssembly, its JavaScript loader and the CSS.
//!
//! cargo-leptos names each file after its content (`hash-files`, so
//! `nxtgauge.<hash>.wasm`) and, in release builds with `-P`, writes `.br` and `.gz` copies
//! beside it. Here a file is served from the precompressed copy the browser accepts
//! (brotli, then gzip, else as it is, compressed on the fly by the router's layer), and a
//! hashed name is cached for a year as immutable: a new build is a new name, so a
//! returning visitor downloads nothing that did not change.
use axum::http::{header, HeaderValue, Response};
use leptos::prelude::LeptosOptions;
use std::path::PathBuf;
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer};

/// A year: the longest lifetime caches honour.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Unhashed names (hash-files off) change content under the same name: revalidate.
const REVALIDATE: &str = "no-cache";

/// Whether cargo-leptos left its hash file (`hash.txt`) beside the running binary, which
/// it does when it built the site with hashed names.
pub fn hash_file_beside_binary(options: &LeptosOptions) -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
        .is_some_and(|file| file.is_file())
}

/// The site's `pkg` directory (`<site-root>/<site-pkg-dir>`).
fn pkg_dir(options: &LeptosOptions) -> PathBuf {
    PathBuf::from(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref())
}

/// The `/pkg` service: precompressed files first, and their cache lifetime.
pub fn pkg_service(options: &LeptosOptions) -> axum::Router {
    let lifetime = HeaderValue::from_static(if options.hash_files {
        IMMUTABLE
    } else {
        REVALIDATE
    });
    let files = ServeDir::new(pkg_dir(options))
        .precompressed_br()
        .precompressed_gzip();
    axum::Router::new()
        .fallback_service(files)
        // Only a file that was found is cached; a 404 must not stick for a year.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            move |res: &Response<axum::body::Body>| {
                res.status().is_success().then(|| lifetime.clone())
            },
        ))
}
