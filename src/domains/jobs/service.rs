//! The job workflow on the server.
//!
//! - A company (a user with a company profile) saves a job as a DRAFT and posts it: the
//!   posting is paid in the same transaction — one unexpired JOB_POSTING package credit
//!   when the company has one, otherwise `jobs.posting_price_tracecoins` from the wallet —
//!   and an approval request of type `job` is opened (PENDING).
//! - Staff approve it (LIVE for `jobs.live_days`) or send it back (DRAFT with remarks,
//!   and the credit or tracecoins come back in the decision's transaction).
//! - The company closes a LIVE job; the sweep closes jobs past `expires_at` (the
//!   ghost-job control), so nothing stays on the board forever.
use super::model::{
    CompanyJobRow, CompanyJobs, JobCloseReason, JobEditor, JobInput, JobStatus, PaidWith, Pay,
    PostingCost,
};
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use crate::domains::approvals::service::{self as approvals, EntityType};
use crate::domains::approvals::subject::Effect;
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
use crate::domains::billing::credits;
use crate::domains::billing::model::PackageType;
use crate::domains::wallet::model::{Direction, Reference};
use crate::domains::wallet::service::{self as wallet, Movement};
use crate::server::notify::{self, Notice, Outgoing};
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

pub use super::public::{board, company_page, job_page};

pub(super) const MODULE: &str = "jobs";
/// Jobs one sweep closes at most (the next sweep takes the rest).
const SWEEP_BATCH: i64 = 500;

/// The `jobs` group of `runtime_configs`, with defaults for missing rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub posting_price_tracecoins: i32,
    pub live_days: i32,
}

pub async fn settings(db: impl PgExecutor<'_>) -> Result<Settings, sqlx::Error> {
    use crate::domains::config::service::{group, int_at_least};
    let mut s = Settings {
        posting_price_tracecoins: 50,
        live_days: 30,
    };
    for (key, value) in group(db, "jobs").await? {
        match key.as_str() {
            "posting_price_tracecoins" => {
                s.posting_price_tracecoins =
                    int_at_least(&value, 0).unwrap_or(s.posting_price_tracecoins);
            }
            "live_days" => s.live_days = int_at_least(&value, 1).unwrap_or(s.live_days),
            _ => {}
        }
    }
    Ok(s)
}

/// The caller's company profile: `(id, name)`. A user without one is told to create it.
pub async fn my_company(conn: &mut PgConnection, user_id: Uuid) -> AppResult<(Uuid, String)> {
    sqlx::query_as(
        "SELECT id, company_name FROM company_profiles WHERE user_id = $1 AND status <> 'SUSPENDED'",
    )
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| {
        AppError::new(
            ErrorCode::Forbidden,
            "Jobs are posted by companies. Create your company profile first (Account → Profile).",
        )
    })
}

/// What posting a job costs the user now.
pub async fn posting_cost(pool: &PgPool, user_id: Uuid) -> AppResult<PostingCost> {
    let s = settings(pool).await?;
    Ok(PostingCost {
        credits: credits::left(pool, user_id, PackageType::JobPosting).await?,
        price_tracecoins: s.posting_price_tracecoins,
        balance: wallet::balance(pool, user_id).await?,
    })
}

/// A job row as the workflow reads it.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct JobRow {
    pub id: Uuid,
    pub posted_by_user_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub employment_type: String,
    pub mode_of_work: String,
    pub budget_inr: Option<i32>,
    pub salary_range_json: Value,
    pub status: JobStatus,
    pub paid_with: Option<PaidWith>,
    pub price_tracecoins: i32,
    pub package_credit_id: Option<Uuid>,
    pub review_remarks: Option<String>,
    pub close_reason: Option<JobCloseReason>,
    pub owner: Uuid,
}

const JOB_COLUMNS: &str = "j.id, j.posted_by_user_id, j.title, j.description,
    j.location, j.employment_type, j.mode_of_work, j.budget_inr, j.salary_range_json, j.status,
    j.paid_with, j.price_tracecoins, j.package_credit_id, j.review_remarks, j.close_reason,
    c.user_id AS owner";

