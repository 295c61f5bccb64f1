//! `/sitemap.xml`: the home page, the search page, one search per role and every listed
//! profile. Past 50,000 URLs (the protocol's limit per file) it becomes a sitemap index
//! of `/sitemap-{n}.xml` files.
//!
//! Profile ids are random (v4), so the id space is cut into equal ranges, one per file:
//! each file is a primary-key range scan and holds about `per_file` profiles, far enough
//! under the limit that chance never pushes one over.
use crate::core::roles::ROLE_SPECS;
use crate::core::url::encode_query_value;
use crate::core::AppResult;
use crate::server::state::AppState;
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// URLs per file, from the sitemap protocol.
pub const MAX_URLS: i64 = 50_000;

/// How the sitemap splits into files.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Up to this many URLs in all, one file.
    pub single_file: i64,
    /// Otherwise about this many profiles per file.
    pub per_file: i64,
}

pub const LIMITS: Limits = Limits {
    single_file: MAX_URLS,
    per_file: 40_000,
};

const ROOT_ROUTE: &str = "/sitemap.xml";
/// matchit has no suffix parameters: `{file}` is "3.xml".
const FILE_ROUTE: &str = "/sitemap-{file}";

/// The crawler rules; `/robots.txt` adds the sitemap's absolute address.
const ROBOTS: &str = include_str!("../../../public/robots.txt");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route(ROOT_ROUTE, get(sitemap))
        .route(FILE_ROUTE, get(sitemap_file))
}

async fn robots(State(state): State<AppState>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        robots_txt(&state.config.public_url),
    )
        .into_response()
}

pub fn robots_txt(base: &str) -> String {
    format!("{}\nSitemap: {base}/sitemap.xml\n", ROBOTS.trim_end())
}

async fn sitemap(State(state): State<AppState>) -> Response {
    xml(root(&state.pool, &state.config.public_url, LIMITS).await)
}

async fn sitemap_file(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(n) = file
        .strip_suffix(".xml")
        .and_then(|n| n.parse::<i64>().ok())
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match file_n(&state.pool, &state.config.public_url, LIMITS, n).await {
        Ok(Some(body)) => xml(Ok(body)),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => xml(Err(e)),
    }
}

fn xml(body: AppResult<String>) -> Response {
    match body {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            body,
        )
            .into_response(),
        Err(e) => e.status().into_response(),
    }
}

/// The number of files past the single-file case.
fn files(listed: i64, limits: Limits) -> Option<i64> {
    let statics = i64::try_from(static_paths().len()).unwrap_or(0);
    (listed + statics > limits.single_file)
        .then(|| (listed + limits.per_file - 1) / limits.per_file.max(1))
}

/// `/sitemap.xml`: a urlset with everything, or a sitemap index.
pub async fn root(pool: &PgPool, base: &str, limits: Limits) -> AppResult<String> {
    let listed: i64 = sqlx::query_scalar("SELECT count(*) FROM profile_search")
        .fetch_one(pool)
        .await?;
    match files(listed, limits) {
        None => urlset(pool, base, None).await,
        Some(n) => {
            let mut out = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            );
            for i in 1..=n {
                out.push_str(&format!(
                    "<sitemap><loc>{}</loc></sitemap>\n",
                    escape(&format!("{base}/sitemap-{i}.xml"))
                ));
            }
            out.push_str("</sitemapindex>\n");
            Ok(out)
        }
    }
}

/// `/sitemap-{n}.xml` (1-based); `None` when there is no such file.
pub async fn file_n(
    pool: &PgPool,
    base: &str,
    limits: Limits,
    n: i64,
) -> AppResult<Option<String>> {
    let listed: i64 = sqlx::query_scalar("SELECT count(*) FROM profile_search")
        .fetch_one(pool)
        .await?;
    let Some(count) = files(listed, limits) else {
        return Ok(None);
    };
    if !(1..=count).contains(&n) {
        return Ok(None);
    }
    let (lo, hi) = id_range(n, count);
    Ok(Some(urlset(pool, base, Some((n, lo, hi))).await?))
}

