//! A professional profile in the approval queue: approval makes it ACTIVE and findable
//! (the search row is refreshed in the decision's transaction); rejection sends it back
//! with the remarks.
use crate::core::capability::Capability;
use crate::core::AppResult;
use crate::domains::approvals::service::EntityType;
use crate::domains::approvals::subject::{
    approve_user_role, remarks_line, with_remarks, ApprovalSubject, Effect,
};
use crate::server::notify::Notice;
use futures::future::BoxFuture;
use sqlx::PgConnection;
use uuid::Uuid;

/// Registered at the composition root for `approval_requests.entity_type = 'profile'`.
pub struct ProfileSubject;

impl ApprovalSubject for ProfileSubject {
    fn kind(&self) -> EntityType {
        EntityType::Profile
    }

    fn capability(&self) -> Capability {
        crate::core::capability::APPROVE_PROFILES
    }

    fn decide<'a>(
        &'a self,
        conn: &'a mut PgConnection,
        entity_id: Uuid,
        approve: bool,
        remarks: Option<&'a str>,
    ) -> BoxFuture<'a, AppResult<Option<Effect>>> {
        Box::pin(profile_effect(conn, entity_id, approve, remarks))
    }
}

async fn profile_effect(
    conn: &mut PgConnection,
    profile_id: Uuid,
    approve: bool,
    remarks: Option<&str>,
) -> AppResult<Option<Effect>> {
    let row: Option<(Uuid, String, String, String)> = sqlx::query_as(
        "SELECT user_id, role_key, display_name, approval_status FROM user_role_profiles
          WHERE id = $1 FOR UPDATE",
    )
    .bind(profile_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((user_id, role_key, display_name, old_status)) = row else {
        return Ok(None);
    };
    let role = crate::core::roles::role_label(&role_key);
    let notice = if approve {
        sqlx::query(
            "UPDATE user_role_profiles
                    SET status = 'ACTIVE', approval_status = 'APPROVED', approved_at = now(),
                        rejection_reason = NULL
                  WHERE id = $1",
        )
        .bind(profile_id)
        .execute(&mut *conn)
        .await?;
        approve_user_role(conn, user_id, &role_key).await?;
        Notice {
            user_id,
            template_key: "profile_approved",
            title: format!("Your {role} profile is approved"),
            body: with_remarks(
                "Customers can now find your profile in search and send you leads.",
                remarks,
            ),
            entity_type: "profile",
            entity_id: profile_id,
            link_path: Some(format!("/pro/{role_key}")),
            vars: vec![
                ("role", role.to_owned()),
                ("remarks", remarks_line(remarks)),
            ],
        }
    } else {
        sqlx::query(
            "UPDATE user_role_profiles SET approval_status = 'REJECTED', rejection_reason = $2
                  WHERE id = $1",
        )
        .bind(profile_id)
        .bind(remarks)
        .execute(&mut *conn)
        .await?;
        Notice {
            user_id,
            template_key: "profile_rejected",
            title: format!("Your {role} profile needs changes"),
            body: remarks.unwrap_or_default().to_owned(),
            entity_type: "profile",
            entity_id: profile_id,
            link_path: Some(format!("/pro/{role_key}")),
            vars: vec![
                ("role", role.to_owned()),
                ("remarks", remarks.unwrap_or_default().to_owned()),
            ],
        }
    };
    crate::domains::search::index::refresh(conn, profile_id).await?;
    Ok(Some(Effect {
        label: format!("{display_name} ({role})"),
        old_status: Some(old_status),
        notice: Some(notice),
        others: Vec::new(),
    }))
}
