-- 0011_seed_reference_data: departments, roles, permissions, role grants,
-- email templates, runtime configuration, taxes, pricing packages and
-- knowledge-base categories. Keys are fixed and readable; the application
-- looks rows up by key, never by id.

-- ---------------------------------------------------------------------------
-- departments
-- ---------------------------------------------------------------------------
INSERT INTO departments (code, name, description, visibility) VALUES
    ('OPERATIONS',   'Operations',            'Marketplace operations, content moderation and platform administration.', 'INTERNAL'),
    ('VERIFICATION', 'Trust & Verification',  'Identity, business and document verification; trust and safety.',          'INTERNAL'),
    ('SUPPORT',      'Customer Support',      'Support tickets, help centre and customer communication.',                  'INTERNAL'),
    ('FINANCE',      'Finance',               'Payments, invoices, pricing, coupons, taxes and tracecoin wallets.',       'INTERNAL');

-- ---------------------------------------------------------------------------
-- roles
-- ---------------------------------------------------------------------------
-- Professional roles (keys are also user_role_profiles.role_key and
-- leads.profession_key).
INSERT INTO roles (key, name, audience, description) VALUES
    ('photographer',         'Photographer',         'EXTERNAL', 'Event, portrait, product and wedding photography.'),
    ('tutor',                'Tutor',                'EXTERNAL', 'Academic and skill tutoring, online or in person.'),
    ('makeup_artist',        'Makeup Artist',        'EXTERNAL', 'Bridal, party and professional makeup services.'),
    ('developer',            'Developer',            'EXTERNAL', 'Software, web and mobile development.'),
    ('video_editor',         'Video Editor',         'EXTERNAL', 'Video editing, post-production and reels.'),
    ('graphic_designer',     'Graphic Designer',     'EXTERNAL', 'Branding, print and digital design.'),
    ('social_media_manager', 'Social Media Manager', 'EXTERNAL', 'Social media strategy, content and growth.'),
    ('fitness_trainer',      'Fitness Trainer',      'EXTERNAL', 'Personal training, online or at home or gym.'),
    ('catering_service',     'Catering Service',     'EXTERNAL', 'Catering for events and gatherings.'),
    ('ugc_content_creator',  'UGC Content Creator',  'EXTERNAL', 'User-generated content for brands.');

-- Other external account roles.
INSERT INTO roles (key, name, audience, description) VALUES
    ('COMPANY',   'Company',   'EXTERNAL', 'A business that posts jobs and hires professionals.'),
    ('CUSTOMER',  'Customer',  'EXTERNAL', 'An individual who posts leads and books services.'),
    ('CANDIDATE', 'Candidate', 'EXTERNAL', 'A job seeker who applies to jobs.');

-- Internal staff roles.
INSERT INTO roles (key, name, audience, description, department_id,
                   can_approve_requests, can_manage_system_settings) VALUES
    ('SUPER_ADMIN',   'Super Admin',   'INTERNAL', 'Full access, including staff, roles and payment gateways.',
        NULL, true, true),
    ('ADMIN',         'Admin',         'INTERNAL', 'Platform administration without staff, role or gateway management.',
        (SELECT id FROM departments WHERE code = 'OPERATIONS'), true, true),
    ('VERIFIER',      'Verifier',      'INTERNAL', 'Reviews verification requests and documents; approves profiles.',
        (SELECT id FROM departments WHERE code = 'VERIFICATION'), true, false),
    ('MODERATOR',     'Moderator',     'INTERNAL', 'Moderates content, leads, jobs, reviews and profiles.',
        (SELECT id FROM departments WHERE code = 'VERIFICATION'), true, false),
    ('SUPPORT_AGENT', 'Support Agent', 'INTERNAL', 'Handles support tickets and maintains the knowledge base.',
        (SELECT id FROM departments WHERE code = 'SUPPORT'), false, false),
    ('FINANCE',       'Finance',       'INTERNAL', 'Finance reporting, pricing, coupons, taxes and wallet bonuses.',
        (SELECT id FROM departments WHERE code = 'FINANCE'), false, false);

