//! Sign-up, sign-in, email confirmation, password reset and account pages.
mod account;
mod login;
mod recovery;
mod register;

pub use account::AccountPage;
pub use login::LoginPage;
pub use recovery::{ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage};
pub use register::RegisterPage;
