//! Server-side profile access shared by every domain that hangs off a role profile
//! (portfolio, services, verification, uploads), and the professional's own profile
//! lifecycle: create, load, save, submit for review.
use super::model::{
    ChecklistItem, MyProfilesView, ProfileCard, ProfileInput, RoleProfileView, Stage,
};
use crate::core::roles::PROFESSIONAL_ROLES;
use crate::core::roles::{self as spec, FieldKind, FieldValue, RoleFields, RoleSpec};
use crate::core::state::{ApprovalStatus, ProfileStatus, VerificationStatus};
use crate::core::{
    error::FieldErrors, validation::parse_display_name, AppError, AppResult, ErrorCode,
};
use crate::domains::approvals::service::{self as approvals, EntityType};
use crate::domains::audit::service::{self as audit, Action, Change, Entry, RequestMeta};
use crate::server::db::violates;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool, Row};
use uuid::Uuid;

/// Who is acting on a profile's content (portfolio, services): the signed-in user on their
/// own profile for one role. Each write still finds that profile with
/// [`owned_profile`], so a role the user does not hold is NOT_FOUND.
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    pub user_id: Uuid,
    pub role_key: &'a str,
    pub meta: &'a RequestMeta,
}

impl<'a> Owner<'a> {
    /// The caller of a server function acting on their profile for `role_key`;
    /// `unauthenticated` when nobody is signed in.
    pub fn of(cx: &'a crate::server::call::Call, role_key: &'a str) -> AppResult<Self> {
        Ok(Self {
            user_id: cx.signed_in()?.user_id,
            role_key,
            meta: &cx.meta,
        })
    }
}

/// The identifying facts of one role profile.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProfileRef {
    pub id: Uuid,
    pub user_id: Uuid,
    pub role_key: String,
    pub slug: String,
    pub display_name: String,
    pub status: ProfileStatus,
    pub approval_status: ApprovalStatus,
    pub verification_status: VerificationStatus,
    pub is_profile_public: bool,
}

const PROFILE_REF: &str =
    "SELECT id, user_id, role_key, slug, display_name, status, approval_status,
        verification_status, is_profile_public
   FROM user_role_profiles";

/// The signed-in user's profile for `role_key`; NOT_FOUND when they have none. With
/// `for_update` the row is locked until the caller's transaction ends.
pub async fn owned_profile(
    conn: &mut PgConnection,
    user_id: Uuid,
    role_key: &str,
    for_update: bool,
) -> AppResult<ProfileRef> {
    let sql = format!(
        "{PROFILE_REF} WHERE user_id = $1 AND role_key = $2{}",
        if for_update { " FOR UPDATE" } else { "" }
    );
    sqlx::query_as(&sql)
        .bind(user_id)
        .bind(role_key)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::not_found("That profile"))
}

/// A profile by id, checked to belong to `user_id`: another user's profile is
/// FORBIDDEN, a missing one NOT_FOUND.
pub async fn profile_owned_by(
    conn: &mut PgConnection,
    profile_id: Uuid,
    user_id: Uuid,
    for_update: bool,
) -> AppResult<ProfileRef> {
    let sql = format!(
        "{PROFILE_REF} WHERE id = $1{}",
        if for_update { " FOR UPDATE" } else { "" }
    );
    let profile: ProfileRef = sqlx::query_as(&sql)
        .bind(profile_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::not_found("That profile"))?;
    if profile.user_id != user_id {
        return Err(AppError::forbidden());
    }
    Ok(profile)
}

// ---------------------------------------------------------------------------
// A professional's own role profiles: create, read, save, submit for review.
// ---------------------------------------------------------------------------

const MODULE: &str = "profiles";
const ENTITY: &str = "user_role_profile";
/// Characters of the name part of a slug, leaving room for the role and a suffix
/// within the 100 the schema allows.
const SLUG_NAME_MAX: usize = 60;

/// The spec of a professional role named in a URL or request; NOT_FOUND otherwise.
fn known_role(role_key: &str) -> AppResult<&'static RoleSpec> {
    spec::role_spec(role_key).ok_or_else(|| AppError::not_found("That kind of profile"))
}

