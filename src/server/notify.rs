//! Telling a user that something happened to them: an in-app row in `notifications`,
//! written in the caller's transaction, and an e-mail rendered from a
//! `notification_templates` row, sent only after that transaction commits (so a
//! rolled-back change never e-mails anyone).
//!
//! ```text
//! let mut tx = pool.begin().await?;
//! …the change…
//! let outgoing = notify::record(&mut tx, Notice { … }).await?;
//! tx.commit().await?;
//! outgoing.send(&pool, &config).await;
//! ```
use super::{
    config::Config,
    mail::{send_template, TemplateEmail},
};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// One thing to tell one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub user_id: Uuid,
    /// The e-mail template (`notification_templates.template_key`, channel EMAIL).
    pub template_key: &'static str,
    /// The in-app notification's title and text.
    pub title: String,
    pub body: String,
    /// What the notification is about (`notifications.related_entity_*`).
    pub entity_type: &'static str,
    pub entity_id: Uuid,
    /// Site path the e-mail links to (`{{link}}`, made absolute with the public URL).
    pub link_path: Option<String>,
    /// Further `{{placeholders}}` of the template; `{{name}}` and `{{link}}` are added.
    pub vars: Vec<(&'static str, String)>,
}

/// The e-mail half of a recorded notice, to send once the transaction has committed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "the e-mail is only sent by `send`"]
pub struct Outgoing {
    pub notification_id: Uuid,
    notice: Notice,
}

/// Writes the IN_APP notification (status SENT: the inbox is its delivery) on the
/// caller's connection and returns the e-mail to send after commit.
pub async fn record(conn: &mut PgConnection, notice: Notice) -> Result<Outgoing, sqlx::Error> {
    let notification_id: Uuid = sqlx::query_scalar(
        "INSERT INTO notifications (user_id, channel, title, body, status, related_entity_type,
                                    related_entity_id, sent_at)
         VALUES ($1, 'IN_APP', $2, $3, 'SENT', $4, $5, now()) RETURNING id",
    )
    .bind(notice.user_id)
    .bind(&notice.title)
    .bind(&notice.body)
    .bind(notice.entity_type)
    .bind(notice.entity_id)
    .fetch_one(conn)
    .await?;
    Ok(Outgoing {
        notification_id,
        notice,
    })
}

