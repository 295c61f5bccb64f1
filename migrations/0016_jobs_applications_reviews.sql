-- 0016_jobs_applications_reviews: what the job board, the applications pipeline and
-- reviews keep beyond the spec's columns.

-- ---------------------------------------------------------------------------
-- company_profiles: a readable address for the public company page.
-- ---------------------------------------------------------------------------
ALTER TABLE company_profiles ADD COLUMN slug TEXT;
UPDATE company_profiles SET slug = 'company-' || replace(id::text, '-', '');
ALTER TABLE company_profiles ALTER COLUMN slug SET NOT NULL;
-- The service sets a slug from the company's name; this default only keeps a row
-- written by other means addressable.
ALTER TABLE company_profiles ALTER COLUMN slug
    SET DEFAULT 'company-' || replace(gen_random_uuid()::text, '-', '');
ALTER TABLE company_profiles ADD CONSTRAINT company_profiles_slug_key UNIQUE (slug);
ALTER TABLE company_profiles ADD CONSTRAINT company_profiles_slug_check
    CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100);

-- ---------------------------------------------------------------------------
-- pricing_packages: how many postings (JOB_POSTING) or contact views a package gives.
-- package_credits: what a user holds of a bought or granted package.
-- ---------------------------------------------------------------------------
ALTER TABLE pricing_packages
    ADD COLUMN credits_included INTEGER NOT NULL DEFAULT 0,
    ADD CONSTRAINT pricing_packages_credits_included_check CHECK (credits_included >= 0);
UPDATE pricing_packages SET credits_included = 1 WHERE package_type = 'JOB_POSTING' AND name = 'Single Job Post';
UPDATE pricing_packages SET credits_included = 5 WHERE package_type = 'JOB_POSTING' AND name = 'Job Post Pack';

CREATE TABLE package_credits (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id            UUID NOT NULL REFERENCES users(id),
    pricing_package_id UUID NOT NULL REFERENCES pricing_packages(id),
    package_type       TEXT NOT NULL,
    credits_total      INTEGER NOT NULL,
    credits_used       INTEGER NOT NULL DEFAULT 0,
    -- NULL: never expires
    expires_at         TIMESTAMPTZ,
    -- PURCHASE (an order) or GRANT (staff)
    source             TEXT NOT NULL,
    order_id           UUID REFERENCES orders(id),
    granted_by_user_id UUID REFERENCES users(id),
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT package_credits_package_type_check
        CHECK (package_type IN ('JOB_POSTING','CONTACT_VIEWS','TRACECOIN_BUNDLE')),
    CONSTRAINT package_credits_source_check CHECK (source IN ('PURCHASE','GRANT')),
    CONSTRAINT package_credits_total_check CHECK (credits_total > 0),
    CONSTRAINT package_credits_used_check CHECK (credits_used BETWEEN 0 AND credits_total)
);
CREATE INDEX package_credits_user_type_idx ON package_credits (user_id, package_type, expires_at);
CREATE INDEX package_credits_pricing_package_id_idx ON package_credits (pricing_package_id);
CREATE INDEX package_credits_order_id_idx ON package_credits (order_id);
CREATE INDEX package_credits_granted_by_user_id_idx ON package_credits (granted_by_user_id);
CREATE TRIGGER trg_package_credits_updated_at BEFORE UPDATE ON package_credits
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- jobs: pay, what posting cost and how it was paid (and refunded), review remarks,
-- when a LIVE job stops (expires_at, the ghost-job control) and why it closed.
-- salary_range_json is {"min": paise, "max": paise} a month; budget_inr (paise) is a
-- contract's total. pay_max_inr is what the board's "pays at least" filter compares.
-- ---------------------------------------------------------------------------
ALTER TABLE jobs
    ADD COLUMN pay_max_inr       BIGINT GENERATED ALWAYS AS
        (coalesce(budget_inr::bigint, (salary_range_json->>'max')::bigint)) STORED,
    ADD COLUMN paid_with         TEXT,
    ADD COLUMN price_tracecoins  INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN package_credit_id UUID REFERENCES package_credits(id),
    ADD COLUMN submitted_at      TIMESTAMPTZ,
    ADD COLUMN refunded_at       TIMESTAMPTZ,
    ADD COLUMN review_remarks    TEXT,
    ADD COLUMN expires_at        TIMESTAMPTZ,
    ADD COLUMN closed_at         TIMESTAMPTZ,
    ADD COLUMN close_reason      TEXT,
    ADD CONSTRAINT jobs_paid_with_check CHECK (paid_with IN ('CREDIT','TRACECOINS')),
    ADD CONSTRAINT jobs_price_tracecoins_check CHECK (price_tracecoins >= 0),
    ADD CONSTRAINT jobs_paid_credit_check
        CHECK ((paid_with = 'CREDIT') = (package_credit_id IS NOT NULL)),
    ADD CONSTRAINT jobs_close_reason_check CHECK (close_reason IN ('CLOSED','EXPIRED')),
    ADD CONSTRAINT jobs_closed_has_reason_check
        CHECK ((status = 'CLOSED') = (close_reason IS NOT NULL AND closed_at IS NOT NULL)),
    ADD CONSTRAINT jobs_live_has_expiry_check
        CHECK (status <> 'LIVE' OR (expires_at IS NOT NULL AND approved_at IS NOT NULL)),
    ADD CONSTRAINT jobs_pending_is_paid_check
        CHECK (status <> 'PENDING' OR paid_with IS NOT NULL);
