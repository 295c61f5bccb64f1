//! The public search page and public profile pages.
mod profile;
mod search;

pub use profile::PublicProfilePage;
pub use search::SearchPage;
