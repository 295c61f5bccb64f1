//! Job applications on the server.
//!
//! - A candidate with an ACTIVE candidate profile and a résumé applies once to a LIVE
//!   job: the application (with the profile and résumé it was made with), its APPLIED
//!   event, the audit row and the company's notice are one transaction. The unique
//!   `(job_id, applicant_user_id)` key makes "once" hold under any concurrency.
//! - Only the company that posted the job sees its pipeline and moves applicants; to
//!   anyone else the job does not exist (NOT FOUND), so ids reveal nothing. Each move
//!   locks the application, writes its event and audit row and notifies the candidate.
//! - The candidate reads every application with its history.
use super::model::{ApplyInput, ApplyState, HistoryEvent, MyApplication, Stage};
use crate::core::state::ProfileStatus;
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::access::service::CurrentUser;
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
use crate::server::notify::{self, Notice, Outgoing};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

pub use super::pipeline::{move_to, open_conversation, pipeline, Moved};

pub(super) const MODULE: &str = "jobs";
/// Where candidates complete what applying needs.
pub const PROFILE_PATH: &str = "/account/profile";
/// Days a company has to answer an application, when `jobs.response_window_days` is
/// missing or malformed.
pub const DEFAULT_RESPONSE_WINDOW_DAYS: i32 = 14;

pub(super) fn stage_of(s: &str) -> AppResult<Stage> {
    Stage::parse(s).ok_or_else(|| {
        tracing::error!(status = s, "unknown job application status");
        AppError::internal()
    })
}

pub(super) fn job_not_found() -> AppError {
    AppError::not_found("That job")
}

pub(super) fn application_not_found() -> AppError {
    AppError::not_found("That application")
}

fn closed() -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        "This job is no longer taking applications.",
    )
}

// ---------------------------------------------------------------------------
// The candidate's side
// ---------------------------------------------------------------------------

#[derive(sqlx::FromRow)]
struct JobRow {
    title: String,
    /// LIVE and not past its time: it takes applications.
    open: bool,
    owner: Uuid,
}

async fn job_row(db: impl PgExecutor<'_>, job_id: Uuid, lock: bool) -> AppResult<Option<JobRow>> {
    // A shared lock keeps the job from closing between the check and the insert.
    let lock = if lock { " FOR SHARE OF j" } else { "" };
    Ok(sqlx::query_as(&format!(
        "SELECT j.title, COALESCE(j.status = 'LIVE' AND j.expires_at > clock_timestamp(), false) AS open,
                c.user_id AS owner
           FROM jobs j JOIN company_profiles c ON c.id = j.company_profile_id
          WHERE j.id = $1{lock}"
    ))
    .bind(job_id)
    .fetch_optional(db)
    .await?)
}

#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: Uuid,
    display_name: String,
    status: ProfileStatus,
    resume_file_url: Option<String>,
}

/// Why an account without the candidate role cannot apply.
pub const NOT_A_CANDIDATE: &str =
    "Only candidate accounts can apply to jobs, and this account is not one. Sign up as a candidate to apply.";

/// Does the user hold the CANDIDATE role (not refused)? Only then does
/// `/account/profile` offer a candidate profile.
async fn holds_candidate_role(conn: &mut PgConnection, user: Uuid) -> AppResult<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                         WHERE ur.user_id = $1 AND r.key = 'CANDIDATE' AND r.is_active
                           AND ur.status <> 'REJECTED')",
    )
    .bind(user)
    .fetch_one(conn)
    .await?)
}

/// The candidate profile applying needs, or why the user cannot apply yet.
async fn ready_candidate(
    conn: &mut PgConnection,
    user: Uuid,
) -> AppResult<Result<CandidateRow, String>> {
    let row: Option<CandidateRow> = sqlx::query_as(
        "SELECT id, display_name, status, resume_file_url FROM candidate_profiles WHERE user_id = $1",
    )
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(Err(if holds_candidate_role(conn, user).await? {
            format!(
                "To apply, complete your candidate profile and upload your résumé at {PROFILE_PATH}."
            )
        } else {
            NOT_A_CANDIDATE.into()
        }));
    };
    Ok(match row {
        r if r.status == ProfileStatus::Suspended => Err(
            "Your candidate profile is suspended, so you cannot apply. Please contact support."
                .into(),
        ),
        r if r.status != ProfileStatus::Active => Err(format!(
            "To apply, complete and save your candidate profile at {PROFILE_PATH}."
        )),
        r if r.resume_file_url.is_none() => Err(format!(
            "To apply, upload your résumé (PDF) to your candidate profile at {PROFILE_PATH}."
        )),
        r => Ok(r),
    })
}

