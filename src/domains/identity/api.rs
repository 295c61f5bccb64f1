//! Server functions of the identity domain: thin wrappers that take the request's
//! context, apply rate limits, call the service and send emails after commit.
use super::model::{CurrentUserView, SessionView, UserSettings};
use crate::core::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::core::validation::{parse_display_name, Password};
    pub use crate::domains::identity::{model::Registration, service};
    pub use crate::server::{
        context::{app_state, rate_limit_auth, session_token, set_cookie},
        mail::{send_template, TemplateEmail},
        session::{clear_cookie, session_cookie},
        state::AppState,
    };
    use uuid::Uuid;

    /// An email carrying a one-time link (confirmation, password reset).
    pub struct LinkEmail<'a> {
        pub template: &'a str,
        pub to: &'a str,
        pub user_id: Uuid,
        pub name: &'a str,
        pub path: &'a str,
        pub token: &'a str,
        pub minutes: Option<i32>,
    }

    pub async fn email_link(state: &AppState, mail: LinkEmail<'_>) {
        let link = format!(
            "{}{}?token={}",
            state.config.public_url, mail.path, mail.token
        );
        let mut vars = vec![("name", mail.name.to_owned()), ("link", link)];
        if let Some(m) = mail.minutes {
            vars.push(("minutes", m.to_string()));
        }
        let sent = send_template(
            &state.pool,
            &state.config,
            TemplateEmail {
                template_key: mail.template,
                to: mail.to,
                user_id: Some(mail.user_id),
                vars,
                secret_vars: &["link"],
            },
        )
        .await;
        if let Err(e) = sent {
            tracing::error!(error = %e, template = mail.template, "could not send email");
        }
    }

    pub async fn email_notice(
        state: &AppState,
        template: &str,
        user_id: Uuid,
        vars: Vec<(&str, String)>,
    ) {
        let to: Option<(String, Option<String>)> = sqlx::query_as(
            "SELECT u.email, s.settings_json->>'display_name' FROM users u
               LEFT JOIN user_settings s ON s.user_id = u.id WHERE u.id = $1",
        )
        .bind(user_id)
        .fetch_optional(&state.pool)
        .await
        .ok()
        .flatten();
        let Some((to, name)) = to else { return };
        let mut all = vec![("name", name.unwrap_or_else(|| to.clone()))];
        all.extend(vars);
        if let Err(e) = send_template(
            &state.pool,
            &state.config,
            TemplateEmail {
                template_key: template,
                to: &to,
                user_id: Some(user_id),
                vars: all,
                secret_vars: &[],
            },
        )
        .await
        {
            tracing::error!(error = %e, template, "could not send email");
        }
    }
}

/// The signed-in person, or `None` for visitors.
#[server(endpoint = "identity/me")]
pub async fn current_user() -> Result<Option<CurrentUserView>, AppError> {
    crate::server::call::handle(|cx| async move {
        let Some(session) = cx.session() else {
            return Ok(None);
        };
        let state = ssr::app_state()?;
        let user =
            crate::domains::access::service::load(&state.pool, session.user_id, session.session_id)
                .await?;
        Ok(user.map(|u| CurrentUserView {
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            roles: u.roles,
            capabilities: u.capabilities.into_iter().collect(),
        }))
    })
    .await
}

#[server(endpoint = "identity/register")]
pub async fn register(
    name: String,
    email: String,
    password: String,
    account_type: String,
    role: String,
) -> Result<String, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        rate_limit_auth(&cx.state)?;
        let reg = Registration::parse(&name, &email, &password, &account_type, &role)?;
        let (to, display) = (reg.email.as_str().to_owned(), reg.name.clone());
        let done = service::register(cx.pool(), reg, &cx.meta).await?;
        email_link(
            &cx.state,
            LinkEmail {
                template: "email_verification",
                to: &to,
                user_id: done.user_id,
                name: &display,
                path: "/verify-email",
                token: &done.verify_token,
                minutes: None,
            },
        )
        .await;
        Ok(to)
    })
    .await
}

#[server(endpoint = "identity/verify-email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        rate_limit_auth(&cx.state)?;
        service::verify_email(cx.pool(), &token, &cx.meta).await?;
        Ok(())
    })
    .await
}

/// Sends a fresh confirmation link. Answers the same whether or not the email has an
/// account, so it cannot be used to discover who is registered.
#[server(endpoint = "identity/resend-verification")]
pub async fn resend_verification(email: String) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        rate_limit_auth(&cx.state)?;
        if let Some(r) = service::find_for_email_link(cx.pool(), &email).await? {
            if !r.verified {
                let token = service::new_verification_token(cx.pool(), r.user_id).await?;
                email_link(
                    &cx.state,
                    LinkEmail {
                        template: "email_verification",
                        to: &r.email,
                        user_id: r.user_id,
                        name: &r.name,
                        path: "/verify-email",
                        token: &token,
                        minutes: None,
                    },
                )
                .await;
            }
        }
        Ok(())
    })
    .await
}

