//! The lead pages.
pub mod common;
mod customer;
mod pro;
mod staff;

pub use customer::{LeadDetailPage, MyLeadsPage, NewLeadPage};
pub use pro::{LeadFeedPage, MyResponsesPage, ProLeadPage};
pub use staff::LeadReview;
