//! Contact views: a signed-in viewer spends one CONTACT_VIEWS credit to see a listed
//! professional's phone and e-mail. The reveal is kept per (viewer, profile), so coming
//! back is free; the owner is told and sees who viewed. The page posts a plain form
//! (`POST /p/{slug}/contact`, no script needed) and is sent back to the profile.
use super::contact::{ContactDetails, ContactPanel, ContactViewer};
use super::index::LISTED;
use crate::core::{AppError, AppResult, ErrorCode};
use crate::domains::audit::service::{self as audit, Action, Entry, RequestMeta};
use crate::domains::billing::{credits, model::PackageType};
use crate::server::notify::{self, Notice, Outgoing};
use crate::server::{state::AppState, uploads::Caller};
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// The profile's contact details as a viewer sees them once unlocked.
const DETAILS: &str = "SELECT p.phone, coalesce(p.email, u.email)
                         FROM user_role_profiles p JOIN users u ON u.id = p.user_id
                        WHERE p.id = $1";

async fn details(db: &PgPool, profile_id: Uuid) -> AppResult<ContactDetails> {
    let (phone, email): (Option<String>, String) = sqlx::query_as(DETAILS)
        .bind(profile_id)
        .fetch_one(db)
        .await?;
    Ok(ContactDetails { phone, email })
}

/// The contact panel of profile `profile_id` (owned by `owner`) for `viewer`. Nothing is
/// read for a visitor who is not signed in.
pub async fn panel(
    pool: &PgPool,
    viewer: Option<Uuid>,
    profile_id: Uuid,
    owner: Uuid,
) -> AppResult<ContactPanel> {
    let Some(viewer) = viewer else {
        return Ok(ContactPanel::SignIn);
    };
    if viewer == owner {
        let viewers: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM contact_reveals WHERE user_role_profile_id = $1",
        )
        .bind(profile_id)
        .fetch_one(pool)
        .await?;
        return Ok(ContactPanel::Owner {
            details: details(pool, profile_id).await?,
            viewers,
        });
    }
    let since: Option<DateTime<Utc>> = sqlx::query_scalar(
        "SELECT created_at FROM contact_reveals
          WHERE viewer_user_id = $1 AND user_role_profile_id = $2",
    )
    .bind(viewer)
    .bind(profile_id)
    .fetch_optional(pool)
    .await?;
    Ok(match since {
        Some(since) => ContactPanel::Shown {
            details: details(pool, profile_id).await?,
            since,
        },
        None => ContactPanel::Locked {
            credits: credits::left(pool, viewer, PackageType::ContactViews).await?,
        },
    })
}

/// What a reveal did.
#[derive(Debug)]
pub enum Revealed {
    /// One credit spent; the owner's notice is to be sent after commit.
    Now(Outgoing),
    /// Unlocked before (or the viewer's own profile): nothing spent.
    Already,
}

/// The refusal when the viewer holds no contact view.
pub fn no_credits() -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        "You have no contact views left. Buy a pack to see this professional's phone and e-mail.",
    )
    .with_buy(PackageType::ContactViews.anchor())
}

