//! Verification rules. A professional opens one request at a time for a profile and
//! uploads documents to it; reviewers approve or reject each document, may ask for more,
//! and decide the request: approval (every document approved) marks the profile
//! VERIFIED. Each function is one transaction with its log row and audit row; e-mails
//! go out after commit (`Outgoing::send`).
use super::model::{document_label, parse_verification_type, verification_type_label};
pub use super::queue::{count_pending, detail, my_requests, queue};
use crate::core::capability::REVIEW_VERIFICATIONS;
use crate::core::state::{ApprovalStatus, VerificationStatus};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use crate::domains::approvals::model::{parse_remarks, Decision};
use crate::domains::audit::service::{
    self as audit, Action, ActorType, Change, Entry, RequestMeta,
};
use crate::domains::profiles::service::owned_profile;
use crate::server::notify::{self, Notice, Outgoing};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Opens a PENDING request for the user's own `role_key` profile and logs SUBMITTED.
/// Refused while another request is pending or once the profile is verified.
pub async fn open_request(
    pool: &PgPool,
    user_id: Uuid,
    role_key: &str,
    verification_type: &str,
    meta: &RequestMeta,
) -> AppResult<Uuid> {
    let verification_type = parse_verification_type(verification_type)
        .map_err(|m| AppError::field("verification_type", m))?;
    let mut tx = pool.begin().await?;
    // The profile row lock serialises two openings of the same profile.
    let profile = owned_profile(&mut tx, user_id, role_key, true).await?;
    if profile.verification_status == VerificationStatus::Verified {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This profile is already verified.",
        ));
    }
    let pending: Option<Uuid> = sqlx::query_scalar(
        "SELECT id FROM verification_requests
          WHERE user_role_profile_id = $1 AND status = 'PENDING'",
    )
    .bind(profile.id)
    .fetch_optional(&mut *tx)
    .await?;
    if pending.is_some() {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "You already have a verification request in review. Add documents to it, or wait for the decision.",
        ));
    }
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO verification_requests (user_role_profile_id, verification_type)
         VALUES ($1, $2) RETURNING id",
    )
    .bind(profile.id)
    .bind(verification_type)
    .fetch_one(&mut *tx)
    .await?;
    log(
        &mut tx,
        id,
        "SUBMITTED",
        None,
        Some("PENDING"),
        user_id,
        None,
    )
    .await?;
    // A new request after a rejection is back in review.
    sqlx::query(
        "UPDATE user_role_profiles SET verification_status = 'PENDING'
          WHERE id = $1 AND verification_status = 'REJECTED'",
    )
    .bind(profile.id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user_id),
            Action::Create,
            "verification_request",
            Some(id),
            "verification",
            format!(
                "{} verification requested",
                verification_type_label(verification_type)
            ),
            meta,
        )
        .label(profile.display_name.clone())
        .change(Change::new(
            "verification_type",
            None,
            Some(verification_type.to_owned()),
        ))
        .change(Change::new("profile", None, Some(profile.id.to_string()))),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn log(
    conn: &mut PgConnection,
    request_id: Uuid,
    action: &str,
    old_status: Option<&str>,
    new_status: Option<&str>,
    actor: Uuid,
    remarks: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO verification_logs (verification_request_id, action, old_status, new_status,
                                        acted_by_user_id, remarks)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(request_id)
    .bind(action)
    .bind(old_status)
    .bind(new_status)
    .bind(actor)
    .bind(remarks)
    .execute(conn)
    .await?;
    Ok(())
}

/// The request a reviewer acts on, locked until their transaction ends.
struct Locked {
    status: ApprovalStatus,
    verification_type: String,
    profile_id: Uuid,
    owner: Uuid,
    role_key: String,
    display_name: String,
}

