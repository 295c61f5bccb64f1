//! The axum router: pages and server functions (Leptos), health probes and the tower
//! layers every request passes through.
use super::{shell, App};
use crate::server::{csrf, headers, health, page_cache, session, state::AppState, uploads};
use axum::{http::HeaderName, middleware, routing::get, Router};
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::time::Duration;
use tower_http::{
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let request_id = HeaderName::from_static("x-request-id");
    let hsts = state.config.secure_cookies;
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        // /media, and each domain's uploads (with their larger body limit) and private
        // files.
        .merge(uploads::routes())
        .merge(crate::domains::profiles::uploads::routes())
        .merge(crate::domains::portfolio::uploads::routes())
        .merge(crate::domains::verification::uploads::routes())
        .merge(crate::domains::account_profiles::resume::routes())
        // /sitemap.xml and its /sitemap-{n}.xml files.
        .merge(crate::domains::search::sitemap::routes())
        // A profile's "show phone and e-mail" form.
        .merge(crate::domains::search::reveal::routes())
        // The sandbox gateway's pay page, its webhook and the buyer's return.
        .merge(crate::domains::billing::sandbox::routes())
        // GST invoice PDFs.
        .merge(crate::domains::billing::invoices::routes())
        .merge(crate::domains::billing::credit_notes::routes())
        // The finance console's orders CSV.
        .merge(crate::domains::billing::finance::routes())
        .route(
            "/wallet/export.csv",
            get(crate::domains::wallet::export::export_csv),
        )
        // The bundle: precompressed, and cached for a year under content-hashed names.
        .nest_service(
            "/pkg",
            crate::server::assets::pkg_service(&state.leptos_options),
        )
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Layers run bottom-up for requests: request id → trace → headers → page cache →
        // csrf → session.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::load_session,
        ))
        .layer(middleware::from_fn(csrf::origin_check))
        .layer(middleware::from_fn_with_state(
            page_cache::PageCache::new(state.config.page_cache),
            page_cache::page_cache,
        ))
        .layer(middleware::from_fn_with_state(
            hsts,
            headers::security_headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http())
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}
