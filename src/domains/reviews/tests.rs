//! Reviews against a real PostgreSQL: who may review, one review each, moderation and
//! its capability, the kept rating counts (and the search row) through publish and
//! hide, replies, reports and the published pages.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::model::{
    EntityType, ModerationInput, QueueFilter, ReportForm, ReportInput, ReviewForm, ReviewInput,
};
use super::service::{self, Basis};
use crate::core::{AppError, ErrorCode};
use crate::domains::access::service::{load, CurrentUser};
use crate::domains::approvals::fixtures::{account, company, meta, staff};
use sqlx::PgPool;
use uuid::Uuid;

async fn user(pool: &PgPool, id: Uuid) -> CurrentUser {
    load(pool, id, Uuid::nil()).await.unwrap().unwrap()
}

async fn person(pool: &PgPool, email: &str, role: &str) -> CurrentUser {
    let id = account(pool, email, "Kavya Menon", role).await;
    user(pool, id).await
}

/// A listed photographer; returns (owner, profile id). Its search row exists.
async fn professional(pool: &PgPool, email: &str) -> (CurrentUser, Uuid) {
    let owner = person(pool, email, "photographer").await;
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO user_role_profiles (user_id, role_key, display_name, bio, location, slug,
                                         status, approval_status, approved_at, is_profile_public)
         VALUES ($1, 'photographer', 'Arjun Nair', 'Weddings in Kochi.', 'Kochi', $2,
                 'ACTIVE', 'APPROVED', now(), true)
         RETURNING id",
    )
    .bind(owner.id)
    .bind(format!("arjun-{}", Uuid::new_v4().simple()))
    .fetch_one(pool)
    .await
    .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    crate::domains::search::index::refresh(&mut conn, id)
        .await
        .unwrap();
    (owner, id)
}

/// A lead of `customer` answered by `profile` with a response in `status`.
async fn response(pool: &PgPool, customer: Uuid, profile: Uuid, status: &str) -> Uuid {
    let lead: Uuid = sqlx::query_scalar(
        "INSERT INTO leads (created_by_user_id, profession_key, title, description, location,
                            status, approved_at, expires_at)
         VALUES ($1, 'photographer', 'Wedding photographer for two days',
                 'Haldi and wedding in Kochi, about 300 guests.', 'Kochi', 'OPEN', now(),
                 now() + interval '14 days')
         RETURNING id",
    )
    .bind(customer)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query_scalar(
        "INSERT INTO lead_requests (lead_id, user_role_profile_id, status, decided_at)
         VALUES ($1, $2, $3, CASE WHEN $3 <> 'PENDING' THEN now() END) RETURNING id",
    )
    .bind(lead)
    .bind(profile)
    .bind(status)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A customer who accepted `profile`'s response.
async fn hired(pool: &PgPool, profile: Uuid, email: &str) -> CurrentUser {
    let c = person(pool, email, "CUSTOMER").await;
    response(pool, c.id, profile, "ACCEPTED").await;
    c
}

/// A LIVE job of the company.
async fn job(pool: &PgPool, company_user: Uuid, company_id: Uuid) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO jobs (company_profile_id, posted_by_user_id, title, status, approved_at,
                           expires_at)
         VALUES ($1, $2, 'Video editor', 'LIVE', now(), now() + interval '30 days')
         RETURNING id",
    )
    .bind(company_id)
    .bind(company_user)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn apply(pool: &PgPool, job: Uuid, applicant: Uuid, status: &str) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO job_applications (job_id, applicant_user_id, status)
         VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(job)
    .bind(applicant)
    .bind(status)
    .fetch_one(pool)
    .await
    .unwrap()
}

fn review_input(rating: i16) -> ReviewInput {
    ReviewInput::parse(&ReviewForm {
        rating: rating.to_string(),
        text: "Arrived early, lovely candid photos, delivered in a week.".into(),
    })
    .unwrap()
}