/// The readable base of a profile's slug: `asha-rao-photographer`. Only ASCII letters
/// and digits survive; a name with none gives just the role.
pub fn slug_base(name: &str, role_key: &str) -> String {
    let name_part = slug_words(name);
    let role = role_key.replace('_', "-");
    if name_part.is_empty() {
        role
    } else {
        format!("{name_part}-{role}")
    }
}

/// A name as slug words: `Asha Rao & Co.` → `asha-rao-co` (at most 60 characters; ""
/// when no ASCII letter or digit survives).
pub fn slug_words(name: &str) -> String {
    let mut name_part = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            name_part.push(c);
        } else if !name_part.is_empty() && !name_part.ends_with('-') {
            name_part.push('-');
        }
    }
    name_part.truncate(SLUG_NAME_MAX);
    name_part.trim_end_matches('-').to_owned()
}

/// The first of `base`, `base-2`, `base-3`… that no profile uses yet.
async fn free_slug(conn: &mut PgConnection, base: &str) -> AppResult<String> {
    free_slug_in(conn, SlugTable::Profiles, base).await
}

/// The tables whose rows have slugs.
#[derive(Debug, Clone, Copy)]
pub enum SlugTable {
    Profiles,
    Companies,
}

/// The first of `base`, `base-2`, `base-3`… that no row of `table` uses yet.
pub async fn free_slug_in(
    conn: &mut PgConnection,
    table: SlugTable,
    base: &str,
) -> AppResult<String> {
    let sql = match table {
        SlugTable::Profiles => {
            "SELECT slug FROM user_role_profiles WHERE slug = $1 OR slug LIKE $1 || '-%'"
        }
        SlugTable::Companies => {
            "SELECT slug FROM company_profiles WHERE slug = $1 OR slug LIKE $1 || '-%'"
        }
    };
    let taken: Vec<String> = sqlx::query_scalar(sql)
        .bind(base)
        .fetch_all(&mut *conn)
        .await?;
    if !taken.iter().any(|s| s == base) {
        return Ok(base.to_owned());
    }
    Ok((2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken.contains(s))
        .unwrap_or_else(|| random_slug(base)))
}

fn random_slug(base: &str) -> String {
    let suffix = Uuid::new_v4().simple().to_string();
    format!("{base}-{}", &suffix[..8])
}

