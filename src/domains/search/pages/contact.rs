//! The contact panel of a public profile (`#contact`): drawn on the server for this
//! viewer, with a plain form to spend a contact view, so it works without any script.
use crate::core::time::ist;
use crate::core::validation::format_mobile;
use crate::domains::search::contact::{refusal_message, ContactDetails, ContactPanel};
use crate::ui::form::{buy_href, buy_label};
use crate::ui::style::{BUTTON, CARD, LINK};
use leptos::prelude::*;

#[component]
pub fn ContactSection(
    slug: String,
    role_key: String,
    name: String,
    panel: ContactPanel,
    /// `?contact=` after a refused reveal.
    refusal: Option<String>,
) -> impl IntoView {
    let page = format!("/p/{slug}");
    let back = format!("{page}#contact");
    let refusal = refusal.as_deref().and_then(refusal_message);
    let body = match panel {
        ContactPanel::SignIn => {
            let next = crate::core::url::encode_query_value(&back);
            view! {
                <p class="text-slate-700">{format!("Sign in to see {name}'s phone and e-mail with a contact view.")}</p>
                <p class="mt-3 flex flex-wrap gap-4">
                    <a href=format!("/login?next={next}") class=LINK>"Log in"</a>
                    <a href=buy_href("contact-views", &back) class=LINK>"See contact view packs"</a>
                </p>
            }
            .into_any()
        }
        ContactPanel::Owner { details, viewers } => view! {
            <p class="text-slate-700">"What a customer or company sees after spending a contact view:"</p>
            <Details details/>
            <p class="mt-3 text-sm text-slate-600">
                {match viewers {
                    0 => "Nobody has viewed them yet.".to_owned(),
                    1 => "1 person has viewed them.".to_owned(),
                    n => format!("{n} people have viewed them."),
                }}
                " "
                <a href=format!("/pro/{role_key}#contact-views") class=LINK>"Who viewed, and your contact details"</a>
            </p>
        }
        .into_any(),
        ContactPanel::Shown { details, since } => view! {
            <Details details/>
            <p class="mt-3 text-sm text-slate-500">{format!("You unlocked these on {}. Coming back is free.", ist(since, "%-d %b %Y"))}</p>
        }
        .into_any(),
        ContactPanel::Locked { credits } if credits > 0 => view! {
            <p class="text-slate-700">{format!("Reveal {name}'s phone and e-mail to get in touch directly.")}</p>
            <form method="post" action=format!("{page}/contact") class="mt-3">
                <button type="submit" class=BUTTON data-testid="reveal-contact">"Show phone and e-mail"</button>
            </form>
            <p class="mt-2 text-sm text-slate-600">{format!(
                "Uses 1 of your {credits} contact view{}; seeing them again later is free.",
                if credits == 1 { "" } else { "s" }
            )}</p>
        }
        .into_any(),
        ContactPanel::Locked { .. } => view! {
            <p class="text-slate-700">{format!("A contact view shows {name}'s phone and e-mail. You have none left.")}</p>
            <a href=buy_href("contact-views", &back) class=format!("mt-3 inline-block {BUTTON}") data-testid="buy-link">{buy_label("contact-views")}</a>
        }
        .into_any(),
    };
    view! {
        <section id="contact" class=CARD aria-labelledby="contact-title" data-testid="contact-panel">
            <h2 id="contact-title" class="text-lg font-semibold">"Phone and e-mail"</h2>
            {refusal.map(|message| view! {
                <div role="alert" class="mt-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
                    {message}
                    " "
                    <a href=buy_href("contact-views", &back) class="font-semibold text-red-900 underline">{buy_label("contact-views")}</a>
                </div>
            })}
            <div class="mt-3">{body}</div>
        </section>
    }
}

#[component]
fn Details(details: ContactDetails) -> impl IntoView {
    let phone = details
        .phone
        .map(|p| (format!("tel:{p}"), format_mobile(&p)));
    view! {
        <dl class="mt-3 grid gap-3 sm:grid-cols-2" data-testid="contact-details">
            <div>
                <dt class="text-sm text-slate-500">"Phone"</dt>
                <dd class="text-slate-900">{match phone {
                    Some((href, text)) => view! { <a href=href class=LINK>{text}</a> }.into_any(),
                    None => view! { <span>"Not given: write by e-mail"</span> }.into_any(),
                }}</dd>
            </div>
            <div>
                <dt class="text-sm text-slate-500">"E-mail"</dt>
                <dd class="break-all text-slate-900"><a href=format!("mailto:{}", details.email) class=LINK>{details.email.clone()}</a></dd>
            </div>
        </dl>
    }
}
