//! The role catalogue both targets share: who a person can be on Nxtgauge (`RoleInfo`),
//! and `RoleSpec`, the one description of each professional role. It drives the profile
//! form, validation (browser and server), the public page, search facets, verification
//! documents and the demo seeder. Adding a field is a migration plus one line in `specs`.
//!
//! It lives in `core` because every layer reads it (identity's sign-up, approvals,
//! search, profiles, leads, jobs) and it depends on nothing but `core`.
mod cities;
mod fields;
mod specs;
#[cfg(test)]
mod tests;

pub use cities::{parse_city, CITIES};
pub use fields::*;
pub use specs::{role_label, role_spec, COMMON_DOCUMENTS, ROLE_SPECS};

/// A role a person can take on Nxtgauge when they register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleInfo {
    pub key: &'static str,
    pub label: &'static str,
    pub professional: bool,
}

const fn pro(key: &'static str, label: &'static str) -> RoleInfo {
    RoleInfo {
        key,
        label,
        professional: true,
    }
}

/// The ten professional roles (keys match `roles.key` and `user_role_profiles.role_key`).
pub const PROFESSIONAL_ROLES: [RoleInfo; 10] = [
    pro("photographer", "Photographer"),
    pro("tutor", "Tutor"),
    pro("makeup_artist", "Makeup Artist"),
    pro("developer", "Developer"),
    pro("video_editor", "Video Editor"),
    pro("graphic_designer", "Graphic Designer"),
    pro("social_media_manager", "Social Media Manager"),
    pro("fitness_trainer", "Fitness Trainer"),
    pro("catering_service", "Catering Service"),
    pro("ugc_content_creator", "UGC Content Creator"),
];

pub const CUSTOMER: RoleInfo = RoleInfo {
    key: "CUSTOMER",
    label: "Customer — I want to hire",
    professional: false,
};
pub const CANDIDATE: RoleInfo = RoleInfo {
    key: "CANDIDATE",
    label: "Candidate — I am looking for a job",
    professional: false,
};
pub const COMPANY: RoleInfo = RoleInfo {
    key: "COMPANY",
    label: "Company — we post jobs and hire",
    professional: false,
};

/// Every role a person can choose at sign-up, in the order the form shows them.
pub fn signup_roles() -> impl Iterator<Item = RoleInfo> {
    [CUSTOMER, CANDIDATE, COMPANY]
        .into_iter()
        .chain(PROFESSIONAL_ROLES)
}

pub fn signup_role(key: &str) -> Option<RoleInfo> {
    signup_roles().find(|r| r.key == key)
}

#[cfg(test)]
mod role_tests {
    use super::*;

    #[test]
    fn there_are_ten_professional_roles_with_unique_keys() {
        let mut keys: Vec<_> = PROFESSIONAL_ROLES.iter().map(|r| r.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), 10);
        assert_eq!(signup_roles().count(), 13);
        assert!(signup_role("photographer").is_some_and(|r| r.professional));
        assert!(signup_role("SUPER_ADMIN").is_none());
    }
}
