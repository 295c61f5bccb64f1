//! Public search over `profile_search`: one keyset page plus bounded facet counts.
//!
//! Without free text every sort order walks a `(role_key, sort key, profile_id)` index
//! from the cursor; a search across all roles runs that walk once per role (a LATERAL
//! join over the role list) and merges the ≤ 21 rows each returns, so no query sorts
//! more than a couple of hundred rows. With free text the GIN indexes find the matches
//! (`document @@ websearch_to_tsquery` OR trigram word similarity) and those are ranked.
//!
//! Price sorts list priced profiles first, then "price on request" ones (by id): two
//! keyset phases, the cursor says which one a page ended in.
use super::cursor::{Cursor, Key};
use super::model::{FacetCount, SearchHit, SearchQuery, SearchResults, Sort, PAGE_SIZE};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::profiles::spec::ROLE_SPECS;
use chrono::{DateTime, Utc};
use sqlx::{PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

/// Facet counts (and the total) are taken over at most this many matches; beyond it
/// they are shown as lower bounds ("3,000+").
pub const FACET_SAMPLE: i64 = 3000;

/// How the rows of one result page are filtered by role.
#[derive(Clone, Copy)]
enum RoleRef<'a> {
    Any,
    Bound(&'a str),
    /// Inside the per-role LATERAL: `r.rk`.
    Lateral,
}

/// A search with its parts checked and converted (rupees to paise).
struct Plan<'a> {
    q: &'a SearchQuery,
    min_paise: Option<i64>,
    max_paise: Option<i64>,
    text: Option<&'a str>,
}

impl Plan<'_> {
    fn priced_only(&self) -> bool {
        self.min_paise.is_some() || self.max_paise.is_some()
    }
}

#[derive(sqlx::FromRow)]
struct HitRow {
    profile_id: Uuid,
    slug: String,
    role_key: String,
    display_name: String,
    city: String,
    headline: String,
    avatar_url: Option<String>,
    cover_url: Option<String>,
    price_from: Option<i64>,
    is_verified: bool,
    rating_x100: i32,
    rating_count: i32,
    score: i32,
    listed_at: DateTime<Utc>,
    phase: i32,
    rank: Option<f64>,
}

const COLS: &str = "ps.profile_id, ps.slug, ps.role_key, ps.display_name, ps.city, ps.headline, \
     ps.avatar_url, ps.cover_url, ps.price_from, ps.is_verified, \
     (ps.rating_avg * 100)::int AS rating_x100, ps.rating_count, ps.score, ps.listed_at";