/// Locks and reads a job (`None` when it does not exist).
pub(super) async fn lock_job(conn: &mut PgConnection, id: Uuid) -> AppResult<Option<JobRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {JOB_COLUMNS} FROM jobs j JOIN company_profiles c ON c.id = j.company_profile_id
          WHERE j.id = $1 FOR UPDATE OF j"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Locks a job the user's company owns; NOT FOUND otherwise (ids do not leak).
async fn owned_job(conn: &mut PgConnection, user_id: Uuid, id: Uuid) -> AppResult<JobRow> {
    lock_job(conn, id)
        .await?
        .filter(|j| j.owner == user_id)
        .ok_or_else(|| AppError::not_found("That job"))
}

/// Creates (`id` None) or edits a DRAFT job; with `post` it is paid for and goes to
/// review. Answers the job's id.
pub async fn save(
    pool: &PgPool,
    user: &CurrentUser,
    id: Option<Uuid>,
    input: &JobInput,
    post: bool,
    meta: &RequestMeta,
) -> AppResult<Uuid> {
    let mut tx = pool.begin().await?;
    let (company_id, company_name) = my_company(&mut tx, user.id).await?;
    let (budget, salary) = input.pay.columns();
    let (job_id, action) = match id {
        None => {
            let id: Uuid = sqlx::query_scalar(
                "INSERT INTO jobs (company_profile_id, posted_by_user_id, title, description, location,
                                   employment_type, mode_of_work, budget_inr, salary_range_json)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(company_id)
            .bind(user.id)
            .bind(&input.title)
            .bind(&input.description)
            .bind(&input.city)
            .bind(input.employment_type.as_str())
            .bind(input.mode.as_str())
            .bind(budget)
            .bind(&salary)
            .fetch_one(&mut *tx)
            .await?;
            (id, Action::Create)
        }
        Some(id) => {
            let job = owned_job(&mut tx, user.id, id).await?;
            if job.status != JobStatus::Draft {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    "Only a draft can be edited. This job is already with our team, live or closed.",
                ));
            }
            sqlx::query(
                "UPDATE jobs SET title = $2, description = $3, location = $4, employment_type = $5,
                                 mode_of_work = $6, budget_inr = $7, salary_range_json = $8
                  WHERE id = $1",
            )
            .bind(id)
            .bind(&input.title)
            .bind(&input.description)
            .bind(&input.city)
            .bind(input.employment_type.as_str())
            .bind(input.mode.as_str())
            .bind(budget)
            .bind(&salary)
            .execute(&mut *tx)
            .await?;
            (id, Action::Update)
        }
    };
    let mut entry = Entry::by_user(
        Some(user.id),
        action,
        "job",
        Some(job_id),
        MODULE,
        if post {
            "job posted for review"
        } else {
            "job saved as a draft"
        },
        meta,
    )
    .label(format!("{} ({company_name})", input.title));
    if post {
        let paid = pay_for_posting(&mut tx, user.id, job_id, &input.title, meta).await?;
        entry = entry
            .change(Change::new(
                "status",
                Some("DRAFT".into()),
                Some("PENDING".into()),
            ))
            .change(Change::new("paid_with", None, Some(paid)));
    }
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(job_id)
}

