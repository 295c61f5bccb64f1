//! Private documents: verification documents of a professional profile and a
//! candidate's résumé, stored under `private/`.
use super::{
    form::{read_form, sanitise_file_name},
    parse_id, Answer, Caller, MAX_DOCUMENTS_PER_REQUEST, MAX_RESUME_BYTES,
};
use crate::core::{roles::role_spec, AppError, AppResult, ErrorCode};
use crate::domains::{
    audit::service::{record, Action, Change, Entry},
    profiles::service::{profile_owned_by, ProfileRef},
};
use crate::server::{
    images::{self, FileKind, MAX_UPLOAD_BYTES},
    state::AppState,
    storage,
};
use axum::{
    extract::{multipart::MultipartRejection, Multipart, Path, State},
    http::StatusCode,
    response::IntoResponse,
    Json,
};
use bytes::Bytes;
use serde_json::json;
use uuid::Uuid;

fn request_closed() -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        "This verification request has already been reviewed, so documents can no longer be added to it.",
    )
}

fn too_many_documents() -> AppError {
    AppError::field(
        "file",
        format!("A request can have at most {MAX_DOCUMENTS_PER_REQUEST} documents."),
    )
}

/// The request's profile (checked to be the caller's) and whether it is still open.
async fn owned_request(
    conn: &mut sqlx::PgConnection,
    request_id: Uuid,
    user: Uuid,
    lock: bool,
) -> AppResult<ProfileRef> {
    let sql = format!(
        "SELECT user_role_profile_id, status FROM verification_requests WHERE id = $1{}",
        if lock { " FOR UPDATE" } else { "" }
    );
    let (profile_id, status): (Uuid, String) = sqlx::query_as(&sql)
        .bind(request_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::not_found("That verification request"))?;
    let profile = profile_owned_by(conn, profile_id, user, false).await?;
    if status != "PENDING" {
        return Err(request_closed());
    }
    let count: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM verification_documents WHERE verification_request_id = $1",
    )
    .bind(request_id)
    .fetch_one(&mut *conn)
    .await?;
    if count >= MAX_DOCUMENTS_PER_REQUEST {
        return Err(too_many_documents());
    }
    Ok(profile)
}

/// `POST /api/uploads/verification/{request_id}`, multipart `document_type` + `file`:
/// the owner adds a PDF or a photo of a document to a pending request. 201
/// `{"id", "document_type", "file_name"}`.
pub(super) async fn upload_verification_document(
    State(state): State<AppState>,
    caller: Caller,
    Path(request_id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Answer {
    let user = caller.session()?.user_id;
    let request_id = parse_id(&request_id, "That verification request")?;
    let profile = {
        let mut conn = state.pool.acquire().await?;
        owned_request(&mut conn, request_id, user, false).await?
    };
    let mut form = read_form(multipart, MAX_UPLOAD_BYTES).await?;
    let spec = role_spec(&profile.role_key).ok_or_else(|| {
        tracing::error!(role = %profile.role_key, "profile without a role spec");
        AppError::internal()
    })?;
    let document_type = form
        .fields
        .get("document_type")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let document = match spec.all_documents().find(|d| d.key == document_type) {
        Some(d) => d,
        None if document_type.is_empty() => {
            return Err(AppError::field("document_type", "Choose the type of document.").into())
        }
        None => {
            return Err(AppError::field(
                "document_type",
                format!("That is not a document type for a {}.", spec.label),
            )
            .into())
        }
    };
    let file = form.take_file(MAX_UPLOAD_BYTES)?;
    let (bytes, mime, extension) = match FileKind::sniff(&file.bytes) {
        Some(FileKind::Pdf) => (file.bytes.clone(), "application/pdf", "pdf"),
        Some(kind) if kind.is_image() => {
            let image = images::process_image(&file.bytes).await?;
            (Bytes::from(image.full.bytes), "image/jpeg", "jpg")
        }
        _ => {
            return Err(AppError::field(
                "file",
                "Upload a PDF, or a JPEG, PNG or WebP photo of the document.",
            )
            .into())
        }
    };
    let file_name = sanitise_file_name(file.name.as_deref(), document.key, extension);
    let document_id = Uuid::new_v4();
    let key = storage::verification_document_key(request_id, document_id);
    state.storage.put(&key, bytes).await?;
    let saved: AppResult<()> = async {
        let mut tx = state.pool.begin().await?;
        owned_request(&mut tx, request_id, user, true).await?;
        sqlx::query(
            "INSERT INTO verification_documents
                 (id, verification_request_id, document_type, file_url, file_name, mime_type)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(document_id)
        .bind(request_id)
        .bind(document.key)
        .bind(&key)
        .bind(&file_name)
        .bind(mime)
        .execute(&mut *tx)
        .await?;
        record(
            &mut tx,
            Entry::by_user(
                Some(user),
                Action::Create,
                "verification_document",
                Some(document_id),
                "verification",
                format!("Uploaded {} for verification", document.label),
                &caller.meta,
            )
            .change(Change::new(
                "document_type",
                None,
                Some(document.key.into()),
            ))
            .change(Change::new("file_name", None, Some(file_name.clone()))),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    if let Err(err) = saved {
        state.storage.delete_quietly(&[&key]).await;
        return Err(err.into());
    }
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": document_id,
            "document_type": document.key,
            "file_name": file_name,
        })),
    )
        .into_response())
}

