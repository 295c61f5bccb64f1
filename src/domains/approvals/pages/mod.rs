//! Staff pages: the staff home, the approval queue and one request.
mod detail;
mod home;
mod queue;

pub use detail::ApprovalDetailPage;
pub use home::StaffHomePage;
pub use queue::ApprovalQueuePage;
