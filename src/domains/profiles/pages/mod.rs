//! A professional's own profile pages: `/pro` (my profiles) and `/pro/:role` (editor).
mod contact;
pub mod editor;
mod editor_fields;
pub mod my_profiles;

pub use editor::ProfileEditorPage;
pub use my_profiles::MyProfilesPage;
