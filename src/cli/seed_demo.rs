//! `nxtgauge seed-demo --profiles N [--images 300] [--seed 42] [--jobs 2] [--batch 10000]
//! [--reset] [--force]`: the demo generator (`crate::demo`) from the command line. Only in
//! builds with the `demo` feature.
use crate::demo::{seed_demo, SeedOptions, DEMO_ACCOUNTS, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD};
use crate::server::storage::Storage;

/// Fill the database with a demo marketplace of N professional profiles.
///
/// Rows go in with COPY (minutes for a million); the first --images profiles get
/// pictures. Refuses a database that already has demo data (--reset deletes it first) or
/// accounts that are not demo accounts (unless --force; it never changes them). Numbers
/// may be written 1_000_000 or 1,000,000.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Professional profiles in total, the demo accounts' included (at least 10)
    #[arg(long, value_name = "N", value_parser = whole_number::<u64>)]
    pub profiles: u64,
    /// How many profiles (the first ones) get their own pictures
    #[arg(long, value_name = "N", value_parser = whole_number::<u64>, default_value_t = defaults().images)]
    pub images: u64,
    /// Seed of the generator: the same seed gives the same data
    #[arg(long, value_name = "N", value_parser = whole_number::<u64>, default_value_t = defaults().seed)]
    pub seed: u64,
    /// Connections writing batches at once (1 to 16)
    #[arg(long, value_name = "N", value_parser = whole_number::<usize>, default_value_t = defaults().jobs)]
    pub jobs: usize,
    /// Profiles per batch, one transaction each (at least 100)
    #[arg(long, value_name = "N", value_parser = whole_number::<u64>, default_value_t = defaults().batch)]
    pub batch: u64,
    /// Delete the existing demo data (and its pictures) first
    #[arg(long)]
    pub reset: bool,
    /// Seed beside accounts that are not demo accounts
    #[arg(long)]
    pub force: bool,
}

/// The generator's own defaults, so that the flags' cannot drift from them.
fn defaults() -> SeedOptions {
    SeedOptions::new(crate::demo::MIN_PROFILES)
}

/// A whole number; `_` and `,` may group its digits (1_000_000, 1,000,000).
pub fn whole_number<T: std::str::FromStr>(raw: &str) -> Result<T, String> {
    let cleaned: String = raw.chars().filter(|c| *c != '_' && *c != ',').collect();
    cleaned
        .parse()
        .map_err(|_| format!("needs a whole number, not {raw:?}"))
}

impl Args {
    /// The generator's options; `--jobs` and `--batch` are brought into their ranges
    /// rather than refused.
    pub fn options(&self) -> SeedOptions {
        let mut opts = SeedOptions::new(self.profiles);
        opts.images = self.images;
        opts.seed = self.seed;
        opts.jobs = self.jobs.clamp(1, 16);
        opts.batch = self.batch.max(100);
        opts.reset = self.reset;
        opts.force = self.force;
        opts
    }
}

pub async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let opts = args.options();
    let config = super::server_config()?;
    let storage = Storage::local(&config.storage_dir)?;
    let pool = crate::server::db::connect(
        &config.database_url,
        u32::try_from(opts.jobs + 1).unwrap_or(3),
    )
    .await?;
    crate::server::db::migrate(&pool).await?;
    println!(
        "seed-demo: {} profiles, seed {}, pictures for the first {} profiles, storage {}",
        opts.profiles,
        opts.seed,
        opts.images,
        config.storage_dir.display()
    );
    let report = seed_demo(&pool, &storage, &opts)
        .await
        .map_err(|e| -> Box<dyn std::error::Error> { e })?;
    println!();
    println!("{:<28} {:>10}", "phase", "seconds");
    for (name, d) in &report.phases {
        println!("{name:<28} {:>10.1}", d.as_secs_f64());
    }
    println!("{:<28} {:>10.1}", "total", report.total().as_secs_f64());
    println!();
    println!(
        "{} users, {} profiles ({} listed in search), {} rows, {} pictures",
        report.users, report.profiles, report.listed, report.rows, report.images
    );
    println!();
    println!("demo accounts (password: {DEMO_PASSWORD}):");
    for a in DEMO_ACCOUNTS {
        println!("  {:<32} {}", a.email, a.what);
    }
    println!(
        "  and every generated account, firstname.lastname.N@{DEMO_EMAIL_DOMAIN}, with the same password"
    );
    Ok(())
}
