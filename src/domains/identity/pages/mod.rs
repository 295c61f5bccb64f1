//! Sign-up, sign-in, email confirmation, password reset and account pages.
mod account;
mod auth;
mod login;
mod recovery;
mod register;

pub use account::AccountPage;
pub use auth::{use_auth, Auth, AuthCard};
pub use login::LoginPage;
pub use recovery::{ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage};
pub use register::RegisterPage;
