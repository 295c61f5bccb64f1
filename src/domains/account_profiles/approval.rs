//! A company profile in the approval queue: approval makes it ACTIVE and VERIFIED (the
//! "Verified company" badge) and approves the COMPANY role; rejection asks for changes.
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

/// Registered at the composition root for `approval_requests.entity_type = 'company'`.
pub struct CompanySubject;

impl ApprovalSubject for CompanySubject {
    fn kind(&self) -> EntityType {
        EntityType::Company
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
        Box::pin(company_effect(conn, entity_id, approve, remarks))
    }
}

async fn company_effect(
    conn: &mut PgConnection,
    company_id: Uuid,
    approve: bool,
    remarks: Option<&str>,
) -> AppResult<Option<Effect>> {
    let row: Option<(Uuid, String, String)> = sqlx::query_as(
        "SELECT user_id, company_name, approval_status FROM company_profiles
          WHERE id = $1 FOR UPDATE",
    )
    .bind(company_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((user_id, company, old_status)) = row else {
        return Ok(None);
    };
    let notice = if approve {
        sqlx::query(
            "UPDATE company_profiles SET status = 'ACTIVE', approval_status = 'APPROVED',
                                             verification_status = 'VERIFIED'
                  WHERE id = $1",
        )
        .bind(company_id)
        .execute(&mut *conn)
        .await?;
        approve_user_role(conn, user_id, "COMPANY").await?;
        Notice {
            user_id,
            template_key: "company_approved",
            title: "Your company profile is approved".into(),
            body: with_remarks("You can now post jobs and hire professionals.", remarks),
            entity_type: "company",
            entity_id: company_id,
            link_path: Some("/account/profile".into()),
            vars: vec![
                ("company", company.clone()),
                ("remarks", remarks_line(remarks)),
            ],
        }
    } else {
        sqlx::query("UPDATE company_profiles SET approval_status = 'REJECTED' WHERE id = $1")
            .bind(company_id)
            .execute(&mut *conn)
            .await?;
        Notice {
            user_id,
            template_key: "company_rejected",
            title: "Your company profile needs changes".into(),
            body: remarks.unwrap_or_default().to_owned(),
            entity_type: "company",
            entity_id: company_id,
            link_path: Some("/account/profile".into()),
            vars: vec![
                ("company", company.clone()),
                ("remarks", remarks.unwrap_or_default().to_owned()),
            ],
        }
    };
    Ok(Some(Effect {
        label: company,
        old_status: Some(old_status),
        notice: Some(notice),
        others: Vec::new(),
    }))
}
