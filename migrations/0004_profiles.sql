-- 0004_profiles: user_role_profiles (root of every professional profile),
-- the ten role extension tables, and company/customer/candidate profiles.
--
-- Money columns are INTEGER paise. Optional prices ("on request") are NULL.

-- ---------------------------------------------------------------------------
-- user_role_profiles: one per (user, professional role)
-- ---------------------------------------------------------------------------
CREATE TABLE user_role_profiles (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id             UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_key            TEXT NOT NULL REFERENCES roles(key) ON UPDATE CASCADE,
    display_name        TEXT NOT NULL,
    bio                 TEXT,
    location            TEXT,
    avatar_url          TEXT,
    phone               TEXT,
    email               TEXT,
    status              TEXT NOT NULL DEFAULT 'DRAFT',
    verification_status TEXT NOT NULL DEFAULT 'PENDING',
    approval_status     TEXT NOT NULL DEFAULT 'PENDING',
    rejection_reason    TEXT,
    approved_at         TIMESTAMPTZ,
    verified_at         TIMESTAMPTZ,
    is_profile_public   BOOLEAN NOT NULL DEFAULT false,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT user_role_profiles_user_id_role_key_key UNIQUE (user_id, role_key),
    CONSTRAINT user_role_profiles_role_key_check CHECK (role_key IN (
        'photographer','tutor','makeup_artist','developer','video_editor',
        'graphic_designer','social_media_manager','fitness_trainer',
        'catering_service','ugc_content_creator')),
    CONSTRAINT user_role_profiles_status_check
        CHECK (status IN ('DRAFT','ACTIVE','SUSPENDED')),
    CONSTRAINT user_role_profiles_verification_status_check
        CHECK (verification_status IN ('PENDING','VERIFIED','REJECTED')),
    CONSTRAINT user_role_profiles_approval_status_check
        CHECK (approval_status IN ('PENDING','APPROVED','REJECTED'))
);
CREATE INDEX user_role_profiles_role_key_idx ON user_role_profiles (role_key);
CREATE INDEX user_role_profiles_status_idx ON user_role_profiles (status);
CREATE INDEX user_role_profiles_verification_status_idx ON user_role_profiles (verification_status);
CREATE INDEX user_role_profiles_approval_status_idx ON user_role_profiles (approval_status);
CREATE INDEX user_role_profiles_display_name_trgm_idx
    ON user_role_profiles USING gin (display_name gin_trgm_ops);