/// Pays for posting a DRAFT job and sends it to review, in the caller's transaction:
/// a package credit when one is left (oldest expiry first), otherwise tracecoins.
/// Answers how it was paid ("1 job-posting credit" / "50 tracecoins").
async fn pay_for_posting(
    conn: &mut PgConnection,
    user_id: Uuid,
    job_id: Uuid,
    title: &str,
    meta: &RequestMeta,
) -> AppResult<String> {
    // The approval request first: it refuses a double submission, and its id keys
    // the payment, so a retried post never pays twice.
    let request = approvals::submit(conn, EntityType::Job, job_id, user_id, None).await?;
    let credit = credits::take_one(conn, user_id, PackageType::JobPosting).await?;
    let paid = if let Some(credit) = credit {
        sqlx::query(
            "UPDATE jobs SET status = 'PENDING', paid_with = 'CREDIT', package_credit_id = $2,
                             price_tracecoins = 0, submitted_at = now(), refunded_at = NULL,
                             review_remarks = NULL
              WHERE id = $1",
        )
        .bind(job_id)
        .bind(credit)
        .execute(&mut *conn)
        .await?;
        "1 job-posting credit".to_owned()
    } else {
        let price = settings(&mut *conn).await?.posting_price_tracecoins;
        if price > 0 {
            let key = format!("job-post:{request}");
            let remarks = format!(
                "Posting \u{201c}{}\u{201d}",
                crate::core::validation::ellipsize(title, 120)
            );
            wallet::apply(
                conn,
                &Movement {
                    user_id,
                    direction: Direction::Debit,
                    amount: price,
                    reference: Reference::Job,
                    reference_id: Some(job_id),
                    remarks: Some(&remarks),
                    idempotency_key: &key,
                    actor: Some(user_id),
                },
                meta,
            )
            .await
            // Short of tracecoins with no posting credit: a job-posting pack is the offer.
            .map_err(|e| {
                if e.buy.is_some() {
                    e.with_buy("job-postings")
                } else {
                    e
                }
            })?;
        }
        sqlx::query(
            "UPDATE jobs SET status = 'PENDING', paid_with = 'TRACECOINS', package_credit_id = NULL,
                             price_tracecoins = $2, submitted_at = now(), refunded_at = NULL,
                             review_remarks = NULL
              WHERE id = $1",
        )
        .bind(job_id)
        .bind(price)
        .execute(&mut *conn)
        .await?;
        format!("{price} tracecoins")
    };
    tracing::info!(job = %job_id, user = %user_id, %paid, "job posted for review");
    Ok(paid)
}

/// What approving or rejecting a job does (`JobSubject`'s effect, run by the approval
/// queue's `decide` in its transaction): approved jobs go LIVE for `live_days`; rejected ones go back to
/// DRAFT with the remarks, and what was paid comes back.
pub async fn approval_effect(
    conn: &mut PgConnection,
    id: Uuid,
    approve: bool,
    remarks: Option<&str>,
) -> AppResult<Option<Effect>> {
    let Some(job) = lock_job(conn, id).await? else {
        return Ok(None);
    };
    if job.status != JobStatus::Pending {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This job is no longer waiting for review.",
        ));
    }
    let title = job.title.clone();
    if approve {
        let days = settings(&mut *conn).await?.live_days;
        sqlx::query(
            "UPDATE jobs SET status = 'LIVE', approved_at = now(), review_remarks = NULL,
                             expires_at = now() + make_interval(days => $2)
              WHERE id = $1",
        )
        .bind(id)
        .bind(days)
        .execute(&mut *conn)
        .await?;
        return Ok(Some(Effect {
            notice: Some(Notice {
                user_id: job.owner,
                template_key: "job_approved",
                title: format!("Your job \u{201c}{title}\u{201d} is live"),
                body: format!("Candidates can now apply. It stays on the board for {days} days."),
                entity_type: "job",
                entity_id: id,
                link_path: Some(format!("/jobs/{id}")),
                vars: vec![
                    ("job", title.clone()),
                    ("remarks", approvals::remarks_line(remarks)),
                ],
            }),
            label: title,
            old_status: Some(job.status.to_string()),
            others: Vec::new(),
        }));
    }
    refund_posting(conn, &job).await?;
    sqlx::query(
        "UPDATE jobs SET status = 'DRAFT', review_remarks = $2, paid_with = NULL,
                         package_credit_id = NULL, price_tracecoins = 0, refunded_at = now()
          WHERE id = $1",
    )
    .bind(id)
    .bind(remarks)
    .execute(&mut *conn)
    .await?;
    Ok(Some(Effect {
        notice: Some(Notice {
            user_id: job.owner,
            template_key: "job_rejected",
            title: format!("Your job \u{201c}{title}\u{201d} needs changes"),
            body: format!(
                "{} What you paid to post it has been returned.",
                remarks.unwrap_or_default()
            )
            .trim()
            .to_owned(),
            entity_type: "job",
            entity_id: id,
            link_path: Some(format!("/company/jobs/{id}")),
            vars: vec![
                ("job", title.clone()),
                ("remarks", remarks.unwrap_or_default().to_owned()),
            ],
        }),
        label: title,
        old_status: Some(job.status.to_string()),
        others: Vec::new(),
    }))
}

