-- 0009_notifications_dashboards_config_audit: notification templates,
-- notifications, email logs, SMTP configs, dashboards, runtime config,
-- audit logs.

-- ---------------------------------------------------------------------------
-- notification_templates ({{placeholder}} syntax)
-- ---------------------------------------------------------------------------
CREATE TABLE notification_templates (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    template_key   TEXT NOT NULL,
    channel        TEXT NOT NULL DEFAULT 'EMAIL',
    title_template TEXT NOT NULL,
    body_template  TEXT NOT NULL,
    is_active      BOOLEAN NOT NULL DEFAULT true,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT notification_templates_template_key_key UNIQUE (template_key),
    CONSTRAINT notification_templates_channel_check CHECK (channel IN ('EMAIL','SMS','PUSH'))
);

-- ---------------------------------------------------------------------------
-- notifications (per-user inbox)
-- ---------------------------------------------------------------------------
CREATE TABLE notifications (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id             UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    channel             TEXT NOT NULL DEFAULT 'IN_APP',
    title               TEXT NOT NULL,
    body                TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL DEFAULT 'PENDING',
    related_entity_type TEXT,
    related_entity_id   UUID,
    sent_at             TIMESTAMPTZ,
    read_at             TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT notifications_channel_check CHECK (channel IN ('EMAIL','SMS','PUSH','IN_APP')),
    CONSTRAINT notifications_status_check CHECK (status IN ('PENDING','SENT','READ'))
);
CREATE INDEX notifications_user_id_read_at_idx ON notifications (user_id, read_at);
CREATE INDEX notifications_user_id_created_at_idx ON notifications (user_id, created_at DESC);

-- ---------------------------------------------------------------------------
-- email_logs (kept when the user or template goes away; to_email and
-- body_snapshot preserve what was sent)
-- ---------------------------------------------------------------------------
CREATE TABLE email_logs (
    id                       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                  UUID REFERENCES users(id) ON DELETE SET NULL,
    notification_template_id UUID REFERENCES notification_templates(id) ON DELETE SET NULL,
    to_email                 TEXT NOT NULL,
    subject                  TEXT NOT NULL,
    body_snapshot            TEXT NOT NULL DEFAULT '',
    status                   TEXT NOT NULL DEFAULT 'PENDING',
    provider_reference       TEXT,
    error_message            TEXT,
    sent_at                  TIMESTAMPTZ,
    created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT email_logs_status_check CHECK (status IN ('PENDING','SENT','FAILED'))
);
CREATE INDEX email_logs_user_id_idx ON email_logs (user_id);
CREATE INDEX email_logs_notification_template_id_idx ON email_logs (notification_template_id);
CREATE INDEX email_logs_status_created_at_idx ON email_logs (status, created_at);

-- ---------------------------------------------------------------------------
-- smtp_configs (the password is not stored here; it comes from the
-- environment). At most one default row.
-- ---------------------------------------------------------------------------
CREATE TABLE smtp_configs (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    provider_name   TEXT NOT NULL,
    host            TEXT NOT NULL,
    port            INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    username        TEXT,
    encryption_mode TEXT NOT NULL DEFAULT 'TLS',
    from_name       TEXT NOT NULL,
    from_email      TEXT NOT NULL,
    is_default      BOOLEAN NOT NULL DEFAULT false,
    is_active       BOOLEAN NOT NULL DEFAULT true,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT smtp_configs_encryption_mode_check CHECK (encryption_mode IN ('SSL','TLS'))
);
CREATE UNIQUE INDEX smtp_configs_single_default_key ON smtp_configs (is_default) WHERE is_default;

