//! The upload and file endpoints through the whole router (session, CSRF and body-limit
//! layers included), against a real PostgreSQL and real files in a temporary directory.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::sanitise_file_name;
use crate::domains::portfolio::uploads::MAX_IMAGES_PER_ITEM;
use crate::server::{
    config::Config,
    session::{hash_token, new_token},
    state::AppState,
};
use axum::{
    body::Body,
    http::{header, HeaderMap, Request, StatusCode},
    Router,
};
use bytes::Bytes;
use image::{ImageFormat, Rgb, RgbImage};
use leptos::prelude::LeptosOptions;
use serde_json::Value;
use sqlx::PgPool;
use std::path::PathBuf;
use tower::ServiceExt;
use uuid::Uuid;

struct TestApp {
    pool: PgPool,
    router: Router,
    storage_dir: PathBuf,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.storage_dir);
    }
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }

    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(name).unwrap().to_str().unwrap()
    }

    fn field_error(&self, field: &str) -> String {
        assert_eq!(
            self.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{:?}",
            self.body
        );
        self.json()["fields"][field].as_str().unwrap().to_owned()
    }
}

/// A signed-in person: their id and the cookie that carries their session.
struct User {
    id: Uuid,
    cookie: String,
}

impl TestApp {
    async fn new(pool: PgPool) -> Self {
        let outbox = std::env::temp_dir().join(format!("nxg-outbox-{}", Uuid::new_v4()));
        let config = Config::for_tests("unused", outbox);
        let storage_dir = config.storage_dir.clone();
        let options = LeptosOptions::builder().output_name("nxtgauge").build();
        let queue = crate::app::wiring::queue_for_tests(&pool).await;
        let state =
            AppState::new(options, pool.clone(), std::sync::Arc::new(config), queue).unwrap();
        Self {
            pool,
            router: crate::app::router::build(state),
            storage_dir,
        }
    }

    async fn user(&self, email: &str) -> User {
        let id: Uuid = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, account_type, status)
             VALUES ($1, 'h', 'INDIVIDUAL', 'ACTIVE') RETURNING id",
        )
        .bind(email)
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let token = new_token();
        sqlx::query(
            "INSERT INTO user_sessions (user_id, session_token, expires_at)
             VALUES ($1, $2, now() + interval '1 day')",
        )
        .bind(id)
        .bind(hash_token(&token))
        .execute(&self.pool)
        .await
        .unwrap();
        User {
            id,
            cookie: format!("nxg_session={token}"),
        }
    }

    async fn staff(&self, email: &str, role: &str) -> User {
        let user = self.user(email).await;
        self.exec_bind(
            "INSERT INTO user_roles (user_id, role_id, status)
             SELECT $1, id, 'APPROVED' FROM roles WHERE key = $2",
            user.id,
            role,
        )
        .await;
        user
    }

    async fn exec_bind(&self, sql: &str, id: Uuid, text: &str) {
        sqlx::query(sql)
            .bind(id)
            .bind(text)
            .execute(&self.pool)
            .await
            .unwrap();
    }

    async fn profile(&self, owner: &User, role: &str) -> Uuid {
        sqlx::query_scalar(
            "INSERT INTO user_role_profiles (user_id, role_key, display_name, slug)
             VALUES ($1, $2, 'Asha Rao', $3) RETURNING id",
        )
        .bind(owner.id)
        .bind(role)
        .bind(format!("asha-{}", Uuid::new_v4().simple()))
        .fetch_one(&self.pool)
        .await
        .unwrap()
    }

    async fn insert_returning(&self, sql: &str, id: Uuid) -> Uuid {
        sqlx::query_scalar(sql)
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql).fetch_one(&self.pool).await.unwrap()
    }

    /// Every stored file, as keys relative to the storage directory.
    fn stored_keys(&self) -> Vec<String> {
        fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, root, out);
                } else {
                    let rel = path.strip_prefix(root).unwrap().to_string_lossy();
                    out.push(rel.replace('\\', "/"));
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.storage_dir, &self.storage_dir, &mut out);
        out.sort();
        out
    }

    async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        Reply {
            status,
            headers,
            body,
        }
    }

    async fn get(&self, uri: &str, user: Option<&User>) -> Reply {
        let mut req = Request::get(uri);
        if let Some(u) = user {
            req = req.header(header::COOKIE, &u.cookie);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    async fn upload(
        &self,
        uri: &str,
        user: Option<&User>,
        fields: &[(&str, &str)],
        file: Option<(&str, &[u8])>,
    ) -> Reply {
        let boundary = "nxg-test-boundary-7d2f";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        if let Some((file_name, bytes)) = file {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: image/jpeg\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").as_bytes());
        let mut req = Request::post(uri)
            .header("sec-fetch-site", "same-origin")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            );
        if let Some(u) = user {
            req = req.header(header::COOKIE, &u.cookie);
        }
        self.send(req.body(Body::from(body)).unwrap()).await
    }
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), ImageFormat::Jpeg)
        .unwrap();
    out
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_pixel(w, h, Rgb([10, 120, 200]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), ImageFormat::Png)
        .unwrap();
    out
}

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

