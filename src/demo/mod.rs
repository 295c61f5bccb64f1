//! The demo data generator behind `nxtgauge seed-demo` (`cli::seed_demo`): fills a
//! database with a realistic demo marketplace, from a hundred profiles for a local run to
//! a million for a benchmark, in minutes.
//!
//! Only built with the `demo` cargo feature. `cargo leptos` (local runs, the e2e, the
//! benchmark) and the test and clippy runs of `scripts/test.sh` enable it; a production
//! build with `--features ssr` alone has neither this module nor the `seed-demo` command:
//! a production binary carries no demo tooling to run against a real database by mistake.
//!
//! Rows are generated from a seeded PRNG (the same `--seed` gives the same data) and
//! streamed to PostgreSQL with `COPY`, batch by batch on a few connections, each batch in
//! one transaction. Then the first `--images` profiles get real pictures in storage, the
//! search index is rebuilt set-wise and the tables are analysed.
//!
//! Demo accounts are recognised by their e-mail domain, `@demo.nxtgauge.in`. The seeder
//! refuses a database with other accounts unless `--force` (it never touches them), and
//! refuses to add demo data twice: `--reset` deletes the existing demo data first.
mod content;
mod copy;
mod generate;
mod images;
#[cfg(test)]
mod tests;

use crate::core::roles::ROLE_SPECS;
use crate::domains::audit::service::{self as audit, Action, Entry, RequestMeta};
use crate::domains::identity::password;
use crate::domains::search::index;
use crate::server::storage::{self, Storage};
use generate::{Batch, Generator};
use sqlx::{PgConnection, PgPool};
use std::collections::{HashMap, HashSet};
use std::sync::{
    atomic::{AtomicU64, Ordering},
    Arc,
};
use std::time::{Duration, Instant};
use uuid::Uuid;

pub type SeedError = Box<dyn std::error::Error + Send + Sync>;

/// Every demo account's e-mail ends with `@` and this.
pub const DEMO_EMAIL_DOMAIN: &str = "demo.nxtgauge.in";
/// The password of every demo account (hashed once, shared by all of them).
pub const DEMO_PASSWORD: &str = "nxtgauge-demo";

/// A demo profile whose headline price and verification are fixed.
#[derive(Debug, Clone, Copy)]
pub struct Pinned {
    pub price_rupees: i64,
    pub verified: bool,
}

/// A fixed account with a known e-mail, for trying the app by hand.
#[derive(Debug, Clone, Copy)]
pub struct DemoAccount {
    pub email: &'static str,
    pub first: &'static str,
    pub last: &'static str,
    pub city: &'static str,
    /// Holds the CUSTOMER role.
    pub customer: bool,
    /// Professional profiles: role key, headline price and verification.
    pub roles: &'static [(&'static str, Pinned)],
    pub what: &'static str,
}

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "customer@demo.nxtgauge.in",
        first: "Ananya",
        last: "Iyer",
        city: "Mumbai",
        customer: true,
        roles: &[],
        what: "customer",
    },
    DemoAccount {
        email: "photographer@demo.nxtgauge.in",
        first: "Rohan",
        last: "Kulkarni",
        city: "Pune",
        customer: false,
        roles: &[(
            "photographer",
            Pinned {
                price_rupees: 15_000,
                verified: true,
            },
        )],
        what: "verified photographer in Pune, from ₹15,000",
    },
    DemoAccount {
        email: "tutor@demo.nxtgauge.in",
        first: "Meera",
        last: "Nair",
        city: "Bengaluru",
        customer: false,
        roles: &[(
            "tutor",
            Pinned {
                price_rupees: 800,
                verified: false,
            },
        )],
        what: "tutor in Bengaluru, ₹800 an hour",
    },
    DemoAccount {
        email: "creative@demo.nxtgauge.in",
        first: "Arjun",
        last: "Reddy",
        city: "Hyderabad",
        customer: false,
        roles: &[
            (
                "developer",
                Pinned {
                    price_rupees: 1_500,
                    verified: true,
                },
            ),
            (
                "graphic_designer",
                Pinned {
                    price_rupees: 5_000,
                    verified: false,
                },
            ),
        ],
        what: "developer and graphic designer in Hyderabad (two roles)",
    },
];

/// The fewest profiles a run may ask for (the demo accounts' own come first).
pub const MIN_PROFILES: u64 = 10;