#[server(endpoint = "identity/login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        rate_limit_auth(&cx.state)?;
        let secure = cx.state.config.secure_cookies;
        let previous = session_token(secure);
        match service::login(cx.pool(), &email, &password, previous.as_deref(), &cx.meta).await {
            Ok(done) => {
                set_cookie(&session_cookie(
                    &done.session_token,
                    secure,
                    done.max_age_secs,
                ));
                tracing::info!(user = %done.user_id, "signed in");
                Ok(())
            }
            Err((err, lock)) => {
                if let Some(lock) = lock {
                    email_notice(
                        &cx.state,
                        "login_locked",
                        lock.user_id,
                        vec![("minutes", lock.minutes.to_string())],
                    )
                    .await;
                }
                Err(err)
            }
        }
    })
    .await
}

#[server(endpoint = "identity/logout")]
pub async fn logout() -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        if let Some(session) = cx.session() {
            service::logout(cx.pool(), session.user_id, session.session_id, &cx.meta).await?;
        }
        set_cookie(&clear_cookie(cx.state.config.secure_cookies));
        Ok(())
    })
    .await
}

/// Signs out every other browser and device; returns how many sessions ended.
#[server(endpoint = "identity/logout-others")]
pub async fn logout_others() -> Result<u64, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::logout_others(cx.pool(), session.user_id, session.session_id, &cx.meta).await
    })
    .await
}

#[server(endpoint = "identity/sessions")]
pub async fn my_sessions() -> Result<Vec<SessionView>, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::list_sessions(cx.pool(), session.user_id, session.session_id).await
    })
    .await
}

/// Emails a reset link when the address has an account; the answer is the same either way.
#[server(endpoint = "identity/forgot-password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        rate_limit_auth(&cx.state)?;
        crate::core::validation::Email::parse(&email).map_err(|m| AppError::field("email", m))?;
        if let Some(r) = service::find_for_email_link(cx.pool(), &email).await? {
            let token = service::new_reset_token(cx.pool(), r.user_id, &cx.meta).await?;
            let minutes = crate::domains::config::service::auth_settings(cx.pool())
                .await?
                .reset_token_minutes;
            email_link(
                &cx.state,
                LinkEmail {
                    template: "password_reset",
                    to: &r.email,
                    user_id: r.user_id,
                    name: &r.name,
                    path: "/reset-password",
                    token: &token,
                    minutes: Some(minutes),
                },
            )
            .await;
        }
        Ok(())
    })
    .await
}

#[server(endpoint = "identity/reset-password")]
pub async fn reset_password(
    token: String,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        rate_limit_auth(&cx.state)?;
        let new = Password::parse(&password).map_err(|m| AppError::field("password", m))?;
        if password != confirm_password {
            return Err(AppError::field(
                "confirm_password",
                "The two passwords do not match.",
            ));
        }
        let user_id = service::reset_password(cx.pool(), &token, &new, &cx.meta).await?;
        email_notice(&cx.state, "password_changed", user_id, vec![]).await;
        Ok(())
    })
    .await
}

#[server(endpoint = "identity/change-password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        rate_limit_auth(&cx.state)?;
        let new = Password::parse(&new_password).map_err(|m| AppError::field("new_password", m))?;
        if new_password != confirm_password {
            return Err(AppError::field(
                "confirm_password",
                "The two passwords do not match.",
            ));
        }
        service::change_password(
            cx.pool(),
            session.user_id,
            session.session_id,
            &current_password,
            &new,
            &cx.meta,
        )
        .await?;
        email_notice(&cx.state, "password_changed", session.user_id, vec![]).await;
        Ok(())
    })
    .await
}

#[server(endpoint = "identity/settings")]
pub async fn get_settings() -> Result<UserSettings, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::get_settings(cx.pool(), session.user_id).await
    })
    .await
}

#[server(endpoint = "identity/save-settings")]
pub async fn save_settings(
    display_name: String,
    #[server(default)] email_notifications: Option<String>,
    #[server(default)] marketing_emails: Option<String>,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        let display_name =
            parse_display_name(&display_name).map_err(|m| AppError::field("display_name", m))?;
        let settings = UserSettings {
            display_name,
            email_notifications: email_notifications.is_some(),
            marketing_emails: marketing_emails.is_some(),
        };
        service::save_settings(cx.pool(), session.user_id, &settings, &cx.meta).await
    })
    .await
}
