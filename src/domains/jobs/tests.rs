//! The job workflow against a real PostgreSQL: posting paid with tracecoins or a package
//! credit (and refunded on rejection), approval, closing, the expiry sweep, the board's
//! filters and keyset pages, and who may see what.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::model::{BoardFilter, BoardQuery, JobForm, JobInput};
use super::service;
use crate::app::wiring::approval_subjects;
use crate::core::ErrorCode;
use crate::domains::access::service::{load, CurrentUser};
use crate::domains::approvals::fixtures::{account, company, meta, staff};
use crate::domains::approvals::model::Decision;
use crate::domains::approvals::service::decide;
use crate::domains::audit::service::RequestMeta;
use crate::domains::wallet::model::{Direction, Reference};
use crate::domains::wallet::service::{self as wallet, Movement};
use sqlx::PgPool;
use uuid::Uuid;

fn form() -> JobForm {
    JobForm {
        title: "Senior Rust developer".into(),
        description: "Build our marketplace backend in Rust with axum and PostgreSQL; three years of experience."
            .into(),
        city: "Pune".into(),
        employment_type: "FULL_TIME".into(),
        mode: "HYBRID".into(),
        pay_kind: "salary".into(),
        salary_min: "120000".into(),
        salary_max: "180000".into(),
        budget: String::new(),
    }
}

fn input() -> JobInput {
    JobInput::parse(&form()).unwrap()
}

async fn user(pool: &PgPool, id: Uuid) -> CurrentUser {
    load(pool, id, Uuid::nil()).await.unwrap().unwrap()
}

async fn grant(pool: &PgPool, user_id: Uuid, coins: i32) {
    wallet::apply_now(
        pool,
        &Movement {
            user_id,
            direction: Direction::Credit,
            amount: coins,
            reference: Reference::Bonus,
            reference_id: None,
            remarks: None,
            idempotency_key: &format!("seed:{user_id}:{coins}"),
            actor: None,
        },
        &RequestMeta::default(),
    )
    .await
    .unwrap();
}

/// A company owner with `coins` tracecoins.
async fn company_user(pool: &PgPool, email: &str, coins: i32) -> (CurrentUser, Uuid) {
    let (id, company_id) = company(pool, email).await;
    if coins > 0 {
        grant(pool, id, coins).await;
    }
    (user(pool, id).await, company_id)
}

