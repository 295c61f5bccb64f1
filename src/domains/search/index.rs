//! Keeps `profile_search` current: one row per listed profile, computed set-wise by one
//! SQL statement generated from `spec::ROLE_SPECS`.
//!
//! The same statement serves one profile (`refresh`, inside every write's transaction),
//! one user's profiles (`refresh_user`, when an account is suspended or restored) and
//! the whole table (`rebuild_all`, after a bulk load): only the filter differs.
//!
//! The statement also keeps `profile_search_counts` (exact role/city/facet counts, by
//! deltas) and `search_words` (the lexemes typo correction picks from). Concurrent
//! refreshes of one profile are serialised by an advisory lock, so each delta is taken
//! against the row the previous one left.
//!
//! "Relevance" orders by the stored `score` (after the text tier when something is
//! typed): 300 when verified, plus 100 × a Bayesian rating (published reviews, from the
//! kept `review_stats` row, shrunk towards 3.5 stars with the weight of 3 reviews:
//! 105–500), plus 40 for a portfolio cover, 20 for a bio and one point per review up
//! to 50.
use crate::core::roles::{FieldKind, RoleSpec, ROLE_SPECS};
use crate::core::AppResult;
use sqlx::PgConnection;
use uuid::Uuid;

/// The condition, on `user_role_profiles p JOIN users u`, for a profile to be listed in
/// search, the sitemap and its public page.
pub const LISTED: &str = "p.status = 'ACTIVE' AND p.approval_status = 'APPROVED' \
     AND p.is_profile_public AND u.status = 'ACTIVE'";

/// Which profiles a run of the index statement recomputes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    All,
    /// `$1` is a profile id.
    Profile,
    /// `$1` is a user id.
    User,
}

impl Scope {
    /// The predicate on a column holding a profile id.
    fn on(self, column: &str) -> String {
        match self {
            Scope::All => "true".into(),
            Scope::Profile => format!("{column} = $1"),
            Scope::User => {
                format!("{column} IN (SELECT id FROM user_role_profiles WHERE user_id = $1)")
            }
        }
    }
}

