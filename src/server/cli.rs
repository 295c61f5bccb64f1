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
                                --force allows a database that has non-demo accounts";

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