/// Creates the user's profile for a professional role: the DRAFT profile with a unique
/// slug, the role's extension row, and the role itself (PENDING) when the user did not
/// pick it at sign-up. A second profile for the same role is a CONFLICT.
pub async fn create_role_profile(
    pool: &PgPool,
    user_id: Uuid,
    role_key: &str,
    meta: &RequestMeta,
) -> AppResult<ProfileRef> {
    let spec = spec::role_spec(role_key)
        .ok_or_else(|| AppError::field("role", "Choose one of the professional roles."))?;
    let mut tx = pool.begin().await?;
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM user_role_profiles WHERE user_id = $1 AND role_key = $2)",
    )
    .bind(user_id)
    .bind(spec.key)
    .fetch_one(&mut *tx)
    .await?;
    if exists {
        return Err(duplicate(spec));
    }
    let name: Option<Option<String>> = sqlx::query_scalar(
        "SELECT s.settings_json->>'display_name'
           FROM users u LEFT JOIN user_settings s ON s.user_id = u.id WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(name) = name else {
        return Err(AppError::unauthenticated());
    };
    let display_name = name
        .and_then(|n| parse_display_name(&n).ok())
        .unwrap_or_else(|| spec.label.to_owned());
    let base = slug_base(&display_name, spec.key);
    let mut slug = free_slug(&mut tx, &base).await?;
    let mut inserted: Option<Uuid> = None;
    // A concurrent sign-up can take the slug between the check and the insert; then a
    // random suffix is tried instead.
    for _ in 0..5 {
        let row = sqlx::query_scalar(
            "INSERT INTO user_role_profiles (user_id, role_key, display_name, slug)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (slug) DO NOTHING RETURNING id",
        )
        .bind(user_id)
        .bind(spec.key)
        .bind(&display_name)
        .bind(&slug)
        .fetch_optional(&mut *tx)
        .await;
        match row {
            Ok(Some(id)) => {
                inserted = Some(id);
                break;
            }
            Ok(None) => slug = random_slug(&base),
            Err(e) if violates(&e, "user_role_profiles_user_id_role_key_key") => {
                return Err(duplicate(spec));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let Some(id) = inserted else {
        tracing::error!(%base, "no free profile slug after retries");
        return Err(AppError::internal());
    };
    sqlx::query(&format!(
        "INSERT INTO {} (user_role_profile_id) VALUES ($1)",
        spec.table
    ))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let role_added = sqlx::query(
        "INSERT INTO user_roles (user_id, role_id, status)
         SELECT $1, r.id, 'PENDING' FROM roles r WHERE r.key = $2
         ON CONFLICT (user_id, role_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(spec.key)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        > 0;
    let mut entry = Entry::by_user(
        Some(user_id),
        Action::Create,
        ENTITY,
        Some(id),
        MODULE,
        format!("created {} profile", spec.label),
        meta,
    )
    .label(slug.clone())
    .change(Change::new("role_key", None, Some(spec.key.to_owned())))
    .change(Change::new("slug", None, Some(slug.clone())))
    .change(Change::new("display_name", None, Some(display_name)));
    if role_added {
        entry = entry.change(Change::new("user_role", None, Some("PENDING".into())));
    }
    audit::record(&mut tx, entry).await?;
    let profile = owned_profile(&mut tx, user_id, spec.key, false).await?;
    tx.commit().await?;
    tracing::info!(user = %user_id, role = spec.key, "role profile created");
    Ok(profile)
}

fn duplicate(spec: &RoleSpec) -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        format!(
            "You already have a {} profile. Open it from My profiles.",
            spec.label
        ),
    )
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: Uuid,
    slug: String,
    display_name: String,
    bio: Option<String>,
    location: Option<String>,
    is_profile_public: bool,
    avatar_url: Option<String>,
    status: ProfileStatus,
    approval_status: ApprovalStatus,
    verification_status: VerificationStatus,
    rejection_reason: Option<String>,
    in_review_since: Option<DateTime<Utc>>,
    has_image: bool,
    has_service: bool,
}

/// The user's profile for a role with its role fields, stage and submission checklist.
pub async fn load_role_profile(
    pool: &PgPool,
    user_id: Uuid,
    role_key: &str,
) -> AppResult<RoleProfileView> {
    let spec = known_role(role_key)?;
    let mut conn = pool.acquire().await?;
    load_view(&mut conn, user_id, spec).await
}

async fn load_view(
    conn: &mut PgConnection,
    user_id: Uuid,
    spec: &'static RoleSpec,
) -> AppResult<RoleProfileView> {
    let row: ProfileRow = sqlx::query_as(
        "SELECT p.id, p.slug, p.display_name, p.bio, p.location, p.is_profile_public,
                p.avatar_url, p.status, p.approval_status, p.verification_status, p.rejection_reason,
                (SELECT min(a.submitted_at) FROM approval_requests a
                  WHERE a.entity_type = 'profile' AND a.entity_id = p.id
                    AND a.status = 'PENDING') AS in_review_since,
                EXISTS (SELECT 1 FROM portfolio_images i
                          JOIN portfolio_items t ON t.id = i.portfolio_item_id
                         WHERE t.user_role_profile_id = p.id) AS has_image,
                EXISTS (SELECT 1 FROM services s
                         WHERE s.user_role_profile_id = p.id AND s.is_active) AS has_service
           FROM user_role_profiles p
          WHERE p.user_id = $1 AND p.role_key = $2",
    )
    .bind(user_id)
    .bind(spec.key)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::not_found("That profile"))?;
    let fields = read_fields(conn, spec, row.id).await?;
    let checklist = checklist(spec, &row, &fields);
    Ok(RoleProfileView {
        id: row.id,
        role_key: spec.key.to_owned(),
        slug: row.slug,
        stage: Stage::of(
            row.status,
            row.approval_status,
            row.in_review_since.is_some(),
        ),
        display_name: row.display_name,
        bio: row.bio,
        location: row.location,
        is_profile_public: row.is_profile_public,
        avatar_url: row.avatar_url,
        fields,
        status: row.status,
        approval_status: row.approval_status,
        verification_status: row.verification_status,
        rejection_reason: row.rejection_reason,
        in_review_since: row.in_review_since,
        checklist,
    })
}

fn checklist(spec: &RoleSpec, row: &ProfileRow, fields: &RoleFields) -> Vec<ChecklistItem> {
    let item = |key: &str, label: &str, done: bool| ChecklistItem {
        key: key.to_owned(),
        label: label.to_owned(),
        done,
    };
    let mut items = vec![
        item(
            "display_name",
            "Your name",
            parse_display_name(&row.display_name).is_ok(),
        ),
        item("location", "Your city", row.location.is_some()),
        item(
            "bio",
            "A bio about your work",
            row.bio.as_deref().is_some_and(|b| !b.trim().is_empty()),
        ),
    ];
    for f in spec.fields.iter().filter(|f| f.required) {
        let done = match fields.get(f.key) {
            Some(FieldValue::Tags(t)) => !t.is_empty(),
            Some(FieldValue::Number(n)) => n.is_some(),
            Some(FieldValue::Money(m)) => m.is_some(),
            Some(FieldValue::Text(t)) => t.is_some(),
            Some(FieldValue::Flag(_) | FieldValue::Choice(_)) => true,
            None => false,
        };
        items.push(item(f.key, f.label, done));
    }
    items.push(item(
        "portfolio",
        "At least one portfolio image",
        row.has_image,
    ));
    items.push(item(
        "services",
        "At least one active service",
        row.has_service,
    ));
    items
}

/// Reads a role's extension row with SQL built only from the spec's static column names.
async fn read_fields(
    conn: &mut PgConnection,
    spec: &RoleSpec,
    profile_id: Uuid,
) -> AppResult<RoleFields> {
    let columns: Vec<&str> = spec.fields.iter().map(|f| f.key).collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE user_role_profile_id = $1",
        columns.join(", "),
        spec.table
    );
    let Some(row) = sqlx::query(&sql)
        .bind(profile_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        // Rows made outside this service may lack the extension row; saving creates it.
        return Ok(spec::default_fields(spec));
    };
    let mut out = RoleFields::new();
    for (i, f) in spec.fields.iter().enumerate() {
        let value = match f.kind {
            FieldKind::Tags { .. } => FieldValue::Tags(row.try_get(i)?),
            FieldKind::Flag => FieldValue::Flag(row.try_get(i)?),
            FieldKind::Number { .. } => FieldValue::Number(row.try_get(i)?),
            FieldKind::Money { .. } => {
                FieldValue::Money(row.try_get::<Option<i32>, _>(i)?.map(i64::from))
            }
            FieldKind::Choice { .. } => FieldValue::Choice(row.try_get(i)?),
            FieldKind::Text { .. } => FieldValue::Text(row.try_get(i)?),
        };
        out.insert(f.key.to_owned(), value);
    }
    Ok(out)
}

/// Writes a role's extension row (creating it if missing), binding each value by kind.
async fn write_fields(
    conn: &mut PgConnection,
    spec: &RoleSpec,
    profile_id: Uuid,
    fields: &RoleFields,
) -> AppResult<()> {
    let columns: Vec<&str> = spec.fields.iter().map(|f| f.key).collect();
    let placeholders: Vec<String> = (2..columns.len() + 2).map(|n| format!("${n}")).collect();
    let updates: Vec<String> = columns
        .iter()
        .map(|c| format!("{c} = EXCLUDED.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO {table} (user_role_profile_id, {cols}) VALUES ($1, {vals})
         ON CONFLICT (user_role_profile_id) DO UPDATE SET {updates}",
        table = spec.table,
        cols = columns.join(", "),
        vals = placeholders.join(", "),
        updates = updates.join(", "),
    );
    let mut query = sqlx::query(&sql).bind(profile_id);
    let mut errors = FieldErrors::new();
    for f in spec.fields {
        let Some(value) = fields.get(f.key) else {
            tracing::error!(field = f.key, "role field missing from a parsed form");
            return Err(AppError::internal());
        };
        query = match value.clone() {
            FieldValue::Tags(t) => query.bind(t),
            FieldValue::Flag(b) => query.bind(b),
            FieldValue::Number(n) => query.bind(n),
            FieldValue::Money(p) => {
                // Role prices are INTEGER paise columns.
                let paise = p.map(i32::try_from).transpose().unwrap_or_else(|_| {
                    errors.add(f.key, "That amount is too large.");
                    None
                });
                query.bind(paise)
            }
            FieldValue::Choice(c) => query.bind(c),
            FieldValue::Text(t) => query.bind(t),
        };
    }
    errors.into_result()?;
    query.execute(&mut *conn).await?;
    Ok(())
}

/// Saves the owner's edits: common fields and role fields, validated all at once. An
/// ACTIVE profile's edits go live at once (under the same contact-detail filter).
pub async fn save_role_profile(
    pool: &PgPool,
    user_id: Uuid,
    role_key: &str,
    input: &ProfileInput,
    meta: &RequestMeta,
) -> AppResult<()> {
    let spec = known_role(role_key)?;
    let update = input.parse(spec)?;
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, user_id, spec.key, true).await?;
    let (old_bio, old_location): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT bio, location FROM user_role_profiles WHERE id = $1")
            .bind(profile.id)
            .fetch_one(&mut *tx)
            .await?;
    let old_fields = read_fields(&mut tx, spec, profile.id).await?;
    sqlx::query(
        "UPDATE user_role_profiles
            SET display_name = $2, bio = $3, location = $4, is_profile_public = $5
          WHERE id = $1",
    )
    .bind(profile.id)
    .bind(&update.display_name)
    .bind(&update.bio)
    .bind(&update.location)
    .bind(update.is_profile_public)
    .execute(&mut *tx)
    .await?;
    write_fields(&mut tx, spec, profile.id, &update.fields).await?;

    let mut entry = Entry::by_user(
        Some(user_id),
        Action::Update,
        ENTITY,
        Some(profile.id),
        MODULE,
        format!("updated {} profile", spec.label),
        meta,
    )
    .label(profile.slug.clone());
    let mut changed = |field: &'static str, old: Option<String>, new: Option<String>| {
        if old != new {
            entry.changes.push(Change::new(field, old, new));
        }
    };
    changed(
        "display_name",
        Some(profile.display_name.clone()),
        Some(update.display_name.clone()),
    );
    changed("bio", old_bio, update.bio.clone());
    changed("location", old_location, Some(update.location.clone()));
    changed(
        "is_profile_public",
        Some(profile.is_profile_public.to_string()),
        Some(update.is_profile_public.to_string()),
    );
    for f in spec.fields {
        let form = |v: Option<&FieldValue>| v.map(FieldValue::to_form).filter(|s| !s.is_empty());
        changed(
            f.key,
            form(old_fields.get(f.key)),
            form(update.fields.get(f.key)),
        );
    }
    audit::record(&mut tx, entry).await?;
    crate::domains::search::index::refresh(&mut tx, profile.id).await?;
    tx.commit().await?;
    Ok(())
}

