//! A professional's contact details on their public page: hidden behind a contact view
//! (one CONTACT_VIEWS credit) for everyone but the owner. Shared by the browser and the
//! server; the reveal itself is `reveal.rs`.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a viewer who unlocked them sees: the profile's phone and e-mail (the account's
/// e-mail when the profile gives none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDetails {
    /// `+919876543210`, when the professional gave one.
    pub phone: Option<String>,
    pub email: String,
}

/// The contact panel of a public profile, for this viewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactPanel {
    /// Nobody is signed in.
    SignIn,
    /// The owner: what a viewer will see, and how many have.
    Owner {
        details: ContactDetails,
        viewers: i64,
    },
    /// Signed in, not unlocked yet: how many contact views they hold.
    Locked { credits: i64 },
    /// Unlocked by this viewer (once; later visits are free).
    Shown {
        details: ContactDetails,
        since: DateTime<Utc>,
    },
}

/// One person who unlocked a professional's contact details, for the professional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactViewer {
    /// Their company's or their own display name.
    pub name: String,
    /// "Company" or "Customer".
    pub kind: String,
    pub at: DateTime<Utc>,
}

/// What `?contact=` on a profile's address says after a reveal was refused.
pub fn refusal_message(code: &str) -> Option<&'static str> {
    match code {
        "none" => Some("You have no contact views left. Buy a pack to see this professional's phone and e-mail."),
        "failed" => Some("We could not show the contact details just now. Please try again."),
        _ => None,
    }
}
