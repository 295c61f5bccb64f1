#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::form::*;
use super::model::*;
use super::service::{self, CANDIDATE, COMPANY, CUSTOMER};
use crate::core::ErrorCode;
use crate::domains::audit::service::RequestMeta;
use sqlx::PgPool;
use uuid::Uuid;

async fn user(pool: &PgPool, email: &str, roles: &[&str]) -> Uuid {
    let id: Uuid = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, account_type, status)
         VALUES ($1, 'h', 'INDIVIDUAL', 'ACTIVE') RETURNING id",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO user_settings (user_id, settings_json)
         VALUES ($1, jsonb_build_object('display_name', 'Asha Rao'))",
    )
    .bind(id)
    .execute(pool)
    .await
    .unwrap();
    for role in roles {
        sqlx::query(
            "INSERT INTO user_roles (user_id, role_id, status)
             SELECT $1, id, 'PENDING' FROM roles WHERE key = $2",
        )
        .bind(id)
        .bind(role)
        .execute(pool)
        .await
        .unwrap();
    }
    id
}

async fn count(pool: &PgPool, sql: &str, id: Uuid) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn audit_rows(pool: &PgPool, user_id: Uuid, entity_type: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE actor_user_id = $1 AND entity_type = $2",
    )
    .bind(user_id)
    .bind(entity_type)
    .fetch_one(pool)
    .await
    .unwrap()
}

fn customer_form(display_name: &str, city: &str, phone: &str) -> CustomerForm {
    CustomerForm {
        display_name: display_name.into(),
        city: city.into(),
        phone: phone.into(),
    }
}

fn company_form() -> CompanyForm {
    CompanyForm {
        company_name: "Acme Tools".into(),
        business_type: "PRIVATE_LIMITED".into(),
        industry: "MANUFACTURING".into(),
        contact_person_name: "Ravi Kumar".into(),
        email: "hr@acme.in".into(),
        phone: "98765 43210".into(),
        city: "Pune".into(),
        about: "We make hand tools for Indian workshops since 1998.".into(),
    }
}