/// Locks a request for a reviewer: NOT_FOUND when missing, FORBIDDEN on their own
/// profile, CONFLICT once it is decided.
async fn lock_for_review(
    conn: &mut PgConnection,
    staff: &CurrentUser,
    id: Uuid,
) -> AppResult<Locked> {
    let row: Option<(ApprovalStatus, String, Uuid)> = sqlx::query_as(
        "SELECT status, verification_type, user_role_profile_id FROM verification_requests
          WHERE id = $1 FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((status, verification_type, profile_id)) = row else {
        return Err(AppError::not_found("That verification request"));
    };
    let (owner, role_key, display_name): (Uuid, String, String) = sqlx::query_as(
        "SELECT user_id, role_key, display_name FROM user_role_profiles WHERE id = $1 FOR UPDATE",
    )
    .bind(profile_id)
    .fetch_one(&mut *conn)
    .await?;
    if owner == staff.id {
        tracing::warn!(user = %staff.id, request = %id, "reviewer tried to review their own verification");
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "This is your own profile, so another reviewer has to review it.",
        ));
    }
    if status != ApprovalStatus::Pending {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!(
                "This request has already been {}. Reload to see the decision.",
                status.as_str().to_lowercase()
            ),
        ));
    }
    Ok(Locked {
        status,
        verification_type,
        profile_id,
        owner,
        role_key,
        display_name,
    })
}

fn staff_entry<'a>(
    staff: &CurrentUser,
    action: Action,
    entity_type: &'a str,
    entity_id: Uuid,
    summary: String,
    meta: &'a RequestMeta,
) -> Entry<'a> {
    let mut entry = Entry::by_user(
        Some(staff.id),
        action,
        entity_type,
        Some(entity_id),
        "verification",
        summary,
        meta,
    );
    entry.actor_type = ActorType::Employee;
    entry
}

/// Approves or rejects one document of a PENDING request (a rejection needs remarks).
/// A document may be decided again while its request is pending. Answers the new
/// document status.
pub async fn decide_document(
    pool: &PgPool,
    staff: &CurrentUser,
    document_id: Uuid,
    decision: Decision,
    remarks: &str,
    meta: &RequestMeta,
) -> AppResult<&'static str> {
    staff.require(REVIEW_VERIFICATIONS)?;
    let remarks = parse_remarks(remarks, decision == Decision::Reject)
        .map_err(|m| AppError::field("remarks", m))?;
    let mut tx = pool.begin().await?;
    let request_id: Uuid = sqlx::query_scalar(
        "SELECT verification_request_id FROM verification_documents WHERE id = $1",
    )
    .bind(document_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| AppError::not_found("That document"))?;
    let req = lock_for_review(&mut tx, staff, request_id).await?;
    let (document_type, file_name, old_status): (String, Option<String>, String) = sqlx::query_as(
        "SELECT document_type, file_name, status FROM verification_documents
              WHERE id = $1 FOR UPDATE",
    )
    .bind(document_id)
    .fetch_one(&mut *tx)
    .await?;
    let new_status = decision.status();
    sqlx::query(
        "UPDATE verification_documents
            SET status = $2, reviewed_by_user_id = $3, reviewed_at = now(), remarks = $4
          WHERE id = $1",
    )
    .bind(document_id)
    .bind(new_status)
    .bind(staff.id)
    .bind(&remarks)
    .execute(&mut *tx)
    .await?;
    let label = document_label(&req.role_key, &document_type);
    let named = match &file_name {
        Some(f) => format!("{label} ({f})"),
        None => label.clone(),
    };
    let text = match &remarks {
        Some(r) => format!("{named} {}: {r}", new_status.to_lowercase()),
        None => format!("{named} {}.", new_status.to_lowercase()),
    };
    // Document decisions carry no request statuses: the request stays PENDING.
    log(
        &mut tx,
        request_id,
        new_status,
        None,
        None,
        staff.id,
        Some(&text),
    )
    .await?;
    audit::record(
        &mut tx,
        staff_entry(
            staff,
            match decision {
                Decision::Approve => Action::Approve,
                Decision::Reject => Action::Reject,
            },
            "verification_document",
            document_id,
            format!("{named} {}", new_status.to_lowercase()),
            meta,
        )
        .label(req.display_name.clone())
        .change(Change::new(
            "status",
            Some(old_status),
            Some(new_status.to_owned()),
        ))
        .change(Change::new("remarks", None, remarks.clone())),
    )
    .await?;
    tx.commit().await?;
    Ok(new_status)
}

