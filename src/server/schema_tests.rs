//! The migrated schema against the data-model spec (a copy of its rows lives in
//! `tests/fixtures/schema_spec.tsv`), and the database-level rules the money and audit
//! paths rely on.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use sqlx::PgPool;
use std::collections::{BTreeMap, BTreeSet};

const SPEC: &str = include_str!("../../tests/fixtures/schema_spec.tsv");

/// (table, constraint type, columns, referenced table, definition)
type ConstraintRow = (String, String, String, String, String);

struct SpecRow<'a> {
    table: &'a str,
    column: &'a str,
    ty: &'a str,
    notes: &'a str,
}

fn spec_rows() -> Vec<SpecRow<'static>> {
    SPEC.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut p = l.split('\t');
            SpecRow {
                table: p.next().unwrap_or_default(),
                column: p.next().unwrap_or_default(),
                ty: p.next().unwrap_or_default(),
                notes: p.next().unwrap_or_default().trim(),
            }
        })
        .collect()
}

/// `ACTIVE, PENDING` → the values; anything else (prose, lower-case hints) → None.
fn value_list(notes: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = notes.split(", ").collect();
    let is_value = |v: &str| {
        !v.is_empty()
            && v.starts_with(|c: char| c.is_ascii_uppercase())
            && v.chars().all(|c| c.is_ascii_uppercase() || c == '_')
    };
    (parts.len() > 1 && parts.iter().all(|v| is_value(v))).then_some(parts)
}

