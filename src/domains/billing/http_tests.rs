//! The doors of the finance console, checkout and contact views over HTTP, through the whole router:
//! visitors and people without the capability are refused and change nothing; the
//! orders CSV streams the filtered orders.
#![allow(clippy::unwrap_used, reason = "test helpers fail loudly")]
use super::refund_tests::{account, paid};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

async fn app(pool: &PgPool) -> axum::Router {
    crate::app::wiring::router_for_tests(pool).await
}

/// A session cookie for `user`, holding `role` when given.
async fn cookie(pool: &PgPool, user: Uuid, role: Option<&str>) -> String {
    if let Some(role) = role {
        sqlx::query(
            "INSERT INTO user_roles (user_id, role_id, status)
             SELECT $1, id, 'APPROVED' FROM roles WHERE key = $2",
        )
        .bind(user)
        .bind(role)
        .execute(pool)
        .await
        .unwrap();
    }
    crate::server::session::test_cookie(pool, user).await
}

async fn call(
    app: &axum::Router,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> (StatusCode, String) {
    crate::app::wiring::form_call(app, method, path, cookie, body).await
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn only_finance_staff_read_orders_and_only_refunders_refund(pool: PgPool) {
    let app = app(&pool).await;
    let buyer = account(&pool, "asha@example.in").await;
    let (order, _) = paid(&pool, buyer, "Pro").await;
    let customer = cookie(&pool, buyer, None).await;
    let moderator = cookie(
        &pool,
        account(&pool, "mod@nxtgauge.in").await,
        Some("MODERATOR"),
    )
    .await;
    let finance = cookie(
        &pool,
        account(&pool, "fin@nxtgauge.in").await,
        Some("FINANCE"),
    )
    .await;

    for path in ["/api/finance/overview", "/api/finance/coupons"] {
        assert_eq!(
            call(&app, "POST", path, None, "").await.0,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
        assert_eq!(
            call(&app, "POST", path, Some(&customer), "").await.0,
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(
            call(&app, "POST", path, Some(&moderator), "").await.0,
            StatusCode::FORBIDDEN,
            "{path}"
        );
        let (status, body) = call(&app, "POST", path, Some(&finance), "").await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
    let (status, body) = call(
        &app,
        "POST",
        "/api/finance/order",
        Some(&finance),
        &format!("id={order}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("\"refundable\":235882"), "{body}");

    let refund = format!("order_id={order}&amount=100&reason=Goodwill");
    for who in [None, Some(customer.as_str()), Some(moderator.as_str())] {
        let (status, _) = call(&app, "POST", "/api/finance/refund", who, &refund).await;
        assert!(
            matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
            "{status}"
        );
    }
    let notes: i64 = sqlx::query_scalar("SELECT count(*) FROM credit_notes")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(notes, 0);
    let (status, body) = call(&app, "POST", "/api/finance/refund", Some(&finance), &refund).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("NXGC"), "{body}");

    // Checkout's doors are shut to visitors too.
    let id = format!("id={order}");
    for (path, body) in [
        ("/api/billing/orders", ""),
        ("/api/billing/order", id.as_str()),
        ("/api/billing/checkout_start", "package_id=x&return_path="),
    ] {
        assert_eq!(
            call(&app, "POST", path, None, body).await.0,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }
    // The buyer's own order is theirs alone.
    let (status, _) = call(&app, "POST", "/api/billing/order", Some(&moderator), &id).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn the_orders_csv_streams_the_filtered_orders_for_finance_only(pool: PgPool) {
    let app = app(&pool).await;
    let buyer = account(&pool, "asha@example.in").await;
    paid(&pool, buyer, "Pro").await;
    paid(&pool, account(&pool, "ravi@example.in").await, "Starter").await;
    let customer = cookie(&pool, buyer, None).await;
    let finance = cookie(
        &pool,
        account(&pool, "fin@nxtgauge.in").await,
        Some("FINANCE"),
    )
    .await;
    assert_eq!(
        call(&app, "GET", "/staff/finance/orders.csv", None, "")
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(
            &app,
            "GET",
            "/staff/finance/orders.csv",
            Some(&customer),
            ""
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    let (status, csv) = call(
        &app,
        "GET",
        "/staff/finance/orders.csv?q=ASHA%40example.in",
        Some(&finance),
        "",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[0].starts_with("order,placed_ist,buyer,what,status,subtotal"));
    assert!(lines[1].contains("asha@example.in,1 × Pro,COMPLETED,1999.00,0.00,1999.00,179.91,179.91,0.00,2358.82,0.00,NXG"), "{csv}");
    let (_, all) = call(&app, "GET", "/staff/finance/orders.csv", Some(&finance), "").await;
    assert_eq!(all.lines().count(), 3, "{all}");
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn a_visitors_reveal_goes_to_sign_in_and_spends_nothing(pool: PgPool) {
    let app = app(&pool).await;
    let req = Request::post("/p/asha-rao/contact")
        .header("sec-fetch-site", "same-origin")
        .body(Body::empty())
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()[header::LOCATION],
        "/login?next=%2Fp%2Fasha-rao%23contact"
    );
    // Cross-site, the CSRF layer stops it first.
    let req = Request::post("/p/asha-rao/contact")
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        app.oneshot(req).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
}

#[sqlx::test(migrator = "crate::server::db::MIGRATOR")]
async fn coupons_credit_notes_and_contact_settings_are_shut_to_the_wrong_people(pool: PgPool) {
    let app = app(&pool).await;
    let buyer = account(&pool, "asha@example.in").await;
    let (order, _) = paid(&pool, buyer, "Pro").await;
    let customer = cookie(&pool, buyer, None).await;
    let stranger = cookie(&pool, account(&pool, "ravi@example.in").await, None).await;
    let finance = cookie(
        &pool,
        account(&pool, "fin@nxtgauge.in").await,
        Some("FINANCE"),
    )
    .await;

    let coupon = "code=DIWALI10&kind=PERCENT&value=10";
    for who in [None, Some(customer.as_str())] {
        let (status, _) = call(&app, "POST", "/api/finance/coupons/create", who, coupon).await;
        assert!(
            matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
            "{status}"
        );
    }
    let coupons: i64 = sqlx::query_scalar("SELECT count(*) FROM coupons")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(coupons, 0);
    let (status, body) = call(
        &app,
        "POST",
        "/api/finance/coupons/create",
        Some(&finance),
        coupon,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (status, _) = call(
        &app,
        "POST",
        "/api/finance/refund",
        Some(&finance),
        &format!("order_id={order}&amount=10&reason=Goodwill"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let note: Uuid = sqlx::query_scalar("SELECT id FROM credit_notes")
        .fetch_one(&pool)
        .await
        .unwrap();
    let pdf = format!("/billing/credit-notes/{note}/pdf");
    assert_eq!(
        call(&app, "GET", &pdf, None, "").await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(&app, "GET", &pdf, Some(&stranger), "").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(&app, "GET", &pdf, Some(&customer), "").await.0,
        StatusCode::OK
    );
    assert_eq!(
        call(&app, "GET", &pdf, Some(&finance), "").await.0,
        StatusCode::OK
    );

    for (path, body) in [
        ("/api/profiles/contact", "role=photographer"),
        (
            "/api/profiles/contact/save",
            "role=photographer&phone=9876543210&contact_email=",
        ),
    ] {
        assert_eq!(
            call(&app, "POST", path, None, body).await.0,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }
    // Someone without that profile reaches nobody else's: there is none of theirs.
    let (status, _) = call(
        &app,
        "POST",
        "/api/profiles/contact/save",
        Some(&stranger),
        "role=photographer&phone=9876543210&contact_email=",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