/// A committed application.
#[derive(Debug)]
pub struct Applied {
    pub id: Uuid,
    pub outgoing: Outgoing,
}

/// Applies to a LIVE job with a cover note, once.
pub async fn apply(
    pool: &PgPool,
    user: &CurrentUser,
    job_id: Uuid,
    input: &ApplyInput,
    meta: &RequestMeta,
) -> AppResult<Applied> {
    let mut tx = pool.begin().await?;
    let job = job_row(&mut *tx, job_id, true)
        .await?
        .ok_or_else(job_not_found)?;
    if job.owner == user.id {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "This is your company's job: you cannot apply to it.",
        ));
    }
    if !job.open {
        return Err(closed());
    }
    let candidate = ready_candidate(&mut tx, user.id)
        .await?
        .map_err(|reason| AppError::new(ErrorCode::Conflict, reason))?;
    let id: Option<Uuid> = sqlx::query_scalar(
        "INSERT INTO job_applications (job_id, applicant_user_id, cover_note, candidate_profile_id,
                                       resume_file_url)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT job_applications_job_id_applicant_user_id_key DO NOTHING
         RETURNING id",
    )
    .bind(job_id)
    .bind(user.id)
    .bind(&input.cover_note)
    .bind(candidate.id)
    .bind(&candidate.resume_file_url)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "You have already applied to this job.",
        ));
    };
    sqlx::query(
        "INSERT INTO job_application_events (job_application_id, from_status, to_status, actor_user_id)
         VALUES ($1, NULL, 'APPLIED', $2)",
    )
    .bind(id)
    .bind(user.id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user.id),
            Action::Create,
            "job_application",
            Some(id),
            MODULE,
            "applied to a job",
            meta,
        )
        .label(job.title.clone())
        .change(Change::new(
            "status",
            None,
            Some(Stage::Applied.as_str().into()),
        )),
    )
    .await?;
    let outgoing = notify::record(
        &mut tx,
        Notice {
            user_id: job.owner,
            template_key: "application_received",
            title: format!(
                "{} applied to \u{201c}{}\u{201d}",
                candidate.display_name, job.title
            ),
            body: "See the application in the job's pipeline.".into(),
            entity_type: "job_applicants",
            entity_id: job_id,
            link_path: Some(pipeline_path(job_id)),
            vars: vec![("job", job.title), ("sender", candidate.display_name)],
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(job = %job_id, application = %id, "job application");
    Ok(Applied { id, outgoing })
}

/// `/company/jobs/{job}/applicants`.
pub fn pipeline_path(job_id: Uuid) -> String {
    format!("/company/jobs/{job_id}/applicants")
}

/// What the job page's apply panel offers `user` (None: a visitor).
pub async fn apply_state(pool: &PgPool, user: Option<Uuid>, job_id: Uuid) -> AppResult<ApplyState> {
    let Some(user) = user else {
        return Ok(ApplyState::SignedOut);
    };
    let mine: Option<(DateTime<Utc>, String)> = sqlx::query_as(
        "SELECT applied_at, status FROM job_applications WHERE job_id = $1 AND applicant_user_id = $2",
    )
    .bind(job_id)
    .bind(user)
    .fetch_optional(pool)
    .await?;
    if let Some((applied_at, status)) = mine {
        return Ok(ApplyState::Applied {
            applied_at,
            stage: stage_of(&status)?,
        });
    }
    let Some(job) = job_row(pool, job_id, false).await? else {
        return Ok(ApplyState::Closed);
    };
    if job.owner == user {
        return Ok(ApplyState::OwnJob);
    }
    if !job.open {
        return Ok(ApplyState::Closed);
    }
    let mut conn = pool.acquire().await?;
    Ok(match ready_candidate(&mut conn, user).await? {
        Ok(_) => ApplyState::Open,
        Err(reason) => ApplyState::NeedsProfile {
            fixable: reason != NOT_A_CANDIDATE,
            reason,
        },
    })
}

#[derive(sqlx::FromRow)]
struct MyRow {
    id: Uuid,
    job_id: Uuid,
    job_title: String,
    company_name: String,
    status: String,
    applied_at: DateTime<Utc>,
    status_changed_at: DateTime<Utc>,
    conversation_id: Option<Uuid>,
}

/// The candidate's applications, newest first, each with its history oldest first.
pub async fn my_applications(pool: &PgPool, user: Uuid) -> AppResult<Vec<MyApplication>> {
    let rows: Vec<MyRow> = sqlx::query_as(
        "SELECT a.id, a.job_id, j.title AS job_title, c.company_name, a.status, a.applied_at,
                a.status_changed_at, a.conversation_id
           FROM job_applications a
           JOIN jobs j ON j.id = a.job_id
           JOIN company_profiles c ON c.id = j.company_profile_id
          WHERE a.applicant_user_id = $1
          ORDER BY a.applied_at DESC, a.id
          LIMIT 200",
    )
    .bind(user)
    .fetch_all(pool)
    .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let events: Vec<(Uuid, Option<String>, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT job_application_id, from_status, to_status, created_at
           FROM job_application_events
          WHERE job_application_id = ANY($1)
          ORDER BY created_at, from_status IS NOT NULL, id",
    )
    .bind(&ids)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            let history = events
                .iter()
                .filter(|(app, ..)| *app == r.id)
                .map(|(_, from, to, at)| {
                    Ok(HistoryEvent {
                        from: from.as_deref().map(stage_of).transpose()?,
                        to: stage_of(to)?,
                        at: *at,
                    })
                })
                .collect::<AppResult<Vec<_>>>()?;
            Ok(MyApplication {
                id: r.id,
                job_id: r.job_id,
                job_title: r.job_title,
                company_name: r.company_name,
                stage: stage_of(&r.status)?,
                applied_at: r.applied_at,
                status_changed_at: r.status_changed_at,
                conversation_id: r.conversation_id,
                history,
            })
        })
        .collect()
}

