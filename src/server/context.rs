//! What a server function needs from its request: the app state, the session, the
//! client's address, and a way to set cookies.
use super::{session::SessionUser, state::AppState};
use crate::core::{AppError, AppResult};
use crate::domains::audit::service::RequestMeta;
use axum::{extract::ConnectInfo, http::request::Parts};
use leptos::prelude::use_context;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

pub fn app_state() -> AppResult<AppState> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::internal()
    })
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

pub fn session_user() -> Option<SessionUser> {
    parts().and_then(|p| p.extensions.get::<SessionUser>().copied())
}

/// The client's address: the socket peer, or the first `X-Forwarded-For` hop when the
/// app is configured to sit behind a trusted proxy.
pub fn client_ip(trust_proxy: bool) -> IpAddr {
    let Some(parts) = parts() else {
        return IpAddr::V4(Ipv4Addr::LOCALHOST);
    };
    let forwarded = trust_proxy
        .then(|| parts.headers.get("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .and_then(|v| v.trim().parse().ok());
    forwarded
        .or_else(|| {
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ci| ci.0.ip())
        })
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

pub fn request_meta(trust_proxy: bool) -> RequestMeta {
    let user_agent = parts()
        .and_then(|p| p.headers.get(axum::http::header::USER_AGENT).cloned())
        .and_then(|v| v.to_str().ok().map(|s| s.chars().take(400).collect()));
    let request_id = parts()
        .and_then(|p| p.headers.get("x-request-id").cloned())
        .and_then(|v| v.to_str().ok().and_then(|s| s.parse().ok()));
    RequestMeta {
        ip_address: Some(client_ip(trust_proxy).to_string()),
        user_agent,
        request_id,
    }
}

/// The raw session token from the request's cookie, if any.
pub fn session_token(secure: bool) -> Option<String> {
    parts().and_then(|p| super::session::token_from_headers(&p.headers, secure))
}

pub fn set_cookie(value: &str) {
    if let (Some(res), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(value),
    ) {
        res.append_header(axum::http::header::SET_COOKIE, v);
    }
}

/// Refuses the request when this client has used up its authentication attempts.
pub fn rate_limit_auth(state: &AppState) -> AppResult<()> {
    let ip = client_ip(state.config.trust_proxy);
    if state.limiters.allow_auth(ip) {
        Ok(())
    } else {
        tracing::warn!(%ip, "authentication rate limit hit");
        Err(AppError::rate_limited())
    }
}