/// What `decide_request` committed and the e-mail to send its professional.
#[derive(Debug)]
pub struct Decided {
    pub status: &'static str,
    pub outgoing: Outgoing,
}

/// Approves (every document approved, at least one) or rejects (with remarks) a
/// PENDING request; the profile becomes VERIFIED or REJECTED. The request row is
/// locked, so concurrent decisions resolve to exactly one.
pub async fn decide_request(
    pool: &PgPool,
    staff: &CurrentUser,
    id: Uuid,
    decision: Decision,
    remarks: &str,
    meta: &RequestMeta,
) -> AppResult<Decided> {
    staff.require(REVIEW_VERIFICATIONS)?;
    let remarks = parse_remarks(remarks, decision == Decision::Reject)
        .map_err(|m| AppError::field("remarks", m))?;
    let mut tx = pool.begin().await?;
    let req = lock_for_review(&mut tx, staff, id).await?;
    if decision == Decision::Approve {
        let (total, pending, rejected): (i64, i64, i64) = sqlx::query_as(
            "SELECT count(*), count(*) FILTER (WHERE status = 'PENDING'),
                    count(*) FILTER (WHERE status = 'REJECTED')
               FROM verification_documents WHERE verification_request_id = $1",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if let Some(why) = approval_blocker(total, pending, rejected) {
            return Err(AppError::new(ErrorCode::Conflict, why));
        }
    }
    let new_status = decision.status();
    sqlx::query(
        "UPDATE verification_requests
            SET status = $2, reviewed_by_user_id = $3, reviewed_at = now(), remarks = $4
          WHERE id = $1",
    )
    .bind(id)
    .bind(new_status)
    .bind(staff.id)
    .bind(&remarks)
    .execute(&mut *tx)
    .await?;
    log(
        &mut tx,
        id,
        new_status,
        Some(req.status.as_str()),
        Some(new_status),
        staff.id,
        remarks.as_deref(),
    )
    .await?;
    let profile_status = match decision {
        Decision::Approve => "VERIFIED",
        Decision::Reject => "REJECTED",
    };
    sqlx::query(
        "UPDATE user_role_profiles
            SET verification_status = $2,
                verified_at = CASE WHEN $2 = 'VERIFIED' THEN now() ELSE verified_at END
          WHERE id = $1",
    )
    .bind(req.profile_id)
    .bind(profile_status)
    .execute(&mut *tx)
    .await?;
    crate::domains::search::index::refresh(&mut tx, req.profile_id).await?;
    audit::record(
        &mut tx,
        staff_entry(
            staff,
            match decision {
                Decision::Approve => Action::Approve,
                Decision::Reject => Action::Reject,
            },
            "verification_request",
            id,
            format!(
                "{} verification {}",
                verification_type_label(&req.verification_type),
                new_status.to_lowercase()
            ),
            meta,
        )
        .label(req.display_name.clone())
        .change(Change::new(
            "status",
            Some(req.status.to_string()),
            Some(new_status.to_owned()),
        ))
        .change(Change::new(
            "verification_status",
            None,
            Some(profile_status.to_owned()),
        ))
        .change(Change::new("remarks", None, remarks.clone())),
    )
    .await?;
    let role = crate::core::roles::role_label(&req.role_key);
    let notice = match decision {
        Decision::Approve => Notice {
            user_id: req.owner,
            template_key: "verification_approved",
            title: format!("Your {role} profile is verified"),
            body: "Your profile now shows the Verified badge.".into(),
            entity_type: "verification_request",
            entity_id: id,
            link_path: Some(format!("/pro/{}/verification", req.role_key)),
            vars: vec![
                ("role", role.to_owned()),
                (
                    "remarks",
                    crate::domains::approvals::service::remarks_line(remarks.as_deref()),
                ),
            ],
        },
        Decision::Reject => Notice {
            user_id: req.owner,
            template_key: "verification_rejected",
            title: format!("We could not verify your {role} profile"),
            body: remarks.clone().unwrap_or_default(),
            entity_type: "verification_request",
            entity_id: id,
            link_path: Some(format!("/pro/{}/verification", req.role_key)),
            vars: vec![
                ("role", role.to_owned()),
                ("remarks", remarks.clone().unwrap_or_default()),
            ],
        },
    };
    let outgoing = notify::record(&mut tx, notice).await?;
    tx.commit().await?;
    tracing::info!(request = %id, reviewer = %staff.id, status = new_status, "verification decided");
    Ok(Decided {
        status: new_status,
        outgoing,
    })
}

