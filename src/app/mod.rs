//! The composition root: the HTML shell, the root component and the route table, the
//! pages that combine several domains (`approval_review`, `staff_home`, `profile_page`),
//! the page frame (`layout`) and, on the server, the registries (`wiring`). It is the
//! only module besides the CLI and the demo seeder that may import every domain.
pub mod approval_review;
pub mod layout;
mod profile_page;
#[cfg(feature = "ssr")]
pub mod router;
#[cfg(feature = "ssr")]
pub mod serve;
mod staff_home;
#[cfg(feature = "ssr")]
pub mod wiring;

use crate::core::roles::PROFESSIONAL_ROLES;
use crate::domains::account_profiles::pages::AccountProfilePage;
use crate::domains::applications::pages::{MyApplicationsPage, PipelinePage};
use crate::domains::approvals::pages::ApprovalQueuePage;
use crate::domains::billing::pages::{
    BillingPage, CheckoutPage, CouponsPage, FinanceOrderPage, FinancePage, InvoicePage, OrderPage,
    PricingPage,
};
use crate::domains::identity::pages::Auth;
use crate::domains::identity::pages::{
    AccountPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage, VerifyEmailPage,
};
use crate::domains::jobs::pages::{
    CompanyJobsPage, CompanyPublicPage, JobBoardPage, JobDetailPage, JobEditorPage, NewJobPage,
};
use crate::domains::leads::pages::{
    LeadDetailPage, LeadFeedPage, MyLeadsPage, MyResponsesPage, NewLeadPage, ProLeadPage,
};
use crate::domains::messaging::pages::{InboxPage, ThreadPage};
use crate::domains::notifications::pages::NotificationsPageView;
use crate::domains::offerings::pages::ServicesPage;
use crate::domains::portfolio::pages::PortfolioPage;
use crate::domains::profiles::pages::{MyProfilesPage, ProfileEditorPage};
use crate::domains::reviews::pages::{ReviewQueuePage, WriteReviewPage};
use crate::domains::search::pages::SearchPage;
use crate::domains::verification::pages::{
    VerificationDetailPage, VerificationPage, VerificationQueuePage,
};
use crate::domains::wallet::pages::{WalletBonusPage, WalletPageView};
use crate::ui::toast::{ToastIsland, ToastRegion, Toasts};
use approval_review::ApprovalDetailPage;
use layout::{Footer, Header, PublicHeader};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    path, SsrMode,
};
use profile_page::PublicProfilePage;
use staff_home::StaffHomePage;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    provide_request_nonce();
    view! {
        <!DOCTYPE html>
        <html lang="en-IN">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                // Under its content-hashed name (hash-files), like the scripts below.
                <HashedStylesheet options=options.clone() id="leptos"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased">
                <App/>
            </body>
        </html>
    }
}

/// Gives this request's CSP nonce to Leptos so its hydration script carries it.
#[cfg(feature = "ssr")]
fn provide_request_nonce() {
    use crate::server::headers::CspNonce;
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(n)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(n));
    }
}

/// The signed-in workspace's routes, in matching order: `(path, page)`. Both routers
/// are built from this one list: the page table that renders every path (each of these
/// drawn by [`Workspace`]) and the workspace's own router in the browser.
macro_rules! with_workspace_routes {
    ($then:ident) => {
        $then! {
            "register" => RegisterPage,
            "login" => LoginPage,
            "verify-email" => VerifyEmailPage,
            "forgot-password" => ForgotPasswordPage,
            "reset-password" => ResetPasswordPage,
            "account" => AccountPage,
            "account/profile" => AccountProfilePage,
            "pro" => MyProfilesPage,
            "pro/leads" => LeadFeedPage,
            "pro/leads/:id" => ProLeadPage,
            "pro/responses" => MyResponsesPage,
            "pro/:role" => ProfileEditorPage,
            "pro/:role/portfolio" => PortfolioPage,
            "pro/:role/services" => ServicesPage,
            "pro/:role/verification" => VerificationPage,
            "wallet" => WalletPageView,
            "checkout" => CheckoutPage,
            "billing" => BillingPage,
            "billing/orders/:id" => OrderPage,
            "billing/invoices/:id" => InvoicePage,
            "leads" => MyLeadsPage,
            "leads/new" => NewLeadPage,
            "leads/:id" => LeadDetailPage,
            "reviews/new" => WriteReviewPage,
            "staff/wallet-bonus" => WalletBonusPage,
            "messages" => InboxPage,
            "messages/:id" => ThreadPage,
            "notifications" => NotificationsPageView,
            "applications" => MyApplicationsPage,
            "company/jobs" => CompanyJobsPage,
            "company/jobs/new" => NewJobPage,
            "company/jobs/:id" => JobEditorPage,
            "company/jobs/:id/applicants" => PipelinePage,
            "staff" => StaffHomePage,
            "staff/approvals" => ApprovalQueuePage,
            "staff/reviews" => ReviewQueuePage,
            "staff/approvals/:id" => ApprovalDetailPage,
            "staff/verifications" => VerificationQueuePage,
            "staff/verifications/:id" => VerificationDetailPage,
            "staff/finance" => FinancePage,
            "staff/finance/coupons" => CouponsPage,
            "staff/finance/orders/:id" => FinanceOrderPage,
        }
    };
}

