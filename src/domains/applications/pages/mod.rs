//! The applications UI: the apply panel for the job page, the company's pipeline board
//! and the candidate's list.
mod apply;
mod mine;
mod pipeline;

pub use apply::ApplyPanel;
pub use mine::MyApplicationsPage;
pub use pipeline::PipelinePage;
