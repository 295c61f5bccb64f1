//! Job applications against a real PostgreSQL: applying (eligibility, once, under
//! concurrency), the company's pipeline and moves, other companies kept out,
//! conversations, the candidate's history, résumé access and the response rate.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::model::{ApplyForm, ApplyInput, ApplyState, MoveForm, MoveInput, PipelineFilter, Stage};
use super::service;
use crate::core::ErrorCode;
use crate::domains::access::service::{load, CurrentUser};
use crate::domains::approvals::fixtures::{account, company, count, meta};
use sqlx::PgPool;
use std::sync::Arc;
use uuid::Uuid;

const NOTE: &str =
    "I have managed the front desk of a 40-room hotel in Pune for three years and speak four languages.";

fn note() -> ApplyInput {
    ApplyInput::parse(&ApplyForm {
        cover_note: NOTE.into(),
    })
    .unwrap()
}

fn to(stage: &str, note: &str) -> MoveInput {
    MoveInput::parse(&MoveForm {
        stage: stage.into(),
        note: note.into(),
    })
    .unwrap()
}

async fn user(pool: &PgPool, id: Uuid) -> CurrentUser {
    load(pool, id, Uuid::nil()).await.unwrap().unwrap()
}

/// A candidate account; with `profile` an ACTIVE candidate profile (with a résumé
/// when `resume`). Returns the user and the profile id.
async fn candidate(
    pool: &PgPool,
    email: &str,
    name: &str,
    profile: bool,
    resume: bool,
) -> (CurrentUser, Option<Uuid>) {
    let id = account(pool, email, name, "CANDIDATE").await;
    let profile_id = if profile {
        let resume = resume.then(|| format!("private/resumes/{id}/{}.pdf", Uuid::new_v4()));
        Some(
            sqlx::query_scalar(
                "INSERT INTO candidate_profiles (user_id, display_name, bio, location,
                                                 experience_years, expected_salary_inr,
                                                 resume_file_url, status)
                 VALUES ($1, $2, 'Front office and guest relations.', 'Pune', 4, 48000000, $3, 'ACTIVE')
                 RETURNING id",
            )
            .bind(id)
            .bind(name)
            .bind(resume)
            .fetch_one(pool)
            .await
            .unwrap(),
        )
    } else {
        None
    };
    (user(pool, id).await, profile_id)
}

/// A job of `company_profile` in `status`, live for `days` more days (negative:
/// already expired).
async fn job(pool: &PgPool, owner: Uuid, company_profile: Uuid, status: &str, days: i32) -> Uuid {
    let live = status == "LIVE";
    let closed = status == "CLOSED";
    sqlx::query_scalar(
        "INSERT INTO jobs (company_profile_id, posted_by_user_id, title, description, location,
                           status, approved_at, expires_at, closed_at, close_reason)
         VALUES ($1, $2, 'Front office executive', 'Run the front desk.', 'Pune', $3,
                 CASE WHEN $4 OR $5 THEN now() - interval '40 days' END,
                 CASE WHEN $4 THEN now() + make_interval(days => $6) END,
                 CASE WHEN $5 THEN now() END,
                 CASE WHEN $5 THEN 'CLOSED' END)
         RETURNING id",
    )
    .bind(company_profile)
    .bind(owner)
    .bind(status)
    .bind(live)
    .bind(closed)
    .bind(days)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A company (owner, profile) with one LIVE job.
async fn hiring(pool: &PgPool, email: &str) -> (CurrentUser, Uuid, Uuid) {
    let (owner, profile) = company(pool, email).await;
    let job = job(pool, owner, profile, "LIVE", 30).await;
    (user(pool, owner).await, profile, job)
}

async fn applications(pool: &PgPool, job: Uuid) -> i64 {
    count(
        pool,
        "SELECT count(*) FROM job_applications WHERE job_id = $1",
        job,
    )
    .await
}