-- ---------------------------------------------------------------------------
-- dashboards (owner_id is a roles.id or users.id depending on owner_type;
-- NULL for a global default)
-- ---------------------------------------------------------------------------
CREATE TABLE dashboard_configs (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    dashboard_type TEXT NOT NULL DEFAULT 'EXTERNAL',
    owner_type     TEXT NOT NULL DEFAULT 'ROLE',
    owner_id       UUID,
    name           TEXT NOT NULL,
    layout_json    JSONB NOT NULL DEFAULT '{}',
    is_default     BOOLEAN NOT NULL DEFAULT false,
    is_active      BOOLEAN NOT NULL DEFAULT true,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT dashboard_configs_dashboard_type_check
        CHECK (dashboard_type IN ('INTERNAL','EXTERNAL')),
    CONSTRAINT dashboard_configs_owner_type_check CHECK (owner_type IN ('ROLE','USER'))
);
CREATE INDEX dashboard_configs_owner_idx ON dashboard_configs (owner_type, owner_id);
CREATE TRIGGER trg_dashboard_configs_updated_at BEFORE UPDATE ON dashboard_configs
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE dashboard_widgets (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    dashboard_config_id UUID NOT NULL REFERENCES dashboard_configs(id) ON DELETE CASCADE,
    widget_key          TEXT NOT NULL,
    widget_title        TEXT NOT NULL,
    config_json         JSONB NOT NULL DEFAULT '{}',
    display_order       INTEGER NOT NULL DEFAULT 0 CHECK (display_order >= 0),
    width_units         INTEGER NOT NULL DEFAULT 1 CHECK (width_units > 0),
    height_units        INTEGER NOT NULL DEFAULT 1 CHECK (height_units > 0),
    is_visible          BOOLEAN NOT NULL DEFAULT true,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX dashboard_widgets_dashboard_config_id_idx
    ON dashboard_widgets (dashboard_config_id, display_order);
CREATE TRIGGER trg_dashboard_widgets_updated_at BEFORE UPDATE ON dashboard_widgets
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- runtime_configs (group + key -> JSON value)
-- ---------------------------------------------------------------------------
CREATE TABLE runtime_configs (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    config_group      TEXT NOT NULL,
    config_key        TEXT NOT NULL,
    config_value_json JSONB NOT NULL DEFAULT '{}',
    is_active         BOOLEAN NOT NULL DEFAULT true,
    description       TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT runtime_configs_config_group_config_key_key UNIQUE (config_group, config_key)
);
CREATE TRIGGER trg_runtime_configs_updated_at BEFORE UPDATE ON runtime_configs
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- audit_logs / audit_log_changes
-- action and module_key have no default: an audit row must say what
-- happened and where.
-- ---------------------------------------------------------------------------
CREATE TABLE audit_logs (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    actor_user_id     UUID REFERENCES users(id),
    actor_employee_id UUID REFERENCES employees(id),
    actor_type        TEXT NOT NULL DEFAULT 'USER',
    action            TEXT NOT NULL,
    entity_type       TEXT NOT NULL,
    entity_id         UUID,
    entity_label      TEXT,
    module_key        TEXT NOT NULL,
    source_type       TEXT NOT NULL DEFAULT 'API',
    source_id         UUID,
    request_id        UUID,
    correlation_id    UUID,
    ip_address        TEXT,
    user_agent        TEXT,
    status            TEXT NOT NULL DEFAULT 'SUCCESS',
    summary           TEXT,
    metadata_json     JSONB NOT NULL DEFAULT '{}',
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT audit_logs_actor_type_check
        CHECK (actor_type IN ('USER','EMPLOYEE','SYSTEM','CRON')),
    CONSTRAINT audit_logs_action_check
        CHECK (action IN ('CREATE','UPDATE','DELETE','APPROVE','REJECT')),
    CONSTRAINT audit_logs_module_key_check CHECK (module_key IN (
        'users','verification','jobs','leads','finance','profiles','approvals',
        'access','staff','support','kb','config','notifications','messaging',
        'wallet','billing','payments','dashboards','documents')),
    CONSTRAINT audit_logs_source_type_check
        CHECK (source_type IN ('UI','API','WORKER','CRON')),
    CONSTRAINT audit_logs_status_check CHECK (status IN ('SUCCESS','FAILED'))
);
CREATE INDEX audit_logs_actor_user_id_idx ON audit_logs (actor_user_id);
CREATE INDEX audit_logs_actor_employee_id_idx ON audit_logs (actor_employee_id);
CREATE INDEX audit_logs_entity_idx ON audit_logs (entity_type, entity_id);
CREATE INDEX audit_logs_created_at_idx ON audit_logs (created_at);
CREATE INDEX audit_logs_module_key_created_at_idx ON audit_logs (module_key, created_at);
CREATE INDEX audit_logs_request_id_idx ON audit_logs (request_id);

CREATE TABLE audit_log_changes (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    audit_log_id   UUID NOT NULL REFERENCES audit_logs(id),
    field_name     TEXT NOT NULL,
    old_value_text TEXT,
    new_value_text TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_changes_audit_log_id_idx ON audit_log_changes (audit_log_id);
