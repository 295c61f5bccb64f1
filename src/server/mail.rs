//! Email delivery. With an active `smtp_configs` row, messages go over SMTP (lettre);
//! without one they are written as `.eml` files to the outbox directory, so local runs
//! and tests never need a mail server. Every message is recorded in `email_logs`.
use super::config::{Config, SMTP_TIMEOUT};
use crate::core::AppError;
use lettre::{
    message::{header::ContentType, Mailbox},
    transport::smtp::{
        authentication::Credentials,
        client::{Tls, TlsParameters},
    },
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use sqlx::PgPool;
use uuid::Uuid;

const DEFAULT_FROM: &str = "Nxtgauge <no-reply@nxtgauge.local>";

/// A message rendered from a `notification_templates` row.
#[derive(Debug, Clone)]
pub struct TemplateEmail<'a> {
    pub template_key: &'a str,
    pub to: &'a str,
    pub user_id: Option<Uuid>,
    /// `{{name}}` placeholders and their values.
    pub vars: Vec<(&'a str, String)>,
    /// Placeholders whose values (one-time links) are kept out of `email_logs`.
    pub secret_vars: &'a [&'a str],
}

#[derive(sqlx::FromRow)]
struct SmtpRow {
    host: Option<String>,
    port: Option<i32>,
    username: Option<String>,
    encryption_mode: String,
    from_name: Option<String>,
    from_email: Option<String>,
}

pub fn render(template: &str, vars: &[(&str, String)]) -> String {
    vars.iter().fold(template.to_owned(), |acc, (k, v)| {
        acc.replace(&format!("{{{{{k}}}}}"), v)
    })
}

/// Renders, records and delivers one templated email. Delivery failures are recorded in
/// `email_logs` and logged; they do not fail the caller's request.
pub async fn send_template(
    pool: &PgPool,
    config: &Config,
    email: TemplateEmail<'_>,
) -> Result<Uuid, AppError> {
    let template: Option<(Uuid, String, String)> = sqlx::query_as(
        "SELECT id, title_template, body_template FROM notification_templates
          WHERE template_key = $1 AND channel = 'EMAIL' AND is_active",
    )
    .bind(email.template_key)
    .fetch_optional(pool)
    .await?;
    let Some((template_id, title, body)) = template else {
        tracing::error!(
            template = email.template_key,
            "email template missing or inactive"
        );
        return Err(AppError::internal());
    };
    let subject = render(&title, &email.vars);
    let body_text = render(&body, &email.vars);
    let redacted: Vec<(&str, String)> = email
        .vars
        .iter()
        .map(|(k, v)| {
            let shown = if email.secret_vars.contains(k) {
                "[one-time link withheld]".to_owned()
            } else {
                v.clone()
            };
            (*k, shown)
        })
        .collect();
    let snapshot = render(&body, &redacted);
    let log_id: Uuid = sqlx::query_scalar(
        "INSERT INTO email_logs (user_id, notification_template_id, to_email, subject, body_snapshot, status)
         VALUES ($1, $2, $3, $4, $5, 'PENDING') RETURNING id",
    )
    .bind(email.user_id)
    .bind(template_id)
    .bind(email.to)
    .bind(&subject)
    .bind(&snapshot)
    .fetch_one(pool)
    .await?;

    let outcome = deliver(pool, config, email.to, &subject, body_text).await;
    match outcome {
        Ok(reference) => {
            sqlx::query(
                "UPDATE email_logs SET status = 'SENT', sent_at = now(), provider_reference = $2
                  WHERE id = $1",
            )
            .bind(log_id)
            .bind(reference)
            .execute(pool)
            .await?;
        }
        Err(error) => {
            tracing::error!(%error, email_log = %log_id, "email delivery failed");
            sqlx::query(
                "UPDATE email_logs SET status = 'FAILED', error_message = $2 WHERE id = $1",
            )
            .bind(log_id)
            .bind(error)
            .execute(pool)
            .await?;
        }
    }
    Ok(log_id)
}

async fn deliver(
    pool: &PgPool,
    config: &Config,
    to: &str,
    subject: &str,
    body: String,
) -> Result<String, String> {
    let smtp: Option<SmtpRow> = sqlx::query_as(
        "SELECT host, port, username, encryption_mode, from_name, from_email FROM smtp_configs
          WHERE is_active ORDER BY is_default DESC, created_at LIMIT 1",
    )
    .fetch_optional(pool)
    .await
    .map_err(|e| format!("loading smtp config: {e}"))?;

    let from: Mailbox = match smtp.as_ref().and_then(|s| s.from_email.clone()) {
        Some(addr) => {
            let name = smtp.as_ref().and_then(|s| s.from_name.clone());
            format!("{} <{addr}>", name.unwrap_or_else(|| "Nxtgauge".into()))
                .parse()
                .map_err(|e| format!("invalid from address: {e}"))?
        }
        None => DEFAULT_FROM
            .parse()
            .map_err(|e| format!("invalid default from address: {e}"))?,
    };
    let to_box: Mailbox = to.parse().map_err(|e| format!("invalid recipient: {e}"))?;
    let message = Message::builder()
        .from(from)
        .to(to_box)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| format!("building message: {e}"))?;

    match smtp {
        Some(row) => send_smtp(row, config, message).await,
        None => {
            tokio::fs::create_dir_all(&config.outbox_dir)
                .await
                .map_err(|e| format!("creating outbox {}: {e}", config.outbox_dir.display()))?;
            AsyncFileTransport::<Tokio1Executor>::new(&config.outbox_dir)
                .send(message)
                .await
                .map(|id| format!("outbox:{id}"))
                .map_err(|e| format!("writing outbox: {e}"))
        }
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

async fn send_smtp(row: SmtpRow, config: &Config, message: Message) -> Result<String, String> {
    let host = row.host.ok_or("smtp_configs row has no host")?;
    let tls_params = TlsParameters::new(host.clone()).map_err(|e| format!("tls: {e}"))?;
    // SSL = TLS from the first byte (port 465); TLS = STARTTLS. A relay on this machine may
    // offer no TLS at all, so loopback falls back to plain text when STARTTLS is absent.
    let tls = match (row.encryption_mode.as_str(), is_loopback(&host)) {
        ("SSL", _) => Tls::Wrapper(tls_params),
        (_, true) => Tls::Opportunistic(tls_params),
        _ => Tls::Required(tls_params),
    };
    let default_port = if row.encryption_mode == "SSL" {
        465
    } else {
        587
    };
    let port = row
        .port
        .and_then(|p| u16::try_from(p).ok())
        .unwrap_or(default_port);
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&host)
        .port(port)
        .tls(tls)
        .timeout(Some(SMTP_TIMEOUT));
    if let (Some(user), Some(password)) = (row.username, config.smtp_password.clone()) {
        builder = builder.credentials(Credentials::new(user, password));
    }
    builder
        .build()
        .send(message)
        .await
        .map(|response| response.message().collect::<Vec<_>>().join(" "))
        .map_err(|e| format!("smtp: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders() {
        let out = render(
            "Hi {{name}}, open {{link}} ({{name}})",
            &[("name", "Asha".into()), ("link", "http://x/y".into())],
        );
        assert_eq!(out, "Hi Asha, open http://x/y (Asha)");
    }

    #[test]
    fn loopback_hosts_are_recognised() {
        assert!(is_loopback("localhost"));
        assert!(is_loopback("127.0.0.1"));
        assert!(is_loopback("::1"));
        assert!(!is_loopback("smtp.example.in"));
    }
}
