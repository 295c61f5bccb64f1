//! The company's job pages: `/company/jobs` (their jobs and what posting costs),
//! `/company/jobs/new` and `/company/jobs/:id` (edit a draft and post it; a posted job's
//! status, remarks, applicants and "Close").
use super::{job_tone, JobFacts};
use crate::core::roles::CITIES;
use crate::core::time::ist_day as day;
use crate::domains::jobs::api::{
    load_company_jobs, load_job_editor, load_posting_cost, CloseJob, SaveJob,
};
use crate::domains::jobs::model::{
    status_label, CompanyJobRow, CompanyJobs, EmploymentType, JobEditor, JobForm, JobStatus,
    PostingCost, WorkMode, DESCRIPTION_MAX, TITLE_MAX,
};
use crate::ui::badge::Pill;
use crate::ui::form::saved_then_navigate;
use crate::ui::form::{action_error, Field, FormAlert, SelectField, TextArea};
use crate::ui::problem::LoadProblem;
use crate::ui::style::BUTTON;
use crate::ui::style::BUTTON_DANGER;
use crate::ui::style::BUTTON_SECONDARY;
use crate::ui::style::CARD;
use crate::ui::style::LINK;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};
use uuid::Uuid;

/// `/company/jobs`.
#[component]
pub fn CompanyJobsPage() -> impl IntoView {
    let jobs = Resource::new(|| (), |_| load_company_jobs());
    view! {
        <Title text="Your jobs — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-4xl space-y-6">
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your jobs…"</p> }>
                {move || jobs.get().map(|r| match r {
                    Ok(page) => view! { <CompanyJobsView page/> }.into_any(),
                    Err(e) => view! {
                        <h1 class="text-2xl font-bold text-slate-900">"Your jobs"</h1>
                        <LoadProblem error=e next="/company/jobs"/>
                    }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn CompanyJobsView(page: CompanyJobs) -> impl IntoView {
    view! {
        <div class="flex flex-wrap items-center justify-between gap-4">
            <div>
                <h1 class="text-2xl font-bold text-slate-900">"Your jobs"</h1>
                <p class="text-sm text-slate-600">{page.company_name.clone()}" · "
                    <A href=format!("/companies/{}", page.company_slug) attr:class=LINK>"Your public company page"</A></p>
            </div>
            <A href="/company/jobs/new" attr:class=BUTTON>"Post a job"</A>
        </div>
        <p class="text-sm text-slate-600" data-testid="posting-cost">{page.cost.explain()}" "<A href="/wallet" attr:class=LINK>"See wallet"</A></p>
        {if page.jobs.is_empty() {
            view! {
                <div class=CARD data-testid="jobs-empty">
                    <p class="text-slate-700">"You have not posted a job yet. Describe the role; our team checks it, then it goes live on the job board."</p>
                </div>
            }.into_any()
        } else {
            view! {
                <ul class="space-y-3" data-testid="company-jobs">
                    {page.jobs.into_iter().map(|row| view! { <CompanyJobItem row/> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn CompanyJobItem(row: CompanyJobRow) -> impl IntoView {
    let status = status_label(row.status, row.close_reason).to_owned();
    let applications = match (row.applications, row.new_applications) {
        (0, _) => "No applications yet".to_owned(),
        (n, 0) => format!("{n} application{}", if n == 1 { "" } else { "s" }),
        (n, new) => format!(
            "{n} application{}, {new} new",
            if n == 1 { "" } else { "s" }
        ),
    };
    let until = row
        .expires_at
        .filter(|_| row.status == JobStatus::Live)
        .map(|at| format!(" · live until {}", day(at)))
        .unwrap_or_default();
    view! {
        <li class=CARD data-testid="company-job">
            <div class="flex flex-wrap items-start justify-between gap-2">
                <A href=format!("/company/jobs/{}", row.id) attr:class="text-lg font-semibold text-indigo-700 hover:underline">{row.title}</A>
                <Pill text=status tone=job_tone(row.status)/>
            </div>
            <p class="mt-1 text-sm text-slate-600">{format!("Updated {}{until} · ", day(row.updated_at))}
                <A href=format!("/company/jobs/{}/applicants", row.id) attr:class=LINK>{applications}</A>
            </p>
            {row.review_remarks.filter(|_| row.status == JobStatus::Draft).map(|r| view! {
                <p class="mt-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{format!("Our team asked for changes: {r}")}</p>
            })}
        </li>
    }
}

/// `/company/jobs/new`.
#[component]
pub fn NewJobPage() -> impl IntoView {
    let cost = Resource::new(|| (), |_| load_posting_cost());
    view! {
        <Title text="Post a job — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-2xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">"Post a job"</h1>
            <p class="text-slate-600">"Describe the role. Our team checks every job before it goes live on the board; it then stays live for a limited time, so the board has no ghost jobs."</p>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || cost.get().map(|r| match r {
                    Ok(cost) => view! {
                        <section class=CARD>
                            <JobFormView form=JobForm::default() id=None cost/>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/company/jobs/new"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// The job form: create (`id` None) or edit a draft.
#[component]
fn JobFormView(form: JobForm, id: Option<Uuid>, cost: PostingCost) -> impl IntoView {
    let save = ServerAction::<SaveJob>::new();
    let error = action_error(save.value());
    saved_then_navigate(save.value(), "Saved.", |saved| {
        format!("/company/jobs/{saved}")
    });
    let cities: Vec<(String, String)> = CITIES
        .iter()
        .map(|c| ((*c).to_owned(), (*c).to_owned()))
        .collect();
    let types: Vec<(String, String)> = EmploymentType::ALL
        .iter()
        .map(|t| (t.as_str().to_owned(), t.label().to_owned()))
        .collect();
    let modes: Vec<(String, String)> = WorkMode::ALL
        .iter()
        .map(|m| (m.as_str().to_owned(), m.label().to_owned()))
        .collect();
    let kinds = vec![
        ("salary".to_owned(), "A monthly salary".to_owned()),
        (
            "budget".to_owned(),
            "A fixed budget for the whole contract".to_owned(),
        ),
    ];
    let pending = save.pending();
    view! {
        <ActionForm action=save attr:class="space-y-4" attr:novalidate="true">
            <FormAlert error=error/>
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            <Field name="title" label="Job title" value=form.title maxlength=TITLE_MAX as u32
                hint="For example: Senior Rust developer" error=error/>
            <TextArea name="description" label="Description" value=form.description rows=8
                maxlength=DESCRIPTION_MAX as u32
                hint="The work, the team, what you need from candidates. Candidates message you on Nxtgauge, so leave out phone numbers and e-mail addresses."
                error=error/>
            <SelectField name="employment_type" label="Employment type" options=types
                selected=form.employment_type placeholder="Choose a type" error=error/>
            <SelectField name="mode" label="Mode of work" options=modes selected=form.mode
                placeholder="Choose a mode" error=error/>
            <SelectField name="city" label="City" options=cities selected=form.city
                placeholder="Choose a city (optional for remote jobs)" error=error/>
            <SelectField name="pay_kind" label="Pay" options=kinds selected=form.pay_kind
                placeholder="Choose how it pays" error=error/>
            <div class="grid gap-4 sm:grid-cols-2">
                <Field name="salary_min" label="Salary from (₹ a month)" value=form.salary_min required=false
                    hint="For a salary: whole rupees." error=error/>
                <Field name="salary_max" label="Salary up to (₹ a month)" value=form.salary_max required=false
                    hint="Optional; at least the lower figure." error=error/>
            </div>
            <Field name="budget" label="Contract budget (₹ in total)" value=form.budget required=false
                hint="For a fixed budget: whole rupees." error=error/>
            <p class="text-sm text-slate-600" data-testid="posting-cost">{cost.explain()}</p>
            <div class="flex flex-wrap gap-3">
                <button type="submit" name="intent" value="post" class=BUTTON disabled=move || pending.get()>
                    {move || if pending.get() { "Saving…" } else { "Post for review" }}
                </button>
                <button type="submit" name="intent" value="draft" class=BUTTON_SECONDARY disabled=move || pending.get()>
                    "Save as draft"
                </button>
            </div>
        </ActionForm>
    }
}

/// `/company/jobs/:id`.
#[component]
pub fn JobEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<Uuid>().ok());
    let close = ServerAction::<CloseJob>::new();
    let job = Resource::new(
        move || (id(), close.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_job_editor(id).await,
                None => Err(crate::core::AppError::not_found("That job")),
            }
        },
    );
    view! {
        <Title text="Your job — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-2xl space-y-6">
            <A href="/company/jobs" attr:class=LINK>"← Your jobs"</A>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading the job…"</p> }>
                {move || job.get().map(|r| match r {
                    Ok(job) => view! { <EditorView job close/> }.into_any(),
                    Err(e) => view! { <LoadProblem error=e next="/company/jobs"/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn EditorView(job: JobEditor, close: ServerAction<CloseJob>) -> impl IntoView {
    let status = status_label(job.status, job.close_reason).to_owned();
    let error = action_error(close.value());
    let id = job.id;
    let header = view! {
        <div class="flex flex-wrap items-start justify-between gap-2">
            <h1 class="text-2xl font-bold text-slate-900">{job.form.title.clone()}</h1>
            <span data-testid="job-status"><Pill text=status tone=job_tone(job.status)/></span>
        </div>
    };
    let body = match job.status {
        JobStatus::Draft => view! {
            {job.review_remarks.clone().map(|r| view! {
                <p role="status" class="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="job-remarks">
                    {format!("Our team asked for changes: {r} What you paid to post it was returned.")}
                </p>
            })}
            <section class=CARD>
                <JobFormView form=job.form.clone() id=Some(id) cost=job.cost.clone()/>
            </section>
        }.into_any(),
        other => {
            let live = other == JobStatus::Live;
            view! {
                <section class=CARD>
                    {match other {
                        JobStatus::Pending => view! { <p class="text-slate-700">"Our team is checking this job. We will e-mail you when it is live, usually within a working day."</p> }.into_any(),
                        JobStatus::Live => view! { <p class="text-slate-700">"This job is live on the board. "<A href=format!("/jobs/{id}") attr:class=LINK>"See the public page"</A></p> }.into_any(),
                        _ => view! { <p class="text-slate-700">"This job is closed and no longer takes applications."</p> }.into_any(),
                    }}
                    <p class="mt-3"><A href=format!("/company/jobs/{id}/applicants") attr:class=LINK>"Applicants"</A></p>
                    <div class="mt-4">
                        <JobFacts form=job.form.clone()/>
                    </div>
                </section>
                {live.then(|| view! {
                    <section class=CARD aria-labelledby="close-title">
                        <h2 id="close-title" class="text-lg font-semibold">"Close this job"</h2>
                        <p class="text-sm text-slate-600">"It leaves the board at once; applications stay in your pipeline."</p>
                        <ActionForm action=close attr:class="mt-3 space-y-3">
                            <FormAlert error=error/>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <button type="submit" class=BUTTON_DANGER>"Close job"</button>
                        </ActionForm>
                    </section>
                })}
            }.into_any()
        }
    };
    view! { {header} {body} }
}