CREATE TRIGGER trg_user_role_profiles_updated_at BEFORE UPDATE ON user_role_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- Role extension tables (1:1 with user_role_profiles, deleted with it).
-- No external links (github/portfolio/reel URLs) by design.
-- ---------------------------------------------------------------------------
CREATE TABLE photographer_profiles (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    specialties          TEXT[] NOT NULL DEFAULT '{}',
    camera_brands        TEXT[] NOT NULL DEFAULT '{}',
    studio_available     BOOLEAN NOT NULL DEFAULT false,
    outdoor_shoots       BOOLEAN NOT NULL DEFAULT false,
    travel_radius_km     INTEGER CHECK (travel_radius_km >= 0),
    starting_price_inr   INTEGER CHECK (starting_price_inr >= 0),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT photographer_profiles_user_role_profile_id_key UNIQUE (user_role_profile_id)
);
CREATE TRIGGER trg_photographer_profiles_updated_at BEFORE UPDATE ON photographer_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE tutor_profiles (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    subjects             TEXT[] NOT NULL DEFAULT '{}',
    board_types          TEXT[] NOT NULL DEFAULT '{}',
    qualification        TEXT,
    teaches_online       BOOLEAN NOT NULL DEFAULT false,
    teaches_offline      BOOLEAN NOT NULL DEFAULT false,
    experience_years     INTEGER NOT NULL DEFAULT 0 CHECK (experience_years >= 0),
    hourly_rate_inr      INTEGER CHECK (hourly_rate_inr >= 0),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT tutor_profiles_user_role_profile_id_key UNIQUE (user_role_profile_id)
);
CREATE TRIGGER trg_tutor_profiles_updated_at BEFORE UPDATE ON tutor_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE makeup_artist_profiles (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    specializations      TEXT[] NOT NULL DEFAULT '{}',
    kit_brands           TEXT[] NOT NULL DEFAULT '{}',
    home_service         BOOLEAN NOT NULL DEFAULT false,
    studio_available     BOOLEAN NOT NULL DEFAULT false,
    starting_price_inr   INTEGER CHECK (starting_price_inr >= 0),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT makeup_artist_profiles_user_role_profile_id_key UNIQUE (user_role_profile_id)
);
CREATE TRIGGER trg_makeup_artist_profiles_updated_at BEFORE UPDATE ON makeup_artist_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE developer_profiles (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    tech_stack           TEXT[] NOT NULL DEFAULT '{}',
    experience_years     INTEGER NOT NULL DEFAULT 0 CHECK (experience_years >= 0),
    availability         TEXT NOT NULL DEFAULT 'FREELANCE',
    hourly_rate_inr      INTEGER CHECK (hourly_rate_inr >= 0),
    remote_ok            BOOLEAN NOT NULL DEFAULT false,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT developer_profiles_user_role_profile_id_key UNIQUE (user_role_profile_id),
    CONSTRAINT developer_profiles_availability_check
        CHECK (availability IN ('FULL_TIME','PART_TIME','FREELANCE'))
);
CREATE TRIGGER trg_developer_profiles_updated_at BEFORE UPDATE ON developer_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE video_editor_profiles (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    software_skills      TEXT[] NOT NULL DEFAULT '{}',
    style_tags           TEXT[] NOT NULL DEFAULT '{}',
    turnaround_days      INTEGER CHECK (turnaround_days >= 0),
    starting_price_inr   INTEGER CHECK (starting_price_inr >= 0),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT video_editor_profiles_user_role_profile_id_key UNIQUE (user_role_profile_id)
);
CREATE TRIGGER trg_video_editor_profiles_updated_at BEFORE UPDATE ON video_editor_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE graphic_designer_profiles (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    design_tools         TEXT[] NOT NULL DEFAULT '{}',
    style_tags           TEXT[] NOT NULL DEFAULT '{}',
    brand_experience     BOOLEAN NOT NULL DEFAULT false,
    starting_price_inr   INTEGER CHECK (starting_price_inr >= 0),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT graphic_designer_profiles_user_role_profile_id_key UNIQUE (user_role_profile_id)
);
CREATE TRIGGER trg_graphic_designer_profiles_updated_at BEFORE UPDATE ON graphic_designer_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE social_media_manager_profiles (
    id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id    UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    platforms               TEXT[] NOT NULL DEFAULT '{}',
    industries              TEXT[] NOT NULL DEFAULT '{}',
    content_types           TEXT[] NOT NULL DEFAULT '{}',
    avg_follower_growth_pct INTEGER,
    starting_price_inr      INTEGER CHECK (starting_price_inr >= 0),
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT social_media_manager_profiles_user_role_profile_id_key UNIQUE (user_role_profile_id)
);
CREATE TRIGGER trg_social_media_manager_profiles_updated_at BEFORE UPDATE ON social_media_manager_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE fitness_trainer_profiles (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    disciplines          TEXT[] NOT NULL DEFAULT '{}',
    certifications       TEXT[] NOT NULL DEFAULT '{}',
    online_sessions      BOOLEAN NOT NULL DEFAULT false,
    home_visits          BOOLEAN NOT NULL DEFAULT false,
    gym_based            BOOLEAN NOT NULL DEFAULT false,
    per_session_rate_inr INTEGER CHECK (per_session_rate_inr >= 0),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT fitness_trainer_profiles_user_role_profile_id_key UNIQUE (user_role_profile_id)
);
CREATE TRIGGER trg_fitness_trainer_profiles_updated_at BEFORE UPDATE ON fitness_trainer_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE catering_service_profiles (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    business_name        TEXT,
    cuisine_types        TEXT[] NOT NULL DEFAULT '{}',
    event_types          TEXT[] NOT NULL DEFAULT '{}',
    min_guests           INTEGER CHECK (min_guests >= 0),
    max_guests           INTEGER CHECK (max_guests >= 0),
    has_setup_team       BOOLEAN NOT NULL DEFAULT false,
    has_serving_staff    BOOLEAN NOT NULL DEFAULT false,
    price_per_head_inr   INTEGER CHECK (price_per_head_inr >= 0),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT catering_service_profiles_user_role_profile_id_key UNIQUE (user_role_profile_id),
    CONSTRAINT catering_service_profiles_guest_range_check
        CHECK (min_guests IS NULL OR max_guests IS NULL OR max_guests >= min_guests)
);
CREATE TRIGGER trg_catering_service_profiles_updated_at BEFORE UPDATE ON catering_service_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE ugc_content_creator_profiles (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    niche_tags           TEXT[] NOT NULL DEFAULT '{}',
    content_formats      TEXT[] NOT NULL DEFAULT '{}',
    platforms            TEXT[] NOT NULL DEFAULT '{}',
    turnaround_days      INTEGER CHECK (turnaround_days >= 0),
    starting_price_inr   INTEGER CHECK (starting_price_inr >= 0),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT ugc_content_creator_profiles_user_role_profile_id_key UNIQUE (user_role_profile_id)
);
CREATE TRIGGER trg_ugc_content_creator_profiles_updated_at BEFORE UPDATE ON ugc_content_creator_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- company_profiles (the spec gives no value lists; same lists as
-- user_role_profiles)
-- ---------------------------------------------------------------------------
CREATE TABLE company_profiles (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id             UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    company_name        TEXT NOT NULL,
    business_type       TEXT,
    industry            TEXT,
    contact_person_name TEXT,
    email               TEXT,
    phone               TEXT,
    location            TEXT,
    bio                 TEXT,
    status              TEXT NOT NULL DEFAULT 'DRAFT',
    verification_status TEXT NOT NULL DEFAULT 'PENDING',
    approval_status     TEXT NOT NULL DEFAULT 'PENDING',
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT company_profiles_user_id_key UNIQUE (user_id),
    CONSTRAINT company_profiles_status_check
        CHECK (status IN ('DRAFT','ACTIVE','SUSPENDED')),
    CONSTRAINT company_profiles_verification_status_check
        CHECK (verification_status IN ('PENDING','VERIFIED','REJECTED')),
    CONSTRAINT company_profiles_approval_status_check
        CHECK (approval_status IN ('PENDING','APPROVED','REJECTED'))
);
CREATE INDEX company_profiles_status_idx ON company_profiles (status);
CREATE INDEX company_profiles_verification_status_idx ON company_profiles (verification_status);
CREATE INDEX company_profiles_approval_status_idx ON company_profiles (approval_status);
CREATE INDEX company_profiles_company_name_trgm_idx
    ON company_profiles USING gin (company_name gin_trgm_ops);
