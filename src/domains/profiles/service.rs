//! Server-side profile access shared by every domain that hangs off a role profile
//! (portfolio, services, verification, uploads).
use crate::core::{AppError, AppResult};
use sqlx::PgConnection;
use uuid::Uuid;

/// The identifying facts of one role profile.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProfileRef {
    pub id: Uuid,
    pub user_id: Uuid,
    pub role_key: String,
    pub slug: String,
    pub display_name: String,
    pub status: String,
    pub approval_status: String,
    pub verification_status: String,
    pub is_profile_public: bool,
}

const PROFILE_REF: &str = "SELECT id, user_id, role_key, slug, display_name, status, approval_status,
        verification_status, is_profile_public
   FROM user_role_profiles";

/// The signed-in user's profile for `role_key`; NOT_FOUND when they have none. With
/// `for_update` the row is locked until the caller's transaction ends.
pub async fn owned_profile(
    conn: &mut PgConnection,
    user_id: Uuid,
    role_key: &str,
    for_update: bool,
) -> AppResult<ProfileRef> {
    let sql = format!(
        "{PROFILE_REF} WHERE user_id = $1 AND role_key = $2{}",
        if for_update { " FOR UPDATE" } else { "" }
    );
    sqlx::query_as(&sql)
        .bind(user_id)
        .bind(role_key)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::not_found("That profile"))
}

/// A profile by id, checked to belong to `user_id`: another user's profile is
/// FORBIDDEN, a missing one NOT_FOUND.
pub async fn profile_owned_by(
    conn: &mut PgConnection,
    profile_id: Uuid,
    user_id: Uuid,
    for_update: bool,
) -> AppResult<ProfileRef> {
    let sql = format!(
        "{PROFILE_REF} WHERE id = $1{}",
        if for_update { " FOR UPDATE" } else { "" }
    );
    let profile: ProfileRef = sqlx::query_as(&sql)
        .bind(profile_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::not_found("That profile"))?;
    if profile.user_id != user_id {
        return Err(AppError::forbidden());
    }
    Ok(profile)
}
