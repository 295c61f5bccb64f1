//! Types and rules shared by the server and the browser.
pub mod capability;
pub mod contact;
pub mod error;
pub mod media;
pub mod money;
pub mod roles;
pub mod state;
pub mod time;
pub mod url;
pub mod validation;

pub use error::{AppError, AppResult, ErrorCode};
