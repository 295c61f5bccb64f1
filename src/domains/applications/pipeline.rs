//! The company's side: a job's pipeline board, moving applicants between stages, and
//! the conversation with an applicant. Only the company that posted the job gets past
//! [`lock_owned`] or the pipeline's owner check; anyone else gets NOT FOUND.
use super::model::{
    MoveInput, Pipeline, PipelineCard, PipelineColumn, PipelineFilter, Stage, EXCERPT_CHARS,
};
use super::service::{application_not_found, job_not_found, stage_of, MODULE};
use crate::core::{AppError, AppResult};
use crate::domains::access::service::CurrentUser;
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
use crate::server::notify::{self, Notice, Outgoing};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct CardRow {
    id: Uuid,
    status: String,
    applicant: Option<String>,
    location: Option<String>,
    experience_years: Option<i32>,
    expected_salary_inr: Option<i32>,
    cover_note: Option<String>,
    applied_at: DateTime<Utc>,
    candidate_profile_id: Option<Uuid>,
    has_resume: bool,
    conversation_id: Option<Uuid>,
    last_note: Option<String>,
}

/// One job's pipeline, for the company that posted it only.
pub async fn pipeline(
    pool: &PgPool,
    user: Uuid,
    job_id: Uuid,
    filter: &PipelineFilter,
) -> AppResult<Pipeline> {
    let (job_title, job_live): (String, bool) = sqlx::query_as(
        "SELECT j.title, j.status = 'LIVE' FROM jobs j JOIN company_profiles c ON c.id = j.company_profile_id
          WHERE j.id = $1 AND c.user_id = $2",
    )
    .bind(job_id)
    .bind(user)
    .fetch_optional(pool)
    .await?
    .ok_or_else(job_not_found)?;
    let counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, count(*) FROM job_applications WHERE job_id = $1 GROUP BY status",
    )
    .bind(job_id)
    .fetch_all(pool)
    .await?;
    let pattern = filter
        .q
        .as_deref()
        .map(crate::domains::approvals::queue::contains_pattern);
    let cards: Vec<CardRow> = sqlx::query_as(
        "SELECT a.id, a.status, cp.display_name AS applicant, cp.location, cp.experience_years,
                cp.expected_salary_inr, a.cover_note, a.applied_at, a.candidate_profile_id,
                cp.resume_file_url IS NOT NULL AS has_resume, a.conversation_id,
                (SELECT e.note FROM job_application_events e
                  WHERE e.job_application_id = a.id AND e.note IS NOT NULL
                  ORDER BY e.created_at DESC LIMIT 1) AS last_note
           FROM job_applications a
           LEFT JOIN candidate_profiles cp ON cp.id = a.candidate_profile_id
          WHERE a.job_id = $1
            AND ($2::text IS NULL OR a.status = $2)
            AND ($3::text IS NULL OR cp.display_name ILIKE $3 ESCAPE '\\'
                 OR a.cover_note ILIKE $3 ESCAPE '\\')
          ORDER BY a.applied_at, a.id
          LIMIT 1000",
    )
    .bind(job_id)
    .bind(filter.stage.map(Stage::as_str))
    .bind(&pattern)
    .fetch_all(pool)
    .await?;
    let mut columns: Vec<PipelineColumn> = Stage::ALL
        .into_iter()
        .filter(|s| filter.stage.is_none_or(|f| f == *s))
        .map(|stage| PipelineColumn {
            stage,
            count: counts
                .iter()
                .find(|(s, _)| s == stage.as_str())
                .map_or(0, |(_, n)| *n),
            cards: Vec::new(),
        })
        .collect();
    for c in cards {
        let stage = stage_of(&c.status)?;
        let card = PipelineCard {
            id: c.id,
            stage,
            applicant: c.applicant.unwrap_or_else(|| "Former candidate".into()),
            location: c.location,
            experience_years: c.experience_years,
            expected_salary: c.expected_salary_inr.map(i64::from),
            cover_excerpt: crate::core::validation::ellipsize(
                c.cover_note.as_deref().unwrap_or_default(),
                EXCERPT_CHARS,
            ),
            applied_at: c.applied_at,
            resume_url: c
                .candidate_profile_id
                .filter(|_| c.has_resume)
                .map(|p| format!("/files/resumes/{p}")),
            conversation_id: c.conversation_id,
            last_note: c.last_note,
        };
        if let Some(col) = columns.iter_mut().find(|col| col.stage == stage) {
            col.cards.push(card);
        }
    }
    Ok(Pipeline {
        job_id,
        job_title,
        job_live,
        total: counts.iter().map(|(_, n)| n).sum(),
        columns,
    })
}

#[derive(sqlx::FromRow)]
struct OwnedApplication {
    status: String,
    applicant_user_id: Uuid,
    applicant: Option<String>,
    conversation_id: Option<Uuid>,
    job_id: Uuid,
    job_title: String,
    company_name: String,
}

