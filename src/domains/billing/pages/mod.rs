//! Billing's pages: the price list (public), checkout, the order a buyer returns to, the
//! invoice and /billing; and the totals table they share.
mod checkout;
mod finance;
mod orders;
mod pricing;

pub use checkout::CheckoutPage;
pub use finance::{CouponsPage, FinanceOrderPage, FinancePage};
pub use orders::{BillingPage, InvoicePage, OrderPage};
pub use pricing::PricingPage;

use super::gst::percent_label;
use super::totals::Totals;
use crate::core::money::Paise;
use leptos::prelude::*;

/// The figures of a quote or an order, as a table.
#[component]
fn TotalsTable(totals: Totals, rate_bp: i64) -> impl IntoView {
    let half = percent_label(rate_bp / 2);
    let full = percent_label(rate_bp);
    let row = |label: String, amount: Paise, id: &'static str| {
        view! { <tr><th scope="row" class="py-1 text-left font-normal text-slate-600">{label}</th><td class="py-1 text-right tabular-nums" data-testid=id>{amount.format_inr()}</td></tr> }
    };
    view! {
        <table class="w-full text-sm">
            <caption class="sr-only">"Order total"</caption>
            <tbody>
                {row("Subtotal".into(), totals.subtotal, "subtotal")}
                {(totals.rule_discount > Paise::ZERO).then(|| row("Discount".into(), totals.rule_discount, "rule-discount"))}
                {(totals.coupon_discount > Paise::ZERO).then(|| row("Coupon".into(), totals.coupon_discount, "coupon-discount"))}
                {row("Taxable value".into(), totals.taxable, "taxable")}
                {(totals.tax.igst == Paise::ZERO).then(|| view! { <>{row(format!("CGST {half}"), totals.tax.cgst, "cgst")}{row(format!("SGST {half}"), totals.tax.sgst, "sgst")}</> })}
                {(totals.tax.igst > Paise::ZERO).then(|| row(format!("IGST {full}"), totals.tax.igst, "igst"))}
                <tr class="border-t border-slate-200"><th scope="row" class="pt-2 text-left font-semibold">"Total"</th><td class="pt-2 text-right text-lg font-bold tabular-nums" data-testid="total">{totals.total.format_inr()}</td></tr>
            </tbody>
        </table>
    }
}
