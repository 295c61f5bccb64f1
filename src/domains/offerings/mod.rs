//! Services a professional offers (the `services` table), shown on the public profile.
pub mod pages;
