//! The capability catalogue: every permission key the code checks, in one place.
//!
//! Authorization asks "may this person do X?" by capability, never by role name
//! (`CurrentUser::can(capability::REVIEW_VERIFICATIONS)`). Roles get capabilities through
//! `role_permissions`; the keys themselves are seeded into `permissions` by migration
//! 0011, and a test holds this list and that table equal, so a misspelt key cannot
//! silently refuse everyone.
//!
//! A `Capability` can only be one of the constants below: code cannot invent a key.

/// One permission key (`domain.action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Capability(&'static str);

impl Capability {
    pub const fn key(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Display for Capability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

macro_rules! capabilities {
    ($($(#[$doc:meta])* $name:ident = $key:literal;)+) => {
        $($(#[$doc])* pub const $name: Capability = Capability($key);)+
        /// Every capability, in catalogue order.
        pub const ALL: &[Capability] = &[$($name),+];
    };
}

capabilities! {
    /// See user accounts, their roles and their résumés.
    VIEW_USERS = "users.view";
    /// Suspend, reactivate and edit user accounts.
    MANAGE_USERS = "users.manage";
    /// Create and edit employees, departments and designations.
    MANAGE_STAFF = "staff.manage";
    /// Create roles and change role permissions.
    MANAGE_ROLES = "roles.manage";
    /// Approve or reject professional and company profiles.
    APPROVE_PROFILES = "profiles.approve";
    /// Approve or reject verification requests.
    REVIEW_VERIFICATIONS = "verification.review";
    /// Open identity and business documents.
    VIEW_VERIFICATION_DOCUMENTS = "verification.documents.view";
    /// Hide or edit user-generated content.
    MODERATE_CONTENT = "content.moderate";
    /// Approve or reject leads before they go live.
    APPROVE_LEADS = "leads.approve";
    /// Flag suspicious or abusive leads.
    FLAG_LEADS = "leads.flag";
    /// Approve or reject job postings.
    APPROVE_JOBS = "jobs.approve";
    /// Publish or hide reviews.
    MODERATE_REVIEWS = "reviews.moderate";
    /// Read support tickets and their messages.
    VIEW_SUPPORT = "support.view";
    /// Reply to, assign and close support tickets.
    MANAGE_SUPPORT = "support.manage";
    /// Write, review and publish help articles.
    MANAGE_KB = "kb.manage";
    /// Credit bonus tracecoins to a wallet.
    GRANT_BONUS = "wallet.grant_bonus";
    /// See orders, invoices, payments and wallets.
    VIEW_FINANCE = "finance.view";
    /// Refund a captured payment through its gateway and issue a credit note.
    REFUND_PAYMENTS = "payments.refund";
    /// Create and edit pricing packages.
    MANAGE_PRICING = "pricing.manage";
    /// Create and edit coupons and discount rules.
    MANAGE_COUPONS = "coupons.manage";
    /// Edit tax rules.
    MANAGE_TAXES = "taxes.manage";
    /// Configure payment gateway credentials.
    MANAGE_GATEWAYS = "gateways.manage";
    /// Edit notification templates and SMTP settings.
    MANAGE_TEMPLATES = "templates.manage";
    /// Edit runtime configuration values.
    MANAGE_CONFIG = "config.manage";
    /// Read the audit log.
    VIEW_AUDIT = "audit.view";
    /// Configure dashboards and widgets.
    MANAGE_DASHBOARDS = "dashboards.manage";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_domain_dot_action() {
        let mut keys: Vec<&str> = ALL.iter().map(|c| c.key()).collect();
        assert!(keys.iter().all(|k| k.contains('.')
            && k.chars()
                .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')));
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ALL.len());
    }
}
