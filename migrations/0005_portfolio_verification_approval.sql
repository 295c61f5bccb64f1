-- 0005_portfolio_verification_approval: portfolio items/images, services,
-- verification requests/documents/logs, approval requests/logs.

-- ---------------------------------------------------------------------------
-- Portfolio (uploaded files only; no external links)
-- ---------------------------------------------------------------------------
CREATE TABLE portfolio_items (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    title                TEXT NOT NULL,
    description          TEXT,
    tags                 TEXT[] NOT NULL DEFAULT '{}',
    display_order        INTEGER NOT NULL DEFAULT 0 CHECK (display_order >= 0),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX portfolio_items_user_role_profile_id_idx
    ON portfolio_items (user_role_profile_id, display_order);
CREATE TRIGGER trg_portfolio_items_updated_at BEFORE UPDATE ON portfolio_items
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE portfolio_images (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    portfolio_item_id UUID NOT NULL REFERENCES portfolio_items(id) ON DELETE CASCADE,
    file_url          TEXT NOT NULL,
    display_order     INTEGER NOT NULL DEFAULT 0 CHECK (display_order >= 0),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX portfolio_images_portfolio_item_id_idx
    ON portfolio_images (portfolio_item_id, display_order);

-- ---------------------------------------------------------------------------
-- services offered by a professional profile (price in paise)
-- ---------------------------------------------------------------------------
CREATE TABLE services (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    name                 TEXT NOT NULL,
    description          TEXT,
    price                INTEGER NOT NULL CHECK (price >= 0),
    duration_minutes     INTEGER CHECK (duration_minutes > 0),
    is_active            BOOLEAN NOT NULL DEFAULT true,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX services_user_role_profile_id_idx ON services (user_role_profile_id);
CREATE TRIGGER trg_services_updated_at BEFORE UPDATE ON services
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- Verification domain (the request, its documents and its log belong to
-- the profile and go with it). The user references inside this subtree are
-- ON DELETE SET NULL: the profile owner is often the actor of a log row,
-- and a NO ACTION reference would block the owner's own cascade delete.
-- ---------------------------------------------------------------------------
CREATE TABLE verification_requests (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_role_profile_id UUID NOT NULL REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    verification_type    TEXT NOT NULL DEFAULT 'IDENTITY',
    status               TEXT NOT NULL DEFAULT 'PENDING',
    submitted_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    reviewed_at          TIMESTAMPTZ,
    reviewed_by_user_id  UUID REFERENCES users(id) ON DELETE SET NULL,
    remarks              TEXT,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT verification_requests_verification_type_check
        CHECK (verification_type IN ('IDENTITY','BUSINESS','DOCUMENT')),
    CONSTRAINT verification_requests_status_check
        CHECK (status IN ('PENDING','APPROVED','REJECTED'))
);
CREATE INDEX verification_requests_user_role_profile_id_idx
    ON verification_requests (user_role_profile_id);
CREATE INDEX verification_requests_reviewed_by_user_id_idx
    ON verification_requests (reviewed_by_user_id);
CREATE INDEX verification_requests_status_idx
    ON verification_requests (status, submitted_at);
CREATE TRIGGER trg_verification_requests_updated_at BEFORE UPDATE ON verification_requests
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE verification_documents (
    id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    verification_request_id UUID NOT NULL REFERENCES verification_requests(id) ON DELETE CASCADE,
    document_type           TEXT NOT NULL,
    file_url                TEXT NOT NULL,
    file_name               TEXT,
    mime_type               TEXT,
    status                  TEXT NOT NULL DEFAULT 'PENDING',
    uploaded_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    reviewed_at             TIMESTAMPTZ,
    reviewed_by_user_id     UUID REFERENCES users(id) ON DELETE SET NULL,
    remarks                 TEXT,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT verification_documents_status_check
        CHECK (status IN ('PENDING','APPROVED','REJECTED'))
);
CREATE INDEX verification_documents_verification_request_id_idx
    ON verification_documents (verification_request_id);
CREATE INDEX verification_documents_reviewed_by_user_id_idx
    ON verification_documents (reviewed_by_user_id);

-- action has no default: a log row must say what happened.
-- acted_by_user_id is NULL for system actions.
CREATE TABLE verification_logs (
    id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    verification_request_id UUID NOT NULL REFERENCES verification_requests(id) ON DELETE CASCADE,
    action                  TEXT NOT NULL,
    old_status              TEXT,
    new_status              TEXT,
    acted_by_user_id        UUID REFERENCES users(id) ON DELETE SET NULL,
    remarks                 TEXT,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT verification_logs_action_check
        CHECK (action IN ('SUBMITTED','APPROVED','REJECTED','DOCUMENT_REQUESTED'))
);
CREATE INDEX verification_logs_verification_request_id_idx
    ON verification_logs (verification_request_id, created_at);
CREATE INDEX verification_logs_acted_by_user_id_idx ON verification_logs (acted_by_user_id);

-- ---------------------------------------------------------------------------
-- Approval domain (polymorphic: entity_type + entity_id)
-- ---------------------------------------------------------------------------
CREATE TABLE approval_requests (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    entity_type          TEXT NOT NULL,
    entity_id            UUID NOT NULL,
    approval_type        TEXT NOT NULL DEFAULT 'CONTENT',
    status               TEXT NOT NULL DEFAULT 'PENDING',
    submitted_by_user_id UUID NOT NULL REFERENCES users(id),
    reviewed_by_user_id  UUID REFERENCES users(id),
    submitted_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    reviewed_at          TIMESTAMPTZ,
    remarks              TEXT,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT approval_requests_entity_type_check
        CHECK (entity_type IN ('job','lead','profile','company')),
    CONSTRAINT approval_requests_approval_type_check
        CHECK (approval_type IN ('CONTENT','VERIFICATION','FEATURE')),
    CONSTRAINT approval_requests_status_check
        CHECK (status IN ('PENDING','APPROVED','REJECTED'))
);
CREATE INDEX approval_requests_entity_idx ON approval_requests (entity_type, entity_id);
CREATE INDEX approval_requests_status_idx ON approval_requests (status, submitted_at);
CREATE INDEX approval_requests_submitted_by_user_id_idx ON approval_requests (submitted_by_user_id);
CREATE INDEX approval_requests_reviewed_by_user_id_idx ON approval_requests (reviewed_by_user_id);
CREATE TRIGGER trg_approval_requests_updated_at BEFORE UPDATE ON approval_requests
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE approval_logs (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    approval_request_id UUID NOT NULL REFERENCES approval_requests(id) ON DELETE CASCADE,
    action              TEXT NOT NULL,
    old_status          TEXT,
    new_status          TEXT,
    acted_by_user_id    UUID REFERENCES users(id),
    remarks             TEXT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT approval_logs_action_check
        CHECK (action IN ('SUBMITTED','APPROVED','REJECTED'))
);
CREATE INDEX approval_logs_approval_request_id_idx ON approval_logs (approval_request_id, created_at);
CREATE INDEX approval_logs_acted_by_user_id_idx ON approval_logs (acted_by_user_id);
