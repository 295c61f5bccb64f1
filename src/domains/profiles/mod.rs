//! Professional roles and profiles. The role list is data: adding a role is one
//! migration plus one entry here.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(all(test, feature = "ssr"))]
#[path = "tests.rs"]
mod service_tests;
pub mod spec;

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
mod tests {
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