/// May `user` download the résumé of candidate profile `candidate_profile_id` as a
/// company? Only when the candidate applied to one of that user's company's jobs.
pub async fn company_may_view_resume(
    db: impl PgExecutor<'_>,
    user: Uuid,
    candidate_profile_id: Uuid,
) -> AppResult<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (
            SELECT 1 FROM job_applications a
              JOIN jobs j ON j.id = a.job_id
              JOIN company_profiles c ON c.id = j.company_profile_id
             WHERE a.candidate_profile_id = $1 AND c.user_id = $2)",
    )
    .bind(candidate_profile_id)
    .bind(user)
    .fetch_one(db)
    .await?)
}

/// The company's response rate in percent: of its applications that were moved out
/// of APPLIED, or are older than `jobs.response_window_days` (default 14), the share
/// moved out of APPLIED within that window. `None` below 3 such applications.
pub async fn response_rate(
    db: impl PgExecutor<'_>,
    company_profile_id: Uuid,
) -> AppResult<Option<u8>> {
    let (counted, answered): (i64, i64) = sqlx::query_as(
        "WITH w AS (
            SELECT make_interval(days => COALESCE((
                SELECT CASE WHEN jsonb_typeof(config_value_json) = 'number'
                             AND (config_value_json #>> '{}')::numeric BETWEEN 1 AND 3650
                            THEN (config_value_json #>> '{}')::numeric::int END
                  FROM runtime_configs
                 WHERE config_group = 'jobs' AND config_key = 'response_window_days' AND is_active
                 LIMIT 1), $2)) AS span
         ), apps AS (
            SELECT a.applied_at,
                   (SELECT min(e.created_at) FROM job_application_events e
                     WHERE e.job_application_id = a.id AND e.from_status = 'APPLIED') AS first_move
              FROM job_applications a JOIN jobs j ON j.id = a.job_id
             WHERE j.company_profile_id = $1
         )
         SELECT count(*) FILTER (WHERE first_move IS NOT NULL OR applied_at < now() - w.span),
                count(*) FILTER (WHERE first_move <= applied_at + w.span)
           FROM apps CROSS JOIN w",
    )
    .bind(company_profile_id)
    .bind(DEFAULT_RESPONSE_WINDOW_DAYS)
    .fetch_one(db)
    .await?;
    Ok(rate(counted, answered))
}

/// `answered` of `counted` in whole percent; None below 3.
fn rate(counted: i64, answered: i64) -> Option<u8> {
    if counted < 3 {
        return None;
    }
    let pct = (answered.clamp(0, counted) * 100 + counted / 2) / counted;
    u8::try_from(pct).ok()
}

#[cfg(test)]
mod unit {
    use super::rate;

    #[test]
    fn rates_round_and_need_three_applications() {
        assert_eq!(rate(2, 2), None);
        assert_eq!(rate(3, 2), Some(67));
        assert_eq!(rate(3, 0), Some(0));
        assert_eq!(rate(4, 4), Some(100));
    }
}
