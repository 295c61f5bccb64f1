//! Keeps `profile_search` current: one row per listed profile, computed set-wise by one
//! SQL statement generated from `spec::ROLE_SPECS`.
//!
//! The same statement serves one profile (`refresh`, inside every write's transaction),
//! one user's profiles (`refresh_user`, when an account is suspended or restored) and
//! the whole table (`rebuild_all`, after a bulk load): only the filter differs.
//!
//! "Relevance" when nothing is typed is the stored `score`:
//! 300 when verified, plus 100 × a Bayesian rating (published reviews shrunk towards
//! 3.5 stars with the weight of 3 reviews: 105–500), plus 40 for a portfolio cover,
//! 20 for a bio and one point per review up to 50.
use crate::core::AppResult;
use crate::domains::profiles::spec::{FieldKind, RoleSpec, ROLE_SPECS};
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
    sqlx::query(&index_sql(Scope::Profile))
        .bind(profile_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Recomputes the search rows of every profile of one user (their account status
/// decides whether any of them is listed).
pub async fn refresh_user(conn: &mut PgConnection, user_id: Uuid) -> AppResult<()> {
    sqlx::query(&index_sql(Scope::User))
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Recomputes the whole index in one statement (after a bulk load). Rows whose content
/// did not change are not rewritten. Returns the number of listed profiles.
///
/// Into an empty index (a fresh bulk load) it drops the secondary indexes first and
/// builds them again afterwards, which is several times faster than maintaining them row
/// by row; searches wait for the transaction meanwhile, and there is nothing to find yet.
pub async fn rebuild_all(conn: &mut PgConnection) -> AppResult<i64> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    sqlx::query(
        "SELECT set_config('work_mem', '256MB', true),
                set_config('maintenance_work_mem', '512MB', true)",
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
    sqlx::query(&index_sql(Scope::All)).execute(&mut *tx).await?;
    for (_, definition) in &indexes {
        sqlx::query(definition).execute(&mut *tx).await?;
    }
    let listed: i64 = sqlx::query_scalar("SELECT count(*) FROM profile_search")
        .fetch_one(&mut *tx)
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

/// The whole index statement: delete the rows of profiles that are no longer listed,
/// then insert or update the rows of listed ones.
fn index_sql(scope: Scope) -> String {
    let ext = ROLE_SPECS
        .iter()
        .map(|s| role_branch(s, scope))
        .collect::<Vec<_>>()
        .join("\n         UNION ALL\n         ");
    format!(
        "WITH gone AS (
            DELETE FROM profile_search s
             WHERE {gone_scope}
               AND NOT EXISTS (SELECT 1 FROM user_role_profiles p JOIN users u ON u.id = p.user_id
                                WHERE p.id = s.profile_id AND {LISTED})
         ),
         l AS (
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
            SELECT entity_id AS profile_id, count(*)::int AS n, sum(rating)::int AS total
              FROM reviews
             WHERE entity_type = 'professional' AND status = 'PUBLISHED' AND {rev_scope}
             GROUP BY entity_id
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
                   left(lower(concat_ws(' ', l.display_name, {role_words}, e.words, svc.names)), 2000)
                       AS search_text,
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
         )
         INSERT INTO profile_search AS t (profile_id, role_key, slug, display_name, city, headline,
                avatar_url, cover_url, price_from, is_verified, rating_avg, rating_count, score,
                facets, search_text, document, listed_at)
         SELECT profile_id, role_key, slug, display_name, city, headline, avatar_url, cover_url,
                price_from, is_verified, rating_avg, rating_count, score, facets, search_text,
                document, listed_at
           FROM src
         ON CONFLICT (profile_id) DO UPDATE SET
                role_key = EXCLUDED.role_key, slug = EXCLUDED.slug,
                display_name = EXCLUDED.display_name, city = EXCLUDED.city,
                headline = EXCLUDED.headline, avatar_url = EXCLUDED.avatar_url,
                cover_url = EXCLUDED.cover_url, price_from = EXCLUDED.price_from,
                is_verified = EXCLUDED.is_verified, rating_avg = EXCLUDED.rating_avg,
                rating_count = EXCLUDED.rating_count, score = EXCLUDED.score,
                facets = EXCLUDED.facets, search_text = EXCLUDED.search_text,
                document = EXCLUDED.document, listed_at = EXCLUDED.listed_at
          WHERE (t.role_key, t.slug, t.display_name, t.city, t.headline, t.avatar_url, t.cover_url,
                 t.price_from, t.is_verified, t.rating_avg, t.rating_count, t.score, t.facets,
                 t.search_text, t.document, t.listed_at)
                IS DISTINCT FROM
                (EXCLUDED.role_key, EXCLUDED.slug, EXCLUDED.display_name, EXCLUDED.city,
                 EXCLUDED.headline, EXCLUDED.avatar_url, EXCLUDED.cover_url, EXCLUDED.price_from,
                 EXCLUDED.is_verified, EXCLUDED.rating_avg, EXCLUDED.rating_count, EXCLUDED.score,
                 EXCLUDED.facets, EXCLUDED.search_text, EXCLUDED.document, EXCLUDED.listed_at)",
        gone_scope = scope.on("s.profile_id"),
        listed_scope = scope.on("p.id"),
        svc_scope = scope.on("user_role_profile_id"),
        port_scope = scope.on("user_role_profile_id"),
        cover_scope = scope.on("i.user_role_profile_id"),
        rev_scope = scope.on("entity_id"),
        role_words = role_words_expr(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statement_covers_every_role_table_and_binds_only_the_scope() {
        let all = index_sql(Scope::All);
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
#[cfg(test)]
mod dump_tmp {
    #[test]
    fn dump_sql_tmp() {
        let _ = std::fs::write("/tmp/sb/all.sql", super::index_sql(super::Scope::All));
        let _ = std::fs::write("/tmp/sb/one.sql", super::index_sql(super::Scope::Profile));
    }
}
