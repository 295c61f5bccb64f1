//! Tailwind class lists shared by many pages, so a card or a select looks the same
//! everywhere.

/// A white, rounded, bordered panel.
pub const CARD: &str = "rounded-2xl border border-slate-200 bg-white p-6 shadow-sm";
/// A full-width select with the focus ring of the form fields.
pub const SELECT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-400";
/// An inline text link.
pub const LINK: &str = "font-semibold text-indigo-700 hover:underline";
/// The main action of a form or card.
pub const BUTTON: &str = "inline-flex items-center justify-center rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-700 disabled:opacity-60";
/// A second action beside the main one.
pub const BUTTON_SECONDARY: &str = "inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60";
/// An action that removes, closes or refuses something.
pub const BUTTON_DANGER: &str = "inline-flex items-center justify-center rounded-lg border border-red-300 bg-white px-4 py-2 font-semibold text-red-700 hover:bg-red-50 disabled:opacity-60";
/// A full-width text input or textarea with the focus ring.
pub const INPUT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-400";
/// An input's classes without the border and ring colours, which a field with an error
/// sets (red) and one without sets (slate/indigo).
pub const INPUT_BASE: &str = "block w-full rounded-lg border px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2";
