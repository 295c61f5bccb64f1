//! A short-lived in-memory cache of the public pages visitors read most — `/search…`,
//! `/p/{slug}` and the sitemaps — for requests without a session. A signed-in person
//! always gets a freshly rendered page (their header differs, and an owner must see
//! their own edits at once); a visitor may see a listing up to `NXG_PAGE_CACHE_SECS`
//! old (default 10 s; 0 turns the cache off).
//!
//! Only complete `200` answers without `Set-Cookie` are kept. The HTML carries the
//! request's CSP nonce, so a hit swaps the stored nonce for this request's fresh one:
//! every response still has a nonce of its own.
//!
//! `moka` (a maintained concurrent cache with time-to-live and a size bound) holds the
//! pages, weighed by their size in bytes.
use super::headers::CspNonce;
use super::session::COOKIE_PLAIN;
use axum::{
    body::{to_bytes, Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
};
use moka::future::Cache;
use std::{sync::Arc, time::Duration};

/// Pages larger than this are served but not kept.
const MAX_PAGE_BYTES: usize = 1024 * 1024;
/// The cache's bound: the sum of the kept pages' sizes.
const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
/// Tells whether a response came from the cache (`hit`) or was rendered (`miss`).
pub const CACHE_HEADER: &str = "x-nxg-cache";

#[derive(Clone)]
struct Page {
    content_type: Option<HeaderValue>,
    body: Bytes,
    /// The CSP nonce the body was rendered with ("" when it had none).
    nonce: Arc<str>,
}

/// The cache; cheap to clone. `None` inside when turned off.
#[derive(Clone)]
pub struct PageCache(Option<Cache<String, Page>>);

impl PageCache {
    pub fn new(ttl: Duration) -> Self {
        if ttl.is_zero() {
            return Self(None);
        }
        let cache = Cache::builder()
            .time_to_live(ttl)
            .weigher(|key: &String, page: &Page| {
                u32::try_from(key.len() + page.body.len()).unwrap_or(u32::MAX)
            })
            .max_capacity(MAX_TOTAL_BYTES)
            .build();
        Self(Some(cache))
    }
}

/// The cache key when the request may be answered from the cache.
fn cacheable_key(method: &Method, headers: &HeaderMap, path_and_query: &str) -> Option<String> {
    if method != Method::GET {
        return None;
    }
    let path = path_and_query.split('?').next().unwrap_or_default();
    let public = path == "/search"
        || (path.starts_with("/p/") && path.len() > 3)
        || (path.starts_with("/sitemap") && path.ends_with(".xml"));
    if !public {
        return None;
    }
    // Both session cookie names end in `nxg_session`.
    let signed_in = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains(COOKIE_PLAIN));
    (!signed_in).then(|| path_and_query.to_owned())
}

fn page_response(page: &Page, nonce: Option<&str>, cache: &'static str) -> Response {
    let body = match nonce {
        Some(fresh) if !page.nonce.is_empty() => {
            // Stored bodies are valid UTF-8 (checked when kept).
            let text = std::str::from_utf8(&page.body).unwrap_or_default();
            Body::from(text.replace(&*page.nonce, fresh))
        }
        _ => Body::from(page.body.clone()),
    };
    let mut res = Response::new(body);
    if let Some(ct) = &page.content_type {
        res.headers_mut().insert(header::CONTENT_TYPE, ct.clone());
    }
    res.headers_mut()
        .insert(CACHE_HEADER, HeaderValue::from_static(cache));
    res
}

