//! The job pages.
mod company;
mod public;

pub use company::{CompanyJobsPage, JobEditorPage, NewJobPage};

pub use public::{CompanyPublicPage, JobBoardPage, JobDetailPage};

use crate::domains::jobs::model::{
    employment_label, mode_label, JobForm, JobInput, JobStatus, Pay,
};
use leptos::prelude::*;

/// The tone of a job status pill.
pub fn job_tone(status: JobStatus) -> &'static str {
    match status {
        JobStatus::Live => "green",
        JobStatus::Pending => "amber",
        JobStatus::Draft => "indigo",
        JobStatus::Closed => "slate",
    }
}

/// "Full-time · Hybrid · Pune".
pub fn job_line(employment_type: &str, mode: &str, city: Option<&str>) -> String {
    [
        employment_label(employment_type),
        mode_label(mode),
        city.unwrap_or(""),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ")
}

/// The facts of a job as a definition list (the company's view of a posted job).
#[component]
pub fn JobFacts(form: JobForm) -> impl IntoView {
    let pay = JobInput::parse(&form).ok().map(|i| i.pay).map(Pay::label);
    let row = |label: &'static str, value: String| {
        view! {
            <div class="py-1 sm:grid sm:grid-cols-3 sm:gap-4">
                <dt class="text-sm font-medium text-slate-600">{label}</dt>
                <dd class="whitespace-pre-line text-sm text-slate-900 sm:col-span-2">{value}</dd>
            </div>
        }
    };
    view! {
        <dl class="divide-y divide-slate-100">
            {row("Type", job_line(&form.employment_type, &form.mode, Some(form.city.as_str()).filter(|c| !c.is_empty())))}
            {row("Pay", pay.unwrap_or_else(|| "—".into()))}
            {row("Description", form.description)}
        </dl>
    }
}

/// A job as the reviewer sees it in the approval queue.
#[component]
pub fn JobReview(job: crate::domains::jobs::model::JobForReview) -> impl IntoView {
    use crate::domains::jobs::model::status_label;
    use crate::ui::style::CARD;
    view! {
        <section class=CARD aria-labelledby="job-review-title">
            <h2 id="job-review-title" class="text-lg font-semibold">{format!("Job: {}", job.form.title)}</h2>
            <p class="mb-2 text-sm text-slate-600">
                {format!("Status: {} · by ", status_label(job.status, None))}
                <a href=format!("/companies/{}", job.company_slug) class="font-semibold text-indigo-700 hover:underline">{job.company_name.clone()}</a>
                {if job.company_verified { " (verified company)" } else { " (company not verified yet)" }}
                {(!job.paid.is_empty()).then(|| format!(" · paid with {}", job.paid))}
            </p>
            <JobFacts form=job.form/>
        </section>
    }
}