fn candidate_form() -> CandidateForm {
    CandidateForm {
        display_name: "Asha Rao".into(),
        bio: "Accountant with Tally and GST filing experience.".into(),
        city: "Pune".into(),
        experience_years: "4".into(),
        preferred_roles: "Accountant, Finance Executive".into(),
        expected_salary: "4,80,000".into(),
    }
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn sections_follow_the_roles_held(pool: PgPool) {
    let none = user(&pool, "pro@example.in", &["photographer"]).await;
    let all = user(&pool, "all@example.in", &[CUSTOMER, COMPANY, CANDIDATE]).await;

    let p = service::load(&pool, none).await.unwrap();
    assert!(p.is_empty());

    let p = service::load(&pool, all).await.unwrap();
    let customer = p.customer.unwrap();
    assert_eq!(customer.id, None);
    assert_eq!(customer.display_name, "Asha Rao", "prefilled from settings");
    let company = p.company.unwrap();
    assert_eq!(company.email.as_deref(), Some("all@example.in"));
    assert_eq!(company.review, CompanyReview::Draft);
    assert_eq!(p.candidate.unwrap().experience_years, 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn customer_profile_saves_loads_and_is_audited(pool: PgPool) {
    let id = user(&pool, "c@example.in", &[CUSTOMER]).await;
    let meta = RequestMeta::default();
    let input = customer_form("  Asha   Rao ", "pune", "+91 98765 43210");
    let profile_id = service::save_customer(&pool, id, &input, &meta)
        .await
        .unwrap();

    let c = service::load(&pool, id).await.unwrap().customer.unwrap();
    assert_eq!(c.id, Some(profile_id));
    assert_eq!(c.display_name, "Asha Rao");
    assert_eq!(c.city.as_deref(), Some("Pune"));
    assert_eq!(c.phone.as_deref(), Some("+919876543210"));
    assert_eq!(c.status.as_str(), "ACTIVE");
    assert_eq!(audit_rows(&pool, id, "customer_profile").await, 1);

    // A second save updates the same row and records only what changed.
    let input = customer_form("Asha Rao", "Mumbai", "");
    assert_eq!(
        service::save_customer(&pool, id, &input, &meta)
            .await
            .unwrap(),
        profile_id
    );
    let c = service::load(&pool, id).await.unwrap().customer.unwrap();
    assert_eq!(c.phone, None);
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM customer_profiles WHERE user_id = $1",
            id
        )
        .await,
        1
    );
    let changed: Vec<String> = sqlx::query_scalar(
        "SELECT c.field_name FROM audit_log_changes c JOIN audit_logs a ON a.id = c.audit_log_id
          WHERE a.actor_user_id = $1 AND a.action = 'UPDATE' ORDER BY c.field_name",
    )
    .bind(id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(changed, vec!["location", "phone"]);

    // Saving again with nothing changed writes nothing.
    service::save_customer(&pool, id, &input, &meta)
        .await
        .unwrap();
    assert_eq!(audit_rows(&pool, id, "customer_profile").await, 2);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_suspended_customer_stays_suspended(pool: PgPool) {
    let id = user(&pool, "s@example.in", &[CUSTOMER]).await;
    let meta = RequestMeta::default();
    let input = customer_form("Asha Rao", "Pune", "");
    service::save_customer(&pool, id, &input, &meta)
        .await
        .unwrap();
    sqlx::query("UPDATE customer_profiles SET status = 'SUSPENDED' WHERE user_id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let input = customer_form("Asha R", "Pune", "");
    service::save_customer(&pool, id, &input, &meta)
        .await
        .unwrap();
    let c = service::load(&pool, id).await.unwrap().customer.unwrap();
    assert_eq!(c.status.as_str(), "SUSPENDED");
    assert_eq!(c.display_name, "Asha R");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn bad_input_is_refused_field_by_field_and_nothing_is_written(pool: PgPool) {
    let id = user(&pool, "all@example.in", &[CUSTOMER, COMPANY, CANDIDATE]).await;
    let meta = RequestMeta::default();

    let err = service::save_customer(&pool, id, &customer_form("A", "Atlantis", "12345"), &meta)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(
        err.fields.keys().collect::<Vec<_>>(),
        vec!["city", "display_name", "phone"]
    );

    let bad_company = CompanyForm {
        email: "hr@acme".into(),
        about: "Write to us or see https://acme.example".into(),
        phone: "5555555555".into(),
        ..company_form()
    };
    let err = service::save_company(&pool, id, &bad_company, &meta)
        .await
        .unwrap_err();
    assert_eq!(
        err.fields.keys().collect::<Vec<_>>(),
        vec!["about", "email", "phone"]
    );
    assert!(err.fields["about"].contains("link"), "{:?}", err.fields);
    let huge = CompanyForm {
        about: "x".repeat(2001),
        ..company_form()
    };
    let err = service::save_company(&pool, id, &huge, &meta)
        .await
        .unwrap_err();
    assert!(err.fields["about"].contains("2000"));

    let bad_candidate = CandidateForm {
        experience_years: "-1".into(),
        expected_salary: "30000000".into(),
        bio: "y".repeat(5000),
        ..candidate_form()
    };
    let err = service::save_candidate(&pool, id, &bad_candidate, &meta)
        .await
        .unwrap_err();
    assert_eq!(
        err.fields.keys().collect::<Vec<_>>(),
        vec!["bio", "expected_salary", "experience_years"]
    );

    for table in [
        "customer_profiles",
        "company_profiles",
        "candidate_profiles",
    ] {
        let sql = format!("SELECT count(*) FROM {table} WHERE user_id = $1");
        assert_eq!(count(&pool, &sql, id).await, 0, "{table}");
    }
    let audits = "SELECT count(*) FROM audit_logs WHERE actor_user_id = $1";
    assert_eq!(count(&pool, audits, id).await, 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn only_company_role_holders_save_company_profiles(pool: PgPool) {
    let customer = user(&pool, "c@example.in", &[CUSTOMER]).await;
    let err = service::save_company(&pool, customer, &company_form(), &RequestMeta::default())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM company_profiles WHERE user_id = $1",
            customer
        )
        .await,
        0
    );
    let err = service::submit_company(&pool, customer, &RequestMeta::default())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let err = service::save_candidate(&pool, customer, &candidate_form(), &RequestMeta::default())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert_eq!(audit_rows(&pool, customer, "company_profile").await, 0);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn company_profile_goes_to_review_once_complete(pool: PgPool) {
    let id = user(&pool, "hr@acme.in", &[COMPANY]).await;
    let meta = RequestMeta::default();

    // Submitting before any save is refused.
    let err = service::submit_company(&pool, id, &meta).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    // A draft with only a name saves but cannot be submitted.
    let draft = CompanyForm {
        company_name: "Acme Tools".into(),
        ..CompanyForm::default()
    };
    let company_id = service::save_company(&pool, id, &draft, &meta)
        .await
        .unwrap();
    let c = service::load(&pool, id).await.unwrap().company.unwrap();
    assert_eq!(c.status.as_str(), "DRAFT");
    assert_eq!(c.review, CompanyReview::Draft);
    let err = service::submit_company(&pool, id, &meta).await.unwrap_err();
    assert!(err.is_validation());
    assert!(err.fields.contains_key("industry"), "{:?}", err.fields);
    assert!(err.fields.contains_key("about"));
    assert!(!err.fields.contains_key("company_name"));
    let requests = "SELECT count(*) FROM approval_requests WHERE entity_id = $1";
    assert_eq!(count(&pool, requests, company_id).await, 0);

    // Complete, then submit: one PENDING request.
    let full = company_form();
    service::save_company(&pool, id, &full, &meta)
        .await
        .unwrap();
    let request_id = service::submit_company(&pool, id, &meta).await.unwrap();
    let (entity_type, status, by): (String, String, Uuid) = sqlx::query_as(
        "SELECT entity_type, status, submitted_by_user_id FROM approval_requests WHERE id = $1",
    )
    .bind(request_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (entity_type.as_str(), status.as_str(), by),
        ("company", "PENDING", id)
    );
    let c = service::load(&pool, id).await.unwrap().company.unwrap();
    assert_eq!(c.review, CompanyReview::InReview);
    assert_eq!(c.phone.as_deref(), Some("+919876543210"));
    let approval: String =
        sqlx::query_scalar("SELECT approval_status FROM company_profiles WHERE id = $1")
            .bind(company_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(approval, "PENDING");
    let submitted: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs a JOIN audit_log_changes c ON c.audit_log_id = a.id
          WHERE a.entity_id = $1 AND c.field_name = 'approval_status' AND c.new_value_text = 'PENDING'",
    )
    .bind(company_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(submitted, 1);

    // A second submit and an edit under review are refused.
    let err = service::submit_company(&pool, id, &meta).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let err = service::save_company(&pool, id, &draft, &meta)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(count(&pool, requests, company_id).await, 1);

    // Staff ask for changes: the remarks show, and the company can submit again.
    sqlx::query(
        "UPDATE approval_requests SET status = 'REJECTED', remarks = 'Add your GSTIN to About.'
          WHERE id = $1",
    )
    .bind(request_id)
    .execute(&pool)
    .await
    .unwrap();
    let c = service::load(&pool, id).await.unwrap().company.unwrap();
    assert_eq!(
        c.review,
        CompanyReview::ChangesRequested {
            remarks: Some("Add your GSTIN to About.".into())
        }
    );
    service::save_company(&pool, id, &full, &meta)
        .await
        .unwrap();
    service::submit_company(&pool, id, &meta).await.unwrap();
    assert_eq!(count(&pool, requests, company_id).await, 2);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn an_approved_company_cannot_be_resubmitted(pool: PgPool) {
    let id = user(&pool, "hr@acme.in", &[COMPANY]).await;
    let meta = RequestMeta::default();
    let full = company_form();
    let company_id = service::save_company(&pool, id, &full, &meta)
        .await
        .unwrap();
    let request_id = service::submit_company(&pool, id, &meta).await.unwrap();
    sqlx::query("UPDATE approval_requests SET status = 'APPROVED' WHERE id = $1")
        .bind(request_id)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE company_profiles SET status = 'ACTIVE', approval_status = 'APPROVED' WHERE id = $1",
    )
    .bind(company_id)
    .execute(&pool)
    .await
    .unwrap();
    let c = service::load(&pool, id).await.unwrap().company.unwrap();
    assert_eq!(c.review, CompanyReview::Approved);
    let err = service::submit_company(&pool, id, &meta).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    // Editing keeps it approved and listed.
    let edited = CompanyForm {
        about: "We make hand tools and garden tools.".into(),
        ..company_form()
    };
    service::save_company(&pool, id, &edited, &meta)
        .await
        .unwrap();
    let c = service::load(&pool, id).await.unwrap().company.unwrap();
    assert_eq!(c.review, CompanyReview::Approved);
    assert_eq!(c.status.as_str(), "ACTIVE");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn candidate_profile_saves_in_paise_and_keeps_the_resume(pool: PgPool) {
    let id = user(&pool, "cand@example.in", &[CANDIDATE]).await;
    let meta = RequestMeta::default();
    let input = candidate_form();
    let profile_id = service::save_candidate(&pool, id, &input, &meta)
        .await
        .unwrap();
    let stored: Option<i32> =
        sqlx::query_scalar("SELECT expected_salary_inr FROM candidate_profiles WHERE id = $1")
            .bind(profile_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(stored, Some(48_000_000));

    sqlx::query(
        "UPDATE candidate_profiles SET resume_file_url = 'private/resumes/x.pdf' WHERE id = $1",
    )
    .bind(profile_id)
    .execute(&pool)
    .await
    .unwrap();
    let input = CandidateForm {
        expected_salary: String::new(),
        experience_years: "60".into(),
        ..candidate_form()
    };
    service::save_candidate(&pool, id, &input, &meta)
        .await
        .unwrap();
    let c = service::load(&pool, id).await.unwrap().candidate.unwrap();
    assert_eq!(c.id, Some(profile_id));
    assert_eq!(c.status.as_str(), "ACTIVE");
    assert_eq!(c.experience_years, 60);
    assert_eq!(c.expected_salary, None);
    assert_eq!(c.preferred_roles, vec!["Accountant", "Finance Executive"]);
    assert!(c.has_resume, "saving the form leaves the résumé alone");
    assert_eq!(audit_rows(&pool, id, "candidate_profile").await, 2);
}
