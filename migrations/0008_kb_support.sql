-- 0008_kb_support: knowledge base and support tickets.

-- ---------------------------------------------------------------------------
-- Knowledge base
-- ---------------------------------------------------------------------------
CREATE TABLE kb_categories (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name          TEXT NOT NULL,
    slug          TEXT NOT NULL,
    description   TEXT,
    display_order INTEGER NOT NULL DEFAULT 0 CHECK (display_order >= 0),
    is_active     BOOLEAN NOT NULL DEFAULT true,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT kb_categories_slug_key UNIQUE (slug)
);

CREATE TABLE kb_sections (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    category_id   UUID NOT NULL REFERENCES kb_categories(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    slug          TEXT NOT NULL,
    description   TEXT,
    display_order INTEGER NOT NULL DEFAULT 0 CHECK (display_order >= 0),
    is_active     BOOLEAN NOT NULL DEFAULT true,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT kb_sections_category_id_slug_key UNIQUE (category_id, slug)
);

CREATE TABLE kb_articles (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    category_id         UUID NOT NULL REFERENCES kb_categories(id),
    section_id          UUID REFERENCES kb_sections(id) ON DELETE SET NULL,
    title               TEXT NOT NULL,
    slug                TEXT NOT NULL,
    summary             TEXT,
    content_markdown    TEXT NOT NULL DEFAULT '',
    article_type        TEXT NOT NULL DEFAULT 'HOW_TO',
    status              TEXT NOT NULL DEFAULT 'DRAFT',
    audience_type       TEXT NOT NULL DEFAULT 'EXTERNAL',
    tags                TEXT[] NOT NULL DEFAULT '{}',
    author_user_id      UUID NOT NULL REFERENCES users(id),
    reviewed_by_user_id UUID REFERENCES users(id),
    published_at        TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT kb_articles_slug_key UNIQUE (slug),
    CONSTRAINT kb_articles_article_type_check
        CHECK (article_type IN ('HOW_TO','TROUBLESHOOTING','FAQ','FEATURE','POLICY')),
    CONSTRAINT kb_articles_status_check CHECK (status IN ('DRAFT','PUBLISHED')),
    CONSTRAINT kb_articles_audience_type_check
        CHECK (audience_type IN ('INTERNAL','EXTERNAL','ALL'))
);
CREATE INDEX kb_articles_category_id_idx ON kb_articles (category_id, status);
CREATE INDEX kb_articles_section_id_idx ON kb_articles (section_id);
CREATE INDEX kb_articles_author_user_id_idx ON kb_articles (author_user_id);
CREATE INDEX kb_articles_reviewed_by_user_id_idx ON kb_articles (reviewed_by_user_id);
CREATE INDEX kb_articles_title_trgm_idx ON kb_articles USING gin (title gin_trgm_ops);
CREATE INDEX kb_articles_tags_idx ON kb_articles USING gin (tags);
CREATE TRIGGER trg_kb_articles_updated_at BEFORE UPDATE ON kb_articles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- user_id is NULL for anonymous "was this helpful?" votes.
CREATE TABLE kb_article_feedback (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    article_id    UUID NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    user_id       UUID REFERENCES users(id) ON DELETE SET NULL,
    is_helpful    BOOLEAN NOT NULL DEFAULT false,
    feedback_text TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX kb_article_feedback_article_id_idx ON kb_article_feedback (article_id);
CREATE INDEX kb_article_feedback_user_id_idx ON kb_article_feedback (user_id);

-- ---------------------------------------------------------------------------
-- Support tickets
-- ---------------------------------------------------------------------------
CREATE TABLE support_tickets (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    created_by_user_id  UUID NOT NULL REFERENCES users(id),
    assigned_to_user_id UUID REFERENCES users(id) ON DELETE SET NULL,
    category            TEXT NOT NULL DEFAULT 'GENERAL',
    priority            TEXT NOT NULL DEFAULT 'NORMAL',
    status              TEXT NOT NULL DEFAULT 'OPEN',
    subject             TEXT NOT NULL,
    description         TEXT NOT NULL,
    related_entity_type TEXT,
    related_entity_id   UUID,
    closed_at           TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT support_tickets_category_check
        CHECK (category IN ('GENERAL','BILLING','TECHNICAL','ACCOUNT')),
    CONSTRAINT support_tickets_priority_check
        CHECK (priority IN ('LOW','NORMAL','HIGH','URGENT')),
    CONSTRAINT support_tickets_status_check
        CHECK (status IN ('OPEN','IN_PROGRESS','RESOLVED','CLOSED'))
);
CREATE INDEX support_tickets_created_by_user_id_idx ON support_tickets (created_by_user_id, created_at DESC);
CREATE INDEX support_tickets_assigned_to_user_id_idx ON support_tickets (assigned_to_user_id);
CREATE INDEX support_tickets_status_priority_idx ON support_tickets (status, priority);
CREATE TRIGGER trg_support_tickets_updated_at BEFORE UPDATE ON support_tickets
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE support_ticket_messages (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    support_ticket_id UUID NOT NULL REFERENCES support_tickets(id) ON DELETE CASCADE,
    sender_user_id    UUID NOT NULL REFERENCES users(id),
    message_body      TEXT NOT NULL,
    attachment_url    TEXT,
    is_internal       BOOLEAN NOT NULL DEFAULT false,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX support_ticket_messages_ticket_idx ON support_ticket_messages (support_ticket_id, created_at);
CREATE INDEX support_ticket_messages_sender_user_id_idx ON support_ticket_messages (sender_user_id);