fn no_candidate_profile() -> AppError {
    AppError::field("file", "Save your candidate profile first.")
}

/// `POST /api/uploads/resume`, multipart `file`: the signed-in candidate's PDF résumé,
/// replacing any earlier one. 200 `{"file_name"}`.
pub(super) async fn upload_resume(
    State(state): State<AppState>,
    caller: Caller,
    multipart: Result<Multipart, MultipartRejection>,
) -> Answer {
    let user = caller.session()?.user_id;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM candidate_profiles WHERE user_id = $1)")
            .bind(user)
            .fetch_one(&state.pool)
            .await?;
    if !exists {
        return Err(no_candidate_profile().into());
    }
    let file = read_form(multipart, MAX_RESUME_BYTES)
        .await?
        .take_file(MAX_RESUME_BYTES)?;
    if FileKind::sniff(&file.bytes) != Some(FileKind::Pdf) {
        return Err(AppError::field("file", "Upload your résumé as a PDF.").into());
    }
    let file_name = sanitise_file_name(file.name.as_deref(), "resume", "pdf");
    let key = storage::resume_key(user, Uuid::new_v4());
    state.storage.put(&key, file.bytes).await?;
    let saved: AppResult<Option<String>> = async {
        let mut tx = state.pool.begin().await?;
        let (candidate_id, old): (Uuid, Option<String>) = sqlx::query_as(
            "SELECT id, resume_file_url FROM candidate_profiles WHERE user_id = $1 FOR UPDATE",
        )
        .bind(user)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(no_candidate_profile)?;
        sqlx::query("UPDATE candidate_profiles SET resume_file_url = $2 WHERE id = $1")
            .bind(candidate_id)
            .bind(&key)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            Entry::by_user(
                Some(user),
                Action::Update,
                "candidate_profile",
                Some(candidate_id),
                "profiles",
                format!("Uploaded a résumé ({file_name})"),
                &caller.meta,
            )
            .change(Change::new(
                "resume_file_url",
                old.clone(),
                Some(key.clone()),
            )),
        )
        .await?;
        tx.commit().await?;
        Ok(old)
    }
    .await;
    match saved {
        Ok(old) => {
            delete_old_resume(&state, user, old.as_deref()).await;
            Ok(Json(json!({ "file_name": file_name })).into_response())
        }
        Err(err) => {
            state.storage.delete_quietly(&[&key]).await;
            Err(err.into())
        }
    }
}

/// Removes a replaced résumé, but only a key this endpoint made for this user.
async fn delete_old_resume(state: &AppState, user: Uuid, old: Option<&str>) {
    let own_prefix = format!("private/resumes/{user}/");
    if let Some(old) = old.filter(|k| k.starts_with(&own_prefix) && storage::is_valid_key(k)) {
        state.storage.delete_quietly(&[old]).await;
    }
}

/// `DELETE /api/uploads/resume`: removes the signed-in candidate's résumé. 204.
pub(super) async fn delete_resume(State(state): State<AppState>, caller: Caller) -> Answer {
    let user = caller.session()?.user_id;
    let mut tx = state.pool.begin().await?;
    let (candidate_id, old): (Uuid, Option<String>) = sqlx::query_as(
        "SELECT id, resume_file_url FROM candidate_profiles WHERE user_id = $1 FOR UPDATE",
    )
    .bind(user)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| AppError::not_found("Your candidate profile"))?;
    if old.is_none() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    sqlx::query("UPDATE candidate_profiles SET resume_file_url = NULL WHERE id = $1")
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        Entry::by_user(
            Some(user),
            Action::Update,
            "candidate_profile",
            Some(candidate_id),
            "profiles",
            "Removed the résumé",
            &caller.meta,
        )
        .change(Change::new("resume_file_url", old.clone(), None)),
    )
    .await?;
    tx.commit().await?;
    delete_old_resume(&state, user, old.as_deref()).await;
    Ok(StatusCode::NO_CONTENT.into_response())
}