fn publish() -> ModerationInput {
    ModerationInput::parse("PUBLISH", "").unwrap()
}

fn hide() -> ModerationInput {
    ModerationInput::parse("HIDE", "Shares the photographer's home address.").unwrap()
}

async fn submit(pool: &PgPool, who: &CurrentUser, profile: Uuid, rating: i16) -> Uuid {
    service::submit(
        pool,
        who,
        EntityType::Professional,
        profile,
        &review_input(rating),
        &meta(),
    )
    .await
    .unwrap()
}

async fn moderate(pool: &PgPool, staff: &CurrentUser, id: Uuid, input: &ModerationInput) {
    let done = service::moderate(pool, staff, id, input, &meta())
        .await
        .unwrap();
    assert_eq!(done.status, input.decision.status());
}

/// The kept row: (count, sum, [5★..1★]).
async fn stats(pool: &PgPool, entity: &str, id: Uuid) -> (i32, i32, [i32; 5]) {
    let row: Option<(i32, i32, i32, i32, i32, i32, i32)> = sqlx::query_as(
        "SELECT review_count, rating_sum, stars_5, stars_4, stars_3, stars_2, stars_1
           FROM review_stats WHERE entity_type = $1 AND entity_id = $2",
    )
    .bind(entity)
    .bind(id)
    .fetch_optional(pool)
    .await
    .unwrap();
    row.map_or((0, 0, [0; 5]), |r| (r.0, r.1, [r.2, r.3, r.4, r.5, r.6]))
}

/// The same, counted afresh from PUBLISHED reviews.
async fn fresh(pool: &PgPool, entity: &str, id: Uuid) -> (i32, i32, [i32; 5]) {
    let r: (i32, i32, i32, i32, i32, i32, i32) = sqlx::query_as(
        "SELECT count(*)::int, coalesce(sum(rating), 0)::int,
                (count(*) FILTER (WHERE rating = 5))::int, (count(*) FILTER (WHERE rating = 4))::int,
                (count(*) FILTER (WHERE rating = 3))::int, (count(*) FILTER (WHERE rating = 2))::int,
                (count(*) FILTER (WHERE rating = 1))::int
           FROM reviews WHERE entity_type = $1 AND entity_id = $2 AND status = 'PUBLISHED'",
    )
    .bind(entity)
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap();
    (r.0, r.1, [r.2, r.3, r.4, r.5, r.6])
}

/// The search row's (rating_avg × 100, rating_count).
async fn search_rating(pool: &PgPool, profile: Uuid) -> (i32, i32) {
    sqlx::query_as(
        "SELECT (rating_avg * 100)::int, rating_count FROM profile_search WHERE profile_id = $1",
    )
    .bind(profile)
    .fetch_one(pool)
    .await
    .unwrap()
}

