//! `nxtgauge create-staff --email EMAIL --name NAME --role ROLE`.
use crate::domains::staff::service::{create_staff, StaffOutcome};
use std::io::BufRead;

/// Create a staff account (or give an existing account a staff role).
///
/// The password comes from NXG_STAFF_PASSWORD or, when that is unset or empty, the first
/// line of stdin.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The account's e-mail address
    #[arg(long, value_name = "EMAIL")]
    pub email: String,
    /// The staff member's full name
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// One of SUPER_ADMIN, ADMIN, VERIFIER, MODERATOR, SUPPORT_AGENT, FINANCE
    // Checked by `create_staff`, which owns the list, not by clap.
    #[arg(long, value_name = "ROLE")]
    pub role: String,
}

pub async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let Args { email, name, role } = args;
    let password = match std::env::var("NXG_STAFF_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            eprintln!("password for {email} (one line on stdin):");
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let pool = super::connect().await?;
    crate::server::db::migrate(&pool).await?;
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