async fn portfolio_item(app: &TestApp, profile: Uuid) -> Uuid {
    app.insert_returning(
        "INSERT INTO portfolio_items (user_role_profile_id, title)
         VALUES ($1, 'Wedding in Jaipur') RETURNING id",
        profile,
    )
    .await
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn owner_uploads_portfolio_images_that_media_serves(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let owner = app.user("asha@example.in").await;
    let profile = app.profile(&owner, "photographer").await;
    let item = portfolio_item(&app, profile).await;
    let uri = format!("/api/uploads/portfolio/{item}");

    // A PNG named .jpg is judged by its content and stored as a JPEG.
    let reply = app
        .upload(
            &uri,
            Some(&owner),
            &[],
            Some(("holi.jpg", &png(2400, 1200))),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.body);
    let body = reply.json();
    let id: Uuid = body["id"].as_str().unwrap().parse().unwrap();
    let url = body["url"].as_str().unwrap().to_owned();
    let thumb = body["thumb_url"].as_str().unwrap().to_owned();
    assert_eq!(url, format!("/media/portfolio/{profile}/{id}.jpg"));
    assert_eq!(thumb, format!("/media/portfolio/{profile}/{id}_thumb.jpg"));
    assert_eq!(body["display_order"], 0);
    assert_eq!(
        app.stored_keys(),
        vec![
            format!("public/portfolio/{profile}/{id}.jpg"),
            format!("public/portfolio/{profile}/{id}_thumb.jpg"),
        ]
    );
    let (file_url, order): (String, i32) =
        sqlx::query_as("SELECT file_url, display_order FROM portfolio_images WHERE id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((file_url.as_str(), order), (url.as_str(), 0));
    assert_eq!(
        app.count("SELECT count(*) FROM audit_logs WHERE entity_type = 'portfolio_image'")
            .await,
        1
    );

    // Anyone may fetch it, and caches may keep it for good.
    let served = app.get(&thumb, None).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.header(header::CONTENT_TYPE), "image/jpeg");
    assert_eq!(
        served.header(header::CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(served.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    let decoded = image::load_from_memory(&served.body).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (480, 240));
    let full = image::load_from_memory(&app.get(&url, None).await.body).unwrap();
    assert_eq!((full.width(), full.height()), (2000, 1000));

    // The next image goes after it.
    let second = app
        .upload(&uri, Some(&owner), &[], Some(("b.jpg", &jpeg(50, 40))))
        .await;
    assert_eq!(second.json()["display_order"], 1);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn others_cannot_upload_and_nothing_is_written(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let owner = app.user("asha@example.in").await;
    let other = app.user("ravi@example.in").await;
    let profile = app.profile(&owner, "photographer").await;
    let item = portfolio_item(&app, profile).await;
    let uri = format!("/api/uploads/portfolio/{item}");
    let photo = jpeg(64, 64);

    let reply = app
        .upload(&uri, Some(&other), &[], Some(("x.jpg", &photo)))
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json()["code"], "forbidden");
    let anonymous = app.upload(&uri, None, &[], Some(("x.jpg", &photo))).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let avatar = app
        .upload(
            &format!("/api/uploads/avatar/{profile}"),
            Some(&other),
            &[],
            Some(("x.jpg", &photo)),
        )
        .await;
    assert_eq!(avatar.status, StatusCode::FORBIDDEN);
    let missing = app
        .upload(
            &format!("/api/uploads/portfolio/{}", Uuid::new_v4()),
            Some(&owner),
            &[],
            Some(("x.jpg", &photo)),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    assert!(app.stored_keys().is_empty());
    assert_eq!(app.count("SELECT count(*) FROM portfolio_images").await, 0);

    // A cross-site form post is stopped by the CSRF layer before any of this.
    let req = Request::post(&uri)
        .header("sec-fetch-site", "cross-site")
        .header(header::COOKIE, &owner.cookie)
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_thirteenth_image_and_non_images_are_refused(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let owner = app.user("asha@example.in").await;
    let profile = app.profile(&owner, "photographer").await;
    let item = portfolio_item(&app, profile).await;
    let uri = format!("/api/uploads/portfolio/{item}");

    let text = app
        .upload(
            &uri,
            Some(&owner),
            &[],
            Some(("cv.jpg", b"just some text, honest")),
        )
        .await;
    assert!(text.field_error("file").contains("not a JPEG, PNG or WebP"));
    let empty = app.upload(&uri, Some(&owner), &[], None).await;
    assert!(empty.field_error("file").contains("Choose a file"));
    // Just over the limit is read and refused; far over is cut off by the body limit.
    for size in [10 * 1024 * 1024 + 1, 11 * 1024 * 1024] {
        let big = vec![0xFF; size];
        let reply = app
            .upload(&uri, Some(&owner), &[], Some(("big.jpg", &big)))
            .await;
        assert!(reply.field_error("file").contains("larger than 10 MB"));
    }

    sqlx::query(
        "INSERT INTO portfolio_images (portfolio_item_id, file_url, display_order)
         SELECT $1, '/media/portfolio/x/' || n || '.jpg', n FROM generate_series(0, $2) n",
    )
    .bind(item)
    .bind(i32::try_from(MAX_IMAGES_PER_ITEM).unwrap() - 2)
    .execute(&app.pool)
    .await
    .unwrap();
    let twelfth = app
        .upload(&uri, Some(&owner), &[], Some(("12.jpg", &jpeg(32, 32))))
        .await;
    assert_eq!(twelfth.status, StatusCode::CREATED);
    assert_eq!(twelfth.json()["display_order"], 11);
    let thirteenth = app
        .upload(&uri, Some(&owner), &[], Some(("13.jpg", &jpeg(32, 32))))
        .await;
    assert!(thirteenth.field_error("file").contains("at most 12 images"));
    assert_eq!(app.count("SELECT count(*) FROM portfolio_images").await, 12);
    assert_eq!(app.stored_keys().len(), 2, "only the twelfth image's files");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn avatars_replace_the_previous_file(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let owner = app.user("asha@example.in").await;
    let profile = app.profile(&owner, "photographer").await;
    let uri = format!("/api/uploads/avatar/{profile}");

    let first = app
        .upload(&uri, Some(&owner), &[], Some(("me.png", &png(800, 600))))
        .await;
    assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
    let first_url = first.json()["url"].as_str().unwrap().to_owned();
    assert!(first_url.starts_with(&format!("/media/avatars/{profile}/")));
    let img = image::load_from_memory(&app.get(&first_url, None).await.body).unwrap();
    assert_eq!((img.width(), img.height()), (400, 400));

    let second = app
        .upload(&uri, Some(&owner), &[], Some(("me2.jpg", &jpeg(300, 500))))
        .await;
    let second_url = second.json()["url"].as_str().unwrap().to_owned();
    assert_ne!(first_url, second_url);
    let stored: Option<String> =
        sqlx::query_scalar("SELECT avatar_url FROM user_role_profiles WHERE id = $1")
            .bind(profile)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored.as_deref(), Some(second_url.as_str()));
    assert_eq!(app.stored_keys().len(), 1, "the old photo is gone");
    assert_eq!(
        app.get(&first_url, None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.count(
            "SELECT count(*) FROM audit_log_changes WHERE field_name = 'avatar_url'
               AND new_value_text LIKE '/media/avatars/%'"
        )
        .await,
        2
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn verification_documents_are_private(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let owner = app.user("asha@example.in").await;
    let other = app.user("ravi@example.in").await;
    let verifier = app.staff("verifier@nxtgauge.in", "VERIFIER").await;
    let moderator = app.staff("moderator@nxtgauge.in", "MODERATOR").await;
    let profile = app.profile(&owner, "photographer").await;
    let request = app
        .insert_returning(
            "INSERT INTO verification_requests (user_role_profile_id) VALUES ($1) RETURNING id",
            profile,
        )
        .await;
    let uri = format!("/api/uploads/verification/{request}");

    // A tutor's certificate is not a photographer's document; the type is required.
    let wrong = app
        .upload(
            &uri,
            Some(&owner),
            &[("document_type", "DEGREE_CERTIFICATE")],
            Some(("deg.pdf", PDF)),
        )
        .await;
    assert!(wrong.field_error("document_type").contains("Photographer"));
    let none = app
        .upload(&uri, Some(&owner), &[], Some(("a.pdf", PDF)))
        .await;
    assert!(none.field_error("document_type").contains("Choose"));
    let gif = app
        .upload(
            &uri,
            Some(&owner),
            &[("document_type", "PAN")],
            Some(("pan.gif", b"GIF89a\x01\x00\x01\x00")),
        )
        .await;
    assert!(gif.field_error("file").contains("PDF"));
    let stranger = app
        .upload(
            &uri,
            Some(&other),
            &[("document_type", "PAN")],
            Some(("p.pdf", PDF)),
        )
        .await;
    assert_eq!(stranger.status, StatusCode::FORBIDDEN);
    assert!(app.stored_keys().is_empty());

    let reply = app
        .upload(
            &uri,
            Some(&owner),
            &[("document_type", "PAN")],
            Some(("../../My PAN card (final).PDF", PDF)),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.body);
    let body = reply.json();
    assert_eq!(body["document_type"], "PAN");
    assert_eq!(body["file_name"], "My PAN card (final).pdf");
    let doc: Uuid = body["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        app.stored_keys(),
        vec![format!("private/verification/{request}/{doc}")]
    );
    let (file_url, mime): (String, String) =
        sqlx::query_as("SELECT file_url, mime_type FROM verification_documents WHERE id = $1")
            .bind(doc)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(file_url, format!("private/verification/{request}/{doc}"));
    assert_eq!(mime, "application/pdf");
    // Private files are never reachable through /media.
    let sneaky = app
        .get(
            &format!("/media/../private/verification/{request}/{doc}"),
            None,
        )
        .await;
    assert_eq!(sneaky.status, StatusCode::NOT_FOUND);

    let download = format!("/files/verification-documents/{doc}");
    let mine = app.get(&download, Some(&owner)).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.body.as_ref(), PDF);
    assert_eq!(mine.header(header::CONTENT_TYPE), "application/pdf");
    assert_eq!(
        mine.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"My PAN card (final).pdf\""
    );
    assert_eq!(mine.header(header::CACHE_CONTROL), "private, no-store");
    assert_eq!(mine.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(
        app.get(&download, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get(&download, Some(&other)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&download, Some(&moderator)).await.status,
        StatusCode::FORBIDDEN,
        "staff without the capability"
    );
    let audits_before = app
        .count("SELECT count(*) FROM audit_logs WHERE entity_type = 'file_access'")
        .await;
    assert_eq!(audits_before, 0);
    let staff = app.get(&download, Some(&verifier)).await;
    assert_eq!(staff.status, StatusCode::OK);
    assert_eq!(staff.body.as_ref(), PDF);
    let (actor, entity): (Uuid, Uuid) = sqlx::query_as(
        "SELECT actor_user_id, entity_id FROM audit_logs WHERE entity_type = 'file_access'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((actor, entity), (verifier.id, doc));

    // A photo of a document is re-encoded (its metadata dropped) and opens inline.
    let photo = app
        .upload(
            &uri,
            Some(&owner),
            &[("document_type", "AADHAAR")],
            Some(("aadhaar.png", &png(100, 60))),
        )
        .await;
    assert_eq!(photo.status, StatusCode::CREATED);
    assert_eq!(photo.json()["file_name"], "aadhaar.jpg");
    let photo_id = photo.json()["id"].as_str().unwrap().to_owned();
    let shown = app
        .get(
            &format!("/files/verification-documents/{photo_id}"),
            Some(&owner),
        )
        .await;
    assert_eq!(shown.header(header::CONTENT_TYPE), "image/jpeg");
    assert!(shown
        .header(header::CONTENT_DISPOSITION)
        .starts_with("inline;"));

    // Once reviewed, the request takes no more documents.
    sqlx::query("UPDATE verification_requests SET status = 'APPROVED' WHERE id = $1")
        .bind(request)
        .execute(&app.pool)
        .await
        .unwrap();
    let closed = app
        .upload(
            &uri,
            Some(&owner),
            &[("document_type", "PAN")],
            Some(("p.pdf", PDF)),
        )
        .await;
    assert_eq!(closed.status, StatusCode::CONFLICT);
    assert!(closed.json()["message"]
        .as_str()
        .unwrap()
        .contains("already been reviewed"));
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn resumes_upload_download_and_delete(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let candidate = app.user("meera@example.in").await;
    let other = app.user("ravi@example.in").await;
    let support = app.staff("support@nxtgauge.in", "SUPPORT_AGENT").await;

    let early = app
        .upload(
            "/api/uploads/resume",
            Some(&candidate),
            &[],
            Some(("cv.pdf", PDF)),
        )
        .await;
    assert_eq!(
        early.field_error("file"),
        "Save your candidate profile first."
    );
    let profile = app
        .insert_returning(
            "INSERT INTO candidate_profiles (user_id, display_name)
             VALUES ($1, 'Meera Iyer') RETURNING id",
            candidate.id,
        )
        .await;
    let photo = app
        .upload(
            "/api/uploads/resume",
            Some(&candidate),
            &[],
            Some(("cv.jpg", &jpeg(20, 20))),
        )
        .await;
    assert!(photo.field_error("file").contains("PDF"));
    let mut big = PDF.to_vec();
    big.resize(
        crate::domains::account_profiles::resume::MAX_RESUME_BYTES + 1,
        b' ',
    );
    let too_big = app
        .upload(
            "/api/uploads/resume",
            Some(&candidate),
            &[],
            Some(("cv.pdf", &big)),
        )
        .await;
    assert!(too_big.field_error("file").contains("larger than 5 MB"));

    let first = app
        .upload(
            "/api/uploads/resume",
            Some(&candidate),
            &[],
            Some(("Meera CV.pdf", PDF)),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
    assert_eq!(first.json()["file_name"], "Meera CV.pdf");
    let second = app
        .upload(
            "/api/uploads/resume",
            Some(&candidate),
            &[],
            Some(("v2.pdf", PDF)),
        )
        .await;
    assert_eq!(second.status, StatusCode::OK);
    let keys = app.stored_keys();
    assert_eq!(keys.len(), 1, "the first résumé was replaced: {keys:?}");
    assert!(keys[0].starts_with(&format!("private/resumes/{}/", candidate.id)));
    let stored: Option<String> =
        sqlx::query_scalar("SELECT resume_file_url FROM candidate_profiles WHERE id = $1")
            .bind(profile)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored.as_deref(), Some(keys[0].as_str()));

    let download = format!("/files/resumes/{profile}");
    let mine = app.get(&download, Some(&candidate)).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.body.as_ref(), PDF);
    assert_eq!(
        mine.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"Meera Iyer.pdf\""
    );
    assert_eq!(mine.header(header::CACHE_CONTROL), "private, no-store");
    assert_eq!(
        app.get(&download, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get(&download, Some(&other)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&download, Some(&support)).await.status,
        StatusCode::OK
    );

    let req = Request::delete("/api/uploads/resume")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, &candidate.cookie)
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::NO_CONTENT);
    assert!(app.stored_keys().is_empty());
    assert_eq!(
        app.get(&download, Some(&candidate)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.count("SELECT count(*) FROM audit_log_changes WHERE field_name = 'resume_file_url'")
            .await,
        3
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_failed_database_write_leaves_no_files(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let owner = app.user("asha@example.in").await;
    let profile = app.profile(&owner, "photographer").await;
    let item = portfolio_item(&app, profile).await;
    let request = app
        .insert_returning(
            "INSERT INTO verification_requests (user_role_profile_id) VALUES ($1) RETURNING id",
            profile,
        )
        .await;
    // This test's own database refuses every new image and document row.
    for sql in [
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql
           AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$",
        "CREATE TRIGGER refuse BEFORE INSERT ON portfolio_images
           FOR EACH ROW EXECUTE FUNCTION refuse()",
        "CREATE TRIGGER refuse BEFORE INSERT ON verification_documents
           FOR EACH ROW EXECUTE FUNCTION refuse()",
    ] {
        sqlx::query(sql).execute(&app.pool).await.unwrap();
    }
    let image = app
        .upload(
            &format!("/api/uploads/portfolio/{item}"),
            Some(&owner),
            &[],
            Some(("a.jpg", &jpeg(64, 48))),
        )
        .await;
    assert_eq!(image.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(image.json()["code"], "internal");
    let document = app
        .upload(
            &format!("/api/uploads/verification/{request}"),
            Some(&owner),
            &[("document_type", "PAN")],
            Some(("pan.pdf", PDF)),
        )
        .await;
    assert_eq!(document.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(app.stored_keys().is_empty(), "{:?}", app.stored_keys());
    assert_eq!(app.count("SELECT count(*) FROM audit_logs").await, 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn media_serves_public_files_only(pool: PgPool) {
    let app = TestApp::new(pool).await;
    for uri in [
        "/media/portfolio/nothing-here.jpg",
        "/media/..%2Fprivate/x",
        "/media/a//b.jpg",
        "/media/.hidden",
    ] {
        assert_eq!(
            app.get(uri, None).await.status,
            StatusCode::NOT_FOUND,
            "{uri}"
        );
    }
}

#[test]
fn file_names_are_made_safe() {
    assert_eq!(
        sanitise_file_name(Some("C:\\Users\\me\\PAN card.png"), "PAN", "jpg"),
        "PAN card.jpg"
    );
    assert_eq!(
        sanitise_file_name(Some("../../.."), "doc", "pdf"),
        "doc.pdf"
    );
    assert_eq!(sanitise_file_name(None, "resume", "pdf"), "resume.pdf");
    assert_eq!(
        sanitise_file_name(Some("आधार.pdf"), "AADHAAR", "pdf"),
        "AADHAAR.pdf"
    );
    assert_eq!(
        sanitise_file_name(Some("a\"b\r\nc.pdf"), "x", "pdf"),
        "a_b__c.pdf"
    );
}
