//! Starting the server: configuration, database, queue, registries, router, listener.
use crate::server::{config, db, queue, state, telemetry};
use std::net::SocketAddr;

/// Reads configuration, connects and migrates the database, and serves until Ctrl-C or
/// SIGTERM, finishing in-flight requests first (`nxtgauge` with no command).
pub async fn serve() -> Result<(), Box<dyn std::error::Error>> {
    let conf = leptos::config::get_configuration(None)?;
    let mut leptos_options = conf.leptos_options;
    // cargo-leptos sets LEPTOS_HASH_FILES for the processes it starts; a binary started
    // by hand (or by a service manager) finds the hash file cargo-leptos wrote beside it.
    leptos_options.hash_files |= crate::server::assets::hash_file_beside_binary(&leptos_options);
    let addr = leptos_options.site_addr;
    let config = config::Config::from_env(addr)?;
    telemetry::init(config.log_json);
    let pool = db::connect(&config.database_url, config.database_max_connections).await?;
    db::migrate(&pool).await?;
    queue::migrate(&pool).await?;
    tracing::info!("database migrated");
    let config = std::sync::Arc::new(config);
    let queue = queue::Queue::build(pool.clone(), config.clone(), super::wiring::tasks()).await?;
    if config.run_jobs {
        queue.start().await?;
        tracing::info!("background queue workers started");
    }
    let state = state::AppState::new(leptos_options, pool, config, queue)?
        .with_registries(super::wiring::registries());
    let app = super::router::build(state);
    // TCP_NODELAY: SSR pages stream in several writes, and without it Nagle's algorithm
    // holds the last one back until the client's delayed ACK (~40 ms per response).
    let listener =
        axum::serve::ListenerExt::tap_io(tokio::net::TcpListener::bind(&addr).await?, |tcp| {
            if let Err(err) = tcp.set_nodelay(true) {
                tracing::debug!(%err, "could not set TCP_NODELAY");
            }
        });
    tracing::info!("listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
