//! Server functions of the customer, company and candidate profiles. Each one reads the
//! signed-in user from the session and works on that user's own rows only; the service
//! checks the role.
// The `#[server]` macro does not pass lint attributes on to the browser-side function.
#![allow(
    clippy::too_many_arguments,
    reason = "server functions take one argument per form field, as the forms post them"
)]
use super::model::AccountProfiles;
use crate::core::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::domains::account_profiles::{
        form::{CandidateForm, CompanyForm, CustomerForm},
        service,
    };
    pub use crate::server::context::{app_state, request_meta, require_session};
}

/// The caller's customer, company and candidate profiles (for the roles they hold).
#[server(endpoint = "account-profiles/load")]
pub async fn load_account_profiles() -> Result<AccountProfiles, AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let state = app_state()?;
            let session = require_session()?;
            service::load(&state.pool, session.user_id).await
        }
        .await,
    )
}

#[server(endpoint = "account-profiles/save-customer")]
pub async fn save_customer_profile(
    display_name: String,
    city: String,
    #[server(default)] phone: String,
) -> Result<(), AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let state = app_state()?;
            let session = require_session()?;
            let form = CustomerForm {
                display_name,
                city,
                phone,
            };
            service::save_customer(
                &state.pool,
                session.user_id,
                &form,
                &request_meta(state.config.trust_proxy),
            )
            .await?;
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "account-profiles/save-company")]
pub async fn save_company_profile(
    company_name: String,
    #[server(default)] business_type: String,
    #[server(default)] industry: String,
    #[server(default)] contact_person_name: String,
    #[server(default)] email: String,
    #[server(default)] phone: String,
    #[server(default)] city: String,
    #[server(default)] about: String,
) -> Result<(), AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let state = app_state()?;
            let session = require_session()?;
            let form = CompanyForm {
                company_name,
                business_type,
                industry,
                contact_person_name,
                email,
                phone,
                city,
                about,
            };
            service::save_company(
                &state.pool,
                session.user_id,
                &form,
                &request_meta(state.config.trust_proxy),
            )
            .await?;
            Ok(())
        }
        .await,
    )
}

/// Sends the caller's saved company profile to staff for review.
#[server(endpoint = "account-profiles/submit-company")]
pub async fn submit_company_profile() -> Result<(), AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let state = app_state()?;
            let session = require_session()?;
            service::submit_company(
                &state.pool,
                session.user_id,
                &request_meta(state.config.trust_proxy),
            )
            .await?;
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "account-profiles/save-candidate")]
pub async fn save_candidate_profile(
    display_name: String,
    city: String,
    experience_years: String,
    #[server(default)] bio: String,
    #[server(default)] preferred_roles: String,
    #[server(default)] expected_salary: String,
) -> Result<(), AppError> {
    crate::server::context::respond(
        async move {
            use ssr::*;
            let state = app_state()?;
            let session = require_session()?;
            let form = CandidateForm {
                display_name,
                bio,
                city,
                experience_years,
                preferred_roles,
                expected_salary,
            };
            service::save_candidate(
                &state.pool,
                session.user_id,
                &form,
                &request_meta(state.config.trust_proxy),
            )
            .await?;
            Ok(())
        }
        .await,
    )
}