/// Unlocks the contact details of the listed profile `slug` for `viewer`, in one
/// transaction: the reveal row first (its unique key makes a second, concurrent reveal
/// by the same viewer wait and then find it), then one credit, the audit row and the
/// owner's notice. Refused without a credit, changing nothing.
pub async fn reveal(
    pool: &PgPool,
    viewer: Uuid,
    slug: &str,
    meta: &RequestMeta,
) -> AppResult<Revealed> {
    let mut tx = pool.begin().await?;
    let profile: Option<(Uuid, Uuid, String, String)> = sqlx::query_as(&format!(
        "SELECT p.id, p.user_id, p.display_name, p.role_key
           FROM user_role_profiles p JOIN users u ON u.id = p.user_id
          WHERE p.slug = $1 AND {LISTED}"
    ))
    .bind(slug)
    .fetch_optional(&mut *tx)
    .await?;
    let (profile_id, owner, display_name, role_key) =
        profile.ok_or_else(|| AppError::not_found("That profile"))?;
    if owner == viewer {
        return Ok(Revealed::Already);
    }
    let reveal: Option<Uuid> = sqlx::query_scalar(
        "INSERT INTO contact_reveals (viewer_user_id, user_role_profile_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(viewer)
    .bind(profile_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(reveal) = reveal else {
        return Ok(Revealed::Already);
    };
    let credit = credits::take_one(&mut tx, viewer, PackageType::ContactViews)
        .await?
        .ok_or_else(no_credits)?;
    sqlx::query("UPDATE contact_reveals SET package_credit_id = $2 WHERE id = $1")
        .bind(reveal)
        .bind(credit)
        .execute(&mut *tx)
        .await?;
    let who = viewer_name(&mut tx, viewer).await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(viewer),
            Action::Create,
            "contact_reveal",
            Some(reveal),
            "profiles",
            format!("contact details of {display_name} viewed (1 contact view)"),
            meta,
        )
        .label(slug.to_owned()),
    )
    .await?;
    let role = crate::core::roles::role_spec(&role_key).map_or("professional", |s| s.label);
    let notice = notify::record(
        &mut tx,
        Notice {
            user_id: owner,
            template_key: "contact_viewed",
            title: format!("{} viewed your contact details", who.0),
            body: format!(
                "{} unlocked the phone and e-mail on your {role} profile.",
                who.0
            ),
            entity_type: "contact_reveal",
            entity_id: reveal,
            link_path: Some(format!("/pro/{role_key}#contact-views")),
            vars: vec![("viewer", who.0), ("profile", role.to_owned())],
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Revealed::Now(notice))
}

/// SQL for a viewer's public name and kind: their company's name, else their own
/// display name. Never their e-mail.
const VIEWER: &str =
    "coalesce(c.company_name, s.settings_json->>'display_name', 'A Nxtgauge member'),
                      CASE WHEN c.id IS NULL THEN 'Customer' ELSE 'Company' END";

async fn viewer_name(conn: &mut sqlx::PgConnection, user_id: Uuid) -> AppResult<(String, String)> {
    Ok(sqlx::query_as(&format!(
        "SELECT {VIEWER}
           FROM users u LEFT JOIN user_settings s ON s.user_id = u.id
                        LEFT JOIN company_profiles c ON c.user_id = u.id
          WHERE u.id = $1"
    ))
    .bind(user_id)
    .fetch_one(conn)
    .await?)
}

/// Who unlocked the contact details of `owner`'s profile for `role_key`, newest first
/// (at most 100). Empty for a profile that is not theirs.
pub async fn viewers(pool: &PgPool, owner: Uuid, role_key: &str) -> AppResult<Vec<ContactViewer>> {
    let rows: Vec<(String, String, DateTime<Utc>)> = sqlx::query_as(&format!(
        "SELECT {VIEWER}, r.created_at
           FROM contact_reveals r
           JOIN user_role_profiles p ON p.id = r.user_role_profile_id
           JOIN users u ON u.id = r.viewer_user_id
           LEFT JOIN user_settings s ON s.user_id = u.id
           LEFT JOIN company_profiles c ON c.user_id = u.id
          WHERE p.user_id = $1 AND p.role_key = $2
          ORDER BY r.created_at DESC
          LIMIT 100"
    ))
    .bind(owner)
    .bind(role_key)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(name, kind, at)| ContactViewer { name, kind, at })
        .collect())
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/p/{slug}/contact", post(reveal_form))
}

/// The profile page's "Show phone and e-mail" form. Sends the viewer back to the
/// profile's contact panel; a refusal comes back as `?contact=none` (or `failed`).
async fn reveal_form(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    caller: Caller,
) -> Response {
    let page = format!("/p/{}", crate::core::url::encode_query_value(&slug));
    let Ok(session) = caller.session() else {
        let next = crate::core::url::encode_query_value(&format!("{page}#contact"));
        return Redirect::to(&format!("/login?next={next}")).into_response();
    };
    match reveal(&state.pool, session.user_id, &slug, &caller.meta).await {
        Ok(Revealed::Now(notice)) => {
            notice.send(&state.pool, &state.config).await;
            Redirect::to(&format!("{page}#contact")).into_response()
        }
        Ok(Revealed::Already) => Redirect::to(&format!("{page}#contact")).into_response(),
        Err(err) if err.code == ErrorCode::NotFound => Redirect::to(&page).into_response(),
        Err(err) => {
            let code = if err.buy.is_some() { "none" } else { "failed" };
            if code == "failed" {
                tracing::error!(error = %err.message, "contact reveal failed");
            }
            Redirect::to(&format!("{page}?contact={code}#contact")).into_response()
        }
    }
}

#[cfg(test)]
#[path = "reveal_tests.rs"]
mod tests;