/// Every page, rendered on the server. The public pages (home, search, profiles, the
/// job board, jobs, companies) are drawn here only, with a few small islands: a first
/// visit loads just those. Every other path is the [`Workspace`] island, whose code
/// loads on its own (a lazy island, split out of the main WASM module).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    Toasts::provide();
    macro_rules! page_table {
        ($($path:tt => $page:ident,)*) => {
            view! {
                <Router>
                    <Routes fallback=|| view! { <Public><NotFound/></Public> }>
                        <Route path=path!("") view=|| view! { <Public><HomePage/></Public> }/>
                        <Route path=path!("search") view=|| view! { <Public><SearchPage/></Public> }/>
                        // The public record pages render whole before the first byte (Async):
                        // their title, description and canonical link must be in the <head>,
                        // and with streaming a blocking resource did not always get them there
                        // (up to a third of responses had no description).
                        <Route path=path!("p/:slug") view=|| view! { <Public><PublicProfilePage/></Public> } ssr=SsrMode::Async/>
                        <Route path=path!("jobs") view=|| view! { <Public><JobBoardPage/></Public> }/>
                        <Route path=path!("pricing") view=|| view! { <Public><PricingPage/></Public> } ssr=SsrMode::Async/>
                        <Route path=path!("jobs/:id") view=|| view! { <Public><JobDetailPage/></Public> } ssr=SsrMode::Async/>
                        <Route path=path!("companies/:slug") view=|| view! { <Public><CompanyPublicPage/></Public> } ssr=SsrMode::Async/>
                        $(<Route path=path!($path) view=workspace ssr=SsrMode::Async/>)*
                    </Routes>
                </Router>
            }
        };
    }
    view! {
        <Title text="Nxtgauge — hire trusted professionals in India"/>
        {with_workspace_routes!(page_table)}
        <HydrationMark/>
    }
}

/// The workspace as every one of its routes in the page table draws it: one type-erased
/// view, so that its view code is compiled once rather than once per route (35 copies of
/// it took rustc past 20 GB).
fn workspace() -> AnyView {
    // The islands script turns off, for the whole document, the serializing of resources
    // for the browser (only islands hydrate). The workspace is hydrated whole, and its
    // pages create resources while it renders, also inside its suspense boundaries long
    // after the island itself was made: all of them must reach the browser.
    #[cfg(feature = "ssr")]
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(true);
    }
    view! { <Workspace/> }.into_any()
}

/// The frame of a public page: the header and the toasts are islands, the rest is HTML.
#[component]
fn Public(children: Children) -> impl IntoView {
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    view! {
        <Frame header=move || view! { <PublicHeader path=path/> }>{children()}</Frame>
        <ToastIsland/>
    }
}

/// What every page has around its content: the skip link, the header, the main landmark
/// with the error boundary, and the footer.
#[component]
fn Frame<H, V>(header: H, children: Children) -> impl IntoView
where
    H: FnOnce() -> V,
    V: IntoView,
{
    view! {
        <SkipLink/>
        {header()}
        <main id="main" class="px-4 pb-8">
            <ErrorBoundary fallback=|errors| view! { <ErrorPage errors=errors/> }>
                {children()}
            </ErrorBoundary>
        </main>
        <Footer/>
    }
}

/// The signed-in workspace and the sign-in pages: one island, hydrated whole, with its
/// own router, so moving between its pages stays in the browser. A link out of it (to a
/// public page) matches none of its routes and loads that page from the server.
#[island(lazy)]
fn Workspace() -> impl IntoView {
    // On the server the page's meta context (from App) is the one; in the browser the
    // island needs its own for titles set while moving between its pages.
    #[cfg(feature = "hydrate")]
    provide_meta_context();
    Toasts::provide();
    Auth::provide();
    macro_rules! workspace_router {
        ($($path:tt => $page:ident,)*) => {
            view! {
                <Router>
                    <Frame header=|| view! { <WorkspaceHeader/> }>
                        <Routes fallback=LeaveWorkspace>
                            $(<Route path=path!($path) view=$page/>)*
                        </Routes>
                    </Frame>
                    <ToastRegion/>
                </Router>
            }
        };
    }
    with_workspace_routes!(workspace_router)
}

#[component]
fn WorkspaceHeader() -> impl IntoView {
    let path = leptos_router::hooks::use_location().pathname;
    view! { <Header path=Signal::derive(move || path.get())/> }
}

