//! Public search over `profile_search`: one keyset page plus counts that narrow it.
//!
//! Without free text every sort order walks a `(role_key, sort key, profile_id)` index
//! from the cursor; a search across all roles runs that walk once per role (a LATERAL
//! join over the role list) and merges the ≤ 21 rows each returns, so no query sorts
//! more than a couple of hundred rows. Price sorts list priced profiles first, then
//! "price on request" ones: two keyset phases, and the cursor says which one a page
//! ended in.
//!
//! Free text becomes a tsquery (`websearch_to_tsquery('english')`), with lexemes no
//! profile has replaced by the most similar one from `search_words` (pg_trgm). The GIN
//! index on `document` finds the matches; at most `TEXT_CANDIDATES` of them are ordered,
//! so a word that half the country uses still costs a bounded amount. Relevance is the
//! text tier (0: the words are in the name, profession, tags or city, weights A–B;
//! 1: also needs services or portfolio titles, C; 2: also needs the bio, D), then the
//! stored score.
//!
//! Counts: searches narrowed only by role and city read the exact counts kept in
//! `profile_search_counts`; any other filter counts over at most `FACET_SAMPLE` matches
//! (`TEXT_CANDIDATES` with text), shown as lower bounds ("1,000+") when cut.
use super::cursor::{Cursor, Key};
use super::model::{FacetCount, SearchHit, SearchQuery, SearchResults, Sort, PAGE_SIZE};
use crate::core::roles::ROLE_SPECS;
use crate::core::{AppError, AppResult, ErrorCode};
use chrono::{DateTime, Utc};
use sqlx::{PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

/// Counts over more matches than this are lower bounds.
pub const FACET_SAMPLE: i64 = 1000;
/// Text matches ordered per search (and counted); beyond it, the first ones found.
pub const TEXT_CANDIDATES: i64 = 1000;
/// Rows fetched per page: one more than shown, to know whether there is a next page.
const FETCH: i64 = PAGE_SIZE as i64 + 1;

/// A search with its parts checked and converted (rupees to paise, text to a tsquery).
struct Plan<'a> {
    q: &'a SearchQuery,
    min_paise: Option<i64>,
    max_paise: Option<i64>,
    /// The tsquery text, when the free text has searchable words.
    tsq: Option<String>,
}