/// The application when `user` owns the company whose job it is; NOT FOUND otherwise.
/// Locks the application row for the rest of the caller's transaction.
async fn lock_owned(
    conn: &mut PgConnection,
    user: Uuid,
    application_id: Uuid,
) -> AppResult<OwnedApplication> {
    sqlx::query_as(
        "SELECT a.status, a.applicant_user_id, cp.display_name AS applicant, a.conversation_id,
                j.id AS job_id, j.title AS job_title, c.company_name
           FROM job_applications a
           JOIN jobs j ON j.id = a.job_id
           JOIN company_profiles c ON c.id = j.company_profile_id
           LEFT JOIN candidate_profiles cp ON cp.id = a.candidate_profile_id
          WHERE a.id = $1 AND c.user_id = $2
            FOR UPDATE OF a",
    )
    .bind(application_id)
    .bind(user)
    .fetch_optional(conn)
    .await?
    .ok_or_else(application_not_found)
}

/// A committed move.
#[derive(Debug)]
pub struct Moved {
    pub job_id: Uuid,
    pub stage: Stage,
    pub outgoing: Outgoing,
}

/// Moves an application to another stage (company owner only).
pub async fn move_to(
    pool: &PgPool,
    user: &CurrentUser,
    application_id: Uuid,
    input: &MoveInput,
    meta: &RequestMeta,
) -> AppResult<Moved> {
    let mut tx = pool.begin().await?;
    let app = lock_owned(&mut tx, user.id, application_id).await?;
    let from = stage_of(&app.status)?;
    if !from.can_move_to(input.to) {
        return Err(AppError::field(
            "stage",
            format!(
                "This application is already in {}. Choose another stage.",
                from.label()
            ),
        ));
    }
    // The clock, not the transaction's start: a move that waited for the row lock is
    // dated after the move it waited for, so the history stays in order.
    sqlx::query(
        "UPDATE job_applications SET status = $2, status_changed_at = clock_timestamp()
          WHERE id = $1",
    )
    .bind(application_id)
    .bind(input.to.as_str())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO job_application_events
                (job_application_id, from_status, to_status, actor_user_id, note, created_at)
         VALUES ($1, $2, $3, $4, $5, clock_timestamp())",
    )
    .bind(application_id)
    .bind(from.as_str())
    .bind(input.to.as_str())
    .bind(user.id)
    .bind(&input.note)
    .execute(&mut *tx)
    .await?;
    let applicant = app
        .applicant
        .clone()
        .unwrap_or_else(|| "an applicant".into());
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user.id),
            Action::Update,
            "job_application",
            Some(application_id),
            MODULE,
            format!(
                "moved {applicant} from {} to {}",
                from.label(),
                input.to.label()
            ),
            meta,
        )
        .label(app.job_title.clone())
        .change(Change::new(
            "status",
            Some(from.as_str().into()),
            Some(input.to.as_str().into()),
        )),
    )
    .await?;
    let outgoing = notify::record(
        &mut tx,
        Notice {
            user_id: app.applicant_user_id,
            template_key: "application_status",
            title: format!(
                "{}: your application for \u{201c}{}\u{201d} is now {}",
                app.company_name,
                app.job_title,
                input.to.label()
            ),
            body: "See the status and history of your applications.".into(),
            entity_type: "job_application",
            entity_id: application_id,
            link_path: Some("/applications".into()),
            vars: vec![
                ("job", app.job_title),
                ("company", app.company_name),
                ("status", input.to.label().into()),
            ],
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Moved {
        job_id: app.job_id,
        stage: input.to,
        outgoing,
    })
}

/// The conversation between the company and the applicant, started on first use
/// (company owner only). Returns its id.
pub async fn open_conversation(
    pool: &PgPool,
    user: &CurrentUser,
    application_id: Uuid,
    meta: &RequestMeta,
) -> AppResult<Uuid> {
    let mut tx = pool.begin().await?;
    let app = lock_owned(&mut tx, user.id, application_id).await?;
    if let Some(id) = app.conversation_id {
        return Ok(id);
    }
    let applicant = app.applicant.unwrap_or_else(|| "Applicant".into());
    let conversation_id = crate::domains::messaging::service::start(
        &mut tx,
        "JOB_APPLICATION",
        application_id,
        &format!("{} \u{2014} {applicant}", app.job_title),
        &[(user.id, "OWNER"), (app.applicant_user_id, "MEMBER")],
        None,
    )
    .await?;
    sqlx::query("UPDATE job_applications SET conversation_id = $2 WHERE id = $1")
        .bind(application_id)
        .bind(conversation_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user.id),
            Action::Update,
            "job_application",
            Some(application_id),
            MODULE,
            format!("opened a conversation with {applicant}"),
            meta,
        )
        .label(app.job_title)
        .change(Change::new(
            "conversation_id",
            None,
            Some(conversation_id.to_string()),
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(conversation_id)
}