/// Sends the profile to the approval queue once its checklist is complete. Refused
/// while suspended, while a review is pending, and when it is already live (live
/// profiles' edits need no review).
pub async fn submit_role_profile(
    pool: &PgPool,
    user_id: Uuid,
    role_key: &str,
    meta: &RequestMeta,
) -> AppResult<Uuid> {
    let spec = known_role(role_key)?;
    let mut tx = pool.begin().await?;
    let profile = owned_profile(&mut tx, user_id, spec.key, true).await?;
    let view = load_view(&mut tx, user_id, spec).await?;
    match view.stage {
        Stage::Suspended => {
            return Err(AppError::new(
                ErrorCode::Forbidden,
                "This profile is suspended, so it cannot be submitted. Contact support to find out why.",
            ))
        }
        Stage::InReview => {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "This profile is already waiting for review. We will e-mail you when it is decided.",
            ))
        }
        Stage::Live => {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "Your profile is already live. Changes you save go live at once; there is nothing to review.",
            ))
        }
        Stage::Draft | Stage::ChangesRequested => {}
    }
    let missing: Vec<&ChecklistItem> = view.checklist.iter().filter(|i| !i.done).collect();
    if !missing.is_empty() {
        let mut err = AppError::new(
            ErrorCode::Validation,
            "Finish your profile before you submit it for review.",
        );
        for item in missing {
            err.fields
                .insert(item.key.clone(), format!("Still needed: {}.", item.label));
        }
        return Err(err);
    }
    sqlx::query(
        "UPDATE user_role_profiles SET approval_status = 'PENDING', rejection_reason = NULL
          WHERE id = $1",
    )
    .bind(profile.id)
    .execute(&mut *tx)
    .await?;
    let request =
        approvals::submit(&mut tx, EntityType::Profile, profile.id, user_id, None).await?;
    audit::record(
        &mut tx,
        Entry::by_user(
            Some(user_id),
            Action::Update,
            ENTITY,
            Some(profile.id),
            MODULE,
            format!("submitted {} profile for review", spec.label),
            meta,
        )
        .label(profile.slug.clone())
        .change(Change::new(
            "approval_status",
            Some(profile.approval_status.to_string()),
            Some("PENDING".into()),
        ))
        .change(Change::new(
            "approval_request",
            None,
            Some(request.to_string()),
        )),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user = %user_id, role = spec.key, "role profile submitted for review");
    Ok(request)
}