#[derive(Debug, Clone)]
pub struct SeedOptions {
    /// Professional profiles in total, the demo accounts' included.
    pub profiles: u64,
    /// How many profiles (the first ones) get their own pictures.
    pub images: u64,
    pub seed: u64,
    /// Seed beside accounts that are not demo accounts.
    pub force: bool,
    /// Delete existing demo data first.
    pub reset: bool,
    /// Connections writing batches at once.
    pub jobs: usize,
    /// Profiles per batch (one transaction each).
    pub batch: u64,
}

impl SeedOptions {
    pub fn new(profiles: u64) -> Self {
        Self {
            profiles,
            images: 300,
            seed: 42,
            force: false,
            reset: false,
            jobs: 2,
            batch: 10_000,
        }
    }
}

/// What a run wrote and how long each phase took.
#[derive(Debug, Clone, Default)]
pub struct SeedReport {
    pub users: u64,
    pub profiles: u64,
    pub rows: u64,
    pub images: u64,
    pub listed: i64,
    pub phases: Vec<(&'static str, Duration)>,
}

impl SeedReport {
    pub fn total(&self) -> Duration {
        self.phases.iter().map(|(_, d)| *d).sum()
    }
}

/// Seeds the demo marketplace. The database must be migrated.
pub async fn seed_demo(
    pool: &PgPool,
    storage: &Storage,
    opts: &SeedOptions,
) -> Result<SeedReport, SeedError> {
    if opts.profiles < MIN_PROFILES {
        return Err(format!("--profiles must be at least {MIN_PROFILES}").into());
    }
    let mut report = SeedReport::default();

    let started = Instant::now();
    let removed = guard(pool, storage, opts).await?;
    let password_hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let role_ids: HashMap<String, Uuid> = sqlx::query_as::<_, (String, Uuid)>(
        "SELECT key, id FROM roles WHERE audience = 'EXTERNAL'",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .collect();
    let taken: HashSet<String> = sqlx::query_scalar("SELECT slug FROM user_role_profiles")
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect();
    if removed > 0 {
        println!("  removed {removed} demo accounts and everything they owned");
    }
    report.phases.push(("prepare", started.elapsed()));

    let started = Instant::now();
    let generator = Generator::new(
        opts.seed,
        chrono::Utc::now(),
        opts.profiles,
        opts.images,
        password_hash,
        role_ids,
        taken,
    )?;
    let image_jobs = write_rows(pool, generator, opts, &mut report).await?;
    // The named demo professionals give a phone number for contact views.
    for (n, account) in (10..).zip(DEMO_ACCOUNTS.iter().filter(|a| !a.roles.is_empty())) {
        sqlx::query(
            "UPDATE user_role_profiles SET phone = $2
              WHERE user_id = (SELECT id FROM users WHERE email = $1)",
        )
        .bind(account.email)
        .bind(format!("+9198765432{n}"))
        .execute(pool)
        .await?;
    }
    report
        .phases
        .push(("users and profiles (COPY)", started.elapsed()));

    // Fresh statistics first: without them the index statement's joins are planned
    // for empty tables (nested loops over a million rows).
    let started = Instant::now();
    let mut conn = pool.acquire().await?;
    let tables = copy::table_names();
    sqlx::query(&format!("ANALYZE {}", tables.join(", ")))
        .execute(&mut *conn)
        .await?;
    report.phases.push(("analyze", started.elapsed()));

    let started = Instant::now();
    let written = images::write_all(storage, &image_jobs, opts.seed, opts.jobs).await?;
    report.images = u64::try_from(written).unwrap_or(u64::MAX);
    report.phases.push(("portfolio images", started.elapsed()));

    let started = Instant::now();
    report.listed = rebuild_search_index(&mut conn).await?;
    sqlx::query("ANALYZE profile_search")
        .execute(&mut *conn)
        .await?;
    report.phases.push(("search index", started.elapsed()));

    audit::record(
        &mut conn,
        Entry::by_user(
            None,
            Action::Create,
            "demo_data",
            None,
            "profiles",
            format!(
                "demo marketplace seeded by the seed-demo command: {} profiles, seed {}",
                report.profiles, opts.seed
            ),
            &RequestMeta::default(),
        )
        .from_worker(),
    )
    .await?;
    Ok(report)
}

/// Fills `profile_search` with `index::rebuild_all`. When the index is empty (a fresh
/// database), its secondary indexes are dropped first and built again afterwards, in the
/// same transaction: one sort per index instead of a million GIN and B-tree insertions.
async fn rebuild_search_index(conn: &mut PgConnection) -> Result<i64, SeedError> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let empty: bool = sqlx::query_scalar("SELECT NOT EXISTS (SELECT 1 FROM profile_search)")
        .fetch_one(&mut *tx)
        .await?;
    let indexes: Vec<(String, String)> = if empty {
        sqlx::query_as(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
               FROM pg_index i
              WHERE i.indrelid = 'profile_search'::regclass
                AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
              ORDER BY 1",
        )
        .fetch_all(&mut *tx)
        .await?
    } else {
        Vec::new()
    };
    for (name, _) in &indexes {
        sqlx::query(&format!("DROP INDEX {name}"))
            .execute(&mut *tx)
            .await?;
    }
    let listed = index::rebuild_all(&mut tx).await?;
    sqlx::query("SET LOCAL maintenance_work_mem = '256MB'")
        .execute(&mut *tx)
        .await?;
    for (_, definition) in &indexes {
        sqlx::query(definition).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(listed)
}

/// Refuses databases the seeder must not touch; with `--reset`, removes the existing
/// demo data (and its pictures). Returns how many demo accounts were removed.
async fn guard(pool: &PgPool, storage: &Storage, opts: &SeedOptions) -> Result<i64, SeedError> {
    let pattern = format!("%@{DEMO_EMAIL_DOMAIN}");
    let (demo, other): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE email LIKE $1), count(*) FILTER (WHERE email NOT LIKE $1)
           FROM users",
    )
    .bind(&pattern)
    .fetch_one(pool)
    .await?;
    if other > 0 && !opts.force {
        return Err(format!(
            "this database has {other} accounts that are not demo accounts; seed-demo will not \
             add demo data beside real data unless you pass --force (it never changes them)"
        )
        .into());
    }
    if demo == 0 {
        return Ok(0);
    }
    if !opts.reset {
        return Err(format!(
            "this database already has demo data ({demo} demo accounts); pass --reset to delete \
             it and seed again"
        )
        .into());
    }
    let files = delete_demo_data(pool, &pattern).await?;
    for url in files {
        let keys: Vec<String> = [
            storage::key_from_public_url(&url),
            storage::key_from_public_url(&crate::core::media::thumb_url(&url)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        storage.delete_quietly(&refs).await;
    }
    Ok(demo)
}

/// Deletes every demo account with what it owns, set-wise (a cascade from a million
/// users would delete row by row), in one transaction. Returns the URLs of the
/// profiles' own pictures (not the shared pool), to delete from storage afterwards.
async fn delete_demo_data(pool: &PgPool, pattern: &str) -> Result<Vec<String>, SeedError> {
    let mut tx = pool.begin().await?;
    let conn: &mut PgConnection = &mut tx;
    sqlx::query(
        "CREATE TEMP TABLE seed_demo_users ON COMMIT DROP AS
         SELECT id FROM users WHERE email LIKE $1",
    )
    .bind(pattern)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "CREATE TEMP TABLE seed_demo_profiles ON COMMIT DROP AS
         SELECT id FROM user_role_profiles WHERE user_id IN (SELECT id FROM seed_demo_users)",
    )
    .execute(&mut *conn)
    .await?;
    let shared = format!("{}portfolio/shared/%", crate::core::media::MEDIA_PREFIX);
    let files: Vec<String> = sqlx::query_scalar(
        "SELECT im.file_url FROM portfolio_images im
           JOIN portfolio_items it ON it.id = im.portfolio_item_id
          WHERE it.user_role_profile_id IN (SELECT id FROM seed_demo_profiles)
            AND im.file_url NOT LIKE $1",
    )
    .bind(&shared)
    .fetch_all(&mut *conn)
    .await?;
    let mut statements = vec![
        "DELETE FROM profile_search WHERE profile_id IN (SELECT id FROM seed_demo_profiles)"
            .to_owned(),
        "DELETE FROM portfolio_images WHERE portfolio_item_id IN (SELECT id FROM portfolio_items
          WHERE user_role_profile_id IN (SELECT id FROM seed_demo_profiles))"
            .to_owned(),
    ];
    for table in ["portfolio_items", "services"]
        .into_iter()
        .chain(ROLE_SPECS.iter().map(|s| s.table))
    {
        statements.push(format!(
            "DELETE FROM {table} WHERE user_role_profile_id IN (SELECT id FROM seed_demo_profiles)"
        ));
    }
    statements.extend(
        [
            // What demo accounts did while someone tried the app: their own trail.
            "DELETE FROM audit_logs WHERE actor_user_id IN (SELECT id FROM seed_demo_users)",
            "DELETE FROM approval_requests WHERE submitted_by_user_id IN (SELECT id FROM seed_demo_users)",
            "DELETE FROM user_role_profiles WHERE id IN (SELECT id FROM seed_demo_profiles)",
            "DELETE FROM user_roles WHERE user_id IN (SELECT id FROM seed_demo_users)",
            "DELETE FROM user_settings WHERE user_id IN (SELECT id FROM seed_demo_users)",
            "DELETE FROM users WHERE id IN (SELECT id FROM seed_demo_users)",
        ]
        .map(str::to_owned),
    );
    for sql in statements {
        if let Err(e) = sqlx::query(&sql).execute(&mut *conn).await {
            if let sqlx::Error::Database(db) = &e {
                if let Some(constraint) = db.constraint() {
                    return Err(format!(
                        "cannot delete the demo data: demo accounts have other activity \
                         ({constraint}); seed a fresh database instead"
                    )
                    .into());
                }
            }
            return Err(e.into());
        }
    }
    tx.commit().await?;
    Ok(files)
}

