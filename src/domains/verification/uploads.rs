//! Verification documents: a professional uploads them to an open verification request
//! (stored privately under `private/`), and downloads them again; staff who may review
//! verifications open them too (each staff view audited). Plain axum handlers beside the
//! server functions: multipart bodies with upload progress, files as answers.
use crate::core::capability::VIEW_VERIFICATION_DOCUMENTS;
use crate::core::state::ApprovalStatus;
use crate::core::{roles::role_spec, AppError, AppResult, ErrorCode};
use crate::domains::{
    audit::service::{record, Action, Change, Entry},
    profiles::service::{profile_owned_by, ProfileRef},
};
use crate::server::{
    images::{self, FileKind, MAX_UPLOAD_BYTES},
    state::AppState,
    storage,
    uploads::{
        audit_staff_view, body_limit, parse_id, private_file, read_form, sanitise_file_name,
        stored_bytes, Answer, Caller,
    },
};
use axum::{
    extract::{multipart::MultipartRejection, Multipart, Path, State},
    http::StatusCode,
    response::IntoResponse,
    routing::{get, post},
    Json, Router,
};
use bytes::Bytes;
use serde_json::json;
use uuid::Uuid;

/// Documents per verification request.
pub const MAX_DOCUMENTS_PER_REQUEST: i64 = 10;

/// The upload route (with the upload body limit) and the download route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/uploads/verification/{request_id}",
            post(upload_verification_document),
        )
        .layer(body_limit())
        .route(
            "/files/verification-documents/{id}",
            get(download_verification_document),
        )
}

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
    let (profile_id, status): (Uuid, ApprovalStatus) = sqlx::query_as(&sql)
        .bind(request_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::not_found("That verification request"))?;
    let profile = profile_owned_by(conn, profile_id, user, false).await?;
    if status != ApprovalStatus::Pending {
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
async fn upload_verification_document(
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
    state
        .storage
        .store_then(vec![(key.as_str(), bytes)], || async {
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
        })
        .await?;
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

#[derive(sqlx::FromRow)]
struct StoredDocument {
    key: String,
    file_name: Option<String>,
    #[sqlx(rename = "mime_type")]
    mime: Option<String>,
    document_type: String,
    owner: Uuid,
    display_name: String,
}

/// `GET /files/verification-documents/{id}`: the profile owner, or staff who may view
/// verification documents (audited).
async fn download_verification_document(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer {
    let session = caller.session()?;
    let id = parse_id(&id, "That document")?;
    let doc: StoredDocument = sqlx::query_as(
        "SELECT d.file_url AS key, d.file_name, d.mime_type, d.document_type,
                p.user_id AS owner, p.display_name
           FROM verification_documents d
           JOIN verification_requests r ON r.id = d.verification_request_id
           JOIN user_role_profiles p ON p.id = r.user_role_profile_id
          WHERE d.id = $1",
    )
    .bind(id)
    .fetch_optional(&state.pool)
    .await?
    .ok_or_else(|| AppError::not_found("That document"))?;
    let StoredDocument {
        key,
        file_name,
        mime,
        document_type,
        owner,
        display_name,
    } = doc;
    if owner != session.user_id {
        let user = caller.current_user(&state).await?;
        user.require(VIEW_VERIFICATION_DOCUMENTS)?;
        audit_staff_view(
            &state,
            &user,
            &caller.meta,
            "verification",
            id,
            format!("Opened the {document_type} document of {display_name}"),
        )
        .await?;
    }
    let mime = mime.unwrap_or_else(|| "application/octet-stream".into());
    let file_name = file_name.unwrap_or_else(|| "document".into());
    let bytes = stored_bytes(&state, &key).await?;
    Ok(private_file(bytes, &mime, &file_name))
}