-- The board: LIVE jobs, newest first, with keyset pages.
CREATE INDEX jobs_live_board_idx ON jobs (approved_at DESC, id DESC) WHERE status = 'LIVE';
CREATE INDEX jobs_live_pay_idx ON jobs (pay_max_inr) WHERE status = 'LIVE';
CREATE INDEX jobs_live_location_trgm_idx ON jobs USING gin (location gin_trgm_ops) WHERE status = 'LIVE';
-- The expiry sweep.
CREATE INDEX jobs_live_expires_at_idx ON jobs (expires_at) WHERE status = 'LIVE';
CREATE INDEX jobs_package_credit_id_idx ON jobs (package_credit_id);

-- ---------------------------------------------------------------------------
-- job_applications: the candidate profile and résumé applied with, when the status
-- last changed, and the conversation the company opened. job_application_events is
-- the history a candidate sees (APPLIED first, then every move).
-- ---------------------------------------------------------------------------
ALTER TABLE job_applications
    ADD COLUMN candidate_profile_id UUID REFERENCES candidate_profiles(id) ON DELETE SET NULL,
    ADD COLUMN resume_file_url      TEXT,
    ADD COLUMN status_changed_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN conversation_id      UUID REFERENCES conversations(id) ON DELETE SET NULL;
-- The pipeline board of one job, by column.
CREATE INDEX job_applications_job_status_idx ON job_applications (job_id, status, applied_at);
CREATE INDEX job_applications_candidate_profile_id_idx ON job_applications (candidate_profile_id);
CREATE INDEX job_applications_conversation_id_idx ON job_applications (conversation_id);

CREATE TABLE job_application_events (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    job_application_id UUID NOT NULL REFERENCES job_applications(id) ON DELETE CASCADE,
    from_status        TEXT,
    to_status          TEXT NOT NULL,
    actor_user_id      UUID REFERENCES users(id) ON DELETE SET NULL,
    note               TEXT,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT job_application_events_to_status_check
        CHECK (to_status IN ('APPLIED','SHORTLISTED','INTERVIEW','OFFERED','REJECTED')),
    CONSTRAINT job_application_events_from_status_check
        CHECK (from_status IN ('APPLIED','SHORTLISTED','INTERVIEW','OFFERED','REJECTED'))
);
CREATE INDEX job_application_events_application_idx
    ON job_application_events (job_application_id, created_at);
CREATE INDEX job_application_events_actor_user_id_idx ON job_application_events (actor_user_id);

-- ---------------------------------------------------------------------------
-- reviews: one per reviewer and entity; the interaction that allowed it; the
-- moderator's decision and reason; the reviewed party's one reply.
-- ---------------------------------------------------------------------------
ALTER TABLE reviews
    ADD COLUMN basis_type           TEXT,
    ADD COLUMN basis_id             UUID,
    ADD COLUMN moderation_reason    TEXT,
    ADD COLUMN moderated_by_user_id UUID REFERENCES users(id) ON DELETE SET NULL,
    ADD COLUMN moderated_at         TIMESTAMPTZ,
    ADD COLUMN reply_text           TEXT,
    ADD COLUMN replied_at           TIMESTAMPTZ,
    ADD COLUMN replied_by_user_id   UUID REFERENCES users(id) ON DELETE SET NULL,
    ADD CONSTRAINT reviews_reviewer_entity_key UNIQUE (reviewer_user_id, entity_type, entity_id),
    ADD CONSTRAINT reviews_basis_type_check CHECK (basis_type IN ('LEAD_REQUEST','JOB_APPLICATION')),
    ADD CONSTRAINT reviews_reply_check CHECK ((reply_text IS NULL) = (replied_at IS NULL)),
    ADD CONSTRAINT reviews_moderated_check
        CHECK (status = 'PENDING' OR moderated_at IS NOT NULL);
-- The moderation queue, oldest first.
CREATE INDEX reviews_pending_idx ON reviews (created_at) WHERE status = 'PENDING';
-- A public page's published reviews, newest first.
CREATE INDEX reviews_entity_published_idx ON reviews (entity_type, entity_id, created_at DESC)
    WHERE status = 'PUBLISHED';
CREATE INDEX reviews_moderated_by_user_id_idx ON reviews (moderated_by_user_id);
CREATE INDEX reviews_replied_by_user_id_idx ON reviews (replied_by_user_id);

