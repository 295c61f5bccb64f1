//! `nxtgauge config GROUP.KEY [JSON]`: prints a runtime setting, or sets it (audited as a
//! system change). Only existing settings can be changed, and a number stays a number.
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};

/// Show, or set, a runtime setting (runtime_configs).
///
/// For example `nxtgauge config leads.unopened_refund_hours 24`. Only an existing setting
/// can be set, to a value of the same kind (a number stays a number).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The setting, e.g. leads.unopened_refund_hours
    #[arg(value_name = "GROUP.KEY", value_parser = setting)]
    pub setting: Setting,
    /// The new value as JSON (24, true, "text", {...}); without it, shows the current one
    // Negative numbers are values, not flags.
    #[arg(value_name = "JSON", allow_negative_numbers = true)]
    pub value: Option<String>,
}

/// A runtime setting's name: `config_group` and `config_key` of `runtime_configs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub group: String,
    pub key: String,
}

/// `GROUP.KEY`, split at the first dot.
pub fn setting(raw: &str) -> Result<Setting, String> {
    raw.split_once('.')
        .map(|(group, key)| Setting {
            group: group.to_owned(),
            key: key.to_owned(),
        })
        .ok_or_else(|| "expected GROUP.KEY, e.g. leads.unopened_refund_hours".to_owned())
}

pub async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let Setting { group, key } = args.setting;
    let pool = super::connect().await?;
    let current: Option<serde_json::Value> = sqlx::query_scalar(
        "SELECT config_value_json FROM runtime_configs WHERE config_group = $1 AND config_key = $2",
    )
    .bind(&group)
    .bind(&key)
    .fetch_optional(&pool)
    .await?;
    let Some(current) = current else {
        return Err(format!("there is no setting {group}.{key}").into());
    };
    let Some(raw) = args.value else {
        println!("{current}");
        return Ok(());
    };
    let value: serde_json::Value =
        serde_json::from_str(&raw).map_err(|e| format!("{raw:?} is not JSON: {e}"))?;
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
    .bind(&group)
    .bind(&key)
    .bind(&value)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            None,
            Action::Update,
            "runtime_config",
            Some(id),
            "config",
            format!("{group}.{key} set from the command line"),
            &RequestMeta::default(),
        )
        .from_worker()
        .change(Change::new(
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