#[derive(sqlx::FromRow)]
struct CardRow {
    role_key: String,
    slug: String,
    display_name: String,
    status: ProfileStatus,
    approval_status: ApprovalStatus,
    verification_status: VerificationStatus,
    rejection_reason: Option<String>,
    is_profile_public: bool,
    in_review_since: Option<DateTime<Utc>>,
}

/// The user's role profiles, plus the professional roles they hold without a profile
/// and the ones they could still add.
pub async fn my_role_profiles(pool: &PgPool, user_id: Uuid) -> AppResult<MyProfilesView> {
    let rows: Vec<CardRow> = sqlx::query_as(
        "SELECT p.role_key, p.slug, p.display_name, p.status, p.approval_status,
                p.verification_status, p.rejection_reason, p.is_profile_public,
                (SELECT min(a.submitted_at) FROM approval_requests a
                  WHERE a.entity_type = 'profile' AND a.entity_id = p.id
                    AND a.status = 'PENDING') AS in_review_since
           FROM user_role_profiles p
          WHERE p.user_id = $1
          ORDER BY p.created_at, p.role_key",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    let held: Vec<String> = sqlx::query_scalar(
        "SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
          WHERE ur.user_id = $1 AND ur.status <> 'REJECTED'",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    let profiles: Vec<ProfileCard> = rows
        .into_iter()
        .map(|r| ProfileCard {
            stage: Stage::of(r.status, r.approval_status, r.in_review_since.is_some()),
            verified: r.verification_status == VerificationStatus::Verified,
            role_key: r.role_key,
            slug: r.slug,
            display_name: r.display_name,
            rejection_reason: r.rejection_reason,
            is_profile_public: r.is_profile_public,
            in_review_since: r.in_review_since,
        })
        .collect();
    let mut view = MyProfilesView {
        profiles,
        ..MyProfilesView::default()
    };
    for role in PROFESSIONAL_ROLES {
        if view.profiles.iter().any(|p| p.role_key == role.key) {
            continue;
        }
        if held.iter().any(|h| h == role.key) {
            view.held_without_profile.push(role.key.to_owned());
        } else {
            view.addable.push(role.key.to_owned());
        }
    }
    Ok(view)
}
