//! Leptos server functions have no CSRF protection of their own: every state-changing
//! request must come from our own origin. Browsers send `Sec-Fetch-Site` and `Origin`
//! on cross-site requests; a request with neither comes from a non-browser client,
//! which cannot carry a victim's cookies and so is not a CSRF vector.
use axum::{
    extract::Request,
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

pub async fn origin_check(req: Request, next: Next) -> Response {
    if is_safe_method(req.method()) || is_same_origin(&req) {
        return next.run(req).await;
    }
    tracing::warn!(
        method = %req.method(),
        path = %req.uri().path(),
        origin = ?req.headers().get(header::ORIGIN),
        "cross-site request rejected"
    );
    (
        StatusCode::FORBIDDEN,
        "Cross-site request rejected. Reload the page and try again.",
    )
        .into_response()
}

fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_same_origin(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            origin_host(origin).is_some_and(|o| !host.is_empty() && o.eq_ignore_ascii_case(host))
        }
    }
}

/// `https://example.in:8443` → `example.in:8443`
fn origin_host(origin: &str) -> Option<&str> {
    origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .map(|rest| rest.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{body::Body, routing::post, Router};
    use tower::ServiceExt;

    fn app() -> Router {
        Router::new()
            .route("/api/x", post(|| async { "ok" }))
            .layer(axum::middleware::from_fn(origin_check))
    }

    async fn status(headers: &[(&str, &str)]) -> StatusCode {
        let mut req = Request::builder().method("POST").uri("/api/x");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        app()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap()
            .status()
    }

    #[tokio::test]
    async fn accepts_same_origin_and_rejects_cross_site() {
        assert_eq!(
            status(&[("sec-fetch-site", "same-origin")]).await,
            StatusCode::OK
        );
        assert_eq!(
            status(&[("sec-fetch-site", "cross-site")]).await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            status(&[("sec-fetch-site", "same-site")]).await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            status(&[("host", "nxtgauge.in"), ("origin", "https://nxtgauge.in")]).await,
            StatusCode::OK
        );
        assert_eq!(
            status(&[("host", "nxtgauge.in"), ("origin", "https://evil.example")]).await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(status(&[("origin", "null")]).await, StatusCode::FORBIDDEN);
        assert_eq!(status(&[]).await, StatusCode::OK);
    }
}
