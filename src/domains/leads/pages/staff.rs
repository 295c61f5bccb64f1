//! A lead as the reviewer sees it in the approval queue, with "flag as fake" for staff
//! holding `leads.flag` (it closes the lead and refunds every response).
use super::common::LeadFacts;
use crate::domains::leads::api::{can_flag_leads, FlagLead};
use crate::domains::leads::model::{status_label, CloseReason, LeadStatus, LeadView};
use crate::ui::form::{action_error, FormAlert};
use crate::ui::queue::RemarksField;
use crate::ui::style::BUTTON_DANGER;
use crate::ui::style::CARD;
use leptos::prelude::*;

#[component]
pub fn LeadReview(lead: LeadView) -> impl IntoView {
    let can_flag = Resource::new(|| (), |_| can_flag_leads());
    let flag = ServerAction::<FlagLead>::new();
    let error = action_error(flag.value());
    let flaggable =
        lead.close_reason != Some(CloseReason::Fake) && lead.status != LeadStatus::Draft;
    let status = status_label(lead.status, lead.close_reason);
    let id = StoredValue::new(lead.id.to_string());
    view! {
        <section class=CARD aria-labelledby="lead-review-title">
            <h2 id="lead-review-title" class="text-lg font-semibold">"Customer request"</h2>
            <p class="mb-2 text-sm text-slate-600">{format!("Status: {status}")}</p>
            <LeadFacts profession_key=lead.profession_key.clone() location=lead.location.clone()
                budget_inr=lead.budget_inr required_date=lead.required_date description=lead.description.clone()/>
        </section>
        <Transition fallback=|| ()>
            {move || {
                let allowed = can_flag.get().and_then(|r| r.ok()).unwrap_or(false);
                let done = matches!(flag.value().get(), Some(Ok(())));
                (allowed && flaggable).then(|| if done {
                    view! { <p class=CARD role="status">"Flagged as fake. The request is closed and every professional who responded is being refunded."</p> }.into_any()
                } else {
                    view! {
                        <section class=CARD aria-labelledby="flag-title">
                            <h2 id="flag-title" class="text-lg font-semibold">"Not genuine?"</h2>
                            <p class="text-sm text-slate-600">"Flagging closes the request and refunds every professional who responded."</p>
                            <ActionForm action=flag attr:class="mt-3 space-y-3" attr:novalidate="true">
                                <FormAlert error=error/>
                                <input type="hidden" name="id" value=id.get_value()/>
                                <RemarksField id="flag-remarks".to_string() error=error label="Why it is fake"
                                    hint="Required (10–1000 characters); kept in the audit log."/>
                                <button type="submit" class=BUTTON_DANGER>"Flag as fake"</button>
                            </ActionForm>
                        </section>
                    }.into_any()
                })
            }}
        </Transition>
    }
}
