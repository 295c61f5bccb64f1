//! `nxtgauge grant-package --email EMAIL --package NAME`: credits without an order
//! (audited as the system).
use crate::domains::audit::service::RequestMeta;

/// Give an account a package's credits without an order.
///
/// For example `--package "Job Post Pack"` (5 job postings for 90 days). Audited as the
/// system.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The account's e-mail address
    #[arg(long, value_name = "EMAIL")]
    pub email: String,
    /// The package's name, e.g. "Single Job Post"
    #[arg(long, value_name = "NAME")]
    pub package: String,
}

pub async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let Args { email, package } = args;
    let pool = super::connect().await?;
    let (_, credits) = crate::domains::billing::credits::grant_named(
        &pool,
        None,
        &email,
        &package,
        &RequestMeta::default(),
    )
    .await
    .map_err(|e| {
        e.field_message("email")
            .or(e.field_message("package"))
            .unwrap_or(e.message)
    })?;
    println!("{email}: {credits} credits of \"{package}\" granted");
    Ok(())
}
