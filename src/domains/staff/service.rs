use crate::core::{
    error::FieldErrors,
    validation::{parse_display_name, Email, Password},
    AppError, AppResult,
};
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
use crate::domains::identity::{password, service as identity};
use sqlx::PgPool;
use uuid::Uuid;

/// What `create_staff` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffOutcome {
    Created {
        user_id: Uuid,
        employee_code: String,
    },
    RoleAdded {
        user_id: Uuid,
    },
    AlreadyHadRole {
        user_id: Uuid,
    },
}

/// Creates a staff account (confirmed, ACTIVE, with an employee record) holding an
/// internal role, or gives an existing account that role. The password is only used for
/// a new account.
pub async fn create_staff(
    pool: &PgPool,
    email: &str,
    name: &str,
    role_key: &str,
    password_input: &str,
) -> AppResult<StaffOutcome> {
    let mut errs = FieldErrors::new();
    let email = errs.check("email", Email::parse(email));
    let name = errs.check("name", parse_display_name(name));
    let password_ok = errs.check("password", Password::parse(password_input));
    let role: Option<(Uuid, Option<Uuid>)> = sqlx::query_as(
        "SELECT id, department_id FROM roles WHERE key = $1 AND audience = 'INTERNAL' AND is_active",
    )
    .bind(role_key)
    .fetch_optional(pool)
    .await?;
    if role.is_none() {
        let keys: Vec<String> = sqlx::query_scalar(
            "SELECT key FROM roles WHERE audience = 'INTERNAL' AND is_active ORDER BY key",
        )
        .fetch_all(pool)
        .await?;
        errs.add(
            "role",
            format!("Unknown staff role. Choose one of: {}.", keys.join(", ")),
        );
    }
    errs.into_result()?;
    let (Some(email), Some(name), Some(_), Some((role_id, department))) =
        (email, name, password_ok, role)
    else {
        return Err(AppError::internal());
    };
    let meta = RequestMeta::default();
    let existing: Option<Uuid> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(pool)
        .await?;
    let hash = match existing {
        Some(_) => None,
        None => Some(password::hash(password_input.to_owned()).await?),
    };
    let mut tx = pool.begin().await?;
    let (user_id, created) = match (existing, hash) {
        (Some(id), _) => (id, false),
        (None, Some(hash)) => {
            let id: Uuid = sqlx::query_scalar(
                "INSERT INTO users (email, password_hash, account_type, status, email_verified_at)
                 VALUES ($1, $2, 'INDIVIDUAL', 'ACTIVE', now()) RETURNING id",
            )
            .bind(email.as_str())
            .bind(&hash)
            .fetch_one(&mut *tx)
            .await?;
            identity::create_settings(&mut tx, id, &name).await?;
            (id, true)
        }
        (None, None) => return Err(AppError::internal()),
    };
    let granted = sqlx::query(
        "INSERT INTO user_roles (user_id, role_id, status, approved_at) VALUES ($1, $2, 'APPROVED', now())
         ON CONFLICT (user_id, role_id) DO UPDATE SET status = 'APPROVED', approved_at = now()
           WHERE user_roles.status <> 'APPROVED'",
    )
    .bind(user_id)
    .bind(role_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // Every staff member is an employee; the first one gets code NXG-0001.
    let employee_code: Option<String> = sqlx::query_scalar(
        "INSERT INTO employees (user_id, employee_code, department_id)
         SELECT $1, 'NXG-' || lpad((count(*) + 1)::text, 4, '0'),
                COALESCE($2, (SELECT id FROM departments WHERE code = 'OPERATIONS'))
           FROM employees
         ON CONFLICT (user_id) DO NOTHING
         RETURNING employee_code",
    )
    .bind(user_id)
    .bind(department)
    .fetch_optional(&mut *tx)
    .await?;
    let entry = Entry::by_user(
        None,
        if created {
            Action::Create
        } else {
            Action::Update
        },
        "user",
        Some(user_id),
        "staff",
        format!("staff role {role_key} granted by the create-staff command"),
        &meta,
    )
    .label(email.as_str())
    .change(Change::new("role", None, Some(role_key.to_owned())))
    .from_worker();
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(match (created, granted, employee_code) {
        (true, _, code) => StaffOutcome::Created {
            user_id,
            employee_code: code.unwrap_or_default(),
        },
        (false, 0, _) => StaffOutcome::AlreadyHadRole { user_id },
        (false, _, _) => StaffOutcome::RoleAdded { user_id },
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;
    use crate::domains::access::service::load;

    #[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
    async fn creates_a_confirmed_staff_account_with_its_capabilities(pool: PgPool) {
        let out = create_staff(
            &pool,
            "Ops@Nxtgauge.in",
            "Priya Ops",
            "VERIFIER",
            "a long staff password",
        )
        .await
        .unwrap();
        let StaffOutcome::Created {
            user_id,
            employee_code,
        } = out
        else {
            panic!("expected a new account, got {out:?}");
        };
        assert_eq!(employee_code, "NXG-0001");
        let user = load(&pool, user_id, Uuid::nil()).await.unwrap().unwrap();
        assert_eq!(user.email, "ops@nxtgauge.in");
        assert!(user.can(crate::core::capability::REVIEW_VERIFICATIONS));
        assert!(!user.can(crate::core::capability::MANAGE_GATEWAYS));
        let dept: String = sqlx::query_scalar(
            "SELECT d.code FROM employees e JOIN departments d ON d.id = e.department_id WHERE e.user_id = $1",
        )
        .bind(user_id)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(dept, "VERIFICATION");

        // Running it again with another role adds the role; the same role is a no-op.
        let again = create_staff(
            &pool,
            "ops@nxtgauge.in",
            "Priya Ops",
            "VERIFIER",
            "ignored password",
        )
        .await
        .unwrap();
        assert_eq!(again, StaffOutcome::AlreadyHadRole { user_id });
        let more = create_staff(
            &pool,
            "ops@nxtgauge.in",
            "Priya Ops",
            "SUPPORT_AGENT",
            "ignored password",
        )
        .await
        .unwrap();
        assert_eq!(more, StaffOutcome::RoleAdded { user_id });
        let employees: i64 = sqlx::query_scalar("SELECT count(*) FROM employees")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(employees, 1);
    }

    #[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
    async fn refuses_customer_roles_and_weak_passwords_without_writing(pool: PgPool) {
        let err = create_staff(&pool, "x@nxtgauge.in", "X", "CUSTOMER", "short")
            .await
            .unwrap_err();
        assert!(err.field_message("role").unwrap().contains("SUPER_ADMIN"));
        assert!(err.field_message("password").is_some());
        assert!(err.field_message("name").is_some());
        let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(users, 0);
    }
}