/// Returns what a rejected posting cost: the package credit, or the tracecoins (keyed
/// by the approval request, so a decision replayed never pays back twice).
async fn refund_posting(conn: &mut PgConnection, job: &JobRow) -> AppResult<()> {
    match (job.paid_with, job.package_credit_id) {
        (Some(PaidWith::Credit), Some(credit)) => credits::give_back(conn, credit).await?,
        (Some(PaidWith::Tracecoins), _) if job.price_tracecoins > 0 => {
            let request: Uuid = sqlx::query_scalar(
                "SELECT id FROM approval_requests WHERE entity_type = 'job' AND entity_id = $1
                  ORDER BY submitted_at DESC, created_at DESC LIMIT 1",
            )
            .bind(job.id)
            .fetch_one(&mut *conn)
            .await?;
            let key = format!("job-refund:{request}");
            let remarks = format!(
                "Refund: \u{201c}{}\u{201d} was not approved",
                crate::core::validation::ellipsize(&job.title, 120)
            );
            wallet::apply(
                conn,
                &Movement {
                    user_id: job.posted_by_user_id,
                    direction: Direction::Credit,
                    amount: job.price_tracecoins,
                    reference: Reference::Job,
                    reference_id: Some(job.id),
                    remarks: Some(&remarks),
                    idempotency_key: &key,
                    actor: None,
                },
                &RequestMeta::default(),
            )
            .await?;
        }
        _ => {}
    }
    Ok(())
}