-- ---------------------------------------------------------------------------
-- permissions ('domain.action')
-- ---------------------------------------------------------------------------
INSERT INTO permissions (key, name, description) VALUES
    ('users.view',                  'View users',                  'See user accounts and their roles.'),
    ('users.manage',                'Manage users',                'Suspend, reactivate and edit user accounts.'),
    ('staff.manage',                'Manage staff',                'Create and edit employees, departments and designations.'),
    ('roles.manage',                'Manage roles',                'Create roles and change role permissions.'),
    ('profiles.approve',            'Approve profiles',            'Approve or reject professional and company profiles.'),
    ('verification.review',         'Review verifications',        'Approve or reject verification requests.'),
    ('verification.documents.view', 'View verification documents', 'Open identity and business documents.'),
    ('content.moderate',            'Moderate content',            'Hide or edit user-generated content.'),
    ('leads.approve',               'Approve leads',               'Approve or reject leads before they go live.'),
    ('leads.flag',                  'Flag leads',                  'Flag suspicious or abusive leads.'),
    ('jobs.approve',                'Approve jobs',                'Approve or reject job postings.'),
    ('reviews.moderate',            'Moderate reviews',            'Publish or hide reviews.'),
    ('support.view',                'View support tickets',        'Read support tickets and their messages.'),
    ('support.manage',              'Manage support tickets',      'Reply to, assign and close support tickets.'),
    ('kb.manage',                   'Manage knowledge base',       'Write, review and publish help articles.'),
    ('wallet.grant_bonus',          'Grant tracecoin bonus',       'Credit bonus tracecoins to a wallet.'),
    ('finance.view',                'View finance',                'See orders, invoices, payments and wallets.'),
    ('pricing.manage',              'Manage pricing',              'Create and edit pricing packages.'),
    ('coupons.manage',              'Manage coupons',              'Create and edit coupons and discount rules.'),
    ('taxes.manage',                'Manage taxes',                'Edit tax rules.'),
    ('gateways.manage',             'Manage payment gateways',     'Configure payment gateway credentials.'),
    ('templates.manage',            'Manage templates',            'Edit notification templates and SMTP settings.'),
    ('config.manage',               'Manage configuration',        'Edit runtime configuration values.'),
    ('audit.view',                  'View audit log',              'Read the audit log.'),
    ('dashboards.manage',           'Manage dashboards',           'Configure dashboards and widgets.');

-- ---------------------------------------------------------------------------
-- role_permissions (external roles get no staff permissions)
-- ---------------------------------------------------------------------------
-- SUPER_ADMIN: everything.
INSERT INTO role_permissions (role_id, permission_key)
SELECT r.id, p.key FROM roles r CROSS JOIN permissions p
WHERE r.key = 'SUPER_ADMIN';

-- ADMIN: everything except staff, roles and gateways.
INSERT INTO role_permissions (role_id, permission_key)
SELECT r.id, p.key FROM roles r CROSS JOIN permissions p
WHERE r.key = 'ADMIN'
  AND p.key NOT IN ('staff.manage', 'roles.manage', 'gateways.manage');

INSERT INTO role_permissions (role_id, permission_key)
SELECT r.id, g.permission_key
FROM (VALUES
    ('VERIFIER',      'profiles.approve'),
    ('VERIFIER',      'verification.review'),
    ('VERIFIER',      'verification.documents.view'),
    ('VERIFIER',      'users.view'),
    ('MODERATOR',     'content.moderate'),
    ('MODERATOR',     'leads.approve'),
    ('MODERATOR',     'leads.flag'),
    ('MODERATOR',     'jobs.approve'),
    ('MODERATOR',     'reviews.moderate'),
    ('MODERATOR',     'profiles.approve'),
    ('SUPPORT_AGENT', 'support.view'),
    ('SUPPORT_AGENT', 'support.manage'),
    ('SUPPORT_AGENT', 'users.view'),
    ('SUPPORT_AGENT', 'kb.manage'),
    ('FINANCE',       'finance.view'),
    ('FINANCE',       'wallet.grant_bonus'),
    ('FINANCE',       'pricing.manage'),
    ('FINANCE',       'coupons.manage'),
    ('FINANCE',       'taxes.manage')
) AS g(role_key, permission_key)
JOIN roles r ON r.key = g.role_key;