CREATE TRIGGER trg_company_profiles_updated_at BEFORE UPDATE ON company_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- customer_profiles
-- ---------------------------------------------------------------------------
CREATE TABLE customer_profiles (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    phone        TEXT,
    email        TEXT,
    location     TEXT,
    status       TEXT NOT NULL DEFAULT 'DRAFT',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT customer_profiles_user_id_key UNIQUE (user_id),
    CONSTRAINT customer_profiles_status_check
        CHECK (status IN ('DRAFT','ACTIVE','SUSPENDED'))
);
CREATE TRIGGER trg_customer_profiles_updated_at BEFORE UPDATE ON customer_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- candidate_profiles (job seekers)
-- ---------------------------------------------------------------------------
CREATE TABLE candidate_profiles (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id             UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    display_name        TEXT NOT NULL,
    bio                 TEXT,
    location            TEXT,
    experience_years    INTEGER NOT NULL DEFAULT 0 CHECK (experience_years >= 0),
    preferred_roles     TEXT[] NOT NULL DEFAULT '{}',
    expected_salary_inr INTEGER CHECK (expected_salary_inr >= 0),
    resume_file_url     TEXT,
    status              TEXT NOT NULL DEFAULT 'DRAFT',
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT candidate_profiles_user_id_key UNIQUE (user_id),
    CONSTRAINT candidate_profiles_status_check
        CHECK (status IN ('DRAFT','ACTIVE','SUSPENDED'))
);
CREATE TRIGGER trg_candidate_profiles_updated_at BEFORE UPDATE ON candidate_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
