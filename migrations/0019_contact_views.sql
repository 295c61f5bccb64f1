-- 0019_contact_views: a company or customer spends one CONTACT_VIEWS credit to see a
-- professional's phone and e-mail (user_role_profiles.phone / email); the reveal is
-- kept so the same viewer sees the same profile's details again for free, and the
-- professional sees who viewed (issue 13).

-- ---------------------------------------------------------------------------
-- contact_reveals: one per (viewer, profile), with the credit it cost
-- ---------------------------------------------------------------------------
CREATE TABLE contact_reveals (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    viewer_user_id       UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    package_credit_id    UUID REFERENCES package_credits(id) ON DELETE SET NULL,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT contact_reveals_viewer_profile_key UNIQUE (viewer_user_id, user_role_profile_id)
);
CREATE INDEX contact_reveals_profile_idx ON contact_reveals (user_role_profile_id, created_at DESC);
CREATE INDEX contact_reveals_package_credit_id_idx ON contact_reveals (package_credit_id);

-- ---------------------------------------------------------------------------
-- The professional hears of each view.
-- ---------------------------------------------------------------------------
INSERT INTO notification_templates (template_key, channel, title_template, body_template) VALUES
('contact_viewed', 'EMAIL', '{{viewer}} viewed your contact details',
$body$Hi {{name}},

{{viewer}} unlocked the phone number and e-mail address on your
{{profile}} profile, so they may get in touch directly.

Everyone who viewed your contact details:

{{link}}

The Nxtgauge team
$body$);