async fn request_of(pool: &PgPool, job: Uuid) -> Uuid {
    sqlx::query_scalar(
        "SELECT id FROM approval_requests WHERE entity_type = 'job' AND entity_id = $1
          ORDER BY submitted_at DESC LIMIT 1",
    )
    .bind(job)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn moderator(pool: &PgPool) -> CurrentUser {
    staff(
        pool,
        &format!("mod.{}@nxtgauge.in", Uuid::new_v4()),
        "MODERATOR",
    )
    .await
}

async fn status(pool: &PgPool, job: Uuid) -> String {
    sqlx::query_scalar("SELECT status FROM jobs WHERE id = $1")
        .bind(job)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn balance(pool: &PgPool, user: Uuid) -> i32 {
    wallet::balance(pool, user).await.unwrap()
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn posting_costs_tracecoins_approval_makes_it_live_and_public(pool: PgPool) {
    let (c, _) = company_user(&pool, "hr@chai.in", 120).await;
    let draft = service::save(&pool, &c, None, &input(), false, &meta())
        .await
        .unwrap();
    assert_eq!(status(&pool, draft).await, "DRAFT");
    assert_eq!(balance(&pool, c.id).await, 120, "a draft costs nothing");
    // A draft is only visible to its company.
    let base = "https://nxtgauge.test";
    assert_eq!(
        service::job_page(&pool, draft, None, base)
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    assert!(
        service::job_page(&pool, draft, Some(c.id), base)
            .await
            .unwrap()
            .own
    );

    service::save(&pool, &c, Some(draft), &input(), true, &meta())
        .await
        .unwrap();
    assert_eq!(status(&pool, draft).await, "PENDING");
    assert_eq!(
        balance(&pool, c.id).await,
        70,
        "posting costs the configured 50"
    );
    let (reference, amount): (String, i32) = sqlx::query_as(
        "SELECT reference_type, amount FROM tracecoin_ledger l JOIN tracecoin_wallets w ON w.id = l.wallet_id
          WHERE w.user_id = $1 AND transaction_type = 'DEBIT'",
    )
    .bind(c.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((reference.as_str(), amount), ("JOB", 50));
    // Posting again while in review is refused and charges nothing.
    let again = service::save(&pool, &c, Some(draft), &input(), true, &meta()).await;
    assert_eq!(again.unwrap_err().code, ErrorCode::Conflict);
    assert_eq!(balance(&pool, c.id).await, 70);

    let m = moderator(&pool).await;
    decide(
        &approval_subjects(),
        &pool,
        &m,
        request_of(&pool, draft).await,
        Decision::Approve,
        "",
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(status(&pool, draft).await, "LIVE");
    let days: f64 = sqlx::query_scalar(
        "SELECT extract(epoch FROM expires_at - approved_at)::float8 / 86400 FROM jobs WHERE id = $1",
    )
    .bind(draft)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        (days - 30.0).abs() < 0.01,
        "live for jobs.live_days: {days}"
    );
    let page = service::job_page(&pool, draft, None, base).await.unwrap();
    assert_eq!(page.card.pay, "₹1,20,000–₹1,80,000 a month");
    assert!(!page.own);
    let board = service::board(&pool, &BoardQuery::default(), None)
        .await
        .unwrap();
    assert_eq!(board.jobs.len(), 1);
    let notices: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications WHERE user_id = $1 AND title LIKE '%is live%'",
    )
    .bind(c.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(notices, 1);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn too_few_tracecoins_stores_nothing(pool: PgPool) {
    let (c, _) = company_user(&pool, "hr@chai.in", 20).await;
    let err = service::save(&pool, &c, None, &input(), true, &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(
        err.buy.as_deref(),
        Some("job-postings"),
        "a posting pack is offered"
    );
    assert!(
        err.message.contains("needs 50 tracecoins"),
        "{}",
        err.message
    );
    let jobs: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs")
        .fetch_one(&pool)
        .await
        .unwrap();
    let requests: i64 = sqlx::query_scalar("SELECT count(*) FROM approval_requests")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!((jobs, requests), (0, 0));
    assert_eq!(balance(&pool, c.id).await, 20);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn rejection_refunds_each_posting_once(pool: PgPool) {
    let (c, _) = company_user(&pool, "hr@chai.in", 100).await;
    let job = service::save(&pool, &c, None, &input(), true, &meta())
        .await
        .unwrap();
    assert_eq!(balance(&pool, c.id).await, 50);
    let m = moderator(&pool).await;
    let remarks = "Please name the team and the tech stack in the description.";
    decide(
        &approval_subjects(),
        &pool,
        &m,
        request_of(&pool, job).await,
        Decision::Reject,
        remarks,
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(status(&pool, job).await, "DRAFT");
    assert_eq!(
        balance(&pool, c.id).await,
        100,
        "the rejection refunded the posting"
    );
    let editor = service::editor(&pool, &c, job).await.unwrap();
    assert_eq!(editor.review_remarks.as_deref(), Some(remarks));
    assert_eq!(editor.form, input().to_form());
    // Posted again: paid again, rejected again: refunded again (distinct keys).
    service::save(&pool, &c, Some(job), &input(), true, &meta())
        .await
        .unwrap();
    assert_eq!(balance(&pool, c.id).await, 50);
    decide(
        &approval_subjects(),
        &pool,
        &m,
        request_of(&pool, job).await,
        Decision::Reject,
        remarks,
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(balance(&pool, c.id).await, 100);
    let rows: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM tracecoin_ledger WHERE reference_type = 'JOB' AND reference_id = $1",
    )
    .bind(job)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(rows, 4, "two debits and two refunds");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_package_credit_pays_first_and_comes_back_on_rejection(pool: PgPool) {
    let (c, _) = company_user(&pool, "hr@chai.in", 100).await;
    let err = crate::domains::billing::credits::grant_named(
        &pool,
        None,
        "hr@chai.in",
        "No such pack",
        &meta(),
    )
    .await
    .unwrap_err();
    assert!(err.field_message("package").is_some());
    crate::domains::billing::credits::grant_named(
        &pool,
        None,
        "HR@chai.in",
        "Single Job Post",
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(service::posting_cost(&pool, c.id).await.unwrap().credits, 1);
    let job = service::save(&pool, &c, None, &input(), true, &meta())
        .await
        .unwrap();
    assert_eq!(
        balance(&pool, c.id).await,
        100,
        "the credit paid, not the wallet"
    );
    assert_eq!(service::posting_cost(&pool, c.id).await.unwrap().credits, 0);
    let m = moderator(&pool).await;
    decide(
        &approval_subjects(),
        &pool,
        &m,
        request_of(&pool, job).await,
        Decision::Reject,
        "Please describe the role in more detail.",
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(service::posting_cost(&pool, c.id).await.unwrap().credits, 1);
    // With the credit back, the next posting uses it again; the one after pays coins.
    service::save(&pool, &c, Some(job), &input(), true, &meta())
        .await
        .unwrap();
    let second = service::save(&pool, &c, None, &input(), true, &meta())
        .await
        .unwrap();
    assert_eq!(balance(&pool, c.id).await, 50);
    let paid: Vec<String> =
        sqlx::query_scalar("SELECT paid_with FROM jobs WHERE id = ANY($1) ORDER BY created_at")
            .bind(vec![job, second])
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(paid, ["CREDIT", "TRACECOINS"]);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn racing_posts_of_one_draft_pay_once(pool: PgPool) {
    let (c, _) = company_user(&pool, "hr@chai.in", 500).await;
    let job = service::save(&pool, &c, None, &input(), false, &meta())
        .await
        .unwrap();
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (pool, c) = (pool.clone(), c.clone());
            tokio::spawn(async move {
                service::save(&pool, &c, Some(job), &input(), true, &meta()).await
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        if t.await.unwrap().is_ok() {
            ok += 1;
        }
    }
    assert_eq!(ok, 1);
    assert_eq!(balance(&pool, c.id).await, 450);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn only_companies_post_and_only_their_own_jobs(pool: PgPool) {
    let candidate = account(&pool, "asha@example.in", "Asha Rao", "CANDIDATE").await;
    let candidate = user(&pool, candidate).await;
    let err = service::save(&pool, &candidate, None, &input(), false, &meta())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert!(err.message.contains("company profile"));

    let (a, _) = company_user(&pool, "a@chai.in", 100).await;
    let (b_id, _) = company(&pool, "b@other.in").await;
    let b = user(&pool, b_id).await;
    let job = service::save(&pool, &a, None, &input(), true, &meta())
        .await
        .unwrap();
    for result in [
        service::save(&pool, &b, Some(job), &input(), false, &meta())
            .await
            .map(|_| ()),
        service::close(&pool, &b, job, &meta()).await,
        service::editor(&pool, &b, job).await.map(|_| ()),
    ] {
        assert_eq!(result.unwrap_err().code, ErrorCode::NotFound);
    }
    let m = moderator(&pool).await;
    decide(
        &approval_subjects(),
        &pool,
        &m,
        request_of(&pool, job).await,
        Decision::Approve,
        "",
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(
        service::close(&pool, &b, job, &meta())
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    service::close(&pool, &a, job, &meta()).await.unwrap();
    assert_eq!(status(&pool, job).await, "CLOSED");
    let board = service::board(&pool, &BoardQuery::default(), None)
        .await
        .unwrap();
    assert!(board.jobs.is_empty(), "a closed job leaves the board");
    // Its page still answers (marked closed), so links do not break.
    let page = service::job_page(&pool, job, None, "").await.unwrap();
    assert_eq!(page.status.as_str(), "CLOSED");
    assert_eq!(
        service::close(&pool, &a, job, &meta())
            .await
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_verifier_cannot_decide_jobs(pool: PgPool) {
    let (c, _) = company_user(&pool, "hr@chai.in", 100).await;
    let job = service::save(&pool, &c, None, &input(), true, &meta())
        .await
        .unwrap();
    let verifier = staff(&pool, "v@nxtgauge.in", "VERIFIER").await;
    let err = decide(
        &approval_subjects(),
        &pool,
        &verifier,
        request_of(&pool, job).await,
        Decision::Approve,
        "",
        &meta(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert_eq!(status(&pool, job).await, "PENDING");
}

/// A LIVE job inserted directly: `(title, city, type, mode, budget paise, salary max
/// paise, approved minutes ago)`.
#[allow(clippy::too_many_arguments, reason = "one row's columns")]
async fn live_job(
    pool: &PgPool,
    company: (Uuid, Uuid),
    title: &str,
    city: Option<&str>,
    kind: &str,
    mode: &str,
    budget: Option<i32>,
    salary_max: Option<i64>,
    minutes_ago: i32,
) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO jobs (company_profile_id, posted_by_user_id, title, description, location,
                           employment_type, mode_of_work, budget_inr, salary_range_json, status,
                           approved_at, expires_at, paid_with)
         VALUES ($1, $2, $3, 'A job described well enough for the board.', $4, $5, $6, $7,
                 CASE WHEN $8::bigint IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('min', $8, 'max', $8) END,
                 'LIVE', now() - make_interval(mins => $9), now() + interval '10 days', 'TRACECOINS')
         RETURNING id",
    )
    .bind(company.1)
    .bind(company.0)
    .bind(title)
    .bind(city)
    .bind(kind)
    .bind(mode)
    .bind(budget)
    .bind(salary_max)
    .bind(minutes_ago)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn titles(pool: &PgPool, filter: BoardFilter) -> Vec<String> {
    let q = BoardQuery::parse(&filter).unwrap();
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = service::board(pool, &q, after.as_deref()).await.unwrap();
        out.extend(page.jobs.into_iter().map(|j| j.title));
        match page.next {
            Some(next) => after = Some(next),
            None => return out,
        }
    }
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
#[allow(clippy::too_many_lines, reason = "one board, many filters")]
async fn the_board_filters_and_pages_without_gaps_or_repeats(pool: PgPool) {
    let c = company(&pool, "hr@chai.in").await;
    // 45 jobs, several approved in the same minute (ties broken by id).
    for i in 0..45 {
        let city = ["Pune", "Mumbai", "Delhi"][i % 3];
        let kind = ["FULL_TIME", "PART_TIME", "CONTRACT"][i % 3];
        let mode = ["ONSITE", "HYBRID", "REMOTE"][(i / 3) % 3];
        let (budget, salary) = if kind == "CONTRACT" {
            (Some(i32::try_from(i).unwrap() * 1_000_000), None)
        } else {
            (None, Some(i64::try_from(i).unwrap() * 500_000))
        };
        let title = if i == 7 {
            "Rust engineer (50% remote)".to_owned()
        } else {
            format!("Job {i:02}")
        };
        live_job(
            &pool,
            c,
            &title,
            Some(city),
            kind,
            mode,
            budget,
            salary,
            i32::try_from(i / 4).unwrap(),
        )
        .await;
    }
    // Not on the board: a draft, and a LIVE job past its expiry (the sweep has not run).
    sqlx::query(
        "INSERT INTO jobs (company_profile_id, posted_by_user_id, title) VALUES ($1, $2, 'Draft job')",
    )
    .bind(c.1)
    .bind(c.0)
    .execute(&pool)
    .await
    .unwrap();
    let expired = live_job(
        &pool,
        c,
        "Expired job",
        Some("Pune"),
        "FULL_TIME",
        "ONSITE",
        None,
        Some(1),
        0,
    )
    .await;
    sqlx::query("UPDATE jobs SET expires_at = now() - interval '1 minute' WHERE id = $1")
        .bind(expired)
        .execute(&pool)
        .await
        .unwrap();

    let all = titles(&pool, BoardFilter::default()).await;
    assert_eq!(all.len(), 45, "three pages of 20, 20 and 5");
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 45, "no job twice");
    assert_eq!(
        all.first().map(String::as_str),
        Some("Job 03"),
        "newest first (of the four approved in the same minute, the last inserted)"
    );

    let pune = titles(
        &pool,
        BoardFilter {
            city: "pune".into(),
            ..BoardFilter::default()
        },
    )
    .await;
    assert_eq!(pune.len(), 15);
    let contracts = titles(
        &pool,
        BoardFilter {
            employment_type: "CONTRACT".into(),
            ..BoardFilter::default()
        },
    )
    .await;
    assert_eq!(contracts.len(), 15);
    let remote = titles(
        &pool,
        BoardFilter {
            mode: "REMOTE".into(),
            ..BoardFilter::default()
        },
    )
    .await;
    assert_eq!(remote.len(), 15);
    // Pays at least ₹2,00,000: salaries i × ₹5,000 (i ≥ 40, not contracts: 40, 42, 43)
    // and budgets i × ₹10,000 (i ≥ 20, contracts: 20, 23, … 44 → 9).
    let rich = titles(
        &pool,
        BoardFilter {
            min_pay: "2,00,000".into(),
            ..BoardFilter::default()
        },
    )
    .await;
    assert_eq!(rich.len(), 3 + 9, "{rich:?}");
    // Words match literally (the % is not a wildcard) and case-insensitively.
    assert_eq!(
        titles(
            &pool,
            BoardFilter {
                q: "50% REMOTE".into(),
                ..BoardFilter::default()
            }
        )
        .await,
        ["Rust engineer (50% remote)"]
    );
    assert!(titles(
        &pool,
        BoardFilter {
            q: "5_%".into(),
            ..BoardFilter::default()
        }
    )
    .await
    .is_empty());
    let combined = titles(
        &pool,
        BoardFilter {
            city: "Pune".into(),
            employment_type: "FULL_TIME".into(),
            ..BoardFilter::default()
        },
    )
    .await;
    assert_eq!(
        combined.len(),
        15,
        "every Pune job is full-time (i % 3 == 0)"
    );
    // A bad minimum is a field error, a garbage cursor starts over.
    assert!(BoardQuery::parse(&BoardFilter {
        min_pay: "-3".into(),
        ..BoardFilter::default()
    })
    .unwrap_err()
    .field_message("min_pay")
    .is_some());
    let from_top = service::board(&pool, &BoardQuery::default(), Some("garbage"))
        .await
        .unwrap();
    assert_eq!(
        from_top.jobs.first().map(|j| j.title.as_str()),
        Some("Job 03")
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_sweep_closes_jobs_past_their_time_and_tells_the_company(pool: PgPool) {
    let c = company(&pool, "hr@chai.in").await;
    let stale = live_job(
        &pool,
        c,
        "Stale job",
        Some("Pune"),
        "FULL_TIME",
        "ONSITE",
        None,
        Some(100),
        0,
    )
    .await;
    let fresh = live_job(
        &pool,
        c,
        "Fresh job",
        Some("Pune"),
        "FULL_TIME",
        "ONSITE",
        None,
        Some(100),
        0,
    )
    .await;
    sqlx::query("UPDATE jobs SET expires_at = now() - interval '1 second' WHERE id = $1")
        .bind(stale)
        .execute(&pool)
        .await
        .unwrap();
    let mut tx = pool.begin().await.unwrap();
    let mails = service::sweep(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(status(&pool, stale).await, "CLOSED");
    assert_eq!(status(&pool, fresh).await, "LIVE");
    let reason: String = sqlx::query_scalar("SELECT close_reason FROM jobs WHERE id = $1")
        .bind(stale)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(reason, "EXPIRED");
    // A second sweep finds nothing more.
    let mut tx = pool.begin().await.unwrap();
    assert!(service::sweep(&mut tx).await.unwrap().is_empty());
    tx.commit().await.unwrap();
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn company_pages_show_approved_companies_with_live_jobs_and_response_rates(pool: PgPool) {
    let c = company(&pool, "hr@chai.in").await;
    let slug: String = sqlx::query_scalar("SELECT slug FROM company_profiles WHERE id = $1")
        .bind(c.1)
        .fetch_one(&pool)
        .await
        .unwrap();
    // Not approved yet: only the owner sees it.
    assert_eq!(
        service::company_page(&pool, &slug, None, "")
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    assert!(
        service::company_page(&pool, &slug, Some(c.0), "")
            .await
            .unwrap()
            .own
    );
    sqlx::query(
        "UPDATE company_profiles SET status = 'ACTIVE', approval_status = 'APPROVED',
                                     verification_status = 'VERIFIED' WHERE id = $1",
    )
    .bind(c.1)
    .execute(&pool)
    .await
    .unwrap();
    let job = live_job(
        &pool,
        c,
        "Video editor",
        Some("Mumbai"),
        "PART_TIME",
        "REMOTE",
        None,
        Some(4_000_000),
        0,
    )
    .await;
    // Four applications: two answered within the window, one old and never answered,
    // one new and not yet due (does not count).
    for (i, (age_days, moved_after_days)) in [(20, Some(1)), (20, Some(2)), (20, None), (1, None)]
        .into_iter()
        .enumerate()
    {
        let applicant = account(&pool, &format!("cand{i}@example.in"), "Cand", "CANDIDATE").await;
        let app: Uuid = sqlx::query_scalar(
            "INSERT INTO job_applications (job_id, applicant_user_id, cover_note, applied_at)
             VALUES ($1, $2, 'Hello', now() - make_interval(days => $3)) RETURNING id",
        )
        .bind(job)
        .bind(applicant)
        .bind(age_days)
        .fetch_one(&pool)
        .await
        .unwrap();
        if let Some(after) = moved_after_days {
            sqlx::query(
                "INSERT INTO job_application_events (job_application_id, from_status, to_status, created_at)
                 VALUES ($1, 'APPLIED', 'SHORTLISTED', now() - make_interval(days => $2))",
            )
            .bind(app)
            .bind(age_days - after)
            .execute(&pool)
            .await
            .unwrap();
        }
    }
    let page = service::company_page(&pool, &slug, None, "").await.unwrap();
    assert!(page.verified);
    assert_eq!(page.jobs.len(), 1);
    assert_eq!(page.jobs[0].title, "Video editor");
    assert_eq!(page.response_rate, Some(67), "2 of 3 counted applications");
    assert_eq!(page.rating.count, 0);
    let job_page = service::job_page(&pool, job, None, "").await.unwrap();
    assert!(job_page.card.company_verified);
    assert_eq!(job_page.response_rate, Some(67));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn new_companies_get_readable_unique_slugs(pool: PgPool) {
    use crate::domains::account_profiles::form::CompanyForm;
    use crate::domains::account_profiles::service::save_company;
    let mut slugs = Vec::new();
    for email in ["a@acme.in", "b@acme.in"] {
        let id = account(&pool, email, "Owner", "COMPANY").await;
        let form = CompanyForm {
            company_name: "Acme Studios & Co.".into(),
            city: "Pune".into(),
            ..CompanyForm::default()
        };
        let company = save_company(&pool, id, &form, &meta()).await.unwrap();
        slugs.push(
            sqlx::query_scalar::<_, String>("SELECT slug FROM company_profiles WHERE id = $1")
                .bind(company)
                .fetch_one(&pool)
                .await
                .unwrap(),
        );
    }
    assert_eq!(slugs, ["acme-studios-co", "acme-studios-co-2"]);
}
