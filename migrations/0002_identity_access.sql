-- 0002_identity_access: users, credentials, sessions, roles and permissions.
-- roles.department_id gets its foreign key in 0003 (departments live there).

-- ---------------------------------------------------------------------------
-- users
-- Emails are stored lower-cased by the application. users_email_key is the
-- plain unique constraint the app matches on; users_email_lower_key guards
-- against case-variant duplicates.
-- ---------------------------------------------------------------------------
CREATE TABLE users (
    id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email                 TEXT NOT NULL,
    phone                 TEXT,
    password_hash         TEXT NOT NULL,
    account_type          TEXT NOT NULL DEFAULT 'INDIVIDUAL',
    status                TEXT NOT NULL DEFAULT 'PENDING',
    last_login_at         TIMESTAMPTZ,
    email_verified_at     TIMESTAMPTZ,
    totp_enabled          BOOLEAN NOT NULL DEFAULT false,
    totp_secret           TEXT,            -- encrypted at rest by the app
    failed_login_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until          TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_phone_key UNIQUE (phone),
    CONSTRAINT users_account_type_check CHECK (account_type IN ('INDIVIDUAL','COMPANY')),
    CONSTRAINT users_status_check CHECK (status IN ('ACTIVE','PENDING','SUSPENDED')),
    CONSTRAINT users_failed_login_attempts_check CHECK (failed_login_attempts >= 0)
);
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE INDEX users_status_idx ON users (status);
CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- refresh_tokens
-- ---------------------------------------------------------------------------
CREATE TABLE refresh_tokens (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked     BOOLEAN NOT NULL DEFAULT false,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_expires_at_idx ON refresh_tokens (expires_at);

-- ---------------------------------------------------------------------------
-- user_sessions (server-side sessions; last_seen_at drives idle expiry)
-- ---------------------------------------------------------------------------
CREATE TABLE user_sessions (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    session_token TEXT NOT NULL,
    ip_address    TEXT,
    user_agent    TEXT,
    expires_at    TIMESTAMPTZ NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT user_sessions_session_token_key UNIQUE (session_token)
);
CREATE INDEX user_sessions_user_id_idx ON user_sessions (user_id);
CREATE INDEX user_sessions_expires_at_idx ON user_sessions (expires_at);

-- ---------------------------------------------------------------------------
-- user_settings (one row per user)
-- ---------------------------------------------------------------------------
CREATE TABLE user_settings (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    settings_json JSONB NOT NULL DEFAULT '{}',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT user_settings_user_id_key UNIQUE (user_id)
);
CREATE TRIGGER trg_user_settings_updated_at BEFORE UPDATE ON user_settings
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- user_tokens: single-use email-verification and password-reset tokens
-- (only the hash of the token is stored).
-- ---------------------------------------------------------------------------
CREATE TABLE user_tokens (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT user_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT user_tokens_purpose_check CHECK (purpose IN ('EMAIL_VERIFY','PASSWORD_RESET'))
);
CREATE INDEX user_tokens_user_id_idx ON user_tokens (user_id);
CREATE INDEX user_tokens_expires_at_idx ON user_tokens (expires_at);

-- ---------------------------------------------------------------------------
-- roles (external professional/company/customer/candidate roles and
-- internal staff roles). department_id FK is added in 0003.
-- ---------------------------------------------------------------------------
CREATE TABLE roles (
    id                         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    key                        TEXT NOT NULL,
    name                       TEXT NOT NULL,
    audience                   TEXT NOT NULL DEFAULT 'EXTERNAL',
    description                TEXT,
    department_id              UUID,
    can_approve_requests       BOOLEAN NOT NULL DEFAULT false,
    can_manage_system_settings BOOLEAN NOT NULL DEFAULT false,
    is_active                  BOOLEAN NOT NULL DEFAULT true,
    created_at                 TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT roles_key_key UNIQUE (key),
    CONSTRAINT roles_audience_check CHECK (audience IN ('INTERNAL','EXTERNAL'))
);
CREATE INDEX roles_department_id_idx ON roles (department_id);

-- ---------------------------------------------------------------------------
-- permissions ('domain.action' keys)
-- ---------------------------------------------------------------------------
CREATE TABLE permissions (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    key         TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT permissions_key_key UNIQUE (key)
);

-- ---------------------------------------------------------------------------
-- role_permissions
-- ---------------------------------------------------------------------------
CREATE TABLE role_permissions (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    role_id        UUID NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    permission_key TEXT NOT NULL REFERENCES permissions(key)
                        ON UPDATE CASCADE ON DELETE CASCADE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT role_permissions_role_id_permission_key_key UNIQUE (role_id, permission_key)
);
CREATE INDEX role_permissions_permission_key_idx ON role_permissions (permission_key);

-- ---------------------------------------------------------------------------
-- user_roles
-- ---------------------------------------------------------------------------
CREATE TABLE user_roles (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_id     UUID NOT NULL REFERENCES roles(id),
    status      TEXT NOT NULL DEFAULT 'PENDING',
    approved_at TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT user_roles_user_id_role_id_key UNIQUE (user_id, role_id),
    CONSTRAINT user_roles_status_check CHECK (status IN ('PENDING','APPROVED','REJECTED'))
);
CREATE INDEX user_roles_role_id_idx ON user_roles (role_id);
CREATE INDEX user_roles_status_idx ON user_roles (status);
