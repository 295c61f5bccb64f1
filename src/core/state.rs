//! Typed states. Every state machine's states are one enum, declared with [`states!`]:
//! stored as TEXT in SCREAMING_SNAKE_CASE (the column's `CHECK` lists the same words),
//! read and bound by sqlx (`sqlx::Type`, server only), sent to the browser by serde as
//! the same word. So a state is never a string literal in Rust outside SQL and tests:
//! `job.status == JobStatus::Live`, not `job.status == "LIVE"`.

/// Declares a state enum: each variant with the word stored for it.
///
/// ```ignore
/// states! {
///     /// A job's life (`jobs.status`).
///     pub enum JobStatus { Draft = "DRAFT", Pending = "PENDING", Live = "LIVE", Closed = "CLOSED" }
/// }
/// ```
///
/// Gives `ALL`, `as_str`, `parse`, `Display`, serde and (server) `sqlx::Type` as TEXT.
#[macro_export]
macro_rules! states {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type))]
        #[cfg_attr(feature = "ssr", sqlx(type_name = "text"))]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $word)]
                #[cfg_attr(feature = "ssr", sqlx(rename = $word))]
                $variant
            ),+
        }

        impl $name {
            /// Every state, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The word stored for this state.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $word),+
                }
            }

            /// The state stored as `word`, if it is one.
            pub fn parse(word: &str) -> Option<Self> {
                match word {
                    $($word => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// How a state reads on a status badge: its stored word (for `data-status`), its label
/// and its tone (`green`, `amber`, `red`, `indigo`, `slate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub word: &'static str,
    pub label: &'static str,
    pub tone: &'static str,
}

states! {
    /// A profile's standing, shared by `user_role_profiles`, `customer_profiles`,
    /// `company_profiles` and `candidate_profiles`: DRAFT until first complete, ACTIVE,
    /// or SUSPENDED by staff.
    pub enum ProfileStatus {
        Draft = "DRAFT",
        Active = "ACTIVE",
        Suspended = "SUSPENDED",
    }
}

states! {
    /// A staff decision on something submitted: approval requests, role grants
    /// (`user_roles`), the `approval_status` of professional and company profiles,
    /// verification requests and their documents.
    pub enum ApprovalStatus {
        Pending = "PENDING",
        Approved = "APPROVED",
        Rejected = "REJECTED",
    }
}

states! {
    /// Whether a profile's identity and credentials were checked
    /// (`verification_status` of professional and company profiles).
    pub enum VerificationStatus {
        Pending = "PENDING",
        Verified = "VERIFIED",
        Rejected = "REJECTED",
    }
}

states! {
    /// A professional's response to a lead (`lead_requests.status`): PENDING until the
    /// customer accepts it (contact details shared) or declines it. Shared: messaging
    /// reads it to decide what a lead conversation reveals.
    pub enum ResponseStatus {
        Pending = "PENDING",
        Accepted = "ACCEPTED",
        Rejected = "REJECTED",
    }
}

impl ProfileStatus {
    pub const fn look(self) -> Look {
        match self {
            Self::Draft => look("DRAFT", "Draft", "slate"),
            Self::Active => look("ACTIVE", "Active", "green"),
            Self::Suspended => look("SUSPENDED", "Suspended", "red"),
        }
    }
}

impl ApprovalStatus {
    pub const fn look(self) -> Look {
        match self {
            Self::Pending => look("PENDING", "Pending", "amber"),
            Self::Approved => look("APPROVED", "Approved", "green"),
            Self::Rejected => look("REJECTED", "Rejected", "red"),
        }
    }
}

impl VerificationStatus {
    pub const fn look(self) -> Look {
        match self {
            Self::Pending => look("PENDING", "Pending", "amber"),
            Self::Verified => look("VERIFIED", "✓ Verified", "green"),
            Self::Rejected => look("REJECTED", "Rejected", "red"),
        }
    }
}

const fn look(word: &'static str, label: &'static str, tone: &'static str) -> Look {
    Look { word, label, tone }
}

impl From<ProfileStatus> for Look {
    fn from(s: ProfileStatus) -> Self {
        s.look()
    }
}

impl From<ApprovalStatus> for Look {
    fn from(s: ApprovalStatus) -> Self {
        s.look()
    }
}

impl From<VerificationStatus> for Look {
    fn from(s: VerificationStatus) -> Self {
        s.look()
    }
}

#[cfg(test)]
mod tests {
    crate::states! {
        /// A test machine.
        pub enum Light { Red = "RED", AmberFlashing = "AMBER_FLASHING" }
    }

    #[test]
    fn looks_carry_the_stored_word() {
        use super::{ApprovalStatus, ProfileStatus, VerificationStatus};
        for s in ProfileStatus::ALL {
            assert_eq!(s.look().word, s.as_str());
        }
        for s in ApprovalStatus::ALL {
            assert_eq!(s.look().word, s.as_str());
        }
        for s in VerificationStatus::ALL {
            assert_eq!(s.look().word, s.as_str());
        }
    }

    #[test]
    fn states_round_trip_as_their_words() {
        assert_eq!(Light::AmberFlashing.as_str(), "AMBER_FLASHING");
        assert_eq!(Light::parse("RED"), Some(Light::Red));
        assert_eq!(Light::parse("red"), None);
        assert_eq!(Light::ALL.len(), 2);
        assert_eq!(
            serde_json::to_string(&Light::AmberFlashing).unwrap_or_default(),
            "\"AMBER_FLASHING\""
        );
        assert_eq!(Light::Red.to_string(), "RED");
    }
}