async fn status(pool: &PgPool, application: Uuid) -> String {
    sqlx::query_scalar("SELECT status FROM job_applications WHERE id = $1")
        .bind(application)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn events(pool: &PgPool, application: Uuid) -> Vec<(Option<String>, String)> {
    sqlx::query_as(
        "SELECT from_status, to_status FROM job_application_events
          WHERE job_application_id = $1 ORDER BY created_at",
    )
    .bind(application)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn notices(pool: &PgPool, user: Uuid, entity_type: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT title FROM notifications WHERE user_id = $1 AND related_entity_type = $2
          ORDER BY created_at",
    )
    .bind(user)
    .bind(entity_type)
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn applying_stores_the_application_its_event_and_tells_the_company(pool: PgPool) {
    let (boss, _, job) = hiring(&pool, "hr@chai.example").await;
    let (asha, profile) = candidate(&pool, "asha@example.in", "Asha Rao", true, true).await;
    assert_eq!(
        service::apply_state(&pool, Some(asha.id), job)
            .await
            .unwrap(),
        ApplyState::Open
    );
    let done = service::apply(&pool, &asha, job, &note(), &meta())
        .await
        .unwrap();
    let row: (String, Option<String>, Option<Uuid>, Option<String>) = sqlx::query_as(
        "SELECT a.status, a.cover_note, a.candidate_profile_id, a.resume_file_url
           FROM job_applications a WHERE a.id = $1",
    )
    .bind(done.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    let resume: Option<String> =
        sqlx::query_scalar("SELECT resume_file_url FROM candidate_profiles WHERE id = $1")
            .bind(profile)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        row,
        ("APPLIED".into(), Some(NOTE.into()), profile, resume.clone())
    );
    assert!(resume.is_some());
    assert_eq!(events(&pool, done.id).await, vec![(None, "APPLIED".into())]);
    assert_eq!(
        notices(&pool, boss.id, "job_applicants").await,
        vec!["Asha Rao applied to \u{201c}Front office executive\u{201d}".to_owned()]
    );
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM audit_logs WHERE entity_type = 'job_application' AND entity_id = $1 AND action = 'CREATE'",
            done.id,
        )
        .await,
        1
    );
    match service::apply_state(&pool, Some(asha.id), job)
        .await
        .unwrap()
    {
        ApplyState::Applied { stage, .. } => assert_eq!(stage, Stage::Applied),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        service::apply_state(&pool, None, job).await.unwrap(),
        ApplyState::SignedOut
    );
    assert_eq!(
        service::apply_state(&pool, Some(boss.id), job)
            .await
            .unwrap(),
        ApplyState::OwnJob
    );
    // The e-mail goes out after commit, from the template with its link.
    let sent = done
        .outgoing
        .send(&pool, &crate::domains::approvals::fixtures::mail_config())
        .await;
    assert!(sent.is_some());
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn applying_needs_an_active_candidate_profile_with_a_resume(pool: PgPool) {
    let (_, _, job) = hiring(&pool, "hr@chai.example").await;
    let (nobody, _) = candidate(&pool, "new@example.in", "New Person", false, false).await;
    let (no_resume, profile) = candidate(&pool, "nocv@example.in", "No Cv", true, false).await;
    let (suspended, suspended_profile) =
        candidate(&pool, "sus@example.in", "Sus Pended", true, true).await;
    sqlx::query("UPDATE candidate_profiles SET status = 'SUSPENDED' WHERE id = $1")
        .bind(suspended_profile)
        .execute(&pool)
        .await
        .unwrap();
    for (who, needle) in [
        (&nobody, "/account/profile"),
        (&no_resume, "résumé"),
        (&suspended, "suspended"),
    ] {
        let err = service::apply(&pool, who, job, &note(), &meta())
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict, "{err:?}");
        assert!(err.message.contains(needle), "{err:?}");
        assert!(matches!(
            service::apply_state(&pool, Some(who.id), job)
                .await
                .unwrap(),
            ApplyState::NeedsProfile { .. }
        ));
    }
    let err = service::apply(&pool, &no_resume, job, &note(), &meta())
        .await
        .unwrap_err();
    assert!(err.message.contains("/account/profile"));
    // A customer account cannot become a candidate at /account/profile: it is told so.
    let shopper = user(
        &pool,
        account(&pool, "shop@example.in", "Kavya", "CUSTOMER").await,
    )
    .await;
    let err = service::apply(&pool, &shopper, job, &note(), &meta())
        .await
        .unwrap_err();
    assert_eq!(err.message, service::NOT_A_CANDIDATE);
    assert_eq!(
        service::apply_state(&pool, Some(shopper.id), job)
            .await
            .unwrap(),
        ApplyState::NeedsProfile {
            reason: service::NOT_A_CANDIDATE.into(),
            fixable: false
        }
    );
    assert!(profile.is_some());
    assert_eq!(applications(&pool, job).await, 0);
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM notifications WHERE related_entity_id = $1",
            job
        )
        .await,
        0
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_bad_cover_note_is_a_field_error_and_stores_nothing(pool: PgPool) {
    let (_, _, job) = hiring(&pool, "hr@chai.example").await;
    for bad in [
        "Too short.".to_owned(),
        format!("{NOTE} Call me on 98765 43210."),
        "x".repeat(3001),
    ] {
        let err = ApplyInput::parse(&ApplyForm { cover_note: bad }).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.field_message("cover_note").is_some(), "{err:?}");
    }
    assert_eq!(applications(&pool, job).await, 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn only_live_unexpired_jobs_of_others_take_applications(pool: PgPool) {
    let (owner, profile) = company(&pool, "hr@chai.example").await;
    let (asha, _) = candidate(&pool, "asha@example.in", "Asha Rao", true, true).await;
    for (status, days) in [("DRAFT", 0), ("CLOSED", 0), ("LIVE", -1)] {
        let id = job(&pool, owner, profile, status, days).await;
        let err = service::apply(&pool, &asha, id, &note(), &meta())
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        assert_eq!(err.message, "This job is no longer taking applications.");
        assert_eq!(applications(&pool, id).await, 0);
        assert_eq!(
            service::apply_state(&pool, Some(asha.id), id)
                .await
                .unwrap(),
            ApplyState::Closed
        );
    }
    let missing = service::apply(&pool, &asha, Uuid::new_v4(), &note(), &meta())
        .await
        .unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);
    // The company's owner, even holding a ready candidate profile, cannot apply.
    let live = job(&pool, owner, profile, "LIVE", 30).await;
    sqlx::query(
        "INSERT INTO candidate_profiles (user_id, display_name, resume_file_url, status)
         VALUES ($1, 'Meera Iyer', 'private/resumes/x/y.pdf', 'ACTIVE')",
    )
    .bind(owner)
    .execute(&pool)
    .await
    .unwrap();
    let boss = user(&pool, owner).await;
    let err = service::apply(&pool, &boss, live, &note(), &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(applications(&pool, live).await, 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_second_application_is_a_conflict(pool: PgPool) {
    let (_, _, job) = hiring(&pool, "hr@chai.example").await;
    let (asha, _) = candidate(&pool, "asha@example.in", "Asha Rao", true, true).await;
    service::apply(&pool, &asha, job, &note(), &meta())
        .await
        .unwrap();
    let err = service::apply(&pool, &asha, job, &note(), &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(err.message, "You have already applied to this job.");
    assert_eq!(applications(&pool, job).await, 1);
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM job_application_events e JOIN job_applications a
               ON a.id = e.job_application_id WHERE a.job_id = $1",
            job
        )
        .await,
        1
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn concurrent_applications_by_one_candidate_store_one(pool: PgPool) {
    let (boss, _, job) = hiring(&pool, "hr@chai.example").await;
    let (asha, _) = candidate(&pool, "asha@example.in", "Asha Rao", true, true).await;
    let asha = Arc::new(asha);
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (pool, asha) = (pool.clone(), asha.clone());
            tokio::spawn(async move {
                service::apply(&pool, &asha, job, &note(), &meta())
                    .await
                    .map(|a| a.id)
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(e) => {
                assert_eq!(e.code, ErrorCode::Conflict, "{e:?}");
                assert_eq!(e.message, "You have already applied to this job.");
            }
        }
    }
    assert_eq!(ok, 1);
    assert_eq!(applications(&pool, job).await, 1);
    assert_eq!(notices(&pool, boss.id, "job_applicants").await.len(), 1);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_company_moves_applicants_and_each_move_is_audited_and_told(pool: PgPool) {
    let (boss, _, job) = hiring(&pool, "hr@chai.example").await;
    let (asha, _) = candidate(&pool, "asha@example.in", "Asha Rao", true, true).await;
    let app = service::apply(&pool, &asha, job, &note(), &meta())
        .await
        .unwrap()
        .id;
    let moved = service::move_to(&pool, &boss, app, &to("SHORTLISTED", ""), &meta())
        .await
        .unwrap();
    assert_eq!((moved.job_id, moved.stage), (job, Stage::Shortlisted));
    service::move_to(
        &pool,
        &boss,
        app,
        &to("INTERVIEW", "Strong English, call Tuesday"),
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(status(&pool, app).await, "INTERVIEW");
    assert_eq!(
        events(&pool, app).await,
        vec![
            (None, "APPLIED".into()),
            (Some("APPLIED".into()), "SHORTLISTED".into()),
            (Some("SHORTLISTED".into()), "INTERVIEW".into()),
        ]
    );
    let changes: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT c.old_value_text, c.new_value_text FROM audit_logs l
           JOIN audit_log_changes c ON c.audit_log_id = l.id
          WHERE l.entity_type = 'job_application' AND l.entity_id = $1 AND l.action = 'UPDATE'
            AND c.field_name = 'status' AND l.actor_user_id = $2
          ORDER BY l.created_at",
    )
    .bind(app)
    .bind(boss.id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        changes,
        vec![
            (Some("APPLIED".into()), Some("SHORTLISTED".into())),
            (Some("SHORTLISTED".into()), Some("INTERVIEW".into())),
        ]
    );
    let told = notices(&pool, asha.id, "job_application").await;
    assert_eq!(told.len(), 2);
    assert!(told[1].ends_with("is now Interview"), "{told:?}");
    // The same stage again is a field error and changes nothing.
    let err = service::move_to(&pool, &boss, app, &to("INTERVIEW", ""), &meta())
        .await
        .unwrap_err();
    assert!(err.field_message("stage").is_some(), "{err:?}");
    assert_eq!(events(&pool, app).await.len(), 3);
    // Rejected, then reconsidered.
    service::move_to(&pool, &boss, app, &to("REJECTED", ""), &meta())
        .await
        .unwrap();
    service::move_to(
        &pool,
        &boss,
        app,
        &to("SHORTLISTED", "Second look"),
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(status(&pool, app).await, "SHORTLISTED");
    let board = service::pipeline(&pool, boss.id, job, &PipelineFilter::default())
        .await
        .unwrap();
    let shortlisted = board
        .columns
        .iter()
        .find(|c| c.stage == Stage::Shortlisted)
        .unwrap();
    assert_eq!(shortlisted.count, 1);
    assert_eq!(
        shortlisted.cards[0].last_note.as_deref(),
        Some("Second look")
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_board_has_columns_counts_and_filters(pool: PgPool) {
    let (boss, _, job) = hiring(&pool, "hr@chai.example").await;
    let (asha, profile) = candidate(&pool, "asha@example.in", "Asha Rao", true, true).await;
    let (ravi, _) = candidate(&pool, "ravi@example.in", "Ravi Kumar", true, true).await;
    let a = service::apply(&pool, &asha, job, &note(), &meta())
        .await
        .unwrap()
        .id;
    let ravi_note = ApplyInput::parse(&ApplyForm {
        cover_note: "Five years of banquet sales at a Goa resort; I love a busy front desk.".into(),
    })
    .unwrap();
    service::apply(&pool, &ravi, job, &ravi_note, &meta())
        .await
        .unwrap();
    service::move_to(&pool, &boss, a, &to("OFFERED", ""), &meta())
        .await
        .unwrap();
    let board = service::pipeline(&pool, boss.id, job, &PipelineFilter::default())
        .await
        .unwrap();
    assert_eq!(board.total, 2);
    assert_eq!(
        board.columns.iter().map(|c| c.stage).collect::<Vec<_>>(),
        Stage::ALL.to_vec()
    );
    let counts: Vec<i64> = board.columns.iter().map(|c| c.count).collect();
    assert_eq!(counts, vec![1, 0, 0, 1, 0]);
    let offered = &board.columns[3].cards[0];
    assert_eq!(offered.applicant, "Asha Rao");
    assert_eq!(
        offered.resume_url,
        Some(format!("/files/resumes/{}", profile.unwrap()))
    );
    assert_eq!(
        offered.headline(),
        "Pune · 4 years' experience · expects ₹4,80,000 a year"
    );
    let only_offered = service::pipeline(
        &pool,
        boss.id,
        job,
        &PipelineFilter::from_query(Some("OFFERED".into()), None),
    )
    .await
    .unwrap();
    assert_eq!(only_offered.columns.len(), 1);
    assert_eq!(only_offered.columns[0].cards.len(), 1);
    for (q, name) in [
        ("ravi", "Ravi Kumar"),
        ("BANQUET", "Ravi Kumar"),
        ("asha", "Asha Rao"),
    ] {
        let found = service::pipeline(
            &pool,
            boss.id,
            job,
            &PipelineFilter::from_query(None, Some(q.into())),
        )
        .await
        .unwrap();
        let names: Vec<&str> = found
            .columns
            .iter()
            .flat_map(|c| c.cards.iter().map(|k| k.applicant.as_str()))
            .collect();
        assert_eq!(names, vec![name], "{q}");
    }
    // A wildcard in the words is matched literally.
    let none = service::pipeline(
        &pool,
        boss.id,
        job,
        &PipelineFilter::from_query(None, Some("%".into())),
    )
    .await
    .unwrap();
    assert!(none.columns.iter().all(|c| c.cards.is_empty()));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn another_company_cannot_see_move_or_message_applicants(pool: PgPool) {
    let (boss, _, job) = hiring(&pool, "hr@chai.example").await;
    let (rival_owner, _) = company(&pool, "hr@rival.example").await;
    let rival = user(&pool, rival_owner).await;
    let (asha, _) = candidate(&pool, "asha@example.in", "Asha Rao", true, true).await;
    let app = service::apply(&pool, &asha, job, &note(), &meta())
        .await
        .unwrap()
        .id;
    for outsider in [&rival, &asha] {
        let seen = service::pipeline(&pool, outsider.id, job, &PipelineFilter::default())
            .await
            .unwrap_err();
        assert_eq!(seen.code, ErrorCode::NotFound);
        // The same answer as for a job that does not exist.
        let missing = service::pipeline(
            &pool,
            outsider.id,
            Uuid::new_v4(),
            &PipelineFilter::default(),
        )
        .await
        .unwrap_err();
        assert_eq!(seen, missing);
        let moved = service::move_to(&pool, outsider, app, &to("REJECTED", ""), &meta())
            .await
            .unwrap_err();
        assert_eq!(moved.code, ErrorCode::NotFound);
        let talk = service::open_conversation(&pool, outsider, app, &meta())
            .await
            .unwrap_err();
        assert_eq!(talk.code, ErrorCode::NotFound);
    }
    assert_eq!(status(&pool, app).await, "APPLIED");
    assert_eq!(events(&pool, app).await.len(), 1);
    let conversation: Option<Uuid> =
        sqlx::query_scalar("SELECT conversation_id FROM job_applications WHERE id = $1")
            .bind(app)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(conversation, None);
    assert!(notices(&pool, asha.id, "job_application").await.is_empty());
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM audit_logs WHERE entity_id = $1 AND action = 'UPDATE'",
            app
        )
        .await,
        0
    );
    // The rightful owner still can.
    assert!(
        service::pipeline(&pool, boss.id, job, &PipelineFilter::default())
            .await
            .is_ok()
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_conversation_is_opened_once_between_company_and_applicant(pool: PgPool) {
    let (boss, _, job) = hiring(&pool, "hr@chai.example").await;
    let (asha, _) = candidate(&pool, "asha@example.in", "Asha Rao", true, true).await;
    let app = service::apply(&pool, &asha, job, &note(), &meta())
        .await
        .unwrap()
        .id;
    let first = service::open_conversation(&pool, &boss, app, &meta())
        .await
        .unwrap();
    let again = service::open_conversation(&pool, &boss, app, &meta())
        .await
        .unwrap();
    assert_eq!(first, again);
    let participants: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT user_id, role FROM conversation_participants WHERE conversation_id = $1
          ORDER BY role DESC",
    )
    .bind(first)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        participants,
        vec![(boss.id, "OWNER".into()), (asha.id, "MEMBER".into())]
    );
    let context: (String, Uuid) =
        sqlx::query_as("SELECT context_type, context_id FROM conversations WHERE id = $1")
            .bind(first)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(context, ("JOB_APPLICATION".into(), app));
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM conversations WHERE context_id = $1",
            app
        )
        .await,
        1
    );
    let mine = service::my_applications(&pool, asha.id).await.unwrap();
    assert_eq!(mine[0].conversation_id, Some(first));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_candidate_sees_each_status_and_its_history_in_order(pool: PgPool) {
    let (boss, _, job) = hiring(&pool, "hr@chai.example").await;
    let (asha, _) = candidate(&pool, "asha@example.in", "Asha Rao", true, true).await;
    let app = service::apply(&pool, &asha, job, &note(), &meta())
        .await
        .unwrap()
        .id;
    for stage in ["SHORTLISTED", "INTERVIEW", "OFFERED"] {
        service::move_to(&pool, &boss, app, &to(stage, "internal"), &meta())
            .await
            .unwrap();
    }
    let mine = service::my_applications(&pool, asha.id).await.unwrap();
    assert_eq!(mine.len(), 1);
    let a = &mine[0];
    assert_eq!(
        (
            a.job_id,
            a.job_title.as_str(),
            a.company_name.as_str(),
            a.stage
        ),
        (
            job,
            "Front office executive",
            "Chai Point Studios",
            Stage::Offered
        )
    );
    let steps: Vec<(Option<Stage>, Stage)> = a.history.iter().map(|e| (e.from, e.to)).collect();
    assert_eq!(
        steps,
        vec![
            (None, Stage::Applied),
            (Some(Stage::Applied), Stage::Shortlisted),
            (Some(Stage::Shortlisted), Stage::Interview),
            (Some(Stage::Interview), Stage::Offered),
        ]
    );
    assert!(a.history.windows(2).all(|w| w[0].at <= w[1].at));
    assert_eq!(a.history[1].text(), "Moved from Applied to Shortlisted");
    // Another candidate sees none of it.
    let (ravi, _) = candidate(&pool, "ravi@example.in", "Ravi Kumar", true, true).await;
    assert!(service::my_applications(&pool, ravi.id)
        .await
        .unwrap()
        .is_empty());
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn only_the_company_applied_to_may_download_the_resume(pool: PgPool) {
    let (boss, _, job) = hiring(&pool, "hr@chai.example").await;
    let (rival, _, _) = hiring(&pool, "hr@rival.example").await;
    let (asha, asha_profile) = candidate(&pool, "asha@example.in", "Asha Rao", true, true).await;
    let (_, ravi_profile) = candidate(&pool, "ravi@example.in", "Ravi Kumar", true, true).await;
    let (asha_profile, ravi_profile) = (asha_profile.unwrap(), ravi_profile.unwrap());
    assert!(
        !service::company_may_view_resume(&pool, boss.id, asha_profile)
            .await
            .unwrap()
    );
    service::apply(&pool, &asha, job, &note(), &meta())
        .await
        .unwrap();
    assert!(
        service::company_may_view_resume(&pool, boss.id, asha_profile)
            .await
            .unwrap()
    );
    assert!(
        !service::company_may_view_resume(&pool, rival.id, asha_profile)
            .await
            .unwrap()
    );
    assert!(
        !service::company_may_view_resume(&pool, boss.id, ravi_profile)
            .await
            .unwrap()
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_response_rate_counts_moves_within_the_window(pool: PgPool) {
    let (boss, profile, job) = hiring(&pool, "hr@chai.example").await;
    let mut apps = Vec::new();
    for i in 0..4 {
        let (c, _) = candidate(
            &pool,
            &format!("c{i}@example.in"),
            &format!("Candidate {i}"),
            true,
            true,
        )
        .await;
        apps.push(
            service::apply(&pool, &c, job, &note(), &meta())
                .await
                .unwrap()
                .id,
        );
    }
    // Fresh and unanswered: nothing counts yet.
    assert_eq!(service::response_rate(&pool, profile).await.unwrap(), None);
    // Two answered at once, one left unanswered past the window, one still fresh.
    for app in &apps[..2] {
        service::move_to(&pool, &boss, *app, &to("SHORTLISTED", ""), &meta())
            .await
            .unwrap();
    }
    sqlx::query(
        "UPDATE job_applications SET applied_at = now() - interval '20 days' WHERE id = $1",
    )
    .bind(apps[2])
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(
        service::response_rate(&pool, profile).await.unwrap(),
        Some(67)
    );
    // A longer window from the runtime config: the moves are still within it.
    sqlx::query(
        "UPDATE runtime_configs SET config_value_json = '30'
          WHERE config_group = 'jobs' AND config_key = 'response_window_days'",
    )
    .execute(&pool)
    .await
    .unwrap();
    // With 30 days the 20-day-old application is no longer overdue: 2 of 2 counted.
    assert_eq!(service::response_rate(&pool, profile).await.unwrap(), None);
    let (_, other_profile) = company(&pool, "hr@rival.example").await;
    assert_eq!(
        service::response_rate(&pool, other_profile).await.unwrap(),
        None
    );
}