/// The company closes one of its LIVE jobs (applications stay in its pipeline).
pub async fn close(
    pool: &PgPool,
    user: &CurrentUser,
    id: Uuid,
    meta: &RequestMeta,
) -> AppResult<()> {
    let mut tx = pool.begin().await?;
    let job = owned_job(&mut tx, user.id, id).await?;
    if job.status != JobStatus::Live {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "Only a live job can be closed.",
        ));
    }
    sqlx::query(
        "UPDATE jobs SET status = 'CLOSED', close_reason = 'CLOSED', closed_at = now() WHERE id = $1",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user.id),
            Action::Update,
            "job",
            Some(id),
            MODULE,
            "job closed by the company",
            meta,
        )
        .label(job.title)
        .change(Change::new(
            "status",
            Some("LIVE".into()),
            Some("CLOSED".into()),
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One sweep: closes LIVE jobs past `expires_at` and tells their companies. Rows another
/// worker holds are skipped, never waited for.
pub async fn sweep(conn: &mut PgConnection) -> AppResult<Vec<Outgoing>> {
    let expired: Vec<(Uuid, String, Uuid)> = sqlx::query_as(
        "WITH due AS (
            SELECT id FROM jobs WHERE status = 'LIVE' AND expires_at <= now()
             ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED
         )
         UPDATE jobs j SET status = 'CLOSED', close_reason = 'EXPIRED', closed_at = now()
           FROM due, company_profiles c
          WHERE j.id = due.id AND c.id = j.company_profile_id
         RETURNING j.id, j.title, c.user_id",
    )
    .bind(SWEEP_BATCH)
    .fetch_all(&mut *conn)
    .await?;
    let mut outgoing = Vec::with_capacity(expired.len());
    for (id, title, owner) in expired {
        audit::record(
            &mut *conn,
            Entry::by_user(
                None,
                Action::Update,
                "job",
                Some(id),
                MODULE,
                "job closed: its time on the board ended",
                &RequestMeta::default(),
            )
            .from_worker()
            .label(title.clone())
            .change(Change::new(
                "status",
                Some("LIVE".into()),
                Some("CLOSED".into()),
            )),
        )
        .await?;
        outgoing.push(
            notify::record(
                &mut *conn,
                Notice {
                    user_id: owner,
                    template_key: "job_expired",
                    title: format!("Your job \u{201c}{title}\u{201d} has closed"),
                    body: "It reached the end of its time on the board. Its applications stay in the pipeline."
                        .into(),
                    entity_type: "job",
                    entity_id: id,
                    link_path: Some(format!("/company/jobs/{id}")),
                    vars: vec![("job", title)],
                },
            )
            .await?,
        );
    }
    if !outgoing.is_empty() {
        tracing::info!(closed = outgoing.len(), "expired jobs closed");
    }
    Ok(outgoing)
}

#[derive(sqlx::FromRow)]
struct CompanyJobRecord {
    id: Uuid,
    title: String,
    status: JobStatus,
    close_reason: Option<JobCloseReason>,
    review_remarks: Option<String>,
    expires_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
    applications: i64,
    new_applications: i64,
}

/// The company's jobs, newest first, with application counts, and what posting costs.
pub async fn company_jobs(pool: &PgPool, user: &CurrentUser) -> AppResult<CompanyJobs> {
    let mut conn = pool.acquire().await?;
    let (company_id, company_name) = my_company(&mut conn, user.id).await?;
    let slug: String = sqlx::query_scalar("SELECT slug FROM company_profiles WHERE id = $1")
        .bind(company_id)
        .fetch_one(&mut *conn)
        .await?;
    let rows: Vec<CompanyJobRecord> = sqlx::query_as(
        "SELECT j.id, j.title, j.status, j.close_reason, j.review_remarks, j.expires_at, j.updated_at,
                count(a.id) AS applications,
                count(a.id) FILTER (WHERE a.status = 'APPLIED') AS new_applications
           FROM jobs j LEFT JOIN job_applications a ON a.job_id = j.id
          WHERE j.company_profile_id = $1
          GROUP BY j.id
          ORDER BY j.created_at DESC, j.id DESC",
    )
    .bind(company_id)
    .fetch_all(&mut *conn)
    .await?;
    drop(conn);
    Ok(CompanyJobs {
        company_name,
        company_slug: slug,
        jobs: rows
            .into_iter()
            .map(|r| CompanyJobRow {
                id: r.id,
                title: r.title,
                status: r.status,
                close_reason: r.close_reason,
                review_remarks: r.review_remarks,
                expires_at: r.expires_at,
                updated_at: r.updated_at,
                applications: r.applications,
                new_applications: r.new_applications,
            })
            .collect(),
        cost: posting_cost(pool, user.id).await?,
    })
}

/// The job as stored, back in the form's words.
fn form_of(job: &JobRow) -> super::model::JobForm {
    let pay = Pay::from_columns(job.budget_inr, &job.salary_range_json);
    let input = JobInput {
        title: job.title.clone(),
        description: job.description.clone().unwrap_or_default(),
        city: job.location.clone(),
        employment_type: super::model::EmploymentType::parse(&job.employment_type)
            .unwrap_or(super::model::EmploymentType::FullTime),
        mode: super::model::WorkMode::parse(&job.mode_of_work)
            .unwrap_or(super::model::WorkMode::Onsite),
        pay: pay.unwrap_or(Pay::Budget(0)),
    };
    let mut form = input.to_form();
    if pay.is_none() {
        form.pay_kind = String::new();
        form.budget = String::new();
    }
    form
}

/// A submitted job for the approval queue.
pub async fn job_for_review(
    pool: &PgPool,
    id: Uuid,
) -> AppResult<Option<super::model::JobForReview>> {
    let job: Option<JobRow> = sqlx::query_as(&format!(
        "SELECT {JOB_COLUMNS} FROM jobs j JOIN company_profiles c ON c.id = j.company_profile_id
          WHERE j.id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(job) = job else {
        return Ok(None);
    };
    let (company_name, company_slug, company_verified): (String, String, bool) = sqlx::query_as(
        "SELECT c.company_name, c.slug, c.verification_status = 'VERIFIED'
           FROM jobs j JOIN company_profiles c ON c.id = j.company_profile_id WHERE j.id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await?;
    let paid = match job.paid_with {
        Some(PaidWith::Credit) => "1 job-posting credit".to_owned(),
        Some(PaidWith::Tracecoins) => format!("{} tracecoins", job.price_tracecoins),
        None => String::new(),
    };
    Ok(Some(super::model::JobForReview {
        id,
        company_name,
        company_slug,
        company_verified,
        form: form_of(&job),
        status: job.status,
        paid,
    }))
}

/// One of the company's jobs for the editor.
pub async fn editor(pool: &PgPool, user: &CurrentUser, id: Uuid) -> AppResult<JobEditor> {
    let mut tx = pool.begin().await?;
    let job = owned_job(&mut tx, user.id, id).await?;
    tx.commit().await?;
    Ok(JobEditor {
        id,
        form: form_of(&job),
        status: job.status,
        close_reason: job.close_reason,
        review_remarks: job.review_remarks,
        cost: posting_cost(pool, user.id).await?,
    })
}