impl Plan<'_> {
    fn priced_only(&self) -> bool {
        self.min_paise.is_some() || self.max_paise.is_some()
    }

    /// Only role and city narrow it: the kept counts are exact for it.
    fn counts_are_kept(&self) -> bool {
        self.tsq.is_none()
            && !self.priced_only()
            && self.q.facets.is_empty()
            && !self.q.verified_only
            && self.q.min_rating.is_none()
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
    /// Price sorts: 1 for "on request"; text relevance: the tier.
    phase: i32,
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
    let (tsq, fuzzy) = match q.q.as_deref() {
        Some(text) => text_query(pool, text).await?,
        None => (None, false),
    };
    let plan = Plan {
        q,
        min_paise: q.min_price.map(|r| r * 100),
        max_paise: q.max_price.map(|r| r * 100),
        tsq,
    };
    let text = plan.tsq.is_some();
    let cursor = q
        .after
        .as_deref()
        .map(|a| Cursor::decode(a, q.sort, text))
        .transpose()?;
    if plan.priced_only() && cursor.is_some_and(|c| c.key == Key::Unpriced) {
        // "Price on request" profiles never match a price range.
        return Err(super::cursor::invalid());
    }
    let mut page = if text {
        text_page_query(&plan, cursor.as_ref())
    } else {
        page_query(&plan, cursor.as_ref())
    };
    let (mut counts, limit) = if plan.counts_are_kept() {
        (kept_counts_query(&plan), None)
    } else {
        let limit = if text { TEXT_CANDIDATES } else { FACET_SAMPLE };
        (sample_counts_query(&plan, limit), Some(limit))
    };
    // Unnamed statements: each search is planned for its own values (a cached generic
    // plan cannot tell a rare facet from a common one).
    let (rows, counts) = tokio::try_join!(
        page.build_query_as::<HitRow>()
            .persistent(false)
            .fetch_all(pool),
        counts
            .build_query_as::<(String, String, i64)>()
            .persistent(false)
            .fetch_all(pool),
    )?;
    let next = (rows.len() > PAGE_SIZE)
        .then(|| rows.get(PAGE_SIZE - 1))
        .flatten()
        .map(|last| cursor_after(last, q.sort, text).encode());
    let hits = rows.into_iter().take(PAGE_SIZE).map(hit).collect();
    let mut out = SearchResults {
        hits,
        next,
        total: 0,
        counts_capped: false,
        fuzzy,
        roles: Vec::new(),
        cities: Vec::new(),
        facets: Vec::new(),
        base_url: base_url.to_owned(),
    };
    for (kind, value, n) in counts {
        let fc = FacetCount { value, count: n };
        match kind.as_str() {
            "t" => match limit {
                Some(limit) => {
                    out.counts_capped = n > limit;
                    out.total = n.min(limit);
                }
                None => out.total = n,
            },
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

/// The tsquery for free text, with unknown lexemes replaced by the most similar known
/// one; `None` when nothing searchable is left (only stop words). The flag says
/// whether a word was replaced.
async fn text_query(pool: &PgPool, text: &str) -> AppResult<(Option<String>, bool)> {
    let (tsq, fuzzy): (String, bool) = sqlx::query_as(
        "WITH lex AS (
            SELECT DISTINCT l FROM unnest(tsvector_to_array(to_tsvector('english', $1))) AS l
             WHERE length(l) >= 3 AND NOT EXISTS (SELECT 1 FROM search_words w WHERE w.word = l)
         ),
         fix AS (
            SELECT lex.l, (SELECT w.word FROM search_words w
                            WHERE w.word % lex.l AND similarity(w.word, lex.l) >= 0.45
                            ORDER BY similarity(w.word, lex.l) DESC, w.ndoc DESC, w.word
                            LIMIT 1) AS s
              FROM lex
         ),
         pairs AS (
            SELECT coalesce(array_agg(l), '{}') AS t, coalesce(array_agg(s), '{}') AS s
              FROM fix WHERE s IS NOT NULL
         )
         SELECT ts_rewrite(websearch_to_tsquery('english', $1),
                    format('SELECT quote_literal(t)::tsquery, quote_literal(s)::tsquery
                              FROM unnest(%L::text[], %L::text[]) AS x(t, s)', pairs.t, pairs.s))::text,
                cardinality(pairs.t) > 0
           FROM pairs",
    )
    .bind(text)
    .persistent(false)
    .fetch_one(pool)
    .await?;
    Ok(((!tsq.trim().is_empty()).then_some(tsq), fuzzy))
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
fn cursor_after(last: &HitRow, sort: Sort, text: bool) -> Cursor {
    let key = match sort {
        Sort::Relevance if text => Key::Tier {
            tier: last.phase,
            score: last.score,
        },
        Sort::Relevance => Key::Score(last.score),
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

/// How the rows of a query are filtered by role.
#[derive(Clone, Copy)]
enum RoleRef<'a> {
    Any,
    Bound(&'a str),
    /// Inside the per-role LATERAL: `r.rk`.
    Lateral,
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
    if let Some(t) = &plan.tsq {
        b.push(" AND ps.document @@ ")
            .push_bind(t.clone())
            .push("::tsquery");
    }
}

fn role_ref<'p>(plan: &'p Plan<'_>) -> RoleRef<'p> {
    plan.q.role.as_deref().map_or(RoleRef::Any, RoleRef::Bound)
}

/// One index walk: `(SELECT … WHERE filters AND keyset ORDER BY … LIMIT 21)`.
fn push_branch(
    b: &mut QueryBuilder<'_, Postgres>,
    plan: &Plan<'_>,
    cursor: Option<&Cursor>,
    phase: i32,
) {
    let sort = plan.q.sort;
    b.push("(SELECT ")
        .push(COLS)
        .push(format!(", {phase} AS phase FROM profile_search ps"));
    push_filters(b, plan, RoleRef::Lateral);
    let key = cursor.map(|c| (c.key, c.profile_id));
    let order = match sort {
        Sort::Relevance => {
            if let Some((Key::Score(s), id)) = key {
                b.push(" AND (ps.score, ps.profile_id) < (")
                    .push_bind(s)
                    .push(", ")
                    .push_bind(id)
                    .push(")");
            }
            "ps.score DESC, ps.profile_id DESC"
        }
        Sort::Rating => {
            if let Some((Key::Rating { avg_x100, count }, id)) = key {
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
        Sort::Newest => {
            if let Some((Key::Listed(us), id)) = key {
                let at = DateTime::<Utc>::from_timestamp_micros(us).unwrap_or_default();
                b.push(" AND (ps.listed_at, ps.profile_id) < (")
                    .push_bind(at)
                    .push(", ")
                    .push_bind(id)
                    .push(")");
            }
            "ps.listed_at DESC, ps.profile_id DESC"
        }
        Sort::PriceLow | Sort::PriceHigh => {
            let desc = sort == Sort::PriceHigh;
            let cmp = if desc { "<" } else { ">" };
            if phase == 0 {
                b.push(" AND ps.price_from IS NOT NULL");
                if let Some((Key::Price(p), id)) = key {
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
                if let Some((Key::Unpriced, id)) = key {
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
        .push_bind(FETCH)
        .push(")");
}

/// The `ORDER BY` of a result page over the columns of `COLS` (unqualified).
fn outer_order(sort: Sort, text: bool) -> &'static str {
    match sort {
        Sort::Relevance if text => "phase, score DESC, profile_id DESC",
        Sort::Relevance => "score DESC, profile_id DESC",
        Sort::Rating => "rating_x100 DESC, rating_count DESC, profile_id DESC",
        Sort::PriceLow => "phase, price_from, profile_id",
        Sort::PriceHigh => "phase, price_from DESC, profile_id DESC",
        Sort::Newest => "listed_at DESC, profile_id DESC",
    }
}

/// A page without free text: per role, one walk (two for price sorts), merged.
fn page_query<'a>(plan: &Plan<'_>, cursor: Option<&Cursor>) -> QueryBuilder<'a, Postgres> {
    let roles: Vec<String> = match &plan.q.role {
        Some(r) => vec![r.clone()],
        None => ROLE_SPECS.iter().map(|s| s.key.to_owned()).collect(),
    };
    let mut b = QueryBuilder::new("SELECT u.* FROM unnest(");
    b.push_bind(roles)
        .push("::text[]) AS r(rk) CROSS JOIN LATERAL (");
    let price_sort = matches!(plan.q.sort, Sort::PriceLow | Sort::PriceHigh);
    let in_unpriced = matches!(cursor.map(|c| c.key), Some(Key::Unpriced));
    if !in_unpriced {
        push_branch(&mut b, plan, cursor, 0);
    }
    if price_sort && !plan.priced_only() {
        if !in_unpriced {
            b.push(" UNION ALL ");
        }
        push_branch(&mut b, plan, cursor, 1);
    }
    b.push(") u ORDER BY ")
        .push(outer_order(plan.q.sort, false))
        .push(" LIMIT ")
        .push_bind(FETCH);
    b
}

/// A page with free text: the first `TEXT_CANDIDATES` matches, ordered and cut at the
/// cursor.
fn text_page_query<'a>(plan: &Plan<'_>, cursor: Option<&Cursor>) -> QueryBuilder<'a, Postgres> {
    let tsq = plan.tsq.clone().unwrap_or_default();
    let mut b = QueryBuilder::new("WITH cand AS MATERIALIZED (SELECT ");
    b.push(COLS)
        .push(", CASE WHEN ps.document @@ ")
        .push_bind(restrict_weights(&tsq, "AB"))
        .push("::tsquery THEN 0 WHEN ps.document @@ ")
        .push_bind(restrict_weights(&tsq, "ABC"))
        .push("::tsquery THEN 1 ELSE 2 END AS tier FROM profile_search ps");
    push_filters(&mut b, plan, role_ref(plan));
    b.push(" LIMIT ").push_bind(TEXT_CANDIDATES).push(")");
    let sort = plan.q.sort;
    let phase = match sort {
        Sort::Relevance => "u.tier",
        Sort::PriceLow | Sort::PriceHigh => "(u.price_from IS NULL)::int",
        Sort::Rating | Sort::Newest => "0",
    };
    b.push(format!(
        " SELECT u.profile_id, u.slug, u.role_key, u.display_name, u.city, u.headline, \
         u.avatar_url, u.cover_url, u.price_from, u.is_verified, u.rating_x100, u.rating_count, \
         u.score, u.listed_at, {phase} AS phase FROM cand u WHERE true"
    ));
    if let Some(c) = cursor {
        let id = c.profile_id;
        match c.key {
            Key::Tier { tier, score } => {
                b.push(" AND (u.tier > ")
                    .push_bind(tier)
                    .push(" OR (u.tier = ")
                    .push_bind(tier)
                    .push(" AND (u.score, u.profile_id) < (")
                    .push_bind(score)
                    .push(", ")
                    .push_bind(id)
                    .push(")))");
            }
            Key::Rating { avg_x100, count } => {
                b.push(" AND (u.rating_x100, u.rating_count, u.profile_id) < (")
                    .push_bind(avg_x100)
                    .push(", ")
                    .push_bind(count)
                    .push(", ")
                    .push_bind(id)
                    .push(")");
            }
            Key::Listed(us) => {
                let at = DateTime::<Utc>::from_timestamp_micros(us).unwrap_or_default();
                b.push(" AND (u.listed_at, u.profile_id) < (")
                    .push_bind(at)
                    .push(", ")
                    .push_bind(id)
                    .push(")");
            }
            Key::Price(p) => {
                let cmp = if sort == Sort::PriceHigh { "<" } else { ">" };
                b.push(format!(
                    " AND ((u.price_from IS NOT NULL AND (u.price_from, u.profile_id) {cmp} ("
                ))
                .push_bind(p)
                .push(", ")
                .push_bind(id)
                .push(")) OR u.price_from IS NULL)");
            }
            Key::Unpriced => {
                let cmp = if sort == Sort::PriceHigh { "<" } else { ">" };
                b.push(format!(" AND u.price_from IS NULL AND u.profile_id {cmp} "))
                    .push_bind(id);
            }
            Key::Score(_) => {}
        }
    }
    b.push(" ORDER BY ")
        .push(outer_order(sort, true))
        .push(" LIMIT ")
        .push_bind(FETCH);
    b
}

/// The tsquery (as PostgreSQL prints it) with every lexeme limited to `weights`:
/// `'wed' & 'photographi'` → `'wed':AB & 'photographi':AB`. The text tiers are then one
/// `@@` each on the stored document.
fn restrict_weights(tsquery: &str, weights: &str) -> String {
    let mut out = String::with_capacity(tsquery.len() + 16);
    let mut chars = tsquery.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '\'' {
            continue;
        }
        // Inside a lexeme: copy up to the closing quote ('' is an escaped quote).
        while let Some(c) = chars.next() {
            out.push(c);
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    out.push('\'');
                    chars.next();
                } else {
                    break;
                }
            }
        }
        // Replace any weights it had; keep a prefix marker.
        let mut prefix = false;
        if chars.peek() == Some(&':') {
            chars.next();
            while let Some(&l) = chars.peek() {
                if l == '*' {
                    prefix = true;
                } else if !l.is_ascii_alphabetic() {
                    break;
                }
                chars.next();
            }
        }
        out.push(':');
        out.push_str(weights);
        if prefix {
            out.push('*');
        }
    }
    out
}

/// Exact counts from `profile_search_counts` (role and city filters only).
fn kept_counts_query<'a>(plan: &Plan<'_>) -> QueryBuilder<'a, Postgres> {
    let role = plan.q.role.clone();
    let city = plan.q.city.clone();
    let mut b = QueryBuilder::new(
        "SELECT 't'::text, ''::text, coalesce(sum(n), 0)::bigint FROM profile_search_counts \
         WHERE token = ''",
    );
    let narrow = |b: &mut QueryBuilder<'a, Postgres>, by_role: bool, by_city: bool| {
        if let (true, Some(r)) = (by_role, &role) {
            b.push(" AND role_key = ").push_bind(r.clone());
        }
        if let (true, Some(c)) = (by_city, &city) {
            b.push(" AND city = ").push_bind(c.clone());
        }
    };
    narrow(&mut b, true, true);
    if role.is_none() {
        b.push(
            " UNION ALL SELECT 'r', role_key, sum(n)::bigint FROM profile_search_counts \
             WHERE token = ''",
        );
        narrow(&mut b, false, true);
        b.push(" GROUP BY role_key HAVING sum(n) > 0");
    } else {
        b.push(
            " UNION ALL SELECT 'f', token, sum(n)::bigint FROM profile_search_counts \
             WHERE token <> ''",
        );
        narrow(&mut b, true, true);
        b.push(" GROUP BY token HAVING sum(n) > 0");
    }
    if city.is_none() {
        b.push(
            " UNION ALL SELECT 'c', city, sum(n)::bigint FROM profile_search_counts \
             WHERE token = '' AND city <> ''",
        );
        narrow(&mut b, true, false);
        b.push(" GROUP BY city HAVING sum(n) > 0");
    }
    b
}

/// Total and counts per role (no role chosen), city (no city chosen) and facet token
/// (a role chosen), over the first `limit + 1` matches.
fn sample_counts_query<'a>(plan: &Plan<'_>, limit: i64) -> QueryBuilder<'a, Postgres> {
    let mut b = QueryBuilder::new(
        "WITH m AS MATERIALIZED (SELECT ps.role_key, ps.city, ps.facets FROM profile_search ps",
    );
    push_filters(&mut b, plan, role_ref(plan));
    b.push(" LIMIT ")
        .push_bind(limit + 1)
        .push(") SELECT 't'::text, ''::text, count(*) FROM m");
    if plan.q.role.is_none() {
        b.push(" UNION ALL SELECT 'r', role_key, count(*) FROM m GROUP BY role_key");
    } else {
        b.push(
            " UNION ALL SELECT 'f', t, count(*) FROM m CROSS JOIN LATERAL unnest(m.facets) AS t \
             GROUP BY t",
        );
    }
    if plan.q.city.is_none() {
        b.push(" UNION ALL SELECT 'c', city, count(*) FROM m WHERE city <> '' GROUP BY city");
    }
    b
}

#[cfg(test)]
mod tests {
    use super::restrict_weights;

    #[test]
    fn lexemes_are_limited_to_weights() {
        assert_eq!(
            restrict_weights("'wed' & 'photographi'", "AB"),
            "'wed':AB & 'photographi':AB"
        );
        assert_eq!(
            restrict_weights("'d''souza' <-> 'cake':C* | !'x':A", "ABC"),
            "'d''souza':ABC <-> 'cake':ABC* | !'x':ABC"
        );
        assert_eq!(restrict_weights("", "AB"), "");
    }
}