/// Runs a search: the page after `q.after` and the counts for the filters.
pub async fn search(pool: &PgPool, q: &SearchQuery, base_url: &str) -> AppResult<SearchResults> {
    if let Err(problems) = q.validate() {
        let mut err = AppError::new(
            ErrorCode::Validation,
            "Some search filters were not understood.",
        );
        err.fields = problems;
        return Err(err);
    }
    let plan = Plan {
        q,
        min_paise: q.min_price.map(|r| r * 100),
        max_paise: q.max_price.map(|r| r * 100),
        text: q.q.as_deref(),
    };
    let cursor = q
        .after
        .as_deref()
        .map(|a| Cursor::decode(a, q.sort, plan.text.is_some()))
        .transpose()?;
    if plan.priced_only() && cursor.is_some_and(|c| c.key == Key::Unpriced) {
        // "Price on request" profiles never match a price range.
        return Err(super::cursor::invalid());
    }
    let mut page = page_query(&plan, cursor.as_ref());
    let mut counts = counts_query(&plan);
    let (rows, counts) = tokio::try_join!(
        page.build_query_as::<HitRow>().fetch_all(pool),
        counts
            .build_query_as::<(String, String, i64)>()
            .fetch_all(pool),
    )?;
    let next = (rows.len() > PAGE_SIZE)
        .then(|| rows.get(PAGE_SIZE - 1))
        .flatten()
        .map(|last| cursor_after(last, q.sort).encode());
    let hits = rows.into_iter().take(PAGE_SIZE).map(hit).collect();
    let mut out = SearchResults {
        hits,
        next,
        total: 0,
        counts_capped: false,
        roles: Vec::new(),
        cities: Vec::new(),
        facets: Vec::new(),
        base_url: base_url.to_owned(),
    };
    for (kind, value, n) in counts {
        let fc = FacetCount { value, count: n };
        match kind.as_str() {
            "t" => {
                out.counts_capped = n > FACET_SAMPLE;
                out.total = n.min(FACET_SAMPLE);
            }
            "r" => out.roles.push(fc),
            "c" => out.cities.push(fc),
            _ => out.facets.push(fc),
        }
    }
    for list in [&mut out.roles, &mut out.cities, &mut out.facets] {
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
    Ok(out)
}

fn hit(r: HitRow) -> SearchHit {
    SearchHit {
        slug: r.slug,
        role_key: r.role_key,
        display_name: r.display_name,
        city: r.city,
        headline: r.headline,
        avatar_url: r.avatar_url,
        cover_url: r.cover_url,
        price_from: r.price_from,
        is_verified: r.is_verified,
        rating_avg: f64::from(r.rating_x100) / 100.0,
        rating_count: r.rating_count,
    }
}

/// The cursor that continues after `last`.
fn cursor_after(last: &HitRow, sort: Sort) -> Cursor {
    let key = match sort {
        Sort::Relevance => match last.rank {
            Some(r) => Key::Rank(r),
            None => Key::Score(last.score),
        },
        Sort::Rating => Key::Rating {
            avg_x100: last.rating_x100,
            count: last.rating_count,
        },
        Sort::PriceLow | Sort::PriceHigh => match (last.phase, last.price_from) {
            (0, Some(p)) => Key::Price(p),
            _ => Key::Unpriced,
        },
        Sort::Newest => Key::Listed(last.listed_at.timestamp_micros()),
    };
    Cursor {
        sort,
        key,
        profile_id: last.profile_id,
    }
}

/// `WHERE …` for every filter of the search (no cursor).
fn push_filters(b: &mut QueryBuilder<'_, Postgres>, plan: &Plan<'_>, role: RoleRef<'_>) {
    b.push(" WHERE true");
    match role {
        RoleRef::Any => {}
        RoleRef::Bound(r) => {
            b.push(" AND ps.role_key = ").push_bind(r.to_owned());
        }
        RoleRef::Lateral => {
            b.push(" AND ps.role_key = r.rk");
        }
    }
    if let Some(c) = &plan.q.city {
        b.push(" AND ps.city = ").push_bind(c.clone());
    }
    if let Some(p) = plan.min_paise {
        b.push(" AND ps.price_from >= ").push_bind(p);
    }
    if let Some(p) = plan.max_paise {
        b.push(" AND ps.price_from <= ").push_bind(p);
    }
    if !plan.q.facets.is_empty() {
        b.push(" AND ps.facets @> ")
            .push_bind(plan.q.facets.clone())
            .push("::text[]");
    }
    if plan.q.verified_only {
        b.push(" AND ps.is_verified");
    }
    if let Some(r) = plan.q.min_rating {
        b.push(" AND ps.rating_avg >= ").push_bind(i32::from(r));
    }
    if let Some(t) = plan.text {
        b.push(" AND (ps.document @@ websearch_to_tsquery('english', ")
            .push_bind(t.to_owned())
            .push(") OR ")
            .push_bind(t.to_owned())
            .push(" <% ps.search_text)");
    }
}

/// Text rank: full-text rank, plus trigram word similarity (typos), plus a sliver of
/// the stored score so equal ranks prefer better profiles.
fn push_rank(b: &mut QueryBuilder<'_, Postgres>, text: &str) {
    b.push("(ts_rank_cd(ps.document, websearch_to_tsquery('english', ")
        .push_bind(text.to_owned())
        .push("))::float8 + word_similarity(")
        .push_bind(text.to_owned())
        .push(", ps.search_text)::float8 + ps.score::float8 / 100000)");
}

/// The `ORDER BY` of a result page, over the columns of `COLS` (unqualified).
fn outer_order(sort: Sort, text: bool) -> &'static str {
    match sort {
        Sort::Relevance if text => "rank DESC, profile_id DESC",
        Sort::Relevance => "score DESC, profile_id DESC",
        Sort::Rating => "rating_x100 DESC, rating_count DESC, profile_id DESC",
        Sort::PriceLow => "phase, price_from, profile_id",
        Sort::PriceHigh => "phase, price_from DESC, profile_id DESC",
        Sort::Newest => "listed_at DESC, profile_id DESC",
    }
}

