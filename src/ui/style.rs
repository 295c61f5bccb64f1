//! Tailwind class lists shared by many pages, so a card or a select looks the same
//! everywhere.

/// A white, rounded, bordered panel.
pub const CARD: &str = "rounded-2xl border border-slate-200 bg-white p-6 shadow-sm";
/// A full-width select with the focus ring of the form fields.
pub const SELECT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-400";
