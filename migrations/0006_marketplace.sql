-- 0006_marketplace: jobs, job_applications, leads, lead_requests, reviews.

-- ---------------------------------------------------------------------------
-- jobs (posted by companies; budget in paise)
-- ---------------------------------------------------------------------------
CREATE TABLE jobs (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    company_profile_id UUID NOT NULL REFERENCES company_profiles(id),
    posted_by_user_id  UUID NOT NULL REFERENCES users(id),
    title              TEXT NOT NULL,
    description        TEXT,
    location           TEXT,
    employment_type    TEXT NOT NULL DEFAULT 'FULL_TIME',
    mode_of_work       TEXT NOT NULL DEFAULT 'ONSITE',
    budget_inr         INTEGER CHECK (budget_inr >= 0),
    salary_range_json  JSONB NOT NULL DEFAULT '{}',
    status             TEXT NOT NULL DEFAULT 'DRAFT',
    approved_at        TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT jobs_employment_type_check
        CHECK (employment_type IN ('FULL_TIME','PART_TIME','CONTRACT')),
    CONSTRAINT jobs_mode_of_work_check
        CHECK (mode_of_work IN ('ONSITE','REMOTE','HYBRID')),
    CONSTRAINT jobs_status_check
        CHECK (status IN ('DRAFT','PENDING','LIVE','CLOSED'))
);
CREATE INDEX jobs_company_profile_id_idx ON jobs (company_profile_id);
CREATE INDEX jobs_posted_by_user_id_idx ON jobs (posted_by_user_id);
CREATE INDEX jobs_status_created_at_idx ON jobs (status, created_at DESC);
CREATE INDEX jobs_title_trgm_idx ON jobs USING gin (title gin_trgm_ops);
CREATE TRIGGER trg_jobs_updated_at BEFORE UPDATE ON jobs
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- job_applications (one per applicant per job)
-- ---------------------------------------------------------------------------
CREATE TABLE job_applications (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    job_id            UUID NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    applicant_user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status            TEXT NOT NULL DEFAULT 'APPLIED',
    cover_note        TEXT,
    applied_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT job_applications_job_id_applicant_user_id_key UNIQUE (job_id, applicant_user_id),
    CONSTRAINT job_applications_status_check
        CHECK (status IN ('APPLIED','SHORTLISTED','INTERVIEW','OFFERED','REJECTED'))
);
CREATE INDEX job_applications_applicant_user_id_idx ON job_applications (applicant_user_id);

-- ---------------------------------------------------------------------------
-- leads (customer requirements addressed to one profession)
-- ---------------------------------------------------------------------------
CREATE TABLE leads (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    created_by_user_id UUID NOT NULL REFERENCES users(id),
    profession_key     TEXT NOT NULL REFERENCES roles(key) ON UPDATE CASCADE,
    title              TEXT NOT NULL,
    description        TEXT,
    location           TEXT,
    budget_inr         INTEGER CHECK (budget_inr >= 0),
    required_date      DATE,
    status             TEXT NOT NULL DEFAULT 'DRAFT',
    approved_at        TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT leads_profession_key_check CHECK (profession_key IN (
        'photographer','tutor','makeup_artist','developer','video_editor',
        'graphic_designer','social_media_manager','fitness_trainer',
        'catering_service','ugc_content_creator')),
    CONSTRAINT leads_status_check
        CHECK (status IN ('DRAFT','PENDING','OPEN','CLOSED'))
);
CREATE INDEX leads_created_by_user_id_idx ON leads (created_by_user_id);
CREATE INDEX leads_profession_key_status_idx ON leads (profession_key, status);
CREATE INDEX leads_status_created_at_idx ON leads (status, created_at DESC);
CREATE INDEX leads_title_trgm_idx ON leads USING gin (title gin_trgm_ops);
CREATE TRIGGER trg_leads_updated_at BEFORE UPDATE ON leads
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- lead_requests (a professional profile responding to a lead; once each)
-- ---------------------------------------------------------------------------
CREATE TABLE lead_requests (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    lead_id              UUID NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    status               TEXT NOT NULL DEFAULT 'PENDING',
    remarks              TEXT,
    requested_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT lead_requests_lead_id_user_role_profile_id_key UNIQUE (lead_id, user_role_profile_id),
    CONSTRAINT lead_requests_status_check
        CHECK (status IN ('PENDING','ACCEPTED','REJECTED'))
);
CREATE INDEX lead_requests_user_role_profile_id_idx ON lead_requests (user_role_profile_id);
CREATE TRIGGER trg_lead_requests_updated_at BEFORE UPDATE ON lead_requests
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- reviews (polymorphic target: a professional profile or a company)
-- ---------------------------------------------------------------------------
CREATE TABLE reviews (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    reviewer_user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    entity_type      TEXT NOT NULL,
    entity_id        UUID NOT NULL,
    rating           SMALLINT NOT NULL,
    review_text      TEXT,
    status           TEXT NOT NULL DEFAULT 'PENDING',
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT reviews_entity_type_check CHECK (entity_type IN ('professional','company')),
    CONSTRAINT reviews_rating_check CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT reviews_status_check CHECK (status IN ('PENDING','PUBLISHED','HIDDEN'))
);
CREATE INDEX reviews_reviewer_user_id_idx ON reviews (reviewer_user_id);
CREATE INDEX reviews_entity_idx ON reviews (entity_type, entity_id, status);
CREATE TRIGGER trg_reviews_updated_at BEFORE UPDATE ON reviews
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