/// One branch: `(SELECT … FROM profile_search ps WHERE filters AND keyset ORDER BY … LIMIT n)`.
fn push_branch(
    b: &mut QueryBuilder<'_, Postgres>,
    plan: &Plan<'_>,
    role: RoleRef<'_>,
    cursor: Option<&Cursor>,
    phase: i32,
) {
    let limit = i64::try_from(PAGE_SIZE + 1).unwrap_or(21);
    let sort = plan.q.sort;
    if let (Sort::Relevance, Some(text)) = (sort, plan.text) {
        b.push("(SELECT * FROM (SELECT ")
            .push(COLS)
            .push(", 0 AS phase, ");
        push_rank(b, text);
        b.push(" AS rank FROM profile_search ps");
        push_filters(b, plan, role);
        b.push(") m");
        if let Some(Cursor {
            key: Key::Rank(r),
            profile_id,
            ..
        }) = cursor
        {
            b.push(" WHERE (m.rank, m.profile_id) < (")
                .push_bind(*r)
                .push(", ")
                .push_bind(*profile_id)
                .push(")");
        }
        b.push(" ORDER BY m.rank DESC, m.profile_id DESC LIMIT ")
            .push_bind(limit)
            .push(")");
        return;
    }
    b.push("(SELECT ")
        .push(COLS)
        .push(", ")
        .push(phase.to_string())
        .push(" AS phase, NULL::float8 AS rank FROM profile_search ps");
    push_filters(b, plan, role);
    let id = cursor.map(|c| c.profile_id);
    let order = match (sort, cursor.map(|c| c.key), id) {
        (Sort::Relevance, k, id) => {
            if let (Some(Key::Score(s)), Some(id)) = (k, id) {
                b.push(" AND (ps.score, ps.profile_id) < (")
                    .push_bind(s)
                    .push(", ")
                    .push_bind(id)
                    .push(")");
            }
            "ps.score DESC, ps.profile_id DESC"
        }
        (Sort::Rating, k, id) => {
            if let (Some(Key::Rating { avg_x100, count }), Some(id)) = (k, id) {
                b.push(" AND (ps.rating_avg, ps.rating_count, ps.profile_id) < (")
                    .push_bind(avg_x100)
                    .push("::numeric / 100, ")
                    .push_bind(count)
                    .push(", ")
                    .push_bind(id)
                    .push(")");
            }
            "ps.rating_avg DESC, ps.rating_count DESC, ps.profile_id DESC"
        }
        (Sort::Newest, k, id) => {
            if let (Some(Key::Listed(us)), Some(id)) = (k, id) {
                let at = DateTime::<Utc>::from_timestamp_micros(us).unwrap_or_default();
                b.push(" AND (ps.listed_at, ps.profile_id) < (")
                    .push_bind(at)
                    .push(", ")
                    .push_bind(id)
                    .push(")");
            }
            "ps.listed_at DESC, ps.profile_id DESC"
        }
        (Sort::PriceLow | Sort::PriceHigh, k, id) => {
            let desc = sort == Sort::PriceHigh;
            let cmp = if desc { "<" } else { ">" };
            if phase == 0 {
                b.push(" AND ps.price_from IS NOT NULL");
                if let (Some(Key::Price(p)), Some(id)) = (k, id) {
                    b.push(format!(" AND (ps.price_from, ps.profile_id) {cmp} ("))
                        .push_bind(p)
                        .push(", ")
                        .push_bind(id)
                        .push(")");
                }
                if desc {
                    "ps.price_from DESC, ps.profile_id DESC"
                } else {
                    "ps.price_from, ps.profile_id"
                }
            } else {
                b.push(" AND ps.price_from IS NULL");
                if let (Some(Key::Unpriced), Some(id)) = (k, id) {
                    b.push(format!(" AND ps.profile_id {cmp} ")).push_bind(id);
                }
                if desc {
                    "ps.profile_id DESC"
                } else {
                    "ps.profile_id"
                }
            }
        }
    };
    b.push(" ORDER BY ")
        .push(order)
        .push(" LIMIT ")
        .push_bind(limit)
        .push(")");
}