/// The middleware; sits inside `headers::security_headers`, which sets the nonce.
pub async fn page_cache(State(cache): State<PageCache>, req: Request, next: Next) -> Response {
    let Some(store) = cache.0 else {
        return next.run(req).await;
    };
    let path_and_query = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let Some(key) = cacheable_key(req.method(), req.headers(), &path_and_query) else {
        return next.run(req).await;
    };
    let nonce = req.extensions().get::<CspNonce>().map(|n| n.0.clone());
    if let Some(page) = store.get(&key).await {
        return page_response(&page, nonce.as_deref(), "hit");
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let bytes = match to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => bytes,
        Err(err) => {
            // Too large (the rest of the stream is lost) or a broken stream: say so.
            tracing::warn!(%err, path = %key, "page not cacheable");
            let mut res = Response::new(Body::from("The page could not be produced."));
            *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            return res;
        }
    };
    let rendered_nonce = nonce.unwrap_or_default();
    let keep = std::str::from_utf8(&bytes).is_ok();
    let page = Page {
        content_type: parts.headers.get(header::CONTENT_TYPE).cloned(),
        body: bytes.clone(),
        nonce: rendered_nonce.into(),
    };
    if keep {
        store.insert(key, page).await;
    }
    let mut res = Response::from_parts(parts, Body::from(bytes));
    res.headers_mut()
        .insert(CACHE_HEADER, HeaderValue::from_static("miss"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{middleware, routing::get, Router};
    use std::sync::atomic::{AtomicU32, Ordering};
    use tower::ServiceExt as _;

    /// A router whose pages count their renders and print the request's nonce.
    fn app(cache: PageCache, renders: Arc<AtomicU32>) -> Router {
        let page = move |req: Request| {
            let renders = renders.clone();
            async move {
                let n = renders.fetch_add(1, Ordering::SeqCst) + 1;
                let nonce = req.extensions().get::<CspNonce>().unwrap().0.clone();
                let status = if req.uri().path() == "/p/missing" {
                    StatusCode::NOT_FOUND
                } else {
                    StatusCode::OK
                };
                let mut res = Response::new(Body::from(format!(
                    "<script nonce=\"{nonce}\">render {n}</script>"
                )));
                *res.status_mut() = status;
                res
            }
        };
        Router::new()
            .route("/search", get(page.clone()))
            .route("/p/{slug}", get(page.clone()))
            .route("/account", get(page))
            .layer(middleware::from_fn_with_state(cache, page_cache))
            .layer(middleware::from_fn(
                |mut req: Request, next: Next| async move {
                    let nonce = uuid::Uuid::new_v4().simple().to_string();
                    req.extensions_mut().insert(CspNonce(nonce));
                    next.run(req).await
                },
            ))
    }

    async fn get_page(
        app: &Router,
        uri: &str,
        cookie: Option<&str>,
    ) -> (StatusCode, String, String) {
        let mut req = Request::get(uri);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        let res = app
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let cache = res
            .headers()
            .get(CACHE_HEADER)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = String::from_utf8(
            to_bytes(res.into_body(), usize::MAX)
                .await
                .unwrap()
                .to_vec(),
        )
        .unwrap();
        (status, cache, body)
    }

    fn nonce_of(body: &str) -> &str {
        body.split('"').nth(1).unwrap()
    }

    #[tokio::test]
    async fn visitors_share_a_page_each_with_a_fresh_nonce() {
        let renders = Arc::new(AtomicU32::new(0));
        let app = app(PageCache::new(Duration::from_secs(60)), renders.clone());
        let (_, first_cache, first) = get_page(&app, "/search?role=tutor", None).await;
        let (_, second_cache, second) = get_page(&app, "/search?role=tutor", None).await;
        assert_eq!(
            (first_cache.as_str(), second_cache.as_str()),
            ("miss", "hit")
        );
        assert_eq!(renders.load(Ordering::SeqCst), 1);
        assert!(second.contains("render 1"));
        assert_ne!(
            nonce_of(&first),
            nonce_of(&second),
            "a hit gets its own nonce"
        );
        // Another query is another page.
        let (_, cache, _) = get_page(&app, "/search?role=tutor&city=Pune", None).await;
        assert_eq!(cache, "miss");
        assert_eq!(renders.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn signed_in_people_private_pages_and_errors_are_never_cached() {
        let renders = Arc::new(AtomicU32::new(0));
        let app = app(PageCache::new(Duration::from_secs(60)), renders.clone());
        for _ in 0..2 {
            let (_, cache, _) =
                get_page(&app, "/p/asha", Some("theme=dark; nxg_session=abc")).await;
            assert_eq!(cache, "");
            let (_, cache, _) = get_page(&app, "/account", None).await;
            assert_eq!(cache, "");
            let (status, _, _) = get_page(&app, "/p/missing", None).await;
            assert_eq!(status, StatusCode::NOT_FOUND);
        }
        assert_eq!(renders.load(Ordering::SeqCst), 6);
        // A visitor's copy is not shown to a signed-in person either.
        get_page(&app, "/p/asha", None).await;
        let (_, cache, body) = get_page(&app, "/p/asha", Some("__Host-nxg_session=x")).await;
        assert_eq!(cache, "");
        assert!(body.contains("render 8"));
    }

    #[tokio::test]
    async fn pages_expire_and_zero_turns_the_cache_off() {
        let renders = Arc::new(AtomicU32::new(0));
        let app = app(PageCache::new(Duration::from_millis(200)), renders.clone());
        get_page(&app, "/p/asha", None).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        let (_, cache, body) = get_page(&app, "/p/asha", None).await;
        assert_eq!(cache, "miss");
        assert!(body.contains("render 2"));

        let renders = Arc::new(AtomicU32::new(0));
        let off = app_off(renders.clone());
        get_page(&off, "/p/asha", None).await;
        let (_, cache, _) = get_page(&off, "/p/asha", None).await;
        assert_eq!(cache, "");
        assert_eq!(renders.load(Ordering::SeqCst), 2);
    }

    fn app_off(renders: Arc<AtomicU32>) -> Router {
        app(PageCache::new(Duration::ZERO), renders)
    }
}
