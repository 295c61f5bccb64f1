use crate::core::capability::Capability;
use crate::core::{AppError, AppResult};
use sqlx::PgExecutor;
use std::collections::BTreeSet;
use uuid::Uuid;

/// The signed-in person with what they may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentUser {
    pub id: Uuid,
    pub session_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<String>,
    pub capabilities: BTreeSet<String>,
}

impl CurrentUser {
    pub fn can(&self, capability: Capability) -> bool {
        self.capabilities.contains(capability.key())
    }

    /// Fails with `forbidden` (and logs the refusal) unless the user holds `capability`.
    pub fn require(&self, capability: Capability) -> AppResult<()> {
        if self.can(capability) {
            Ok(())
        } else {
            tracing::warn!(user = %self.id, capability = capability.key(), "authorization refused");
            Err(AppError::forbidden())
        }
    }
}

pub async fn load(
    db: impl PgExecutor<'_> + Copy,
    user_id: Uuid,
    session_id: Uuid,
) -> Result<Option<CurrentUser>, sqlx::Error> {
    let row: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT u.email, s.settings_json->>'display_name'
           FROM users u LEFT JOIN user_settings s ON s.user_id = u.id
          WHERE u.id = $1 AND u.status = 'ACTIVE'",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await?;
    let Some((email, display_name)) = row else {
        return Ok(None);
    };
    let roles: Vec<String> = sqlx::query_scalar(
        "SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
          WHERE ur.user_id = $1 AND ur.status <> 'REJECTED' AND r.is_active
          ORDER BY r.key",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    let capabilities: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT rp.permission_key
           FROM user_roles ur
           JOIN roles r ON r.id = ur.role_id AND r.is_active
           JOIN role_permissions rp ON rp.role_id = r.id
          WHERE ur.user_id = $1 AND ur.status = 'APPROVED'",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(Some(CurrentUser {
        id: user_id,
        session_id,
        display_name: display_name.unwrap_or_else(|| email.clone()),
        email,
        roles,
        capabilities: capabilities.into_iter().collect(),
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;
    use crate::core::capability;
    use sqlx::PgPool;

    /// The catalogue in code and the `permissions` table seeded by migration are the same set.
    #[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
    async fn the_capability_catalogue_matches_the_permissions_table(pool: PgPool) {
        let seeded: BTreeSet<String> = sqlx::query_scalar("SELECT key FROM permissions")
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
        let coded: BTreeSet<String> = capability::ALL
            .iter()
            .map(|c| c.key().to_string())
            .collect();
        assert_eq!(coded, seeded);
    }

    async fn user_with_role(pool: &PgPool, email: &str, role: &str, status: &str) -> Uuid {
        let id: Uuid = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, account_type, status)
             VALUES ($1, 'h', 'INDIVIDUAL', 'ACTIVE') RETURNING id",
        )
        .bind(email)
        .fetch_one(pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO user_roles (user_id, role_id, status)
             SELECT $1, id, $3 FROM roles WHERE key = $2",
        )
        .bind(id)
        .bind(role)
        .bind(status)
        .execute(pool)
        .await
        .unwrap();
        id
    }

    #[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
    async fn capabilities_come_from_approved_roles_only(pool: PgPool) {
        let verifier = user_with_role(&pool, "v@nxtgauge.in", "VERIFIER", "APPROVED").await;
        let pending = user_with_role(&pool, "p@nxtgauge.in", "SUPER_ADMIN", "PENDING").await;
        let customer = user_with_role(&pool, "c@example.in", "CUSTOMER", "APPROVED").await;
        let sid = Uuid::nil();

        let v = load(&pool, verifier, sid).await.unwrap().unwrap();
        assert!(v.can(capability::REVIEW_VERIFICATIONS));
        assert!(v.require(capability::APPROVE_PROFILES).is_ok());
        assert_eq!(
            v.require(capability::MANAGE_GATEWAYS).unwrap_err().code,
            crate::core::ErrorCode::Forbidden
        );

        let p = load(&pool, pending, sid).await.unwrap().unwrap();
        assert!(
            p.capabilities.is_empty(),
            "a pending staff role grants nothing"
        );
        assert_eq!(p.roles, vec!["SUPER_ADMIN".to_string()]);

        let c = load(&pool, customer, sid).await.unwrap().unwrap();
        assert!(c.capabilities.is_empty());
        assert_eq!(c.display_name, "c@example.in");
    }

    #[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
    async fn suspended_users_have_no_current_user(pool: PgPool) {
        let id = user_with_role(&pool, "s@example.in", "CUSTOMER", "APPROVED").await;
        sqlx::query("UPDATE users SET status = 'SUSPENDED' WHERE id = $1")
            .bind(id)
            .execute(&pool)
            .await
            .unwrap();
        assert!(load(&pool, id, Uuid::nil()).await.unwrap().is_none());
    }
}