/// Recomputes the search row of one profile (deletes it when the profile is not
/// listed), in the caller's transaction.
pub async fn refresh(conn: &mut PgConnection, profile_id: Uuid) -> AppResult<()> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    sqlx::query(&format!("SELECT {LOCK} FROM (SELECT $1::uuid AS id) p"))
        .bind(profile_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(&index_sql(Scope::Profile))
        .bind(profile_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Recomputes the search rows of every profile of one user (their account status
/// decides whether any of them is listed).
pub async fn refresh_user(conn: &mut PgConnection, user_id: Uuid) -> AppResult<()> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    sqlx::query(&format!(
        "SELECT {LOCK} FROM (SELECT id FROM user_role_profiles WHERE user_id = $1 ORDER BY id) p"
    ))
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(&index_sql(Scope::User))
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Serialises index updates of one profile (`p.id`) until the transaction ends.
const LOCK: &str = "pg_advisory_xact_lock(hashtext('profile_search'), hashtext(p.id::text))";

/// Recomputes the whole index (after a bulk load) with the same row SQL as `refresh`,
/// unfiltered. Rows whose content did not change are not rewritten. Returns the number
/// of listed profiles.
///
/// The rows are computed by `CREATE TABLE AS`, which PostgreSQL runs with parallel
/// workers (an `INSERT … SELECT` never is), then merged into the index. Into an empty
/// index (a fresh bulk load) the secondary indexes are dropped first and built again
/// afterwards, several times faster than maintaining them row by row; searches wait
/// for the transaction meanwhile, and there is nothing to find yet anyway.
pub async fn rebuild_all(conn: &mut PgConnection) -> AppResult<i64> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    sqlx::query(
        "SELECT set_config('work_mem', '256MB', true),
                set_config('maintenance_work_mem', '512MB', true)",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query("DROP TABLE IF EXISTS pg_temp.profile_search_next")
        .execute(&mut *tx)
        .await?;
    sqlx::query(&format!(
        "CREATE TEMP TABLE profile_search_next ON COMMIT DROP AS WITH {} SELECT * FROM src",
        rows_ctes(Scope::All)
    ))
    .execute(&mut *tx)
    .await?;
    sqlx::query("ANALYZE pg_temp.profile_search_next")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "DELETE FROM profile_search s
          WHERE NOT EXISTS (SELECT 1 FROM pg_temp.profile_search_next n
                             WHERE n.profile_id = s.profile_id)",
    )
    .execute(&mut *tx)
    .await?;
    let empty: bool = sqlx::query_scalar("SELECT NOT EXISTS (SELECT 1 FROM profile_search)")
        .fetch_one(&mut *tx)
        .await?;
    let indexes: Vec<(String, String)> = if empty {
        sqlx::query_as(
            "SELECT c.relname::text, pg_get_indexdef(i.indexrelid)
               FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
              WHERE i.indrelid = 'profile_search'::regclass AND NOT i.indisprimary
              ORDER BY c.relname",
        )
        .fetch_all(&mut *tx)
        .await?
    } else {
        Vec::new()
    };
    for (name, _) in &indexes {
        sqlx::query(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(&upsert_sql("pg_temp.profile_search_next"))
        .execute(&mut *tx)
        .await?;
    for (_, definition) in &indexes {
        sqlx::query(definition).execute(&mut *tx).await?;
    }
    // DELETE, not TRUNCATE: searches keep reading the old counts until the commit.
    sqlx::query("DELETE FROM profile_search_counts")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO profile_search_counts (role_key, city, token, n)
         SELECT role_key, city, '', count(*) FROM pg_temp.profile_search_next GROUP BY 1, 2
         UNION ALL
         SELECT role_key, city, t, count(*)
           FROM pg_temp.profile_search_next CROSS JOIN LATERAL unnest(facets) AS t
          GROUP BY 1, 2, 3",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM search_words")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO search_words (word, ndoc)
         SELECT word, ndoc FROM ts_stat('SELECT document FROM pg_temp.profile_search_next', 'abc')",
    )
    .execute(&mut *tx)
    .await?;
    let listed: i64 = sqlx::query_scalar("SELECT count(*) FROM pg_temp.profile_search_next")
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("DROP TABLE pg_temp.profile_search_next")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(listed)
}

/// A string literal for SQL built from static specs (never from input).
fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Column and table names come from `ROLE_SPECS`; this keeps a typo there from ever
/// becoming SQL that does something else.
fn ident(s: &str) -> &str {
    debug_assert!(
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
        "not a plain identifier: {s}"
    );
    s
}

/// The facet tokens of one row of a role's extension table `x`, in the order of
/// `spec::facet_tokens`: facet fields in spec order, tags in stored order.
///
/// Tags become tokens without a per-row subquery: the array is joined with a separator
/// tags cannot contain (U+001F) followed by the field prefix, and split again.
fn facets_expr(spec: &RoleSpec) -> String {
    let parts: Vec<String> = spec
        .facets()
        .filter_map(|f| {
            let col = ident(f.key);
            match f.kind {
                FieldKind::Tags { .. } => Some(format!(
                    "CASE WHEN cardinality(x.{col}) > 0 THEN string_to_array({prefix} || \
                     lower(array_to_string(x.{col}, chr(31) || {prefix})), chr(31)) \
                     ELSE '{{}}'::text[] END",
                    prefix = lit(&format!("{col}:"))
                )),
                FieldKind::Flag => Some(format!(
                    "CASE WHEN x.{col} THEN ARRAY[{}] ELSE '{{}}'::text[] END",
                    lit(&format!("{col}:true"))
                )),
                FieldKind::Choice { .. } => Some(format!(
                    "ARRAY[{} || lower(x.{col})]",
                    lit(&format!("{col}:"))
                )),
                FieldKind::Number { .. } | FieldKind::Money { .. } | FieldKind::Text { .. } => None,
            }
        })
        .collect();
    if parts.is_empty() {
        "'{}'::text[]".into()
    } else {
        format!("array_remove({}, NULL)", parts.join(" || "))
    }
}

/// The words of a role row that text search should find: tags, the labels of flags
/// that are set and of the chosen options.
fn words_expr(spec: &RoleSpec) -> String {
    let parts: Vec<String> = spec
        .facets()
        .filter_map(|f| {
            let col = ident(f.key);
            match f.kind {
                FieldKind::Tags { .. } => Some(format!("array_to_string(x.{col}, ' ')")),
                FieldKind::Flag => Some(format!("CASE WHEN x.{col} THEN {} END", lit(f.label))),
                FieldKind::Choice { options } => {
                    let arms: String = options
                        .iter()
                        .map(|(v, l)| format!(" WHEN {} THEN {}", lit(v), lit(l)))
                        .collect();
                    Some(format!("CASE x.{col}{arms} END"))
                }
                FieldKind::Number { .. } | FieldKind::Money { .. } | FieldKind::Text { .. } => None,
            }
        })
        .collect();
    format!("concat_ws(' ', {})", parts.join(", "))
}

/// One role's branch of the `ext` union: price, facets and words per profile.
fn role_branch(spec: &RoleSpec, scope: Scope) -> String {
    format!(
        "SELECT x.user_role_profile_id AS profile_id, {role} AS role_key,
                x.{price}::bigint AS role_price, {facets} AS facets, {words} AS words
           FROM {table} x WHERE {filter}",
        role = lit(spec.key),
        price = ident(spec.price_field),
        facets = facets_expr(spec),
        words = words_expr(spec),
        table = ident(spec.table),
        filter = scope.on("x.user_role_profile_id"),
    )
}

/// The role label and plural, searchable as words ("photographer", "tutors").
fn role_words_expr() -> String {
    let arms: String = ROLE_SPECS
        .iter()
        .map(|s| {
            format!(
                " WHEN {} THEN {}",
                lit(s.key),
                lit(&format!("{} {}", s.label, s.plural))
            )
        })
        .collect();
    format!("CASE l.role_key{arms} ELSE '' END")
}

/// The computed rows of every listed profile in `scope`: CTEs ending in `src`.
fn rows_ctes(scope: Scope) -> String {
    let ext = ROLE_SPECS
        .iter()
        .map(|s| role_branch(s, scope))
        .collect::<Vec<_>>()
        .join("\n         UNION ALL\n         ");
    format!(
        "         l AS (
            SELECT p.id, p.role_key, p.slug, p.display_name, p.bio, p.location, p.avatar_url,
                   p.verification_status, p.approved_at, p.created_at
              FROM user_role_profiles p JOIN users u ON u.id = p.user_id
             WHERE {listed_scope} AND {LISTED}
         ),
         ext AS (
         {ext}
         ),
         svc AS (
            SELECT user_role_profile_id AS profile_id, min(price)::bigint AS min_price,
                   string_agg(name, ' ' ORDER BY name) AS names
              FROM services WHERE is_active AND {svc_scope}
             GROUP BY user_role_profile_id
         ),
         titles AS (
            SELECT user_role_profile_id AS profile_id, string_agg(title, ' ' ORDER BY display_order, title) AS titles
              FROM portfolio_items WHERE {port_scope}
             GROUP BY user_role_profile_id
         ),
         cover AS (
            SELECT DISTINCT ON (i.user_role_profile_id) i.user_role_profile_id AS profile_id, im.file_url
              FROM portfolio_items i JOIN portfolio_images im ON im.portfolio_item_id = i.id
             WHERE {cover_scope}
             ORDER BY i.user_role_profile_id, i.display_order, i.created_at, i.id,
                      im.display_order, im.created_at, im.id
         ),
         rev AS (
            SELECT entity_id AS profile_id, review_count AS n, rating_sum AS total
              FROM review_stats
             WHERE entity_type = 'professional' AND review_count > 0 AND {rev_scope}
         ),
         src AS (
            SELECT l.id AS profile_id, l.role_key, l.slug, l.display_name,
                   coalesce(l.location, '') AS city,
                   left(btrim(translate(coalesce(l.bio, ''), E'\\n\\r\\t', '   ')), 200) AS headline,
                   l.avatar_url, cover.file_url AS cover_url,
                   least(e.role_price, svc.min_price) AS price_from,
                   l.verification_status = 'VERIFIED' AS is_verified,
                   coalesce(round(rev.total::numeric / rev.n, 2), 0) AS rating_avg,
                   coalesce(rev.n, 0) AS rating_count,
                   (CASE WHEN l.verification_status = 'VERIFIED' THEN 300 ELSE 0 END
                    + round(100 * (coalesce(rev.total, 0) + 10.5) / (coalesce(rev.n, 0) + 3))::int
                    + CASE WHEN cover.file_url IS NOT NULL THEN 40 ELSE 0 END
                    + CASE WHEN coalesce(l.bio, '') <> '' THEN 20 ELSE 0 END
                    + least(coalesce(rev.n, 0), 50)) AS score,
                   coalesce(e.facets, '{{}}') AS facets,
                   setweight(to_tsvector('english', l.display_name), 'A')
                   || setweight(to_tsvector('english', concat_ws(' ', {role_words}, e.words, l.location)), 'B')
                   || setweight(to_tsvector('english', concat_ws(' ', svc.names, titles.titles)), 'C')
                   || setweight(to_tsvector('english', coalesce(l.bio, '')), 'D') AS document,
                   coalesce(l.approved_at, l.created_at) AS listed_at
              FROM l
              LEFT JOIN ext e ON e.profile_id = l.id AND e.role_key = l.role_key
              LEFT JOIN svc ON svc.profile_id = l.id
              LEFT JOIN titles ON titles.profile_id = l.id
              LEFT JOIN cover ON cover.profile_id = l.id
              LEFT JOIN rev ON rev.profile_id = l.id
         )",
        listed_scope = scope.on("p.id"),
        svc_scope = scope.on("user_role_profile_id"),
        port_scope = scope.on("user_role_profile_id"),
        cover_scope = scope.on("i.user_role_profile_id"),
        rev_scope = scope.on("entity_id"),
        role_words = role_words_expr(),
    )
}

/// The columns of `profile_search` the index statement writes.
const COLUMNS: [&str; 16] = [
    "role_key",
    "slug",
    "display_name",
    "city",
    "headline",
    "avatar_url",
    "cover_url",
    "price_from",
    "is_verified",
    "rating_avg",
    "rating_count",
    "score",
    "facets",
    "document",
    "listed_at",
    "profile_id",
];

/// Inserts the rows of `source` (CTE or table) and updates those that changed.
fn upsert_sql(source: &str) -> String {
    let cols = COLUMNS.join(", ");
    let data = &COLUMNS[..COLUMNS.len() - 1];
    let set: Vec<String> = data.iter().map(|c| format!("{c} = EXCLUDED.{c}")).collect();
    let old: Vec<String> = data.iter().map(|c| format!("t.{c}")).collect();
    let new: Vec<String> = data.iter().map(|c| format!("EXCLUDED.{c}")).collect();
    format!(
        "INSERT INTO profile_search AS t ({cols}) SELECT {cols} FROM {source}
         ON CONFLICT (profile_id) DO UPDATE SET {set}
         WHERE ({old}) IS DISTINCT FROM ({new})",
        set = set.join(", "),
        old = old.join(", "),
        new = new.join(", "),
    )
}

/// The index statement for one profile or one user: delete the rows of profiles that
/// are no longer listed, insert or update the rows of listed ones, move the counts by
/// the difference and add new words.
fn index_sql(scope: Scope) -> String {
    format!(
        "WITH old AS (
            SELECT role_key, city, facets FROM profile_search WHERE {old}
         ),
         gone AS (
            DELETE FROM profile_search s
             WHERE {old_s}
               AND NOT EXISTS (SELECT 1 FROM user_role_profiles p JOIN users u ON u.id = p.user_id
                                WHERE p.id = s.profile_id AND {LISTED})
         ),
         {ctes},
         up AS (
            {upsert}
         ),
         delta AS (
            SELECT role_key, city, token, sum(d)::int AS d FROM (
                SELECT role_key, city, '' AS token, 1 AS d FROM src
                UNION ALL SELECT role_key, city, t, 1 FROM src CROSS JOIN LATERAL unnest(facets) t
                UNION ALL SELECT role_key, city, '', -1 FROM old
                UNION ALL SELECT role_key, city, t, -1 FROM old CROSS JOIN LATERAL unnest(facets) t
            ) x GROUP BY role_key, city, token HAVING sum(d) <> 0
         ),
         words AS (
            INSERT INTO search_words (word)
            SELECT DISTINCT w FROM src CROSS JOIN LATERAL
                   unnest(tsvector_to_array(ts_filter(src.document, '{{a,b,c}}'))) AS w
            ON CONFLICT (word) DO NOTHING
         )
         INSERT INTO profile_search_counts AS c (role_key, city, token, n)
         SELECT role_key, city, token, d FROM delta
         ON CONFLICT (role_key, city, token) DO UPDATE SET n = c.n + EXCLUDED.n",
        old = scope.on("profile_id"),
        old_s = scope.on("s.profile_id"),
        ctes = rows_ctes(scope).trim_start(),
        upsert = upsert_sql("src"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statement_covers_every_role_table_and_binds_only_the_scope() {
        let all = rows_ctes(Scope::All);
        assert!(!all.contains("$1"));
        for spec in &ROLE_SPECS {
            assert!(
                all.contains(&format!("FROM {} x", spec.table)),
                "{}",
                spec.key
            );
        }
        let one = index_sql(Scope::Profile);
        assert!(one.contains("x.user_role_profile_id = $1"));
        assert!(one.contains("s.profile_id = $1"));
        assert!(!one.contains("$2"));
    }

    #[test]
    fn literals_are_quoted() {
        assert_eq!(lit("it's"), "'it''s'");
    }
}