impl Outgoing {
    /// Sends the e-mail unless the user turned e-mail notifications off in their
    /// settings. Failures are logged (and recorded in `email_logs` by the mailer); they
    /// never fail the request whose change already committed. Returns the `email_logs`
    /// id when a message was attempted.
    pub async fn send(self, pool: &PgPool, config: &Config) -> Option<Uuid> {
        let notice = self.notice;
        let recipient: Result<Option<(String, Option<String>, bool)>, sqlx::Error> =
            sqlx::query_as(
                "SELECT u.email, s.settings_json->>'display_name',
                        COALESCE((s.settings_json->>'email_notifications')::boolean, true)
                   FROM users u LEFT JOIN user_settings s ON s.user_id = u.id
                  WHERE u.id = $1",
            )
            .bind(notice.user_id)
            .fetch_optional(pool)
            .await;
        let (to, name, wants_email) = match recipient {
            Ok(Some(r)) => r,
            Ok(None) => return None,
            Err(error) => {
                tracing::error!(%error, template = notice.template_key, "could not load the recipient");
                return None;
            }
        };
        if !wants_email {
            return None;
        }
        let mut vars: Vec<(&str, String)> = vec![("name", name.unwrap_or_else(|| to.clone()))];
        if let Some(path) = &notice.link_path {
            vars.push(("link", format!("{}{path}", config.public_url)));
        }
        vars.extend(notice.vars.iter().map(|(k, v)| (*k, v.clone())));
        let sent = send_template(
            pool,
            config,
            TemplateEmail {
                template_key: notice.template_key,
                to: &to,
                user_id: Some(notice.user_id),
                vars,
                secret_vars: &[],
            },
        )
        .await;
        match sent {
            Ok(id) => Some(id),
            Err(error) => {
                tracing::error!(%error, template = notice.template_key, "could not send email");
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;

    async fn user(pool: &PgPool, email: &str, emails_on: bool) -> Uuid {
        let id: Uuid = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, account_type, status)
             VALUES ($1, 'h', 'INDIVIDUAL', 'ACTIVE') RETURNING id",
        )
        .bind(email)
        .fetch_one(pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO user_settings (user_id, settings_json)
             VALUES ($1, jsonb_build_object('display_name', 'Asha Rao', 'email_notifications', $2::boolean))",
        )
        .bind(id)
        .bind(emails_on)
        .execute(pool)
        .await
        .unwrap();
        id
    }

    fn notice(user_id: Uuid) -> Notice {
        Notice {
            user_id,
            template_key: "profile_approved",
            title: "Your Photographer profile is approved".into(),
            body: "Customers can now find you.".into(),
            entity_type: "profile",
            entity_id: Uuid::new_v4(),
            link_path: Some("/pro/photographer".into()),
            vars: vec![("role", "Photographer".into()), ("remarks", String::new())],
        }
    }

    fn config() -> Config {
        let dir = std::env::temp_dir().join(format!("nxg-notify-{}", Uuid::new_v4()));
        Config::for_tests("unused", dir)
    }

    #[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
    async fn records_in_app_then_mails_after_commit(pool: PgPool) {
        let id = user(&pool, "asha@example.in", true).await;
        let n = notice(id);
        let mut tx = pool.begin().await.unwrap();
        let out = record(&mut tx, n.clone()).await.unwrap();
        tx.commit().await.unwrap();
        let row: (String, String, String, String, Uuid) = sqlx::query_as(
            "SELECT channel, status, title, related_entity_type, related_entity_id
               FROM notifications WHERE id = $1",
        )
        .bind(out.notification_id)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(
            row,
            (
                "IN_APP".into(),
                "SENT".into(),
                n.title.clone(),
                "profile".into(),
                n.entity_id
            )
        );
        let config = config();
        let log = out.send(&pool, &config).await.unwrap();
        let (to, subject, body): (String, String, String) =
            sqlx::query_as("SELECT to_email, subject, body_snapshot FROM email_logs WHERE id = $1")
                .bind(log)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(to, "asha@example.in");
        assert_eq!(subject, "Your Photographer profile is approved");
        assert!(body.contains("Hi Asha Rao"), "{body}");
        assert!(body.contains("http://127.0.0.1:3000/pro/photographer"));
        assert!(!body.contains("{{"), "every placeholder is filled: {body}");
        std::fs::remove_dir_all(&config.outbox_dir).ok();
    }

    #[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
    async fn users_who_turned_emails_off_only_get_the_in_app_notice(pool: PgPool) {
        let id = user(&pool, "quiet@example.in", false).await;
        let mut tx = pool.begin().await.unwrap();
        let out = record(&mut tx, notice(id)).await.unwrap();
        tx.commit().await.unwrap();
        assert!(out.send(&pool, &config()).await.is_none());
        let mails: i64 = sqlx::query_scalar("SELECT count(*) FROM email_logs WHERE user_id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(mails, 0);
        let inbox: i64 =
            sqlx::query_scalar("SELECT count(*) FROM notifications WHERE user_id = $1")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(inbox, 1);
    }

    #[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
    async fn a_rolled_back_change_leaves_no_notification(pool: PgPool) {
        let id = user(&pool, "rb@example.in", true).await;
        let mut tx = pool.begin().await.unwrap();
        let _ = record(&mut tx, notice(id)).await.unwrap();
        tx.rollback().await.unwrap();
        let inbox: i64 =
            sqlx::query_scalar("SELECT count(*) FROM notifications WHERE user_id = $1")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(inbox, 0);
    }
}
