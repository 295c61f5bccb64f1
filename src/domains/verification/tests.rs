//! Verification against a real PostgreSQL: opening requests, document and request
//! decisions with their effects, refusals and races.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::model::VerificationFilter;
use super::service::{
    count_pending, decide_document, decide_request, detail, my_requests, open_request, queue,
    request_documents,
};
use crate::core::ErrorCode;
use crate::domains::approvals::fixtures::{
    account, count, mail_config, meta, photographer_profile, staff,
};
use crate::domains::approvals::model::Decision;
use sqlx::PgPool;
use uuid::Uuid;

const REASON: &str = "The photo of your PAN card is too blurred to read.";

/// A photographer with a profile: (user, profile).
async fn professional(pool: &PgPool, email: &str) -> (Uuid, Uuid) {
    let user = account(pool, email, "Asha Rao", "photographer").await;
    let profile = photographer_profile(pool, user, "Asha Rao Photography").await;
    (user, profile)
}

/// Stands in for the upload endpoint: a stored document on a request.
async fn document(pool: &PgPool, request: Uuid, document_type: &str) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO verification_documents (verification_request_id, document_type, file_url,
                                            file_name, mime_type)
         VALUES ($1, $2, 'private/verification/x', $3, 'application/pdf') RETURNING id",
    )
    .bind(request)
    .bind(document_type)
    .bind(format!("{}.pdf", document_type.to_lowercase()))
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn status_of(pool: &PgPool, sql: &str, id: Uuid) -> String {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn verification_status(pool: &PgPool, profile: Uuid) -> String {
    status_of(
        pool,
        "SELECT verification_status FROM user_role_profiles WHERE id = $1",
        profile,
    )
    .await
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_professional_opens_one_request_at_a_time(pool: PgPool) {
    let (user, profile) = professional(&pool, "asha@example.in").await;
    let id = open_request(&pool, user, "photographer", "IDENTITY", &meta())
        .await
        .unwrap();
    let (profile_of, kind, status): (Uuid, String, String) = sqlx::query_as(
        "SELECT user_role_profile_id, verification_type, status FROM verification_requests WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (profile_of, kind.as_str(), status.as_str()),
        (profile, "IDENTITY", "PENDING")
    );
    let log: (String, Option<String>, Option<Uuid>) = sqlx::query_as(
        "SELECT action, new_status, acted_by_user_id FROM verification_logs WHERE verification_request_id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        log,
        ("SUBMITTED".into(), Some("PENDING".into()), Some(user))
    );
    assert_eq!(
        count(&pool, "SELECT count(*) FROM audit_logs WHERE entity_type = 'verification_request' AND entity_id = $1", id).await,
        1
    );

    let second = open_request(&pool, user, "photographer", "BUSINESS", &meta())
        .await
        .unwrap_err();
    assert_eq!(second.code, ErrorCode::Conflict);
    let bad = open_request(&pool, user, "photographer", "SELFIE", &meta())
        .await
        .unwrap_err();
    assert!(bad.field_message("verification_type").is_some());
    // Only your own profile: a role you have no profile for is not found.
    let none = open_request(&pool, user, "tutor", "IDENTITY", &meta())
        .await
        .unwrap_err();
    assert_eq!(none.code, ErrorCode::NotFound);
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM verification_requests WHERE user_role_profile_id = $1",
            profile
        )
        .await,
        1
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn documents_are_decided_one_by_one(pool: PgPool) {
    let reviewer = staff(&pool, "v@nxtgauge.in", "VERIFIER").await;
    let (user, _) = professional(&pool, "asha@example.in").await;
    let request = open_request(&pool, user, "photographer", "IDENTITY", &meta())
        .await
        .unwrap();
    let aadhaar = document(&pool, request, "AADHAAR").await;
    let pan = document(&pool, request, "PAN").await;

    let err = decide_document(&pool, &reviewer, pan, Decision::Reject, "", &meta())
        .await
        .unwrap_err();
    assert!(err.field_message("remarks").is_some());
    assert_eq!(
        decide_document(&pool, &reviewer, aadhaar, Decision::Approve, "", &meta())
            .await
            .unwrap(),
        "APPROVED"
    );
    decide_document(&pool, &reviewer, pan, Decision::Reject, REASON, &meta())
        .await
        .unwrap();
    let (status, by, remarks): (String, Option<Uuid>, Option<String>) = sqlx::query_as(
        "SELECT status, reviewed_by_user_id, remarks FROM verification_documents WHERE id = $1",
    )
    .bind(pan)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), by, remarks.as_deref()),
        ("REJECTED", Some(reviewer.id), Some(REASON))
    );
    let logs: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT action, remarks FROM verification_logs
          WHERE verification_request_id = $1 AND action <> 'SUBMITTED' ORDER BY created_at",
    )
    .bind(request)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(logs.len(), 2);
    assert_eq!(logs[0].0, "APPROVED");
    assert!(logs[0]
        .1
        .as_deref()
        .unwrap()
        .starts_with("Aadhaar card (aadhaar.pdf) approved"));
    assert_eq!(logs[1].0, "REJECTED");
    assert!(
        logs[1].1.as_deref().unwrap().contains("PAN card")
            && logs[1].1.as_deref().unwrap().contains(REASON)
    );
    assert_eq!(
        status_of(
            &pool,
            "SELECT status FROM verification_requests WHERE id = $1",
            request
        )
        .await,
        "PENDING"
    );
    assert_eq!(
        count(&pool, "SELECT count(*) FROM audit_logs WHERE entity_type = 'verification_document' AND entity_id = $1 AND action = 'REJECT'", pan).await,
        1
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_request_is_approved_only_when_every_document_is(pool: PgPool) {
    let reviewer = staff(&pool, "v@nxtgauge.in", "VERIFIER").await;
    let (user, profile) = professional(&pool, "asha@example.in").await;
    let request = open_request(&pool, user, "photographer", "IDENTITY", &meta())
        .await
        .unwrap();
    // No documents yet.
    let empty = decide_request(&pool, &reviewer, request, Decision::Approve, "", &meta())
        .await
        .unwrap_err();
    assert_eq!(empty.code, ErrorCode::Conflict);
    let aadhaar = document(&pool, request, "AADHAAR").await;
    let pan = document(&pool, request, "PAN").await;
    decide_document(&pool, &reviewer, aadhaar, Decision::Approve, "", &meta())
        .await
        .unwrap();
    // One still PENDING.
    let waiting = decide_request(&pool, &reviewer, request, Decision::Approve, "", &meta())
        .await
        .unwrap_err();
    assert_eq!(waiting.code, ErrorCode::Conflict);
    assert!(
        waiting.message.contains("1 still waiting"),
        "{}",
        waiting.message
    );
    // One REJECTED.
    decide_document(&pool, &reviewer, pan, Decision::Reject, REASON, &meta())
        .await
        .unwrap();
    let rejected = decide_request(&pool, &reviewer, request, Decision::Approve, "", &meta())
        .await
        .unwrap_err();
    assert!(
        rejected.message.contains("1 rejected"),
        "{}",
        rejected.message
    );
    assert_eq!(verification_status(&pool, profile).await, "PENDING");

    decide_document(
        &pool,
        &reviewer,
        pan,
        Decision::Approve,
        "Clear now.",
        &meta(),
    )
    .await
    .unwrap();
    let done = decide_request(&pool, &reviewer, request, Decision::Approve, "", &meta())
        .await
        .unwrap();
    assert_eq!(done.status, "APPROVED");
    let (status, by, reviewed): (String, Option<Uuid>, bool) = sqlx::query_as(
        "SELECT status, reviewed_by_user_id, reviewed_at IS NOT NULL FROM verification_requests WHERE id = $1",
    )
    .bind(request)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), by, reviewed),
        ("APPROVED", Some(reviewer.id), true)
    );
    let (v_status, verified_at): (String, bool) = sqlx::query_as(
        "SELECT verification_status, verified_at IS NOT NULL FROM user_role_profiles WHERE id = $1",
    )
    .bind(profile)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((v_status.as_str(), verified_at), ("VERIFIED", true));
    let last_log: (String, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT action, old_status, new_status FROM verification_logs
          WHERE verification_request_id = $1 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(request)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        last_log,
        (
            "APPROVED".into(),
            Some("PENDING".into()),
            Some("APPROVED".into())
        )
    );
    assert_eq!(
        count(&pool, "SELECT count(*) FROM audit_logs WHERE entity_type = 'verification_request' AND entity_id = $1 AND action = 'APPROVE'", request).await,
        1
    );
    let title: String = sqlx::query_scalar(
        "SELECT title FROM notifications WHERE user_id = $1 AND related_entity_type = 'verification_request'",
    )
    .bind(user)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(title, "Your Photographer profile is verified");
    let config = mail_config();
    let log = done.outgoing.send(&pool, &config).await.unwrap();
    let (to, subject): (String, String) =
        sqlx::query_as("SELECT to_email, subject FROM email_logs WHERE id = $1")
            .bind(log)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (to.as_str(), subject.as_str()),
        ("asha@example.in", "Your Photographer profile is verified")
    );
    std::fs::remove_dir_all(&config.outbox_dir).ok();

    // A verified profile does not open new requests.
    let again = open_request(&pool, user, "photographer", "BUSINESS", &meta())
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_rejected_request_can_be_followed_by_a_new_one(pool: PgPool) {
    let reviewer = staff(&pool, "v@nxtgauge.in", "VERIFIER").await;
    let (user, profile) = professional(&pool, "asha@example.in").await;
    let request = open_request(&pool, user, "photographer", "IDENTITY", &meta())
        .await
        .unwrap();
    let short = decide_request(&pool, &reviewer, request, Decision::Reject, "no", &meta())
        .await
        .unwrap_err();
    assert!(short.field_message("remarks").is_some());
    let done = decide_request(&pool, &reviewer, request, Decision::Reject, REASON, &meta())
        .await
        .unwrap();
    assert_eq!(done.status, "REJECTED");
    assert_eq!(verification_status(&pool, profile).await, "REJECTED");
    let config = mail_config();
    let log = done.outgoing.send(&pool, &config).await.unwrap();
    let body: String = sqlx::query_scalar("SELECT body_snapshot FROM email_logs WHERE id = $1")
        .bind(log)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(body.contains(REASON), "{body}");
    std::fs::remove_dir_all(&config.outbox_dir).ok();

    open_request(&pool, user, "photographer", "IDENTITY", &meta())
        .await
        .unwrap();
    assert_eq!(verification_status(&pool, profile).await, "PENDING");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn reviewers_without_the_capability_or_on_their_own_profile_are_refused(pool: PgPool) {
    // MODERATOR approves profiles but does not review verifications.
    let moderator = staff(&pool, "mod@nxtgauge.in", "MODERATOR").await;
    let (user, profile) = professional(&pool, "asha@example.in").await;
    let request = open_request(&pool, user, "photographer", "IDENTITY", &meta())
        .await
        .unwrap();
    let doc = document(&pool, request, "AADHAAR").await;
    let m = meta();
    let errors = [
        decide_document(&pool, &moderator, doc, Decision::Approve, "", &m)
            .await
            .map(|_| ())
            .unwrap_err(),
        decide_request(&pool, &moderator, request, Decision::Reject, REASON, &m)
            .await
            .map(|_| ())
            .unwrap_err(),
        request_documents(&pool, &moderator, request, REASON, &m)
            .await
            .map(|_| ())
            .unwrap_err(),
    ];
    assert!(errors.iter().all(|e| e.code == ErrorCode::Forbidden));
    assert_eq!(
        status_of(
            &pool,
            "SELECT status FROM verification_documents WHERE id = $1",
            doc
        )
        .await,
        "PENDING"
    );
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM verification_logs WHERE verification_request_id = $1",
            request
        )
        .await,
        1
    );
    assert_eq!(verification_status(&pool, profile).await, "PENDING");

    // A verifier who owns the profile cannot review it either.
    let verifier = staff(&pool, "asha@example.in", "VERIFIER").await;
    assert_eq!(verifier.id, user);
    let own = decide_document(&pool, &verifier, doc, Decision::Approve, "", &m)
        .await
        .unwrap_err();
    assert_eq!(own.code, ErrorCode::Forbidden);
    assert!(detail(&pool, request, &verifier).await.unwrap().own_profile);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn asking_for_more_documents_keeps_the_request_open(pool: PgPool) {
    let reviewer = staff(&pool, "v@nxtgauge.in", "VERIFIER").await;
    let (user, _) = professional(&pool, "asha@example.in").await;
    let request = open_request(&pool, user, "photographer", "BUSINESS", &meta())
        .await
        .unwrap();
    let err = request_documents(&pool, &reviewer, request, "", &meta())
        .await
        .unwrap_err();
    assert!(err.field_message("remarks").is_some());
    let asked = "Please upload your GST registration certificate.";
    let outgoing = request_documents(&pool, &reviewer, request, asked, &meta())
        .await
        .unwrap();
    assert_eq!(
        status_of(
            &pool,
            "SELECT status FROM verification_requests WHERE id = $1",
            request
        )
        .await,
        "PENDING"
    );
    let mine = my_requests(&pool, user, "photographer").await.unwrap();
    let open = mine.open_request().unwrap();
    let last = open.logs.last().unwrap();
    assert_eq!(last.action.as_str(), "DOCUMENT_REQUESTED");
    assert_eq!(last.remarks.as_deref(), Some(asked));
    // The professional sees the team, not the reviewer's name; and themself as "You".
    assert_eq!(last.actor_name.as_deref(), Some("Nxtgauge team"));
    assert_eq!(open.logs[0].actor_name.as_deref(), Some("You"));
    assert!(mine.document_types.iter().any(|(k, _)| k == "AADHAAR"));
    let config = mail_config();
    let log = outgoing.send(&pool, &config).await.unwrap();
    let body: String = sqlx::query_scalar("SELECT body_snapshot FROM email_logs WHERE id = $1")
        .bind(log)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(
        body.contains(asked) && body.contains("/pro/photographer/verification"),
        "{body}"
    );
    std::fs::remove_dir_all(&config.outbox_dir).ok();
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn concurrent_request_decisions_resolve_to_one(pool: PgPool) {
    let first = staff(&pool, "one@nxtgauge.in", "VERIFIER").await;
    let second = staff(&pool, "two@nxtgauge.in", "ADMIN").await;
    let (user, _) = professional(&pool, "asha@example.in").await;
    let request = open_request(&pool, user, "photographer", "IDENTITY", &meta())
        .await
        .unwrap();
    let doc = document(&pool, request, "AADHAAR").await;
    decide_document(&pool, &first, doc, Decision::Approve, "", &meta())
        .await
        .unwrap();
    let m = meta();
    let (a, b) = tokio::join!(
        decide_request(&pool, &first, request, Decision::Approve, "", &m),
        decide_request(&pool, &second, request, Decision::Reject, REASON, &m),
    );
    let results = [a.map(|d| d.status), b.map(|d| d.status)];
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    assert!(results
        .iter()
        .any(|r| r.as_ref().is_err_and(|e| e.code == ErrorCode::Conflict)));
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM notifications WHERE user_id = $1",
            user
        )
        .await,
        1
    );
    // Documents of a decided request are closed too.
    let late = decide_document(&pool, &first, doc, Decision::Reject, REASON, &m)
        .await
        .unwrap_err();
    assert_eq!(late.code, ErrorCode::Conflict);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_staff_queue_filters_and_counts(pool: PgPool) {
    let reviewer = staff(&pool, "v@nxtgauge.in", "VERIFIER").await;
    let (a, _) = professional(&pool, "a@example.in").await;
    let (b, _) = professional(&pool, "b@example.in").await;
    sqlx::query("UPDATE user_role_profiles SET display_name = 'Bala Studio' WHERE user_id = $1")
        .bind(b)
        .execute(&pool)
        .await
        .unwrap();
    let ra = open_request(&pool, a, "photographer", "IDENTITY", &meta())
        .await
        .unwrap();
    let rb = open_request(&pool, b, "photographer", "BUSINESS", &meta())
        .await
        .unwrap();
    document(&pool, rb, "GST_CERTIFICATE").await;
    assert_eq!(count_pending(&pool).await.unwrap(), 2);
    let all = queue(
        &pool,
        &VerificationFilter::from_query(None, None, None, None, None),
    )
    .await
    .unwrap();
    assert_eq!(
        all.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![ra, rb]
    );
    assert_eq!(
        (all.rows[1].documents, all.rows[1].documents_pending),
        (1, 1)
    );
    let business = queue(
        &pool,
        &VerificationFilter::from_query(None, Some("BUSINESS".into()), None, None, None),
    )
    .await
    .unwrap();
    assert_eq!(
        business.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![rb]
    );
    let named = queue(
        &pool,
        &VerificationFilter::from_query(
            None,
            None,
            Some("photographer".into()),
            Some("bala".into()),
            None,
        ),
    )
    .await
    .unwrap();
    assert_eq!(named.total, 1);
    let d = detail(&pool, rb, &reviewer).await.unwrap();
    assert!(d.can_view_documents && !d.own_profile);
    assert_eq!(
        d.request.documents[0].document_label,
        "GST registration certificate"
    );
    assert_eq!(d.profile.owner_email, "b@example.in");
    assert_eq!(d.request.logs[0].actor_name.as_deref(), Some("Asha Rao"));
}
