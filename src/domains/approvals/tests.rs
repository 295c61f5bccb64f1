//! The approval queue against a real PostgreSQL: decisions and all their effects,
//! refusals, races, and what the queue shows.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::fixtures::{
    account, company, count, mail_config, meta, photographer_profile, staff, submitted,
};
use super::model::{ApprovalFilter, Decision};
use super::service::{decide, detail, list, EntityType};
use crate::app::approval_review::{review, Subject};
use crate::app::wiring::approval_subjects;
use crate::core::ErrorCode;
use sqlx::PgPool;
use uuid::Uuid;

/// Every entity type the queue decides.
fn all_types() -> Vec<String> {
    ["profile", "company", "lead"].map(String::from).to_vec()
}

const REASON: &str = "Please add at least three portfolio photos of your own work.";

/// A professional with a submitted photographer profile: (user, profile, request).
async fn submitted_profile(pool: &PgPool, email: &str, name: &str) -> (Uuid, Uuid, Uuid) {
    let user = account(pool, email, name, "photographer").await;
    let profile = photographer_profile(pool, user, name).await;
    let request = submitted(pool, EntityType::Profile, profile, user).await;
    (user, profile, request)
}

async fn request_status(pool: &PgPool, id: Uuid) -> String {
    sqlx::query_scalar("SELECT status FROM approval_requests WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn role_status(pool: &PgPool, user: Uuid, role: &str) -> String {
    sqlx::query_scalar(
        "SELECT ur.status FROM user_roles ur JOIN roles r ON r.id = ur.role_id
          WHERE ur.user_id = $1 AND r.key = $2",
    )
    .bind(user)
    .bind(role)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn approving_a_profile_makes_it_live_and_tells_the_professional(pool: PgPool) {
    let reviewer = staff(&pool, "verifier@nxtgauge.in", "VERIFIER").await;
    let (user, profile, request) =
        submitted_profile(&pool, "asha@example.in", "Asha Rao Photography").await;

    let done = decide(
        &approval_subjects(),
        &pool,
        &reviewer,
        request,
        Decision::Approve,
        "",
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(done.status, "APPROVED");

    let (status, reviewed_by, reviewed): (String, Option<Uuid>, bool) = sqlx::query_as(
        "SELECT status, reviewed_by_user_id, reviewed_at IS NOT NULL FROM approval_requests WHERE id = $1",
    )
    .bind(request)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), reviewed_by, reviewed),
        ("APPROVED", Some(reviewer.id), true)
    );
    let logs: Vec<(String, Option<String>, String, Option<Uuid>)> = sqlx::query_as(
        "SELECT action, old_status, new_status, acted_by_user_id FROM approval_logs
          WHERE approval_request_id = $1 ORDER BY created_at, action DESC",
    )
    .bind(request)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(logs.len(), 2);
    assert_eq!(logs[0].0, "SUBMITTED");
    assert_eq!(
        logs[1],
        (
            "APPROVED".into(),
            Some("PENDING".into()),
            "APPROVED".into(),
            Some(reviewer.id)
        )
    );
    let (p_status, approval, approved_at, reason): (String, String, bool, Option<String>) =
        sqlx::query_as(
            "SELECT status, approval_status, approved_at IS NOT NULL, rejection_reason
               FROM user_role_profiles WHERE id = $1",
        )
        .bind(profile)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        (p_status.as_str(), approval.as_str(), approved_at, reason),
        ("ACTIVE", "APPROVED", true, None)
    );
    assert_eq!(role_status(&pool, user, "photographer").await, "APPROVED");
    // The search index was refreshed in the same transaction: the profile is listed.
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM profile_search WHERE profile_id = $1",
            profile
        )
        .await,
        1
    );
    let audit: (String, String, Option<Uuid>, String) = sqlx::query_as(
        "SELECT action, actor_type, actor_user_id, module_key FROM audit_logs
          WHERE entity_type = 'profile' AND entity_id = $1",
    )
    .bind(profile)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        audit,
        (
            "APPROVE".into(),
            "EMPLOYEE".into(),
            Some(reviewer.id),
            "approvals".into()
        )
    );
    let (channel, n_status, title): (String, String, String) = sqlx::query_as(
        "SELECT channel, status, title FROM notifications
          WHERE user_id = $1 AND related_entity_type = 'profile' AND related_entity_id = $2",
    )
    .bind(user)
    .bind(profile)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((channel.as_str(), n_status.as_str()), ("IN_APP", "SENT"));
    assert_eq!(title, "Your Photographer profile is approved");

    let config = mail_config();
    let log = done.outgoing.unwrap().send(&pool, &config).await.unwrap();
    let (to, subject, body, template): (String, String, String, String) = sqlx::query_as(
        "SELECT e.to_email, e.subject, e.body_snapshot, t.template_key
           FROM email_logs e JOIN notification_templates t ON t.id = e.notification_template_id
          WHERE e.id = $1",
    )
    .bind(log)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (to.as_str(), template.as_str()),
        ("asha@example.in", "profile_approved")
    );
    assert_eq!(subject, "Your Photographer profile is approved");
    assert!(
        body.contains("http://127.0.0.1:3000/pro/photographer"),
        "{body}"
    );
    assert_eq!(std::fs::read_dir(&config.outbox_dir).unwrap().count(), 1);
    std::fs::remove_dir_all(&config.outbox_dir).ok();
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn rejecting_a_profile_records_why_and_keeps_its_status(pool: PgPool) {
    let reviewer = staff(&pool, "mod@nxtgauge.in", "MODERATOR").await;
    let (user, profile, request) = submitted_profile(&pool, "ravi@example.in", "Ravi Clicks").await;

    let done = decide(
        &approval_subjects(),
        &pool,
        &reviewer,
        request,
        Decision::Reject,
        REASON,
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(done.status, "REJECTED");
    let (p_status, approval, reason): (String, String, Option<String>) = sqlx::query_as(
        "SELECT status, approval_status, rejection_reason FROM user_role_profiles WHERE id = $1",
    )
    .bind(profile)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (p_status.as_str(), approval.as_str(), reason.as_deref()),
        ("DRAFT", "REJECTED", Some(REASON))
    );
    assert_eq!(role_status(&pool, user, "photographer").await, "PENDING");
    let remarks: Option<String> =
        sqlx::query_scalar("SELECT remarks FROM approval_requests WHERE id = $1")
            .bind(request)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(remarks.as_deref(), Some(REASON));
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM audit_logs WHERE action = 'REJECT' AND entity_id = $1",
            profile
        )
        .await,
        1
    );
    let config = mail_config();
    let log = done.outgoing.unwrap().send(&pool, &config).await.unwrap();
    let body: String = sqlx::query_scalar("SELECT body_snapshot FROM email_logs WHERE id = $1")
        .bind(log)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(body.contains(REASON), "{body}");
    std::fs::remove_dir_all(&config.outbox_dir).ok();
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_rejection_needs_remarks(pool: PgPool) {
    let reviewer = staff(&pool, "v@nxtgauge.in", "VERIFIER").await;
    let (_, _, request) = submitted_profile(&pool, "a@example.in", "Asha").await;
    for remarks in ["", "   ", "too short"] {
        let err = decide(
            &approval_subjects(),
            &pool,
            &reviewer,
            request,
            Decision::Reject,
            remarks,
            &meta(),
        )
        .await
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.field_message("remarks").is_some(), "{remarks:?}");
    }
    assert_eq!(request_status(&pool, request).await, "PENDING");
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM approval_logs WHERE approval_request_id = $1",
            request
        )
        .await,
        1
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn people_without_the_capability_are_refused_and_nothing_changes(pool: PgPool) {
    let (user, profile, request) = submitted_profile(&pool, "a@example.in", "Asha").await;
    let customer_id = account(&pool, "c@example.in", "Chitra", "CUSTOMER").await;
    let customer = crate::domains::access::service::load(&pool, customer_id, Uuid::nil())
        .await
        .unwrap()
        .unwrap();
    let support = staff(&pool, "support@nxtgauge.in", "SUPPORT_AGENT").await;
    for who in [&customer, &support] {
        let err = decide(
            &approval_subjects(),
            &pool,
            who,
            request,
            Decision::Approve,
            "",
            &meta(),
        )
        .await
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
    }
    assert_eq!(request_status(&pool, request).await, "PENDING");
    assert_eq!(role_status(&pool, user, "photographer").await, "PENDING");
    let approval: String =
        sqlx::query_scalar("SELECT approval_status FROM user_role_profiles WHERE id = $1")
            .bind(profile)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(approval, "PENDING");
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM notifications WHERE user_id = $1",
            user
        )
        .await,
        0
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn when_two_reviewers_decide_at_once_exactly_one_wins(pool: PgPool) {
    let first = staff(&pool, "one@nxtgauge.in", "VERIFIER").await;
    let second = staff(&pool, "two@nxtgauge.in", "MODERATOR").await;
    let (user, _, request) = submitted_profile(&pool, "a@example.in", "Asha").await;
    let m = meta();
    let subjects = approval_subjects();
    let (a, b) = tokio::join!(
        decide(&subjects, &pool, &first, request, Decision::Approve, "", &m),
        decide(
            &subjects,
            &pool,
            &second,
            request,
            Decision::Reject,
            REASON,
            &m
        ),
    );
    let (wins, losses): (Vec<_>, Vec<_>) = [a, b].into_iter().partition(Result::is_ok);
    assert_eq!((wins.len(), losses.len()), (1, 1));
    let loss = losses.into_iter().next().unwrap().unwrap_err();
    assert_eq!(loss.code, ErrorCode::Conflict);
    assert!(
        loss.message.contains("Priya Ops has already"),
        "{}",
        loss.message
    );
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM approval_logs WHERE approval_request_id = $1",
            request
        )
        .await,
        2
    );
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM notifications WHERE user_id = $1",
            user
        )
        .await,
        1
    );
    // Deciding a decided request again is refused too.
    let again = decide(
        &approval_subjects(),
        &pool,
        &first,
        request,
        Decision::Approve,
        "",
        &m,
    )
    .await
    .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn reviewers_cannot_decide_their_own_submission(pool: PgPool) {
    let reviewer = staff(&pool, "self@nxtgauge.in", "VERIFIER").await;
    let profile = photographer_profile(&pool, reviewer.id, "Priya Frames").await;
    let request = submitted(&pool, EntityType::Profile, profile, reviewer.id).await;
    let err = decide(
        &approval_subjects(),
        &pool,
        &reviewer,
        request,
        Decision::Approve,
        "",
        &meta(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert_eq!(request_status(&pool, request).await, "PENDING");
    let shown = detail(&pool, request, reviewer.id, &all_types())
        .await
        .unwrap();
    assert!(shown.own_submission);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn approving_a_company_activates_it_and_its_role(pool: PgPool) {
    let reviewer = staff(&pool, "v@nxtgauge.in", "VERIFIER").await;
    let (user, company_id) = company(&pool, "hr@chaipoint.in").await;
    let request = submitted(&pool, EntityType::Company, company_id, user).await;
    let done = decide(
        &approval_subjects(),
        &pool,
        &reviewer,
        request,
        Decision::Approve,
        "Welcome aboard!",
        &meta(),
    )
    .await
    .unwrap();
    let (status, approval): (String, String) =
        sqlx::query_as("SELECT status, approval_status FROM company_profiles WHERE id = $1")
            .bind(company_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), approval.as_str()), ("ACTIVE", "APPROVED"));
    assert_eq!(role_status(&pool, user, "COMPANY").await, "APPROVED");
    let config = mail_config();
    let log = done.outgoing.unwrap().send(&pool, &config).await.unwrap();
    let (subject, body): (String, String) =
        sqlx::query_as("SELECT subject, body_snapshot FROM email_logs WHERE id = $1")
            .bind(log)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(subject, "Your company profile is approved");
    assert!(
        body.contains("Chai Point Studios") && body.contains("Welcome aboard!"),
        "{body}"
    );
    std::fs::remove_dir_all(&config.outbox_dir).ok();

    // A rejected company keeps its status and its role stays as it was.
    let (user2, company2) = company(&pool, "hr@other.in").await;
    let request2 = submitted(&pool, EntityType::Company, company2, user2).await;
    decide(
        &approval_subjects(),
        &pool,
        &reviewer,
        request2,
        Decision::Reject,
        REASON,
        &meta(),
    )
    .await
    .unwrap();
    let approval2: String =
        sqlx::query_scalar("SELECT approval_status FROM company_profiles WHERE id = $1")
            .bind(company2)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(approval2, "REJECTED");
    assert_eq!(role_status(&pool, user2, "COMPANY").await, "PENDING");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_queue_filters_and_lists_oldest_first(pool: PgPool) {
    let (_, _, first) = submitted_profile(&pool, "a@example.in", "Asha Rao").await;
    let (_, _, second) = submitted_profile(&pool, "b@example.in", "Bala 100%").await;
    let (cu, co) = company(&pool, "hr@chaipoint.in").await;
    let third = submitted(&pool, EntityType::Company, co, cu).await;
    sqlx::query(
        "UPDATE approval_requests SET submitted_at = now() - interval '3 days' WHERE id = $1",
    )
    .bind(second)
    .execute(&pool)
    .await
    .unwrap();
    let all = list(
        &pool,
        &ApprovalFilter::from_query(None, None, None, None, None),
        &all_types(),
    )
    .await
    .unwrap();
    let ids: Vec<Uuid> = all.rows.iter().map(|r| r.id).collect();
    assert_eq!(ids, vec![second, first, third]);
    assert_eq!(all.total, 3);
    assert!(all.rows[0].age_minutes >= 3 * 24 * 60);
    assert_eq!(all.rows[2].display_name, "Chai Point Studios");
    assert_eq!(all.rows[0].submitted_by_name, "Bala 100%");

    let f = |t: Option<&str>, r: Option<&str>, q: Option<&str>| {
        ApprovalFilter::from_query(
            None,
            t.map(Into::into),
            r.map(Into::into),
            q.map(Into::into),
            None,
        )
    };
    let companies = list(&pool, &f(Some("company"), None, None), &all_types())
        .await
        .unwrap();
    assert_eq!(
        companies.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![third]
    );
    let photographers = list(&pool, &f(None, Some("photographer"), None), &all_types())
        .await
        .unwrap();
    assert_eq!(photographers.total, 2);
    let tutors = list(&pool, &f(None, Some("tutor"), None), &all_types())
        .await
        .unwrap();
    assert!(tutors.rows.is_empty());
    let named = list(&pool, &f(None, None, Some("asha")), &all_types())
        .await
        .unwrap();
    assert_eq!(
        named.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![first]
    );
    // `%` is a literal character, not a wildcard.
    let percent = list(&pool, &f(None, None, Some("0%")), &all_types())
        .await
        .unwrap();
    assert_eq!(
        percent.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![second]
    );
    let decided = list(
        &pool,
        &ApprovalFilter::from_query(Some("APPROVED".into()), None, None, None, None),
        &all_types(),
    )
    .await
    .unwrap();
    assert_eq!(decided.total, 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_queue_pages_by_twenty_five(pool: PgPool) {
    let user = account(&pool, "many@example.in", "Many", "photographer").await;
    sqlx::query(
        "INSERT INTO approval_requests (entity_type, entity_id, submitted_by_user_id, submitted_at)
         SELECT 'company', gen_random_uuid(), $1, now() - make_interval(mins => g)
           FROM generate_series(1, 26) g",
    )
    .bind(user)
    .execute(&pool)
    .await
    .unwrap();
    let page = |n: &str| ApprovalFilter::from_query(None, None, None, None, Some(n.into()));
    let one = list(&pool, &page("1"), &all_types()).await.unwrap();
    assert_eq!((one.rows.len(), one.has_more, one.total), (25, true, 26));
    let two = list(&pool, &page("2"), &all_types()).await.unwrap();
    assert_eq!((two.rows.len(), two.has_more), (1, false));
    assert!(two.rows[0].submitted_at > one.rows[24].submitted_at);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_detail_shows_the_submitted_profile_through_its_role_spec(pool: PgPool) {
    let reviewer = staff(&pool, "v@nxtgauge.in", "VERIFIER").await;
    let (_, profile, request) = submitted_profile(&pool, "a@example.in", "Asha Rao").await;
    let r = review(&pool, request, reviewer.id, &all_types())
        .await
        .unwrap();
    let d = r.detail;
    assert!(!d.own_submission);
    assert_eq!(d.submitted_by_email, "a@example.in");
    assert_eq!(d.logs.len(), 1);
    assert_eq!(d.logs[0].action.as_str(), "SUBMITTED");
    assert_eq!(d.logs[0].actor_name.as_deref(), Some("Asha Rao"));
    let Subject::Profile(p) = r.subject else {
        panic!("a profile request shows the profile")
    };
    assert_eq!(p.id, profile);
    assert_eq!(p.role_label, "Photographer");
    let field = |label: &str| {
        p.fields
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(field("Specialties"), "Wedding, Candid");
    assert_eq!(field("Studio available"), "Yes");
    assert_eq!(field("Outdoor shoots"), "No");
    assert_eq!(field("Travel radius"), "80 km");
    assert_eq!(field("Starting price"), "₹25,000");
    assert_eq!(p.portfolio.len(), 1);
    assert_eq!(p.portfolio[0].images.len(), 2);
    assert_eq!(p.portfolio[0].images[0].url, "/media/portfolio/a/one.jpg");
    assert_eq!(
        p.portfolio[0].images[0].thumb_url,
        "/media/portfolio/a/one_thumb.jpg"
    );
    assert_eq!(p.services.len(), 2);
    assert_eq!(p.services[0].price, "₹15,000");

    decide(
        &approval_subjects(),
        &pool,
        &reviewer,
        request,
        Decision::Reject,
        REASON,
        &meta(),
    )
    .await
    .unwrap();
    let d = detail(&pool, request, reviewer.id, &all_types())
        .await
        .unwrap();
    assert_eq!(d.reviewed_by_name.as_deref(), Some("Priya Ops"));
    assert_eq!(d.logs.len(), 2);
    assert_eq!(d.logs[1].actor_name.as_deref(), Some("Priya Ops"));
    assert_eq!(d.remarks.as_deref(), Some(REASON));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_request_for_a_deleted_profile_can_only_be_closed_by_rejecting_it(pool: PgPool) {
    let reviewer = staff(&pool, "v@nxtgauge.in", "VERIFIER").await;
    let (user, profile, request) = submitted_profile(&pool, "a@example.in", "Asha").await;
    sqlx::query("DELETE FROM user_role_profiles WHERE id = $1")
        .bind(profile)
        .execute(&pool)
        .await
        .unwrap();
    let r = review(&pool, request, reviewer.id, &all_types())
        .await
        .unwrap();
    assert_eq!(r.subject, Subject::Missing);
    let err = decide(
        &approval_subjects(),
        &pool,
        &reviewer,
        request,
        Decision::Approve,
        "",
        &meta(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(request_status(&pool, request).await, "PENDING");
    let done = decide(
        &approval_subjects(),
        &pool,
        &reviewer,
        request,
        Decision::Reject,
        REASON,
        &meta(),
    )
    .await
    .unwrap();
    assert!(done.outgoing.is_none());
    assert_eq!(request_status(&pool, request).await, "REJECTED");
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM notifications WHERE user_id = $1",
            user
        )
        .await,
        0
    );
}