/// The branches of one page: price sorts have a priced and an unpriced phase.
fn push_branches(
    b: &mut QueryBuilder<'_, Postgres>,
    plan: &Plan<'_>,
    role: RoleRef<'_>,
    cursor: Option<&Cursor>,
) {
    let price_sort = matches!(plan.q.sort, Sort::PriceLow | Sort::PriceHigh);
    if !price_sort {
        push_branch(b, plan, role, cursor, 0);
        return;
    }
    let in_unpriced = matches!(cursor.map(|c| c.key), Some(Key::Unpriced));
    if !in_unpriced {
        push_branch(b, plan, role, cursor, 0);
    }
    if !plan.priced_only() {
        if !in_unpriced {
            b.push(" UNION ALL ");
        }
        push_branch(b, plan, role, cursor, 1);
    }
}

fn page_query<'a>(plan: &Plan<'_>, cursor: Option<&Cursor>) -> QueryBuilder<'a, Postgres> {
    let mut b = QueryBuilder::new("SELECT u.* FROM ");
    let limit = i64::try_from(PAGE_SIZE + 1).unwrap_or(21);
    if plan.text.is_some() {
        let role = plan.q.role.as_deref().map_or(RoleRef::Any, RoleRef::Bound);
        b.push("(");
        push_branches(&mut b, plan, role, cursor);
        b.push(") u");
    } else {
        let roles: Vec<String> = match &plan.q.role {
            Some(r) => vec![r.clone()],
            None => ROLE_SPECS.iter().map(|s| s.key.to_owned()).collect(),
        };
        b.push("unnest(")
            .push_bind(roles)
            .push("::text[]) AS r(rk) CROSS JOIN LATERAL (");
        push_branches(&mut b, plan, RoleRef::Lateral, cursor);
        b.push(") u");
    }
    b.push(" ORDER BY ")
        .push(outer_order(plan.q.sort, plan.text.is_some()))
        .push(" LIMIT ")
        .push_bind(limit);
    b
}

/// Total and counts per role (no role chosen), city (no city chosen) and facet token
/// (a role chosen), over the first `FACET_SAMPLE + 1` matches.
fn counts_query<'a>(plan: &Plan<'_>) -> QueryBuilder<'a, Postgres> {
    let mut b = QueryBuilder::new(
        "WITH m AS MATERIALIZED (SELECT ps.role_key, ps.city, ps.facets FROM profile_search ps",
    );
    let role = plan.q.role.as_deref().map_or(RoleRef::Any, RoleRef::Bound);
    push_filters(&mut b, plan, role);
    b.push(" LIMIT ")
        .push_bind(FACET_SAMPLE + 1)
        .push(") SELECT 't'::text, ''::text, count(*) FROM m");
    if plan.q.role.is_none() {
        b.push(" UNION ALL SELECT 'r', role_key, count(*) FROM m GROUP BY role_key");
    } else {
        b.push(
            " UNION ALL SELECT 'f', t, count(*) FROM m CROSS JOIN LATERAL unnest(m.facets) AS t GROUP BY t",
        );
    }
    if plan.q.city.is_none() {
        b.push(" UNION ALL SELECT 'c', city, count(*) FROM m WHERE city <> '' GROUP BY city");
    }
    b
}
