//! A professional's contact details for viewers who spend a contact view (the profile's
//! `phone` and `email`), and who has viewed them. The form's rules are shared by the
//! browser and the server; the service half is ssr-only.
use crate::core::validation::{parse_optional_mobile, Email};
use crate::core::{error::FieldErrors, AppResult};
use crate::domains::search::contact::ContactViewer;
use serde::{Deserialize, Serialize};

/// The contact form and the list of viewers, for the owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactSettings {
    /// `+919876543210`.
    pub phone: Option<String>,
    /// A separate address for customers; the account's is used when empty.
    pub email: Option<String>,
    pub account_email: String,
    pub viewers: Vec<ContactViewer>,
}

/// The checked form: an Indian mobile number and an e-mail address, both optional.
pub fn parse_contact(phone: &str, email: &str) -> AppResult<(Option<String>, Option<String>)> {
    let mut errors = FieldErrors::new();
    let phone = errors.check("phone", parse_optional_mobile(phone));
    let email = errors.check(
        "contact_email",
        if email.trim().is_empty() {
            Ok(None)
        } else {
            Email::parse(email).map(|e| Some(e.as_str().to_owned()))
        },
    );
    errors.into_result()?;
    Ok((phone.flatten(), email.flatten()))
}

#[cfg(feature = "ssr")]
pub use service::{load, save};

#[cfg(feature = "ssr")]
mod service {
    use super::{parse_contact, ContactSettings};
    use crate::core::{AppError, AppResult};
    use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
    use sqlx::PgPool;
    use uuid::Uuid;

    /// The owner's contact settings for their `role_key` profile.
    pub async fn load(pool: &PgPool, user_id: Uuid, role_key: &str) -> AppResult<ContactSettings> {
        let (phone, email, account_email): (Option<String>, Option<String>, String) =
            sqlx::query_as(
                "SELECT p.phone, p.email, u.email
                   FROM user_role_profiles p JOIN users u ON u.id = p.user_id
                  WHERE p.user_id = $1 AND p.role_key = $2",
            )
            .bind(user_id)
            .bind(role_key)
            .fetch_optional(pool)
            .await?
            .ok_or_else(|| AppError::not_found("That profile"))?;
        Ok(ContactSettings {
            phone,
            email,
            account_email,
            viewers: crate::domains::search::reveal::viewers(pool, user_id, role_key).await?,
        })
    }

    /// Saves the contact details of the owner's `role_key` profile, audited.
    pub async fn save(
        pool: &PgPool,
        user_id: Uuid,
        role_key: &str,
        phone: &str,
        email: &str,
        meta: &RequestMeta,
    ) -> AppResult<()> {
        let (phone, email) = parse_contact(phone, email)?;
        let mut tx = pool.begin().await?;
        let old: Option<(Uuid, String, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT id, slug, phone, email FROM user_role_profiles
              WHERE user_id = $1 AND role_key = $2 FOR UPDATE",
        )
        .bind(user_id)
        .bind(role_key)
        .fetch_optional(&mut *tx)
        .await?;
        let (id, slug, old_phone, old_email) =
            old.ok_or_else(|| AppError::not_found("That profile"))?;
        sqlx::query("UPDATE user_role_profiles SET phone = $2, email = $3 WHERE id = $1")
            .bind(id)
            .bind(&phone)
            .bind(&email)
            .execute(&mut *tx)
            .await?;
        let mut entry = Entry::by_user(
            Some(user_id),
            Action::Update,
            "user_role_profile",
            Some(id),
            "profiles",
            "updated contact details for contact views",
            meta,
        )
        .label(slug);
        for (field, old, new) in [("phone", old_phone, phone), ("email", old_email, email)] {
            if old != new {
                entry = entry.change(Change::new(field, old, new));
            }
        }
        audit::record(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
    use super::*;

    #[test]
    fn contact_form_normalises_and_reports_each_field() {
        assert_eq!(
            parse_contact(" 98765 43210 ", " Asha@Studio.IN ").unwrap(),
            (
                Some("+919876543210".to_owned()),
                Some("asha@studio.in".to_owned())
            )
        );
        assert_eq!(parse_contact("", "  ").unwrap(), (None, None));
        let err = parse_contact("12345", "not-an-address").unwrap_err();
        assert!(err.fields["phone"].contains("10-digit"));
        assert!(err.fields["contact_email"].contains("name@example.com"));
    }
}
