//! The public search page (the public profile page, which also shows reviews, is
//! composed in `app::profile_page`).
mod search;

pub use search::SearchPage;
