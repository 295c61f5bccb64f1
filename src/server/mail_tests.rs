//! Email delivery through both transports: the outbox directory, and real SMTP spoken to
//! a minimal SMTP server that records what it receives.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::{
    config::Config,
    mail::{send_template, TemplateEmail},
};
use sqlx::PgPool;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("nxg-mail-{tag}-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn email<'a>(to: &'a str) -> TemplateEmail<'a> {
    TemplateEmail {
        template_key: "password_reset",
        to,
        user_id: None,
        vars: vec![
            ("name", "Asha".into()),
            (
                "link",
                "http://127.0.0.1:3000/reset-password?token=SECRET123".into(),
            ),
            ("minutes", "60".into()),
        ],
        secret_vars: &["link"],
    }
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn without_smtp_mail_goes_to_the_outbox_and_the_log_hides_the_link(pool: PgPool) {
    let dir = temp_dir("outbox");
    let config = Config::for_tests("unused", dir.clone());
    let log_id = send_template(&pool, &config, email("asha@example.in"))
        .await
        .unwrap();
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len(), 1);
    let eml = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(eml.contains("To: asha@example.in"));
    assert!(eml.contains("SECRET123"), "the recipient gets the link");
    let (status, snapshot, reference): (String, String, String) = sqlx::query_as(
        "SELECT status, body_snapshot, provider_reference FROM email_logs WHERE id = $1",
    )
    .bind(log_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(status, "SENT");
    assert!(reference.starts_with("outbox:"));
    assert!(snapshot.contains("Asha") && !snapshot.contains("SECRET123"));
    std::fs::remove_dir_all(dir).ok();
}

/// Accepts one SMTP session and returns the lines it received.
async fn smtp_sink(listener: TcpListener) -> Vec<String> {
    let (stream, _) = listener.accept().await.unwrap();
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let mut seen = Vec::new();
    write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
    let mut in_data = false;
    while let Some(line) = lines.next_line().await.unwrap() {
        seen.push(line.clone());
        if in_data {
            if line == "." {
                in_data = false;
                write
                    .write_all(b"250 2.0.0 queued as TEST42\r\n")
                    .await
                    .unwrap();
            }
            continue;
        }
        let verb = line
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250-sink\r\n250 8BITMIME\r\n",
            "DATA" => {
                in_data = true;
                b"354 go ahead\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await.unwrap();
                break;
            }
            _ => b"250 ok\r\n",
        };
        write.write_all(reply).await.unwrap();
    }
    seen
}

/// Makes a STARTTLS relay on this machine's `port` the active SMTP configuration.
async fn use_smtp_relay(pool: &PgPool, port: u16) {
    sqlx::query(
        "INSERT INTO smtp_configs (provider_name, host, port, encryption_mode, from_name, from_email, is_default, is_active)
         VALUES ('local relay', '127.0.0.1', $1, 'TLS', 'Nxtgauge', 'hello@nxtgauge.in', true, true)",
    )
    .bind(i32::from(port))
    .execute(pool)
    .await
    .unwrap();
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn with_an_active_smtp_config_mail_is_sent_over_smtp(pool: PgPool) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(smtp_sink(listener));
    use_smtp_relay(&pool, port).await;
    let dir = temp_dir("smtp");
    let config = Config::for_tests("unused", dir.clone());
    let log_id = send_template(&pool, &config, email("ravi@example.in"))
        .await
        .unwrap();
    let seen = server.await.unwrap().join("\n");
    assert!(seen.contains("MAIL FROM:<hello@nxtgauge.in>"), "{seen}");
    assert!(seen.contains("RCPT TO:<ravi@example.in>"));
    assert!(seen.contains("SECRET123"));
    let (status, reference): (String, String) =
        sqlx::query_as("SELECT status, provider_reference FROM email_logs WHERE id = $1")
            .bind(log_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(status, "SENT");
    assert!(reference.contains("TEST42"));
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "nothing in the outbox"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn an_unreachable_smtp_server_is_logged_as_failed(pool: PgPool) {
    // Bind then drop a listener so the port is very likely closed.
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    use_smtp_relay(&pool, port).await;
    let config = Config::for_tests("unused", temp_dir("down"));
    let log_id = send_template(&pool, &config, email("ravi@example.in"))
        .await
        .unwrap();
    let (status, error): (String, Option<String>) =
        sqlx::query_as("SELECT status, error_message FROM email_logs WHERE id = $1")
            .bind(log_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(status, "FAILED");
    assert!(error.unwrap_or_default().starts_with("smtp:"));
}
