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
/// A compact secondary button for actions on a list row (edit, hide, cancel).
pub const SMALL_BUTTON: &str = "inline-flex items-center rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-indigo-400 disabled:opacity-60";
/// A compact button that confirms a delete.
pub const SMALL_DANGER_SOLID: &str = "inline-flex items-center rounded-md bg-red-600 px-2 py-1 text-xs font-semibold text-white hover:bg-red-700 focus:outline-none focus:ring-2 focus:ring-red-400 disabled:opacity-60";
/// A compact button that asks before a delete.
pub const SMALL_DANGER: &str = "inline-flex items-center rounded-md border border-red-300 bg-white px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 focus:outline-none focus:ring-2 focus:ring-red-400 disabled:opacity-60";