fn refused(err: &AppError, code: ErrorCode, text: &str) {
    assert_eq!(err.code, code, "{err:?}");
    assert!(err.message.contains(text), "{}", err.message);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn customers_review_a_professional_only_after_accepting_their_response(pool: PgPool) {
    let (owner, profile) = professional(&pool, "arjun@example.in").await;
    let pro = EntityType::Professional;
    let not_yet = "after they have responded to one of your requests and you accepted";

    let stranger = person(&pool, "stranger@example.in", "CUSTOMER").await;
    let err = service::eligibility(&pool, stranger.id, pro, profile)
        .await
        .unwrap_err();
    refused(&err, ErrorCode::Forbidden, not_yet);

    let waiting = person(&pool, "waiting@example.in", "CUSTOMER").await;
    response(&pool, waiting.id, profile, "PENDING").await;
    let declined = person(&pool, "declined@example.in", "CUSTOMER").await;
    response(&pool, declined.id, profile, "REJECTED").await;
    for c in [&waiting, &declined] {
        let err = service::eligibility(&pool, c.id, pro, profile)
            .await
            .unwrap_err();
        refused(&err, ErrorCode::Forbidden, not_yet);
    }
    // Another professional's accepted response does not count for this one.
    let (_, other) = professional(&pool, "other@example.in").await;
    response(&pool, waiting.id, other, "ACCEPTED").await;
    assert!(service::eligibility(&pool, waiting.id, pro, profile)
        .await
        .is_err());

    let happy = person(&pool, "happy@example.in", "CUSTOMER").await;
    response(&pool, happy.id, profile, "REJECTED").await;
    let accepted = response(&pool, happy.id, profile, "ACCEPTED").await;
    assert_eq!(
        service::eligibility(&pool, happy.id, pro, profile)
            .await
            .unwrap(),
        Basis::LeadRequest(accepted)
    );

    let err = service::eligibility(&pool, owner.id, pro, profile)
        .await
        .unwrap_err();
    refused(&err, ErrorCode::Forbidden, "You cannot review yourself.");
    let err = service::eligibility(&pool, happy.id, pro, Uuid::new_v4())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    // Refused reviewers store nothing.
    let err = service::submit(&pool, &stranger, pro, profile, &review_input(1), &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM reviews")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn companies_are_reviewed_after_an_application_reached_interview_or_offer(pool: PgPool) {
    let (company_user, company_id) = company(&pool, "hr@chai.example.in").await;
    let (other_user, other_company) = company(&pool, "hr@other.example.in").await;
    let posting = job(&pool, company_user, company_id).await;
    let other_posting = job(&pool, other_user, other_company).await;
    let co = EntityType::Company;
    let not_yet = "after one of your applications to it reached the interview or offer stage";

    let applied = person(&pool, "applied@example.in", "CANDIDATE").await;
    apply(&pool, posting, applied.id, "APPLIED").await;
    let shortlisted = person(&pool, "short@example.in", "CANDIDATE").await;
    let app = apply(&pool, posting, shortlisted.id, "SHORTLISTED").await;
    sqlx::query(
        "INSERT INTO job_application_events (job_application_id, from_status, to_status)
         VALUES ($1, NULL, 'APPLIED'), ($1, 'APPLIED', 'SHORTLISTED')",
    )
    .bind(app)
    .execute(&pool)
    .await
    .unwrap();
    // An interview with another company does not count.
    apply(&pool, other_posting, shortlisted.id, "INTERVIEW").await;
    for c in [&applied, &shortlisted] {
        let err = service::eligibility(&pool, c.id, co, company_id)
            .await
            .unwrap_err();
        refused(&err, ErrorCode::Forbidden, not_yet);
    }

    let interviewed = person(&pool, "interview@example.in", "CANDIDATE").await;
    let now = apply(&pool, posting, interviewed.id, "INTERVIEW").await;
    assert_eq!(
        service::eligibility(&pool, interviewed.id, co, company_id)
            .await
            .unwrap(),
        Basis::JobApplication(now)
    );
    // Rejected after an offer: the history says the offer stage was reached.
    let (pro_owner, _) = professional(&pool, "pro.candidate@example.in").await;
    let offered = apply(&pool, posting, pro_owner.id, "REJECTED").await;
    sqlx::query(
        "INSERT INTO job_application_events (job_application_id, from_status, to_status)
         VALUES ($1, 'APPLIED', 'OFFERED'), ($1, 'OFFERED', 'REJECTED')",
    )
    .bind(offered)
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(
        service::eligibility(&pool, pro_owner.id, co, company_id)
            .await
            .unwrap(),
        Basis::JobApplication(offered)
    );
    let err = service::eligibility(&pool, company_user, co, company_id)
        .await
        .unwrap_err();
    refused(&err, ErrorCode::Forbidden, "You cannot review yourself.");

    let id = service::submit(
        &pool,
        &interviewed,
        co,
        company_id,
        &review_input(4),
        &meta(),
    )
    .await
    .unwrap();
    let row: (String, String, Uuid) =
        sqlx::query_as("SELECT status, basis_type, basis_id FROM reviews WHERE id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(row, ("PENDING".into(), "JOB_APPLICATION".into(), now));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn one_review_per_reviewer_and_professional(pool: PgPool) {
    let (_, profile) = professional(&pool, "arjun@example.in").await;
    let c = hired(&pool, profile, "kavya@example.in").await;
    let slug: String = sqlx::query_scalar("SELECT slug FROM user_role_profiles WHERE id = $1")
        .bind(profile)
        .fetch_one(&pool)
        .await
        .unwrap();
    let party = service::write_context(&pool, c.id, EntityType::Professional, &slug)
        .await
        .unwrap();
    assert_eq!(party.id, profile);
    let id = submit(&pool, &c, profile, 5).await;
    let row: (String, i16, String, String) =
        sqlx::query_as("SELECT status, rating, review_text, basis_type FROM reviews WHERE id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(row.0, "PENDING");
    assert_eq!(row.1, 5);
    assert!(row.2.starts_with("Arrived early"));
    assert_eq!(row.3, "LEAD_REQUEST");

    let again = service::submit(
        &pool,
        &c,
        EntityType::Professional,
        profile,
        &review_input(1),
        &meta(),
    )
    .await
    .unwrap_err();
    refused(
        &again,
        ErrorCode::Conflict,
        "You have already reviewed Arjun Nair",
    );
    let page = service::write_context(&pool, c.id, EntityType::Professional, &slug)
        .await
        .unwrap_err();
    assert_eq!(page.code, ErrorCode::Conflict);
    let reviews: i64 = sqlx::query_scalar("SELECT count(*) FROM reviews WHERE entity_id = $1")
        .bind(profile)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(reviews, 1);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE entity_type = 'review' AND entity_id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);

    // Bad input is refused field by field before anything is stored.
    let bad = ReviewInput::parse(&ReviewForm {
        rating: "7".into(),
        text: "ok".into(),
    })
    .unwrap_err();
    assert!(bad.field_message("rating").is_some() && bad.field_message("text").is_some());
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn moderation_needs_the_reviews_capability(pool: PgPool) {
    let (_, profile) = professional(&pool, "arjun@example.in").await;
    let c = hired(&pool, profile, "kavya@example.in").await;
    let id = submit(&pool, &c, profile, 4).await;
    let verifier = staff(&pool, "verifier@nxtgauge.in", "VERIFIER").await;
    for who in [&verifier, &c] {
        let err = service::moderate(&pool, who, id, &publish(), &meta())
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        let err = service::queue(&pool, who, QueueFilter::Pending)
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
    }
    let status: String = sqlx::query_scalar("SELECT status FROM reviews WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(status, "PENDING");
    let moderator = staff(&pool, "mod@nxtgauge.in", "MODERATOR").await;
    let queue = service::queue(&pool, &moderator, QueueFilter::Pending)
        .await
        .unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].id, id);
    assert_eq!(queue[0].entity_name, "Arjun Nair");
    assert_eq!(queue[0].reviewer, "Kavya Menon");
    let admin = staff(&pool, "admin@nxtgauge.in", "SUPER_ADMIN").await;
    moderate(&pool, &admin, id, &publish()).await;
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn publishing_and_hiding_keep_the_stats_and_the_search_row(pool: PgPool) {
    let (owner, profile) = professional(&pool, "arjun@example.in").await;
    let moderator = staff(&pool, "mod@nxtgauge.in", "MODERATOR").await;
    let a = hired(&pool, profile, "a@example.in").await;
    let b = hired(&pool, profile, "b@example.in").await;
    let ra = submit(&pool, &a, profile, 5).await;
    let rb = submit(&pool, &b, profile, 4).await;
    assert_eq!(search_rating(&pool, profile).await, (0, 0));
    assert_eq!(
        service::summary(&pool, EntityType::Professional, profile)
            .await
            .unwrap()
            .count,
        0
    );

    moderate(&pool, &moderator, ra, &publish()).await;
    assert_eq!(
        stats(&pool, "professional", profile).await,
        (1, 5, [1, 0, 0, 0, 0])
    );
    assert_eq!(search_rating(&pool, profile).await, (500, 1));
    let told: (i64, String) = sqlx::query_as(
        "SELECT count(*), max(title) FROM notifications
          WHERE user_id = $1 AND related_entity_type = 'review' AND related_entity_id = $2",
    )
    .bind(owner.id)
    .bind(ra)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(told.0, 1);
    assert!(told.1.contains("Arjun Nair"), "{}", told.1);

    moderate(&pool, &moderator, rb, &publish()).await;
    assert_eq!(
        stats(&pool, "professional", profile).await,
        (2, 9, [1, 1, 0, 0, 0])
    );
    assert_eq!(search_rating(&pool, profile).await, (450, 2));
    let summary = service::summary(&pool, EntityType::Professional, profile)
        .await
        .unwrap();
    assert_eq!((summary.count, summary.histogram), (2, [1, 1, 0, 0, 0]));
    assert!((summary.average - 4.5).abs() < 1e-9);

    // A published review hidden later (say, from a report) leaves the counts.
    moderate(&pool, &moderator, ra, &hide()).await;
    assert_eq!(
        stats(&pool, "professional", profile).await,
        (1, 4, [0, 1, 0, 0, 0])
    );
    assert_eq!(search_rating(&pool, profile).await, (400, 1));
    let (reason, by): (Option<String>, Option<Uuid>) =
        sqlx::query_as("SELECT moderation_reason, moderated_by_user_id FROM reviews WHERE id = $1")
            .bind(ra)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        reason.as_deref(),
        Some("Shares the photographer's home address.")
    );
    assert_eq!(by, Some(moderator.id));
    let hidden_notice: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications WHERE user_id = $1 AND related_entity_id = $2",
    )
    .bind(a.id)
    .bind(ra)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(hidden_notice, 1);
    let err = service::moderate(&pool, &moderator, ra, &hide(), &meta())
        .await
        .unwrap_err();
    refused(&err, ErrorCode::Conflict, "already hidden");

    // …and republishing it brings it back.
    moderate(&pool, &moderator, ra, &publish()).await;
    assert_eq!(
        stats(&pool, "professional", profile).await,
        (2, 9, [1, 1, 0, 0, 0])
    );
    let page = crate::domains::search::profile::load(
        &pool,
        &sqlx::query_scalar::<_, String>("SELECT slug FROM user_role_profiles WHERE id = $1")
            .bind(profile)
            .fetch_one(&pool)
            .await
            .unwrap(),
        None,
        "http://test.example",
    )
    .await
    .unwrap();
    assert_eq!(page.rating.count, 2);
    assert_eq!(page.rating.histogram, [1, 1, 0, 0, 0]);
    // Nobody moderates a review about themselves.
    let self_mod = staff(&pool, "arjun@example.in", "MODERATOR").await;
    assert_eq!(self_mod.id, owner.id);
    let err = service::moderate(&pool, &self_mod, rb, &hide(), &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn kept_stats_equal_a_fresh_count_after_any_sequence_of_decisions(pool: PgPool) {
    let (_, profile) = professional(&pool, "arjun@example.in").await;
    let (company_user, company_id) = company(&pool, "hr@chai.example.in").await;
    let posting = job(&pool, company_user, company_id).await;
    let moderator = staff(&pool, "mod@nxtgauge.in", "MODERATOR").await;
    let mut pro_reviews = Vec::new();
    let mut company_reviews = Vec::new();
    for i in 0..8i16 {
        let c = hired(&pool, profile, &format!("c{i}@example.in")).await;
        pro_reviews.push(submit(&pool, &c, profile, 1 + i % 5).await);
        apply(
            &pool,
            posting,
            c.id,
            if i % 2 == 0 { "INTERVIEW" } else { "OFFERED" },
        )
        .await;
        company_reviews.push(
            service::submit(
                &pool,
                &c,
                EntityType::Company,
                company_id,
                &review_input(5 - i % 5),
                &meta(),
            )
            .await
            .unwrap(),
        );
    }
    // Publish all, hide every third, republish some, hide some straight from PENDING.
    let steps: Vec<(usize, bool)> = vec![
        (0, true),
        (1, true),
        (2, true),
        (3, false),
        (4, true),
        (0, false),
        (5, true),
        (2, false),
        (0, true),
        (6, true),
        (7, false),
        (1, false),
        (7, true),
    ];
    for (i, up) in steps {
        let input = if up { publish() } else { hide() };
        for id in [pro_reviews[i], company_reviews[i]] {
            moderate(&pool, &moderator, id, &input).await;
        }
        assert_eq!(
            stats(&pool, "professional", profile).await,
            fresh(&pool, "professional", profile).await
        );
        assert_eq!(
            stats(&pool, "company", company_id).await,
            fresh(&pool, "company", company_id).await
        );
    }
    let (count, sum, _) = stats(&pool, "professional", profile).await;
    assert_eq!(count, 5);
    assert_eq!(
        search_rating(&pool, profile).await,
        ((sum * 100 * 2 + count) / (count * 2), count)
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_reviewed_party_replies_once_to_a_published_review(pool: PgPool) {
    let (owner, profile) = professional(&pool, "arjun@example.in").await;
    let moderator = staff(&pool, "mod@nxtgauge.in", "MODERATOR").await;
    let c = hired(&pool, profile, "kavya@example.in").await;
    let id = submit(&pool, &c, profile, 5).await;
    let err = service::reply(&pool, &owner, id, "Thank you, Kavya!", &meta())
        .await
        .unwrap_err();
    refused(&err, ErrorCode::Conflict, "once it is published");
    moderate(&pool, &moderator, id, &publish()).await;
    for who in [&c, &moderator] {
        let err = service::reply(&pool, who, id, "Thanks", &meta())
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
    }
    let reply = service::reply(&pool, &owner, id, "Thank you, Kavya!", &meta())
        .await
        .unwrap();
    assert_eq!(reply.text, "Thank you, Kavya!");
    let err = service::reply(&pool, &owner, id, "And again", &meta())
        .await
        .unwrap_err();
    refused(
        &err,
        ErrorCode::Conflict,
        "You have already replied to this review.",
    );
    let page = service::published(&pool, EntityType::Professional, profile, None, Some(c.id))
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    let item = &page.items[0];
    assert_eq!(item.reviewer, "Kavya M.");
    assert!(item.mine);
    assert_eq!(
        item.reply.as_ref().map(|r| r.text.as_str()),
        Some("Thank you, Kavya!")
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn reports_reach_the_queue_and_a_decision_resolves_them(pool: PgPool) {
    let (owner, profile) = professional(&pool, "arjun@example.in").await;
    let moderator = staff(&pool, "mod@nxtgauge.in", "MODERATOR").await;
    let c = hired(&pool, profile, "kavya@example.in").await;
    let id = submit(&pool, &c, profile, 1).await;
    let report = |reason: &str, details: &str| {
        ReportInput::parse(&ReportForm {
            reason: reason.into(),
            details: details.into(),
        })
        .unwrap()
    };
    // Pending reviews are not public, so they cannot be reported.
    let err = service::report(&pool, &owner, id, &report("FAKE", ""), &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    moderate(&pool, &moderator, id, &publish()).await;
    let err = service::report(&pool, &c, id, &report("SPAM", ""), &meta())
        .await
        .unwrap_err();
    refused(&err, ErrorCode::Forbidden, "your own review");

    let visitor = person(&pool, "visitor@example.in", "CUSTOMER").await;
    service::report(
        &pool,
        &visitor,
        id,
        &report("OTHER", "Mentions a different studio."),
        &meta(),
    )
    .await
    .unwrap();
    let err = service::report(&pool, &visitor, id, &report("SPAM", ""), &meta())
        .await
        .unwrap_err();
    refused(&err, ErrorCode::Conflict, "already reported");
    service::report(&pool, &owner, id, &report("FAKE", ""), &meta())
        .await
        .unwrap();
    let notices: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications WHERE related_entity_type = 'review_report'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(notices, 0, "reports notify nobody");

    let reported = service::queue(&pool, &moderator, QueueFilter::Reported)
        .await
        .unwrap();
    assert_eq!(reported.len(), 1);
    assert_eq!(reported[0].id, id);
    let reasons: Vec<&str> = reported[0]
        .reports
        .iter()
        .map(|r| r.reason.as_str())
        .collect();
    assert_eq!(reasons, ["OTHER", "FAKE"]);
    assert_eq!(
        reported[0].reports[0].details.as_deref(),
        Some("Mentions a different studio.")
    );
    assert_eq!(
        service::queue_counts(&pool, &moderator).await.unwrap(),
        (0, 1)
    );

    moderate(&pool, &moderator, id, &hide()).await;
    let open: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM review_reports WHERE review_id = $1 AND status = 'OPEN'",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(open, 0);
    let resolved_by: Vec<Option<Uuid>> =
        sqlx::query_scalar("SELECT resolved_by_user_id FROM review_reports WHERE review_id = $1")
            .bind(id)
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(resolved_by.iter().all(|b| *b == Some(moderator.id)));
    assert!(service::queue(&pool, &moderator, QueueFilter::Reported)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(stats(&pool, "professional", profile).await.0, 0);

    // Keeping a reported review published dismisses the reports without moving counts.
    moderate(&pool, &moderator, id, &publish()).await;
    service::report(&pool, &visitor, id, &report("SPAM", ""), &meta())
        .await
        .unwrap();
    moderate(&pool, &moderator, id, &publish()).await;
    assert_eq!(stats(&pool, "professional", profile).await.0, 1);
    assert_eq!(
        service::queue_counts(&pool, &moderator).await.unwrap(),
        (0, 0)
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn published_reviews_page_newest_first_without_gaps(pool: PgPool) {
    let (_, profile) = professional(&pool, "arjun@example.in").await;
    let moderator = staff(&pool, "mod@nxtgauge.in", "MODERATOR").await;
    let mut ids = Vec::new();
    for i in 0..13 {
        let c = hired(&pool, profile, &format!("c{i}@example.in")).await;
        let id = submit(&pool, &c, profile, 4).await;
        if i != 6 {
            moderate(&pool, &moderator, id, &publish()).await;
            ids.push(id);
        }
    }
    // Same timestamps for some rows: the id breaks ties.
    sqlx::query("UPDATE reviews SET created_at = '2026-01-01T10:00:00Z' WHERE entity_id = $1 AND rating = 4 AND id = ANY($2)")
        .bind(profile)
        .bind(&ids[3..7])
        .execute(&pool)
        .await
        .unwrap();
    let first = service::published(&pool, EntityType::Professional, profile, None, None)
        .await
        .unwrap();
    assert_eq!(first.items.len(), 10);
    let next = first.next.as_deref().and_then(super::model::parse_cursor);
    assert!(next.is_some());
    let second = service::published(&pool, EntityType::Professional, profile, next, None)
        .await
        .unwrap();
    assert_eq!(second.items.len(), 2);
    assert_eq!(second.next, None);
    let seen: Vec<(chrono::DateTime<chrono::Utc>, Uuid)> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|i| (i.created_at, i.id))
        .collect();
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(seen, sorted, "newest first");
    let mut unique: Vec<Uuid> = seen.iter().map(|s| s.1).collect();
    unique.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(
        unique, expected,
        "every published review once, the pending one never"
    );
}