-- ---------------------------------------------------------------------------
-- notification_templates (plain text, {{placeholder}} syntax, lines under
-- 70 characters, links on their own line)
-- ---------------------------------------------------------------------------
INSERT INTO notification_templates (template_key, channel, title_template, body_template) VALUES
('email_verification', 'EMAIL', 'Confirm your email for Nxtgauge',
$body$Hi {{name}},

Welcome to Nxtgauge! Please confirm your email address by
opening the link below:

{{link}}

If you did not create a Nxtgauge account, you can ignore
this email.

The Nxtgauge team
$body$),
('password_reset', 'EMAIL', 'Reset your Nxtgauge password',
$body$Hi {{name}},

We received a request to reset your Nxtgauge password.
Open the link below to choose a new password:

{{link}}

The link expires in {{minutes}} minutes and can be used once.
If you did not ask for a reset, you can ignore this email;
your password stays the same.

The Nxtgauge team
$body$),
('password_changed', 'EMAIL', 'Your Nxtgauge password was changed',
$body$Hi {{name}},

The password for your Nxtgauge account was just changed.

If you made this change, no action is needed.
If you did not, reset your password right away and contact
Nxtgauge support.

The Nxtgauge team
$body$),
('login_locked', 'EMAIL', 'Your Nxtgauge account is temporarily locked',
$body$Hi {{name}},

After several failed sign-in attempts, we locked sign-in to
your Nxtgauge account for {{minutes}} minutes.

If this was you, wait and try again later. If it was not,
reset your password once the lock has expired.

The Nxtgauge team
$body$);

-- ---------------------------------------------------------------------------
-- runtime_configs (values are JSON numbers)
-- ---------------------------------------------------------------------------
INSERT INTO runtime_configs (config_group, config_key, config_value_json, description) VALUES
    ('auth',  'session_idle_minutes',   '720', 'Sign a session out after this many minutes without activity.'),
    ('auth',  'session_absolute_hours', '720', 'Maximum session lifetime in hours (30 days).'),
    ('auth',  'lockout_threshold',      '5',   'Failed sign-in attempts before the account is locked.'),
    ('auth',  'lockout_base_minutes',   '15',  'Length of the first lockout in minutes.'),
    ('auth',  'email_token_hours',      '48',  'Email verification links stay valid this many hours.'),
    ('auth',  'reset_token_minutes',    '60',  'Password reset links stay valid this many minutes.'),
    ('leads', 'max_responses_per_lead', '5',   'Maximum professional responses accepted per lead.');

-- ---------------------------------------------------------------------------
-- tax_rules
-- ---------------------------------------------------------------------------
INSERT INTO tax_rules (name, tax_type, tax_rate, applies_to) VALUES
    ('GST 18%', 'GST', 18.00, 'SERVICES'),
    ('TCS 1%',  'TCS',  1.00, 'MARKETPLACE');

-- ---------------------------------------------------------------------------
-- pricing_packages (price_inr in paise; validity_days NULL = no expiry)
-- ---------------------------------------------------------------------------
INSERT INTO pricing_packages (name, description, package_type, price_inr,
                              tracecoins_included, validity_days) VALUES
    ('Starter',  '100 tracecoins to respond to leads.',       'TRACECOIN_BUNDLE',  49900,  100, NULL),
    ('Pro',      '500 tracecoins for active professionals.',  'TRACECOIN_BUNDLE', 199900,  500, NULL),
    ('Business', '1,500 tracecoins for busy teams.',          'TRACECOIN_BUNDLE', 499900, 1500, NULL),
    ('Single Job Post', 'One job posting, live for 30 days.',      'JOB_POSTING',  99900, 0, 30),
    ('Job Post Pack',   'Five job postings, usable within 90 days.', 'JOB_POSTING', 399900, 0, 90);

-- ---------------------------------------------------------------------------
-- kb_categories
-- ---------------------------------------------------------------------------
INSERT INTO kb_categories (name, slug, description, display_order) VALUES
    ('Getting started',       'getting-started',        'Create your account and find your way around Nxtgauge.', 1),
    ('Payments & tracecoins', 'payments-and-tracecoins', 'Buying packages, tracecoins, invoices and refunds.',     2),
    ('For professionals',     'for-professionals',      'Profiles, verification, portfolios, services and leads.', 3),
    ('For companies',         'for-companies',          'Company profiles, job postings and hiring.',            4),
    ('Account & security',    'account-and-security',   'Sign-in, passwords, two-factor authentication and privacy.', 5);
