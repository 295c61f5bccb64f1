//! `/wallet` (balance, ledger with filters, older pages, CSV) and `/staff/wallet-bonus`.
use super::api::{my_wallet, new_request_key, GrantBonus, WalletPage};
use super::model::{coins, Direction, LedgerEntry, Reference, WalletFilter, REMARKS_MAX};
use crate::core::time::ist;
use crate::core::ErrorCode;
use crate::ui::form::{action_error, Field, FieldMessage, FormAlert, Submit};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};
use uuid::Uuid;

use crate::ui::style::{CARD, SELECT};

#[component]
pub fn WalletPageView() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        WalletFilter::from_query(q.get("type").as_deref(), q.get("reason").as_deref())
    });
    let before = Memo::new(move |_| {
        query
            .read()
            .get("before")
            .and_then(|b| Uuid::parse_str(&b).ok())
    });
    let page = Resource::new(
        move || (filter.get(), before.get()),
        |(filter, before)| my_wallet(filter, before),
    );
    view! {
        <Title text="Your wallet — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-4xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">"Your tracecoin wallet"</h1>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading your wallet…"</p> }>
                {move || page.get().map(|r| match r {
                    Ok(p) => view! { <Wallet page=p filter=filter.get_untracked() paged=before.get_untracked().is_some()/> }.into_any(),
                    Err(e) if e.code == ErrorCode::Unauthenticated => view! {
                        <div class=CARD>
                            <p class="text-slate-700">"Please log in to see your wallet."</p>
                            <A href="/login?next=/wallet" attr:class="mt-3 inline-block font-semibold text-indigo-700 hover:underline">"Log in"</A>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Wallet(page: WalletPage, filter: WalletFilter, paged: bool) -> impl IntoView {
    let older = page
        .older
        .map(|id| format!("/wallet{}", filter.query(&[("before", id.to_string())])));
    let csv = format!("/wallet/export.csv{}", filter.query(&[]));
    let empty = page.entries.is_empty();
    view! {
        <section class=CARD aria-labelledby="balance-title">
            <h2 id="balance-title" class="text-sm font-medium uppercase tracking-wide text-slate-500">"Balance"</h2>
            <p class="mt-1 text-4xl font-extrabold text-indigo-700" data-testid="wallet-balance">{coins(page.balance)}</p>
            <p class="mt-2 text-sm text-slate-600">"Tracecoins pay for responding to customers' leads. A response to a lead that is withdrawn, expires, is rejected unread or is not opened in time is refunded automatically."</p>
        </section>
        <section class=CARD aria-labelledby="history-title">
            <div class="flex flex-wrap items-end justify-between gap-4">
                <h2 id="history-title" class="text-lg font-semibold">"History"</h2>
                <a href=csv rel="external" download="tracecoins.csv" class="text-sm font-semibold text-indigo-700 hover:underline">"Download CSV"</a>
            </div>
            <form method="get" action="/wallet" class="mt-4 grid gap-4 sm:grid-cols-3 sm:items-end">
                <div>
                    <label for="filter-type" class="block text-sm font-medium text-slate-800">"Type"</label>
                    <select id="filter-type" name="type" class=SELECT>
                        <option value="" selected=filter.direction.is_none()>"Credits and debits"</option>
                        <option value="CREDIT" selected=filter.direction == Some(Direction::Credit)>"Credits"</option>
                        <option value="DEBIT" selected=filter.direction == Some(Direction::Debit)>"Debits"</option>
                    </select>
                </div>
                <div>
                    <label for="filter-reason" class="block text-sm font-medium text-slate-800">"Reason"</label>
                    <select id="filter-reason" name="reason" class=SELECT>
                        <option value="" selected=filter.reference.is_none()>"Any reason"</option>
                        {Reference::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=filter.reference == Some(r)>{r.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50">"Filter"</button>
            </form>
            {if empty {
                view! { <p class="mt-6 text-slate-600" data-testid="ledger-empty">"No movements yet."</p> }.into_any()
            } else {
                view! {
                    <div class="mt-6 overflow-x-auto">
                        <table class="w-full text-left text-sm" data-testid="ledger">
                            <caption class="sr-only">"Tracecoin movements, newest first"</caption>
                            <thead class="border-b border-slate-200 text-slate-500">
                                <tr>
                                    <th scope="col" class="py-2 pr-4 font-medium">"Date (IST)"</th>
                                    <th scope="col" class="py-2 pr-4 font-medium">"What"</th>
                                    <th scope="col" class="py-2 pr-4 text-right font-medium">"Amount"</th>
                                    <th scope="col" class="py-2 text-right font-medium">"Balance"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page.entries.into_iter().map(|e| view! { <Row entry=e/> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <nav class="mt-4 flex gap-6 text-sm" aria-label="Pages">
                {paged.then(|| view! { <A href=format!("/wallet{}", filter.query(&[])) attr:class="font-semibold text-indigo-700 hover:underline">"Newest"</A> })}
                {older.map(|href| view! { <A href=href attr:class="font-semibold text-indigo-700 hover:underline">"Older entries"</A> })}
            </nav>
        </section>
    }
}

#[component]
fn Row(entry: LedgerEntry) -> impl IntoView {
    let (sign, class) = match entry.direction {
        Direction::Credit => ("+", "text-emerald-700"),
        Direction::Debit => ("−", "text-slate-900"),
    };
    view! {
        <tr class="border-b border-slate-100 align-top">
            <td class="py-2 pr-4 whitespace-nowrap text-slate-600">{ist(entry.created_at, "%d %b %Y, %H:%M")}</td>
            <td class="py-2 pr-4">
                <span class="font-medium">{entry.reference.label()}</span>
                {entry.remarks.map(|r| view! { <span class="block text-slate-600">{r}</span> })}
            </td>
            <td class=format!("py-2 pr-4 text-right font-semibold whitespace-nowrap {class}")>{format!("{sign}{}", entry.amount)}</td>
            <td class="py-2 text-right whitespace-nowrap">{entry.balance_after}</td>
        </tr>
    }
}

/// `/staff/wallet-bonus`: credit BONUS tracecoins to an account, with remarks.
#[component]
pub fn WalletBonusPage() -> impl IntoView {
    let grant = ServerAction::<GrantBonus>::new();
    // A fresh key per grant: sending the same form twice grants once.
    let key = Resource::new(move || grant.version().get(), |_| new_request_key());
    let error = action_error(grant.value());
    let remarks_error =
        Signal::derive(move || error.get().and_then(|e| e.field_message("remarks")));
    let done = move || grant.value().get().and_then(|r| r.ok());
    view! {
        <Title text="Grant tracecoin bonus — Nxtgauge"/>
        <div class="mx-auto mt-8 max-w-xl space-y-6">
            <h1 class="text-2xl font-bold text-slate-900">"Grant tracecoin bonus"</h1>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || key.get().map(|r| match r {
                    Ok(k) => view! {
                        <section class=CARD>
                            <p class="text-slate-600">"The tracecoins are credited at once as a BONUS; the owner sees your remarks in their wallet, and the grant is audited."</p>
                            <ActionForm action=grant attr:class="mt-4 space-y-4" attr:novalidate="true">
                                <FormAlert error=error/>
                                <input type="hidden" name="request_key" value=k.to_string()/>
                                <Field name="email" label="Account e-mail" input_type="email" autocomplete="off" error=error/>
                                <Field name="amount" label="Tracecoins" input_type="number" hint="A whole number above zero." error=error/>
                                <div class="space-y-1">
                                    <label for="remarks" class="block text-sm font-medium text-slate-800">"Remarks"</label>
                                    <textarea id="remarks" name="remarks" rows="3" maxlength=REMARKS_MAX
                                        aria-invalid=move || remarks_error.get().is_some().then_some("true")
                                        aria-describedby="remarks-error"
                                        class="block w-full rounded-lg border border-slate-300 px-3 py-2 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-400"></textarea>
                                    <FieldMessage id="remarks-error".to_string() message=remarks_error/>
                                </div>
                                <div class="w-56">
                                    <Submit label="Grant bonus" busy_label="Granting…" pending=grant.pending().into()/>
                                </div>
                            </ActionForm>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.message}</p> }.into_any(),
                })}
            </Transition>
            {move || done().map(|g| view! {
                <p role="status" class="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-800" data-testid="bonus-granted">
                    {if g.replayed {
                        format!("That grant was already made: {} has {}.", g.email, coins(g.balance_after))
                    } else {
                        format!("Granted {} to {}. Their balance is now {}.", coins(g.amount), g.email, coins(g.balance_after))
                    }}
                </p>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coin_amounts_read_naturally() {
        assert_eq!(coins(1), "1 tracecoin");
        assert_eq!(coins(0), "0 tracecoins");
        assert_eq!(coins(123456), "1,23,456 tracecoins");
    }

    #[test]
    fn filters_round_trip_through_the_query() {
        let f = WalletFilter::from_query(Some("DEBIT"), Some("LEAD"));
        assert_eq!(f.query(&[]), "?type=DEBIT&reason=LEAD");
        assert_eq!(
            WalletFilter::from_query(Some("x"), None),
            WalletFilter::default()
        );
        assert_eq!(
            WalletFilter::default().query(&[("before", "a".into())]),
            "?before=a"
        );
    }
}
