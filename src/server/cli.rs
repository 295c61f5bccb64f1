//! Operator commands of the `nxtgauge` binary (besides serving, the default).
use crate::domains::staff::service::{create_staff, StaffOutcome};
use std::io::BufRead;

pub const USAGE: &str = "usage:
  nxtgauge                      serve the app (configuration from the environment, see .env.example)
  nxtgauge create-staff --email EMAIL --name NAME --role ROLE
                                create a staff account (or give an existing account a staff role);
                                the password comes from NXG_STAFF_PASSWORD or the first line of stdin;
                                ROLE is one of SUPER_ADMIN, ADMIN, VERIFIER, MODERATOR, SUPPORT_AGENT, FINANCE
  nxtgauge seed-demo --profiles N [--images 300] [--seed 42] [--jobs 2] [--reset] [--force]
                                fill the database with a demo marketplace of N professional
                                profiles (COPY, minutes for a million); pictures for the first
                                --images profiles; --reset deletes earlier demo data first;
                                --force allows a database that has non-demo accounts
  nxtgauge config GROUP.KEY [JSON]
                                show, or set, a runtime setting (runtime_configs), e.g.
                                `nxtgauge config leads.unopened_refund_hours 24`
  nxtgauge sweep-leads          ask the job workers to expire leads, refund unopened
                                responses and close jobs past their time now (they also do
                                it every minute)
  nxtgauge grant-package --email EMAIL --package NAME
                                give an account a package's credits without an order, e.g.
                                `--package \"Job Post Pack\"` (5 job postings for 90 days)";

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

pub async fn create_staff_command(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let (Some(email), Some(name), Some(role)) = (
        flag(args, "--email"),
        flag(args, "--name"),
        flag(args, "--role"),
    ) else {
        return Err(USAGE.into());
    };
    let password = match std::env::var("NXG_STAFF_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            eprintln!("password for {email} (one line on stdin):");
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let url = std::env::var("DATABASE_URL")
        .map_err(|_| "DATABASE_URL is not set (try: eval \"$(scripts/pg.sh start)\")")?;
    let pool = super::db::connect(&url, 2).await?;
    super::db::migrate(&pool).await?;
    match create_staff(&pool, &email, &name, &role, &password).await {
        Ok(StaffOutcome::Created { employee_code, .. }) => {
            println!("created staff account {email} ({role}), employee {employee_code}");
            Ok(())
        }
        Ok(StaffOutcome::RoleAdded { .. }) => {
            println!("{email} now also holds {role}");
            Ok(())
        }
        Ok(StaffOutcome::AlreadyHadRole { .. }) => {
            println!("{email} already holds {role}; nothing changed");
            Ok(())
        }
        Err(e) => {
            let details: Vec<String> = e
                .fields
                .iter()
                .map(|(f, m)| format!("  {f}: {m}"))
                .collect();
            if details.is_empty() {
                Err(format!("could not create the staff account: {}", e.message).into())
            } else {
                Err(format!(
                    "could not create the staff account:\n{}",
                    details.join("\n")
                )
                .into())
            }
        }
    }
}

/// `nxtgauge config GROUP.KEY [JSON]`: prints a runtime setting, or sets it (audited as
/// a system change). Only existing settings can be changed, and a number stays a number.
pub async fn config_command(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let Some((group, key)) = args.get(1).and_then(|k| k.split_once('.')) else {
        return Err(USAGE.into());
    };
    let url = std::env::var("DATABASE_URL").map_err(|_| "DATABASE_URL is not set")?;
    let pool = super::db::connect(&url, 2).await?;
    let current: Option<serde_json::Value> = sqlx::query_scalar(
        "SELECT config_value_json FROM runtime_configs WHERE config_group = $1 AND config_key = $2",
    )
    .bind(group)
    .bind(key)
    .fetch_optional(&pool)
    .await?;
    let Some(current) = current else {
        return Err(format!("there is no setting {group}.{key}").into());
    };
    let Some(raw) = args.get(2) else {
        println!("{current}");
        return Ok(());
    };
    let value: serde_json::Value =
        serde_json::from_str(raw).map_err(|e| format!("{raw:?} is not JSON: {e}"))?;
    let same_kind = matches!(
        (&current, &value),
        (serde_json::Value::Number(_), serde_json::Value::Number(_))
            | (serde_json::Value::Object(_), serde_json::Value::Object(_))
            | (serde_json::Value::Bool(_), serde_json::Value::Bool(_))
            | (serde_json::Value::String(_), serde_json::Value::String(_))
    );
    if !same_kind {
        return Err(format!("{group}.{key} is {current}; give a value of the same kind").into());
    }
    let mut tx = pool.begin().await?;
    let id: uuid::Uuid = sqlx::query_scalar(
        "UPDATE runtime_configs SET config_value_json = $3
          WHERE config_group = $1 AND config_key = $2 RETURNING id",
    )
    .bind(group)
    .bind(key)
    .bind(&value)
    .fetch_one(&mut *tx)
    .await?;
    let meta = crate::domains::audit::service::RequestMeta::default();
    crate::domains::audit::service::record(
        &mut tx,
        crate::domains::audit::service::Entry::by_user(
            None,
            crate::domains::audit::service::Action::Update,
            "runtime_config",
            Some(id),
            "config",
            format!("{group}.{key} set from the command line"),
            &meta,
        )
        .from_worker()
        .change(crate::domains::audit::service::Change::new(
            "config_value_json",
            Some(current.to_string()),
            Some(value.to_string()),
        )),
    )
    .await?;
    tx.commit().await?;
    println!("{group}.{key} = {value}");
    Ok(())
}

/// `nxtgauge sweep-leads`: enqueues a sweep for the running workers.
pub async fn sweep_leads_command() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("DATABASE_URL").map_err(|_| "DATABASE_URL is not set")?;
    let pool = super::db::connect(&url, 2).await?;
    super::queue::migrate(&pool).await?;
    let config = super::config::Config::from_env(([127, 0, 0, 1], 3000).into())?;
    let queue = super::queue::Queue::build(pool, std::sync::Arc::new(config)).await?;
    queue.sweep_now().await?;
    println!("sweep enqueued");
    Ok(())
}

/// `nxtgauge grant-package --email EMAIL --package NAME`: credits without an order
/// (audited as the system).
pub async fn grant_package_command(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let (Some(email), Some(package)) = (flag(args, "--email"), flag(args, "--package")) else {
        return Err(USAGE.into());
    };
    let url = std::env::var("DATABASE_URL").map_err(|_| "DATABASE_URL is not set")?;
    let pool = super::db::connect(&url, 2).await?;
    let meta = crate::domains::audit::service::RequestMeta::default();
    let (_, credits) =
        crate::domains::jobs::service::grant_package(&pool, None, &email, &package, &meta)
            .await
            .map_err(|e| {
                e.field_message("email")
                    .or(e.field_message("package"))
                    .unwrap_or(e.message)
            })?;
    println!("{email}: {credits} credits of \"{package}\" granted");
    Ok(())
}
