//! The customer answers: reading, accepting and declining responses, withdrawing or
//! closing a lead, and staff flagging a lead as fake. Refunds these make due are
//! enqueued on the `leads` job queue in the same transaction.
use super::model::{CloseReason, LeadStatus, RefundReason, ResponseStatus};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
use crate::server::notify::{self, Notice, Outgoing};
use crate::server::queue::Queue;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::service::{owned_status, MODULE};
use crate::core::capability::FLAG_LEADS;

/// The response row for its lead's owner, locked: (lead id, lead status, status,
/// opened, profile's user, lead title). NOT FOUND for anyone else.
async fn owned_response(
    conn: &mut PgConnection,
    user: Uuid,
    id: Uuid,
) -> AppResult<(Uuid, LeadStatus, ResponseStatus, bool, Uuid, String)> {
    sqlx::query_as(
        "SELECT l.id, l.status, r.status, r.opened_at IS NOT NULL, p.user_id, l.title
           FROM lead_requests r
           JOIN leads l ON l.id = r.lead_id
           JOIN user_role_profiles p ON p.id = r.user_role_profile_id
          WHERE r.id = $1 AND l.created_by_user_id = $2
          FOR UPDATE OF r",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::not_found("That response"))
}

/// The customer reads a response: `opened_at` is set the first time.
pub async fn open_response(pool: &PgPool, user: Uuid, id: Uuid) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    owned_response(&mut tx, user, id).await?;
    sqlx::query("UPDATE lead_requests SET opened_at = now() WHERE id = $1 AND opened_at IS NULL")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The customer accepts or rejects a PENDING response. Accepting reveals contact
/// details in their conversation; rejecting one they never opened refunds it.
pub async fn decide_response(
    pool: &PgPool,
    queue: &Queue,
    user: &CurrentUser,
    id: Uuid,
    accept: bool,
    meta: &RequestMeta,
) -> AppResult<Vec<Outgoing>> {
    let mut tx = pool.begin().await?;
    let (lead_id, lead_status, status, opened, pro_user, title) =
        owned_response(&mut tx, user.id, id).await?;
    if status != ResponseStatus::Pending {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!(
                "You have already {} this response.",
                if status == ResponseStatus::Accepted {
                    "accepted"
                } else {
                    "declined"
                }
            ),
        ));
    }
    if lead_status != LeadStatus::Open {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This request is closed, so its responses can no longer be answered.",
        ));
    }
    let new_status = if accept { "ACCEPTED" } else { "REJECTED" };
    let conversation: Option<Uuid> = sqlx::query_scalar(
        "UPDATE lead_requests
            SET status = $2, decided_at = now(),
                opened_at = CASE WHEN $2 = 'ACCEPTED' THEN COALESCE(opened_at, now()) ELSE opened_at END
          WHERE id = $1 RETURNING conversation_id",
    )
    .bind(id)
    .bind(new_status)
    .fetch_one(&mut *tx)
    .await?;
    if !accept && !opened {
        super::tasks::enqueue_refund(&mut tx, queue, id, RefundReason::RejectedUnread).await?;
    }
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user.id),
            if accept {
                Action::Approve
            } else {
                Action::Reject
            },
            "lead_request",
            Some(id),
            MODULE,
            format!("response {}", new_status.to_lowercase()),
            meta,
        )
        .label(title.clone())
        .change(Change::new(
            "status",
            Some(status.to_string()),
            Some(new_status.into()),
        )),
    )
    .await?;
    let notice = if accept {
        Notice {
            user_id: pro_user,
            template_key: "lead_response_accepted",
            title: format!("Your response to \u{201c}{title}\u{201d} was accepted"),
            body: "The customer's contact details are now visible in your conversation.".into(),
            entity_type: "conversation",
            entity_id: conversation.unwrap_or(id),
            link_path: Some(
                conversation.map_or_else(|| "/pro/responses".into(), |c| format!("/messages/{c}")),
            ),
            vars: vec![("lead", title)],
        }
    } else {
        Notice {
            user_id: pro_user,
            template_key: "lead_response_rejected",
            title: format!("Your response to \u{201c}{title}\u{201d} was declined"),
            body: if opened {
                "The customer chose another professional.".into()
            } else {
                "The customer chose another professional without opening your response, so your tracecoins come back.".into()
            },
            entity_type: "lead_request",
            entity_id: id,
            link_path: Some("/pro/leads".into()),
            vars: vec![
                ("lead", title),
                (
                    "remarks",
                    if opened {
                        String::new()
                    } else {
                        "You did not lose anything: your tracecoins come back.".into()
                    },
                ),
            ],
        }
    };
    let out = notify::record(&mut tx, notice).await?;
    tx.commit().await?;
    tracing::info!(lead = %lead_id, response = %id, status = new_status, "response decided");
    Ok(vec![out])
}

