//! The tabs across a professional's profile workspace (/pro/{role}/…).
use leptos::prelude::*;
use leptos_router::components::A;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProTab {
    Profile,
    Portfolio,
    Services,
    Verification,
}

impl ProTab {
    const ALL: [ProTab; 4] = [
        ProTab::Profile,
        ProTab::Portfolio,
        ProTab::Services,
        ProTab::Verification,
    ];

    fn label(self) -> &'static str {
        match self {
            ProTab::Profile => "Profile",
            ProTab::Portfolio => "Portfolio",
            ProTab::Services => "Services",
            ProTab::Verification => "Verification",
        }
    }

    fn href(self, role: &str) -> String {
        match self {
            ProTab::Profile => format!("/pro/{role}"),
            ProTab::Portfolio => format!("/pro/{role}/portfolio"),
            ProTab::Services => format!("/pro/{role}/services"),
            ProTab::Verification => format!("/pro/{role}/verification"),
        }
    }
}

/// Heading and tab links for one role profile; `active` is marked `aria-current`.
#[component]
pub fn ProNav(role: String, active: ProTab) -> impl IntoView {
    let label = crate::core::roles::role_label(&role);
    view! {
        <div class="mx-auto max-w-4xl pt-6">
            <p class="text-sm"><A href="/pro" attr:class="text-indigo-700 hover:underline">"My profiles"</A></p>
            <h1 class="mt-1 text-2xl font-bold">{format!("{label} profile")}</h1>
            <nav aria-label="Profile sections" class="mt-4 border-b border-slate-200">
                <ul class="-mb-px flex gap-4 overflow-x-auto">
                    {ProTab::ALL.into_iter().map(|tab| {
                        let current = tab == active;
                        view! {
                            <li>
                                <A href=tab.href(&role)
                                    attr:aria-current=current.then_some("page")
                                    attr:class=if current {
                                        "inline-block border-b-2 border-indigo-600 px-1 pb-2 font-semibold text-indigo-700"
                                    } else {
                                        "inline-block border-b-2 border-transparent px-1 pb-2 text-slate-600 hover:text-slate-900"
                                    }>
                                    {tab.label()}
                                </A>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
        </div>
    }
}