fn type_ok(spec: &str, actual: &str) -> bool {
    match spec {
        "UUID" => actual == "uuid",
        "TEXT" => actual == "text",
        "TEXT[]" => actual == "text[]",
        "INTEGER" => matches!(actual, "integer" | "bigint"),
        "SMALLINT" => matches!(actual, "smallint" | "integer"),
        "BOOLEAN" => actual == "boolean",
        "TIMESTAMP" => actual == "timestamp with time zone",
        "DATE" => actual == "date",
        "JSONB" => actual == "jsonb",
        "DECIMAL" => actual.starts_with("numeric"),
        _ => false,
    }
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn schema_matches_the_spec(pool: PgPool) {
    let columns: Vec<(String, String, String, bool)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text,
                format_type(a.atttypid, a.atttypmod), c.is_nullable = 'YES'
           FROM information_schema.columns c
           JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema)||'.'||quote_ident(c.table_name))::regclass
                              AND a.attname = c.column_name
          WHERE c.table_schema = 'public'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let columns: BTreeMap<(String, String), (String, bool)> = columns
        .into_iter()
        .map(|(t, c, ty, n)| ((t, c), (ty, n)))
        .collect();
    let constraints: Vec<ConstraintRow> = sqlx::query_as(
        "SELECT rel.relname::text, con.contype::text,
                array_to_string(ARRAY(SELECT att.attname FROM unnest(con.conkey) k
                    JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = k), ','),
                coalesce(frel.relname::text, ''), pg_get_constraintdef(con.oid)
           FROM pg_constraint con
           JOIN pg_class rel ON rel.oid = con.conrelid
           LEFT JOIN pg_class frel ON frel.oid = con.confrelid
          WHERE con.connamespace = 'public'::regnamespace",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let unique_indexes: BTreeSet<(String, String)> = sqlx::query_as(
        "SELECT t.relname::text, array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey) k
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k), ',')
           FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid
          WHERE t.relnamespace = 'public'::regnamespace AND ix.indisunique",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .into_iter()
    .collect();

    let rows = spec_rows();
    let tables: BTreeSet<&str> = rows.iter().map(|r| r.table).collect();
    assert!(
        tables.len() >= 66 + 6,
        "spec fixture lost tables: {}",
        tables.len()
    );
    let mut failures = Vec::new();
    for r in &rows {
        let key = (r.table.to_owned(), r.column.to_owned());
        let Some((ty, nullable)) = columns.get(&key) else {
            failures.push(format!("missing column {}.{}", r.table, r.column));
            continue;
        };
        if !type_ok(r.ty, ty) {
            failures.push(format!(
                "{}.{} is {ty}, spec says {}",
                r.table, r.column, r.ty
            ));
        }
        let has = |kind: &str, pred: &dyn Fn(&ConstraintRow) -> bool| {
            constraints
                .iter()
                .any(|c| c.0 == r.table && c.1 == kind && pred(c))
        };
        if r.notes.contains("Primary key") && !has("p", &|c| c.2 == r.column) {
            failures.push(format!("{}.{} is not the primary key", r.table, r.column));
        }
        if r.notes.split(", ").any(|n| n == "Unique")
            && !unique_indexes.contains(&(r.table.to_owned(), r.column.to_owned()))
        {
            failures.push(format!("{}.{} is not unique", r.table, r.column));
        }
        if let Some(target) = r
            .notes
            .strip_prefix("FK → ")
            .map(|t| t.split(',').next().unwrap_or(t).trim())
        {
            if !has("f", &|c| c.2 == r.column && c.3 == target) {
                failures.push(format!(
                    "{}.{} has no foreign key to {target}",
                    r.table, r.column
                ));
            }
        }
        if r.notes.contains("nullable") && !nullable {
            failures.push(format!("{}.{} should accept NULL", r.table, r.column));
        }
        if let Some(values) = value_list(r.notes) {
            let enforced = has("c", &|c| {
                c.4.contains(r.column) && values.iter().all(|v| c.4.contains(&format!("'{v}'")))
            });
            if !enforced {
                failures.push(format!(
                    "{}.{} does not enforce {}",
                    r.table, r.column, r.notes
                ));
            }
        }
        if r.notes == "1-5" && !has("c", &|c| c.4.contains(r.column)) {
            failures.push(format!("{}.{} has no 1-5 check", r.table, r.column));
        }
    }
    assert!(
        failures.is_empty(),
        "schema differs from the spec:\n{}",
        failures.join("\n")
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn every_foreign_key_is_indexed(pool: PgPool) {
    let unindexed: Vec<String> = sqlx::query_scalar(
        "SELECT c.conrelid::regclass::text || '.' || a.attname
           FROM pg_constraint c
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
            AND NOT EXISTS (SELECT 1 FROM pg_index i
                             WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(
        unindexed.is_empty(),
        "foreign keys without an index: {unindexed:?}"
    );
}

/// Every single-column CHECK is tried with a value it must refuse, on a scratch copy of
/// its table that keeps the CHECKs but drops NOT NULL (so no other column needs filling).
#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn every_check_constraint_rejects_a_bad_value(pool: PgPool) {
    let checks: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT rel.relname::text, con.conname::text, att.attname::text,
                format_type(att.atttypid, att.atttypmod), pg_get_constraintdef(con.oid)
           FROM pg_constraint con
           JOIN pg_class rel ON rel.oid = con.conrelid
           JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
          WHERE con.contype = 'c' AND con.connamespace = 'public'::regnamespace
            AND array_length(con.conkey, 1) = 1
          ORDER BY 1, 2",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(
        checks.len() > 60,
        "expected the spec's value lists as CHECKs, found {}",
        checks.len()
    );
    let mut conn = pool.acquire().await.unwrap();
    let mut not_rejected = Vec::new();
    for (table, name, column, ty, def) in &checks {
        let bad = match ty.as_str() {
            "text" => "'NOT_A_VALID_VALUE'",
            "text[]" => "ARRAY['NOT_A_VALID_VALUE']",
            "integer" | "bigint" | "smallint" if def.contains("<=") && !def.contains(">") => {
                "2147483647"
            }
            "integer" | "bigint" | "smallint" => "-1",
            t if t.starts_with("numeric") => "-1",
            "timestamp with time zone" | "date" => "'1900-01-01'",
            other => panic!("no bad value for {table}.{column} of type {other} ({def})"),
        };
        let scratch = format!("scratch_{table}");
        let setup = format!(
            "CREATE TEMP TABLE IF NOT EXISTS {scratch} (LIKE {table} INCLUDING CONSTRAINTS)"
        );
        sqlx::query(&setup).execute(&mut *conn).await.unwrap();
        let nullable: Vec<String> = sqlx::query_scalar(
            "SELECT attname::text FROM pg_attribute
              WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attnotnull",
        )
        .bind(&scratch)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        for col in nullable {
            sqlx::query(&format!(
                "ALTER TABLE {scratch} ALTER COLUMN {col} DROP NOT NULL"
            ))
            .execute(&mut *conn)
            .await
            .unwrap();
        }
        let insert = format!("INSERT INTO {scratch} ({column}) VALUES ({bad})");
        match sqlx::query(&insert).execute(&mut *conn).await {
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("23514") => {}
            other => not_rejected.push(format!(
                "{name} on {table}.{column} accepted {bad}: {other:?}"
            )),
        }
    }
    assert!(not_rejected.is_empty(), "{}", not_rejected.join("\n"));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn value_list_columns_accept_their_values_and_refuse_others(pool: PgPool) {
    let user: uuid::Uuid = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, account_type, status)
         VALUES ('x@example.in', 'h', 'COMPANY', 'SUSPENDED') RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let bad = sqlx::query("UPDATE users SET account_type = 'company' WHERE id = $1")
        .bind(user)
        .execute(&pool)
        .await
        .unwrap_err();
    assert_eq!(
        bad.as_database_error().and_then(|e| e.constraint()),
        Some("users_account_type_check")
    );
    let rating = sqlx::query(
        "INSERT INTO reviews (reviewer_user_id, entity_type, entity_id, rating, status)
         VALUES ($1, 'professional', gen_random_uuid(), 6, 'PENDING')",
    )
    .bind(user)
    .execute(&pool)
    .await
    .unwrap_err();
    assert_eq!(
        rating.as_database_error().and_then(|e| e.code()).as_deref(),
        Some("23514")
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_tracecoin_ledger_is_append_only(pool: PgPool) {
    let user: uuid::Uuid = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, account_type) VALUES ('w@example.in', 'h', 'INDIVIDUAL') RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let wallet: uuid::Uuid = sqlx::query_scalar(
        "INSERT INTO tracecoin_wallets (user_id, current_balance) VALUES ($1, 100) RETURNING id",
    )
    .bind(user)
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO tracecoin_ledger (wallet_id, transaction_type, amount, balance_after, reference_type)
         VALUES ($1, 'CREDIT', 100, 100, 'BONUS')",
    )
    .bind(wallet)
    .execute(&pool)
    .await
    .unwrap();
    for sql in [
        "UPDATE tracecoin_ledger SET amount = 1",
        "DELETE FROM tracecoin_ledger",
        "TRUNCATE tracecoin_ledger",
    ] {
        let err = sqlx::query(sql).execute(&pool).await.unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM tracecoin_ledger")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(n, 1);
    let negative = sqlx::query("UPDATE tracecoin_wallets SET current_balance = -1")
        .execute(&pool)
        .await
        .unwrap_err();
    assert!(negative
        .as_database_error()
        .is_some_and(|e| e.code().as_deref() == Some("23514")));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn reference_data_is_seeded(pool: PgPool) {
    let professional: Vec<String> = sqlx::query_scalar(
        "SELECT key FROM roles WHERE audience = 'EXTERNAL' AND key = lower(key) ORDER BY key",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut expected: Vec<&str> = crate::core::roles::PROFESSIONAL_ROLES
        .iter()
        .map(|r| r.key)
        .collect();
    expected.sort_unstable();
    assert_eq!(professional, expected);
    for key in [
        "COMPANY",
        "CUSTOMER",
        "CANDIDATE",
        "SUPER_ADMIN",
        "VERIFIER",
        "MODERATOR",
        "SUPPORT_AGENT",
        "FINANCE",
    ] {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM roles WHERE key = $1")
            .bind(key)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(n, 1, "role {key}");
    }
    let missing: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM permissions p WHERE NOT EXISTS (
            SELECT 1 FROM role_permissions rp JOIN roles r ON r.id = rp.role_id
             WHERE r.key = 'SUPER_ADMIN' AND rp.permission_key = p.key)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(missing, 0, "SUPER_ADMIN holds every permission");
    for t in [
        "email_verification",
        "password_reset",
        "password_changed",
        "login_locked",
    ] {
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM notification_templates WHERE template_key = $1 AND is_active",
        )
        .bind(t)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(n, 1, "template {t}");
    }
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn updated_at_is_maintained_by_trigger(pool: PgPool) {
    let (id, before): (uuid::Uuid, chrono::DateTime<chrono::Utc>) = sqlx::query_as(
        "INSERT INTO users (email, password_hash, account_type, updated_at)
         VALUES ('t@example.in', 'h', 'INDIVIDUAL', now() - interval '1 day') RETURNING id, updated_at",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let after: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("UPDATE users SET status = 'ACTIVE' WHERE id = $1 RETURNING updated_at")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(after > before);
}