/// A path the workspace does not draw (a public page): the browser loads it.
#[component]
fn LeaveWorkspace() -> impl IntoView {
    Effect::new(move |_| crate::ui::toast::reload_here());
    view! { <p class="mx-auto mt-16 max-w-lg text-center text-slate-500" role="status">"Loading…"</p> }
}

#[component]
fn SkipLink() -> impl IntoView {
    view! {
        <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">"Skip to content"</a>
    }
}

/// Marks the page as interactive once every island before it has hydrated (the
/// islands hydrate in document order, a lazy one once its code has loaded; effects never
/// run on the server); end-to-end tests wait for it before clicking.
#[island]
fn HydrationMark() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

#[component]
fn HomePage() -> impl IntoView {
    view! {
        // Only here: a page-level description elsewhere must not sit beside a second one.
        <Meta name="description" content="Find and hire verified photographers, tutors, developers, caterers and more across India, or find your next job."/>
        <section class="mx-auto max-w-6xl py-12 sm:py-16">
            <h1 class="max-w-3xl text-4xl font-extrabold tracking-tight text-slate-900 sm:text-5xl">
                "Hire trusted professionals across India."
            </h1>
            <p class="mt-4 max-w-2xl text-lg text-slate-600">
                "Post what you need, compare quotes from verified photographers, tutors, developers, caterers and more, and pay in rupees with GST invoices. Companies post jobs; candidates apply in one click."
            </p>
            <div class="mt-8 flex flex-col gap-3 sm:flex-row">
                <A href="/leads/new" attr:class="rounded-lg bg-indigo-600 px-5 py-3 text-center font-semibold text-white hover:bg-indigo-700">"Post a request"</A>
                <A href="/register?role=photographer" attr:class="rounded-lg border border-slate-300 bg-white px-5 py-3 text-center font-semibold text-slate-800 hover:bg-slate-50">"I offer services"</A>
                <A href="/register?role=COMPANY" attr:class="rounded-lg border border-slate-300 bg-white px-5 py-3 text-center font-semibold text-slate-800 hover:bg-slate-50">"We are hiring"</A>
            </div>
        </section>
        <section class="mx-auto max-w-6xl" aria-labelledby="roles-title">
            <h2 id="roles-title" class="text-xl font-bold">"Professionals on Nxtgauge"</h2>
            <ul class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
                {PROFESSIONAL_ROLES.iter().map(|r| view! {
                    <li>
                        <A href=format!("/register?role={}", r.key)
                            attr:class="block rounded-xl border border-slate-200 bg-white p-4 text-center font-medium text-slate-800 shadow-sm hover:border-indigo-300 hover:text-indigo-700">
                            {r.label}
                        </A>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="mx-auto mt-12 grid max-w-6xl gap-6 sm:grid-cols-3" aria-label="How it works">
            <div class="rounded-xl bg-white p-5 shadow-sm"><h3 class="font-semibold">"1. Tell us what you need"</h3><p class="mt-2 text-sm text-slate-600">"Post a requirement with your city, date and budget in a minute."</p></div>
            <div class="rounded-xl bg-white p-5 shadow-sm"><h3 class="font-semibold">"2. Compare verified pros"</h3><p class="mt-2 text-sm text-slate-600">"Up to five professionals respond with quotes; see ratings and portfolios side by side."</p></div>
            <div class="rounded-xl bg-white p-5 shadow-sm"><h3 class="font-semibold">"3. Hire and chat safely"</h3><p class="mt-2 text-sm text-slate-600">"Contact details are shared only when you accept a response."</p></div>
        </section>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found — Nxtgauge"/>
        <div class="mx-auto mt-16 max-w-lg text-center">
            <p class="text-sm font-semibold text-indigo-700">"404"</p>
            <h1 class="mt-2 text-3xl font-bold">"We could not find that page"</h1>
            <p class="mt-3 text-slate-600">"The link may be old or mistyped."</p>
            <A href="/" attr:class="mt-6 inline-block rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700">"Go to the home page"</A>
        </div>
    }
}

/// Shown when a page fails to render; the details went to the server log.
#[component]
fn ErrorPage(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let messages = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, e)| e.to_string())
            .collect::<Vec<_>>()
    };
    view! {
        <Title text="Something went wrong — Nxtgauge"/>
        <div class="mx-auto mt-16 max-w-lg text-center" role="alert">
            <h1 class="text-3xl font-bold">"Something went wrong"</h1>
            <p class="mt-3 text-slate-600">"Please try again in a moment. If it keeps happening, contact support."</p>
            <ul class="mt-4 text-sm text-slate-500">
                {move || messages().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <A href="/" attr:class="mt-6 inline-block rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700">"Go to the home page"</A>
        </div>
    }
}
