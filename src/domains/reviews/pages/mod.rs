//! The review pages: writing one (`/reviews/new`), the reviews section of public pages
//! and the moderators' queue (`/staff/reviews`).
mod common;
mod queue;
mod section;
mod write;

pub use queue::{ReviewQueueLink, ReviewQueuePage};
pub use section::Reviews;
pub use write::WriteReviewPage;