/// Why a request cannot be approved yet, if it cannot.
fn approval_blocker(total: i64, pending: i64, rejected: i64) -> Option<String> {
    if total == 0 {
        return Some(
            "There are no documents to verify yet. Ask for documents, or reject the request."
                .into(),
        );
    }
    let mut open = Vec::new();
    if pending > 0 {
        open.push(format!("{pending} still waiting for review"));
    }
    if rejected > 0 {
        open.push(format!("{rejected} rejected"));
    }
    (!open.is_empty()).then(|| {
        format!(
            "Approve every document before approving the request ({}).",
            open.join(", ")
        )
    })
}

/// Asks the professional for more documents: logs DOCUMENT_REQUESTED with the remarks
/// (required) and notifies them; the request stays PENDING.
pub async fn request_documents(
    pool: &PgPool,
    staff: &CurrentUser,
    id: Uuid,
    remarks: &str,
    meta: &RequestMeta,
) -> AppResult<Outgoing> {
    staff.require(REVIEW_VERIFICATIONS)?;
    let remarks = parse_remarks(remarks, true)
        .map_err(|m| AppError::field("remarks", m))?
        .unwrap_or_default();
    let mut tx = pool.begin().await?;
    let req = lock_for_review(&mut tx, staff, id).await?;
    log(
        &mut tx,
        id,
        "DOCUMENT_REQUESTED",
        Some("PENDING"),
        Some("PENDING"),
        staff.id,
        Some(&remarks),
    )
    .await?;
    audit::record(
        &mut tx,
        staff_entry(
            staff,
            Action::Update,
            "verification_request",
            id,
            "more verification documents requested".into(),
            meta,
        )
        .label(req.display_name.clone())
        .change(Change::new("remarks", None, Some(remarks.clone()))),
    )
    .await?;
    let role = crate::core::roles::role_label(&req.role_key);
    let outgoing = notify::record(
        &mut tx,
        Notice {
            user_id: req.owner,
            template_key: "verification_documents_requested",
            title: format!("More documents needed to verify your {role} profile"),
            body: remarks.clone(),
            entity_type: "verification_request",
            entity_id: id,
            link_path: Some(format!("/pro/{}/verification", req.role_key)),
            vars: vec![("role", role.to_owned()), ("remarks", remarks)],
        },
    )
    .await?;
    tx.commit().await?;
    Ok(outgoing)
}

#[cfg(test)]
mod unit {
    use super::approval_blocker;

    #[test]
    fn a_request_is_approvable_only_when_every_document_is_approved() {
        assert!(approval_blocker(0, 0, 0).is_some());
        assert_eq!(approval_blocker(2, 0, 0), None);
        let why = approval_blocker(3, 1, 1).unwrap_or_default();
        assert!(
            why.contains("1 still waiting") && why.contains("1 rejected"),
            "{why}"
        );
    }
}