CREATE TABLE review_reports (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    review_id            UUID NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    reporter_user_id     UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reason               TEXT NOT NULL,
    details              TEXT,
    status               TEXT NOT NULL DEFAULT 'OPEN',
    resolved_by_user_id  UUID REFERENCES users(id) ON DELETE SET NULL,
    resolved_at          TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT review_reports_review_reporter_key UNIQUE (review_id, reporter_user_id),
    CONSTRAINT review_reports_reason_check
        CHECK (reason IN ('SPAM','OFFENSIVE','FAKE','CONFLICT_OF_INTEREST','PRIVATE_INFO','OTHER')),
    CONSTRAINT review_reports_status_check CHECK (status IN ('OPEN','RESOLVED')),
    CONSTRAINT review_reports_resolved_check
        CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL))
);
CREATE INDEX review_reports_open_idx ON review_reports (review_id) WHERE status = 'OPEN';
CREATE INDEX review_reports_reporter_user_id_idx ON review_reports (reporter_user_id);
CREATE INDEX review_reports_resolved_by_user_id_idx ON review_reports (resolved_by_user_id);

-- Published reviews per entity: the count, the sum and each star's count, kept in the
-- transaction that publishes or hides a review, so a public page reads one row.
CREATE TABLE review_stats (
    entity_type  TEXT NOT NULL,
    entity_id    UUID NOT NULL,
    review_count INTEGER NOT NULL DEFAULT 0 CHECK (review_count >= 0),
    rating_sum   INTEGER NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
    stars_1      INTEGER NOT NULL DEFAULT 0 CHECK (stars_1 >= 0),
    stars_2      INTEGER NOT NULL DEFAULT 0 CHECK (stars_2 >= 0),
    stars_3      INTEGER NOT NULL DEFAULT 0 CHECK (stars_3 >= 0),
    stars_4      INTEGER NOT NULL DEFAULT 0 CHECK (stars_4 >= 0),
    stars_5      INTEGER NOT NULL DEFAULT 0 CHECK (stars_5 >= 0),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (entity_type, entity_id),
    CONSTRAINT review_stats_entity_type_check CHECK (entity_type IN ('professional','company')),
    CONSTRAINT review_stats_consistent_check
        CHECK (review_count = stars_1 + stars_2 + stars_3 + stars_4 + stars_5
           AND rating_sum = stars_1 + 2 * stars_2 + 3 * stars_3 + 4 * stars_4 + 5 * stars_5)
);
CREATE TRIGGER trg_review_stats_updated_at BEFORE UPDATE ON review_stats
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
INSERT INTO review_stats (entity_type, entity_id, review_count, rating_sum,
                          stars_1, stars_2, stars_3, stars_4, stars_5)
SELECT entity_type, entity_id, count(*), sum(rating),
       count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2),
       count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4),
       count(*) FILTER (WHERE rating = 5)
  FROM reviews WHERE status = 'PUBLISHED'
 GROUP BY entity_type, entity_id;

INSERT INTO runtime_configs (config_group, config_key, config_value_json, description) VALUES
    ('jobs', 'posting_price_tracecoins', '50',
     'Tracecoins a company pays to post a job when it has no job-posting package credit.'),
    ('jobs', 'live_days', '30', 'An approved job stays live for this many days, then closes (ghost-job control).'),
    ('jobs', 'response_window_days', '14',
     'An application counts as answered in the company''s response rate when it was moved within this many days.');

-- E-mails of jobs, applications and reviews. Placeholders as in 0013, plus
--   {{job}}      the job's title
--   {{company}}  the company's name
--   {{status}}   an application's new status
--   {{amount}}   tracecoins
INSERT INTO notification_templates (template_key, channel, title_template, body_template) VALUES
('job_approved', 'EMAIL', 'Your job "{{job}}" is live',
$body$Hi {{name}},

Our team approved your job "{{job}}". It is now on the
Nxtgauge job board and candidates can apply.

{{remarks}}

See your job:

{{link}}

The Nxtgauge team
$body$),
('job_rejected', 'EMAIL', 'Your job "{{job}}" needs changes',
$body$Hi {{name}},

Our team could not approve your job "{{job}}" yet. What the
reviewer said:

{{remarks}}

What you paid to post it has been returned. Edit the job and
post it again:

{{link}}

The Nxtgauge team
$body$),
('job_expired', 'EMAIL', 'Your job "{{job}}" has closed',
$body$Hi {{name}},

Your job "{{job}}" reached the end of its time on the board
and has closed. Applications you received stay in its
pipeline:

{{link}}

The Nxtgauge team
$body$),
('application_received', 'EMAIL', 'New application for "{{job}}"',
$body$Hi {{name}},

{{sender}} applied to your job "{{job}}". See the
application in your pipeline:

{{link}}

The Nxtgauge team
$body$),
('application_status', 'EMAIL', 'Your application to {{company}}: {{status}}',
$body$Hi {{name}},

{{company}} moved your application for "{{job}}" to:
{{status}}.

See your applications:

{{link}}

The Nxtgauge team
$body$),
('review_published', 'EMAIL', 'A new review on Nxtgauge',
$body$Hi {{name}},

A review about you is now published on Nxtgauge. You can
reply to it once, publicly:

{{link}}

The Nxtgauge team
$body$),
('review_hidden', 'EMAIL', 'Your review was not published',
$body$Hi {{name}},

Our team did not publish your review. What the moderator
said:

{{remarks}}

{{link}}

The Nxtgauge team
$body$);