/// The customer withdraws (`Withdrawn`: every response not accepted is refunded) or
/// closes (`Closed`: pending responses are declined, refunded if never opened) a lead.
pub async fn end(
    pool: &PgPool,
    queue: &Queue,
    user: &CurrentUser,
    id: Uuid,
    reason: CloseReason,
    meta: &RequestMeta,
) -> AppResult<Vec<Outgoing>> {
    let mut tx = pool.begin().await?;
    let status = owned_status(&mut tx, user.id, id).await?;
    let allowed = match reason {
        CloseReason::Withdrawn => status != LeadStatus::Closed,
        CloseReason::Closed => status == LeadStatus::Open,
        _ => false,
    };
    if !allowed {
        return Err(AppError::new(
            ErrorCode::Conflict,
            match (reason, status) {
                (_, LeadStatus::Closed) => "This request is already closed.",
                (CloseReason::Closed, _) => {
                    "Only a live request can be closed. Withdraw it instead."
                }
                _ => "This request cannot be changed now.",
            },
        ));
    }
    let title = close_lead(&mut tx, id, reason).await?;
    let mut outgoing = Vec::new();
    // Every response, also those already refunded (as unopened): closing still declines
    // them, so no response stays PENDING on a closed lead.
    let responses: Vec<(Uuid, ResponseStatus, bool, bool, Uuid)> = sqlx::query_as(
        "SELECT r.id, r.status, r.opened_at IS NOT NULL, r.refunded_at IS NOT NULL, p.user_id
           FROM lead_requests r JOIN user_role_profiles p ON p.id = r.user_role_profile_id
          WHERE r.lead_id = $1
          ORDER BY r.requested_at FOR UPDATE OF r",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    for (response, status, opened, refunded, pro) in responses {
        match reason {
            CloseReason::Withdrawn if status != ResponseStatus::Accepted && !refunded => {
                super::tasks::enqueue_refund(&mut tx, queue, response, RefundReason::Withdrawn)
                    .await?;
            }
            CloseReason::Closed if status == ResponseStatus::Pending => {
                sqlx::query(
                    "UPDATE lead_requests SET status = 'REJECTED', decided_at = now() WHERE id = $1",
                )
                .bind(response)
                .execute(&mut *tx)
                .await?;
                if !opened && !refunded {
                    super::tasks::enqueue_refund(
                        &mut tx,
                        queue,
                        response,
                        RefundReason::RejectedUnread,
                    )
                    .await?;
                }
                outgoing.push(
                    notify::record(
                        &mut tx,
                        Notice {
                            user_id: pro,
                            template_key: "lead_response_rejected",
                            title: format!("\u{201c}{title}\u{201d} was closed"),
                            body: "The customer closed the request before answering your response."
                                .into(),
                            entity_type: "lead_request",
                            entity_id: response,
                            link_path: Some("/pro/leads".into()),
                            vars: vec![
                                ("lead", title.clone()),
                                ("remarks", "The customer closed the request.".into()),
                            ],
                        },
                    )
                    .await?,
                );
            }
            _ => {}
        }
    }
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user.id),
            Action::Update,
            "lead",
            Some(id),
            MODULE,
            format!("lead {}", reason.as_str().to_lowercase()),
            meta,
        )
        .label(title)
        .change(Change::new(
            "status",
            Some(status.to_string()),
            Some("CLOSED".into()),
        ))
        .change(Change::new(
            "close_reason",
            None,
            Some(reason.as_str().into()),
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(outgoing)
}

/// Marks a lead CLOSED for `reason` and closes a pending approval request for it.
/// Returns its title.
async fn close_lead(conn: &mut PgConnection, id: Uuid, reason: CloseReason) -> AppResult<String> {
    let title: String = sqlx::query_scalar(
        "UPDATE leads SET status = 'CLOSED', close_reason = $2, closed_at = now()
          WHERE id = $1 RETURNING title",
    )
    .bind(id)
    .bind(reason.as_str())
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "WITH closed AS (
            UPDATE approval_requests SET status = 'REJECTED', reviewed_at = now(),
                   remarks = 'Closed: the request was withdrawn or removed before review.'
             WHERE entity_type = 'lead' AND entity_id = $1 AND status = 'PENDING'
         RETURNING id)
         INSERT INTO approval_logs (approval_request_id, action, old_status, new_status, remarks)
         SELECT id, 'REJECTED', 'PENDING', 'REJECTED', 'Closed before review.' FROM closed",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(title)
}

/// Staff flag a lead as fake: it closes and every response is refunded.
pub async fn flag_fake(
    pool: &PgPool,
    queue: &Queue,
    staff: &CurrentUser,
    id: Uuid,
    remarks: &str,
    meta: &RequestMeta,
) -> AppResult<()> {
    staff.require(FLAG_LEADS)?;
    let remarks = crate::domains::approvals::model::parse_remarks(remarks, true)
        .map_err(|m| AppError::field("remarks", m))?;
    let mut tx = pool.begin().await?;
    let status: Option<(LeadStatus, Option<CloseReason>)> =
        sqlx::query_as("SELECT status, close_reason FROM leads WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((status, close_reason)) = status else {
        return Err(AppError::not_found("That request"));
    };
    if close_reason == Some(CloseReason::Fake) {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This request is already flagged as fake.",
        ));
    }
    if status == LeadStatus::Closed {
        sqlx::query("UPDATE leads SET close_reason = 'FAKE', review_remarks = $2 WHERE id = $1")
            .bind(id)
            .bind(&remarks)
            .execute(&mut *tx)
            .await?;
    } else {
        close_lead(&mut tx, id, CloseReason::Fake).await?;
        sqlx::query("UPDATE leads SET review_remarks = $2 WHERE id = $1")
            .bind(id)
            .bind(&remarks)
            .execute(&mut *tx)
            .await?;
    }
    let responses: Vec<Uuid> = sqlx::query_scalar(
        "SELECT id FROM lead_requests WHERE lead_id = $1 AND refunded_at IS NULL",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    for response in responses {
        super::tasks::enqueue_refund(&mut tx, queue, response, RefundReason::Fake).await?;
    }
    let mut entry = Entry::by_user(
        Some(staff.id),
        Action::Reject,
        "lead",
        Some(id),
        MODULE,
        "lead flagged as fake",
        meta,
    )
    .change(Change::new(
        "close_reason",
        close_reason.map(|r| r.as_str().to_owned()),
        Some("FAKE".into()),
    ))
    .change(Change::new("remarks", None, remarks));
    entry.actor_type = crate::domains::audit::service::ActorType::Employee;
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}
