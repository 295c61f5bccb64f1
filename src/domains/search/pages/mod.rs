//! The public search page (the public profile page, which also shows reviews, is
//! composed in `app::profile_page`).
mod contact;
mod search;

pub use contact::ContactSection;

pub use search::SearchPage;