/// The ids of file `n` of `count`: `[lo, hi)`, the last one open-ended.
fn id_range(n: i64, count: i64) -> (Uuid, Option<Uuid>) {
    let count = u128::try_from(count.max(1)).unwrap_or(1);
    let n = u128::try_from(n.max(1)).unwrap_or(1);
    let step = u128::MAX / count;
    let lo = Uuid::from_u128(step * (n - 1));
    let hi = (n < count).then(|| Uuid::from_u128(step * n));
    (lo, hi)
}

fn static_paths() -> Vec<String> {
    let mut paths = vec!["/".to_owned(), "/search".to_owned()];
    paths.extend(
        ROLE_SPECS
            .iter()
            .map(|s| format!("/search?role={}", encode_query_value(s.key))),
    );
    paths
}

/// A urlset: the static pages (in the only or the first file) and the profiles.
async fn urlset(
    pool: &PgPool,
    base: &str,
    range: Option<(i64, Uuid, Option<Uuid>)>,
) -> AppResult<String> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    if range.is_none_or(|(n, _, _)| n == 1) {
        for p in static_paths() {
            out.push_str(&format!(
                "<url><loc>{}</loc></url>\n",
                escape(&format!("{base}{p}"))
            ));
        }
    }
    let rows: Vec<(String, DateTime<Utc>)> = match range {
        None => {
            sqlx::query_as("SELECT slug, updated_at FROM profile_search ORDER BY slug LIMIT $1")
                .bind(MAX_URLS)
                .fetch_all(pool)
                .await?
        }
        Some((_, lo, hi)) => {
            sqlx::query_as(
                "SELECT slug, updated_at FROM profile_search
                  WHERE profile_id >= $1 AND ($2::uuid IS NULL OR profile_id < $2)
                  ORDER BY profile_id LIMIT $3",
            )
            .bind(lo)
            .bind(hi)
            .bind(MAX_URLS)
            .fetch_all(pool)
            .await?
        }
    };
    if i64::try_from(rows.len()).unwrap_or(0) >= MAX_URLS {
        tracing::warn!("a sitemap file reached the 50,000 URL limit; later profiles are cut");
    }
    for (slug, updated) in rows {
        out.push_str(&format!(
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            escape(&format!("{base}/p/{slug}")),
            updated.to_rfc3339_opts(SecondsFormat::Secs, true)
        ));
    }
    out.push_str("</urlset>\n");
    Ok(out)
}

/// XML text escaping for `<loc>`.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ranges_tile_the_whole_space() {
        let (lo1, hi1) = id_range(1, 3);
        let (lo2, hi2) = id_range(2, 3);
        let (lo3, hi3) = id_range(3, 3);
        assert_eq!(lo1, Uuid::nil());
        assert_eq!(hi1, Some(lo2));
        assert_eq!(hi2, Some(lo3));
        assert_eq!(hi3, None);
        assert_eq!(id_range(1, 1), (Uuid::nil(), None));
    }

    #[test]
    fn one_file_until_the_limit() {
        let l = Limits {
            single_file: 20,
            per_file: 5,
        };
        assert_eq!(files(8, l), None);
        assert_eq!(files(9, l), Some(2));
        assert_eq!(files(10, l), Some(2));
        assert_eq!(files(11, l), Some(3));
    }

    #[tokio::test]
    async fn numbered_files_reach_the_file_route() {
        use axum::{body::Body, http::Request};
        use tower::Service;
        let mut app: Router = Router::new()
            .route(ROOT_ROUTE, get(|| async { "root".to_owned() }))
            .route(FILE_ROUTE, get(|Path(f): Path<String>| async move { f }));
        for (path, body) in [("/sitemap.xml", "root"), ("/sitemap-2.xml", "2.xml")] {
            let req = Request::get(path).body(Body::empty()).unwrap_or_default();
            let res = app.call(req).await.unwrap_or_else(|e| match e {});
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            let bytes = axum::body::to_bytes(res.into_body(), 1024)
                .await
                .unwrap_or_default();
            assert_eq!(&bytes[..], body.as_bytes(), "{path}");
        }
    }

    #[test]
    fn robots_points_at_the_sitemap() {
        let txt = robots_txt("https://nxtgauge.in");
        assert!(txt.contains("Disallow: /account"));
        assert!(txt.ends_with("\nSitemap: https://nxtgauge.in/sitemap.xml\n"));
    }

    #[test]
    fn locations_are_escaped() {
        assert_eq!(escape("/search?a=1&b=2"), "/search?a=1&amp;b=2");
    }
}
