//! A lead in the approval queue: what approving or rejecting it does, and the lead as
//! the reviewer sees it.
use super::model::{response_price, LeadStatus, LeadView};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::approvals::subject::Effect;
use crate::server::notify::Notice;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::service::{lead_row, lock_lead, role_label, settings, LeadRow};

/// At most this many matching professionals are told about a new lead.
const MATCH_NOTICES: i64 = 200;

/// What approving or rejecting a lead does (`LeadSubject`'s effect, run by the approval
/// queue's `decide` in its transaction): approved leads open for `expiry_days` and matching professionals
/// are told; rejected ones go back to DRAFT with the remarks.
pub async fn approval_effect(
    conn: &mut PgConnection,
    id: Uuid,
    approve: bool,
    remarks: Option<&str>,
) -> AppResult<Option<Effect>> {
    let Some(LeadRow {
        created_by_user_id: owner,
        title,
        profession_key: profession,
        location: city,
        requested_profile_id: requested,
        status,
        ..
    }) = lock_lead(conn, id).await?
    else {
        return Ok(None);
    };
    if status != LeadStatus::Pending {
        if approve {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "The customer withdrew this request, so it cannot be approved. Reject it to close the review.",
            ));
        }
        return Ok(Some(Effect {
            label: title,
            old_status: Some(status.to_string()),
            notice: None,
            others: Vec::new(),
        }));
    }
    let remarks_line = crate::domains::approvals::service::remarks_line(remarks);
    if !approve {
        sqlx::query("UPDATE leads SET status = 'DRAFT', review_remarks = $2 WHERE id = $1")
            .bind(id)
            .bind(remarks)
            .execute(&mut *conn)
            .await?;
        return Ok(Some(Effect {
            notice: Some(Notice {
                user_id: owner,
                template_key: "lead_rejected",
                title: format!("Your request \u{201c}{title}\u{201d} needs changes"),
                body: remarks.unwrap_or_default().to_owned(),
                entity_type: "lead",
                entity_id: id,
                link_path: Some(format!("/leads/{id}")),
                vars: vec![
                    ("lead", title.clone()),
                    ("remarks", remarks.unwrap_or_default().to_owned()),
                ],
            }),
            label: title,
            old_status: Some(status.to_string()),
            others: Vec::new(),
        }));
    }
    let s = settings(&mut *conn).await?;
    sqlx::query(
        "UPDATE leads SET status = 'OPEN', approved_at = now(), review_remarks = NULL,
                          expires_at = now() + make_interval(days => $2)
          WHERE id = $1",
    )
    .bind(id)
    .bind(s.expiry_days)
    .execute(&mut *conn)
    .await?;
    let price = response_price(s.prices.as_ref(), &profession);
    let matches: Vec<(Uuid, Uuid)> = sqlx::query_as(
        "SELECT p.user_id, p.id FROM user_role_profiles p
          WHERE p.role_key = $1 AND p.status = 'ACTIVE' AND p.user_id <> $2
            AND (p.location = $3 OR p.id = $4)
          ORDER BY (p.id = $4) DESC NULLS LAST, p.approved_at DESC NULLS LAST
          LIMIT $5",
    )
    .bind(&profession)
    .bind(owner)
    .bind(&city)
    .bind(requested)
    .bind(MATCH_NOTICES)
    .fetch_all(&mut *conn)
    .await?;
    let where_ = city
        .as_deref()
        .map(|c| format!(" in {c}"))
        .unwrap_or_default();
    Ok(Some(Effect {
        notice: Some(Notice {
            user_id: owner,
            template_key: "lead_approved",
            title: format!("Your request \u{201c}{title}\u{201d} is live"),
            body: "Professionals can now see it and respond.".into(),
            entity_type: "lead",
            entity_id: id,
            link_path: Some(format!("/leads/{id}")),
            vars: vec![("lead", title.clone()), ("remarks", remarks_line)],
        }),
        others: matches
            .into_iter()
            .map(|(user_id, profile)| Notice {
                user_id,
                template_key: "lead_matching",
                title: if Some(profile) == requested {
                    format!("A customer asked you for a quote: {title}")
                } else {
                    format!("New {} request{where_}: {title}", role_label(&profession))
                },
                body: format!("Responding costs {price} tracecoins."),
                entity_type: "lead_match",
                entity_id: id,
                link_path: Some(format!("/pro/leads/{id}")),
                vars: vec![("lead", title.clone()), ("amount", price.to_string())],
            })
            .collect(),
        label: title,
        old_status: Some(status.to_string()),
    }))
}

/// The lead as submitted, for the reviewer.
pub async fn lead_for_review(pool: &PgPool, id: Uuid) -> AppResult<Option<LeadView>> {
    let Some(lead) = lead_row(pool, id).await? else {
        return Ok(None);
    };
    let max = settings(pool).await?.max_responses;
    Ok(Some(lead.view(max, Vec::new())))
}
