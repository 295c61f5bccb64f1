//! Staff pages: the staff home, the approval queue and one request.
mod queue;

pub use queue::ApprovalQueuePage;