/// Streams the generator's batches to `opts.jobs` connections. Returns the pictures to
/// render.
async fn write_rows(
    pool: &PgPool,
    mut generator: Generator,
    opts: &SeedOptions,
    report: &mut SeedReport,
) -> Result<Vec<generate::ImageJob>, SeedError> {
    let jobs = opts.jobs.max(1);
    let batch_size = opts.batch.max(1);
    let (tx, rx) = tokio::sync::mpsc::channel::<Batch>(jobs);
    let producer = tokio::task::spawn_blocking(move || {
        while let Some(batch) = generator.next_batch(batch_size) {
            if tx.blocking_send(batch).is_err() {
                break;
            }
        }
        generator.finish()
    });

    let rx = Arc::new(tokio::sync::Mutex::new(rx));
    let statements = Arc::new(copy::statements());
    let progress = Arc::new(Progress::new(opts.profiles));
    let mut workers = Vec::with_capacity(jobs);
    for _ in 0..jobs {
        let (pool, rx, statements, progress) = (
            pool.clone(),
            rx.clone(),
            statements.clone(),
            progress.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut conn = pool.acquire().await?;
            let mut totals = (0u64, 0u64, 0u64);
            loop {
                let next = rx.lock().await.recv().await;
                let Some(batch) = next else { break };
                let counts = (batch.users, batch.profiles, batch.rows);
                if let Err(e) = write_batch(&mut conn, &statements, batch).await {
                    // Stop the producer and the other workers.
                    rx.lock().await.close();
                    return Err(e);
                }
                totals = (
                    totals.0 + counts.0,
                    totals.1 + counts.1,
                    totals.2 + counts.2,
                );
                progress.add(counts.1);
            }
            Ok::<_, SeedError>(totals)
        }));
    }
    let mut first_error: Option<SeedError> = None;
    for worker in workers {
        match worker.await {
            Ok(Ok((users, profiles, rows))) => {
                report.users += users;
                report.profiles += profiles;
                report.rows += rows;
            }
            Ok(Err(e)) => {
                first_error.get_or_insert(e);
            }
            Err(e) => {
                first_error.get_or_insert(e.into());
            }
        }
    }
    let produced = producer.await?;
    match first_error {
        Some(e) => Err(e),
        None => Ok(produced.image_jobs),
    }
}

/// One batch: every table's rows by COPY, in one transaction.
async fn write_batch(
    conn: &mut PgConnection,
    statements: &[String],
    batch: Batch,
) -> Result<(), SeedError> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    sqlx::query("SET LOCAL synchronous_commit = off")
        .execute(&mut *tx)
        .await?;
    for (sql, data) in statements.iter().zip(batch.data) {
        if data.is_empty() {
            continue;
        }
        let mut copy = tx.copy_in_raw(sql).await?;
        copy.send(data).await?;
        copy.finish().await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Prints a line each time another tenth of the profiles is written.
struct Progress {
    total: u64,
    done: AtomicU64,
    started: Instant,
}

impl Progress {
    fn new(total: u64) -> Self {
        Self {
            total,
            done: AtomicU64::new(0),
            started: Instant::now(),
        }
    }

    fn add(&self, profiles: u64) {
        let before = self.done.fetch_add(profiles, Ordering::Relaxed);
        let after = before + profiles;
        let total = self.total.max(1);
        if after * 10 / total > before * 10 / total {
            println!(
                "  {after:>9} / {} profiles written ({:.1} s)",
                self.total,
                self.started.elapsed().as_secs_f64()
            );
        }
    }
}
