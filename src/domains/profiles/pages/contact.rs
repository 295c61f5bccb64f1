//! The editor's "Contact details" card (`#contact-views`): the phone and e-mail a
//! customer or company sees after spending a contact view, and who has.
use super::editor_fields::{Check, TextControl};
use crate::core::time::ist_stamp;
use crate::core::validation::{format_mobile, parse_optional_mobile, Email};
use crate::core::{AppError, ErrorCode};
use crate::domains::profiles::api::SaveContact;
use crate::domains::profiles::contact::ContactSettings;
use crate::ui::form::{action_error, on_ok, FormAlert, Submit};
use crate::ui::style::CARD;
use crate::ui::toast::use_toasts;
use leptos::prelude::*;

/// The card, for the editor: `settings` is loaded beside the profile (at the editor's
/// top level, so the page hydrates in the order the server drew it) and re-read after
/// each save. Nothing shows while the professional has no profile for the role.
#[component]
pub fn ContactCard(
    role: &'static str,
    save: ServerAction<SaveContact>,
    settings: Resource<Result<ContactSettings, AppError>>,
) -> impl IntoView {
    let toasts = use_toasts();
    on_ok(save.value(), move |()| {
        toasts.success("Contact details saved.")
    });
    view! {
        <Transition fallback=|| ()>
            {move || settings.get().map(|r| match r {
                Ok(s) => view! {
                    <section id="contact-views" class=CARD aria-labelledby="contact-views-title">
                        <h2 id="contact-views-title" class="text-lg font-semibold">"Contact details"</h2>
                        <p class="mt-1 text-sm text-slate-600">"Customers and companies who spend a contact view on your public page see these. Everywhere else your details stay hidden until you are hired."</p>
                        <ContactForm role save settings=s/>
                    </section>
                }.into_any(),
                Err(e) if e.code == ErrorCode::NotFound => ().into_any(),
                Err(e) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ContactForm(
    role: &'static str,
    save: ServerAction<SaveContact>,
    settings: ContactSettings,
) -> impl IntoView {
    let error = action_error(save.value());
    let phone_check = Check::new("phone", error);
    let email_check = Check::new("contact_email", error);
    let validate_phone = Callback::new(|v: String| parse_optional_mobile(&v).map(|_| ()));
    let validate_email = Callback::new(|v: String| {
        if v.trim().is_empty() {
            Ok(())
        } else {
            Email::parse(&v).map(|_| ())
        }
    });
    let email_help = format!(
        "Leave empty to use your account's address, {}.",
        settings.account_email
    );
    view! {
        <ActionForm action=save attr:class="mt-4 space-y-4" attr:novalidate="true">
            <FormAlert error=error/>
            <input type="hidden" name="role" value=role/>
            <TextControl id="phone".into() name="phone".into() label="Mobile number".into()
                value=settings.phone.as_deref().map(format_mobile).unwrap_or_default()
                help=Some("A 10-digit Indian mobile number.".into()) input_type="tel"
                inputmode="tel" autocomplete="tel" maxlength=20 validate=validate_phone check=phone_check/>
            <TextControl id="contact_email".into() name="contact_email".into() label="E-mail for customers".into()
                value=settings.email.clone().unwrap_or_default() help=Some(email_help)
                input_type="email" autocomplete="email" maxlength=254 validate=validate_email check=email_check/>
            <div class="w-48">
                <Submit label="Save contact details" busy_label="Saving…" pending=save.pending().into()/>
            </div>
        </ActionForm>
        <h3 class="mt-6 font-semibold text-slate-900">"Who viewed your contact details"</h3>
        {if settings.viewers.is_empty() {
            view! { <p class="mt-2 text-sm text-slate-600">"Nobody yet."</p> }.into_any()
        } else {
            view! {
                <ul class="mt-2 divide-y divide-slate-100" data-testid="contact-viewers">
                    {settings.viewers.into_iter().map(|v| view! {
                        <li class="flex flex-wrap justify-between gap-2 py-2 text-sm">
                            <span><span class="font-medium text-slate-900">{v.name}</span>
                                <span class="text-slate-500">{format!(" · {}", v.kind)}</span></span>
                            <span class="text-slate-500">{ist_stamp(v.at)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
