//! Server functions of the customer, company and candidate profiles. Each one reads the
//! signed-in user from the session and works on that user's own rows only; the service
//! checks the role.
use super::model::AccountProfiles;
use crate::core::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::domains::account_profiles::service;
}

/// The caller's customer, company and candidate profiles (for the roles they hold).
#[server(endpoint = "account-profiles/load")]
pub async fn load_account_profiles() -> Result<AccountProfiles, AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::load(cx.pool(), session.user_id).await
    })
    .await
}

#[server(endpoint = "account-profiles/save-customer")]
pub async fn save_customer_profile(
    #[server(flatten)] form: super::form::CustomerForm,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::save_customer(cx.pool(), session.user_id, &form, &cx.meta).await?;
        Ok(())
    })
    .await
}

#[server(endpoint = "account-profiles/save-company")]
pub async fn save_company_profile(
    #[server(flatten)] form: super::form::CompanyForm,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::save_company(cx.pool(), session.user_id, &form, &cx.meta).await?;
        Ok(())
    })
    .await
}

/// Sends the caller's saved company profile to staff for review.
#[server(endpoint = "account-profiles/submit-company")]
pub async fn submit_company_profile() -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::submit_company(cx.pool(), session.user_id, &cx.meta).await?;
        Ok(())
    })
    .await
}

#[server(endpoint = "account-profiles/save-candidate")]
pub async fn save_candidate_profile(
    #[server(flatten)] form: super::form::CandidateForm,
) -> Result<(), AppError> {
    crate::server::call::handle(|cx| async move {
        use ssr::*;
        let session = cx.signed_in()?;
        service::save_candidate(cx.pool(), session.user_id, &form, &cx.meta).await?;
        Ok(())
    })
    .await
}
