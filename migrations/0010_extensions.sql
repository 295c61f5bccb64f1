-- 0010_extensions: tables from extensions.tsv -- API keys, messaging and
-- collaborative documents. (The users columns from extensions.tsv --
-- email_verified_at, totp_enabled, totp_secret, failed_login_attempts,
-- locked_until -- are created with the users table in 0002.)

-- ---------------------------------------------------------------------------
-- api_keys (only the hash is stored; key_prefix is shown to the owner)
-- ---------------------------------------------------------------------------
CREATE TABLE api_keys (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    key_prefix   TEXT NOT NULL,
    key_hash     TEXT NOT NULL,
    scopes       TEXT[] NOT NULL DEFAULT '{}',
    last_used_at TIMESTAMPTZ,
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash)
);
CREATE INDEX api_keys_user_id_idx ON api_keys (user_id);
CREATE INDEX api_keys_key_prefix_idx ON api_keys (key_prefix);

-- ---------------------------------------------------------------------------
-- conversations / participants / messages
-- ---------------------------------------------------------------------------
CREATE TABLE conversations (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    title        TEXT,
    context_type TEXT NOT NULL DEFAULT 'DIRECT',
    context_id   UUID,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT conversations_context_type_check
        CHECK (context_type IN ('LEAD','JOB_APPLICATION','SUPPORT','DIRECT'))
);
CREATE INDEX conversations_context_idx ON conversations (context_type, context_id);
CREATE TRIGGER trg_conversations_updated_at BEFORE UPDATE ON conversations
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE conversation_participants (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    user_id         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role            TEXT NOT NULL DEFAULT 'MEMBER',
    joined_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_read_at    TIMESTAMPTZ,
    CONSTRAINT conversation_participants_conversation_id_user_id_key
        UNIQUE (conversation_id, user_id),
    CONSTRAINT conversation_participants_role_check CHECK (role IN ('OWNER','MEMBER'))
);
CREATE INDEX conversation_participants_user_id_idx ON conversation_participants (user_id);

-- sender_user_id is NULL for SYSTEM messages and for senders whose
-- account was deleted (the message stays in the other party's thread).
CREATE TABLE messages (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    sender_user_id  UUID REFERENCES users(id) ON DELETE SET NULL,
    body            TEXT NOT NULL,
    message_type    TEXT NOT NULL DEFAULT 'TEXT',
    metadata_json   JSONB NOT NULL DEFAULT '{}',
    sent_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT messages_message_type_check
        CHECK (message_type IN ('TEXT','SYSTEM','ATTACHMENT'))
);
CREATE INDEX messages_conversation_id_sent_at_idx ON messages (conversation_id, sent_at);
CREATE INDEX messages_sender_user_id_idx ON messages (sender_user_id);

-- ---------------------------------------------------------------------------
-- documents / document_versions / document_shares
-- ---------------------------------------------------------------------------
CREATE TABLE documents (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    content       TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX documents_owner_user_id_idx ON documents (owner_user_id);
CREATE TRIGGER trg_documents_updated_at BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- created_by_user_id is NULL once the author's account is deleted: the
-- version stays in the (other) owner's history; a NOT NULL / NO ACTION
-- reference would also block the cascade of an owner's own documents.
CREATE TABLE document_versions (
    id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    document_id        UUID NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version            INTEGER NOT NULL CHECK (version >= 1),
    content            TEXT NOT NULL,
    created_by_user_id UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT document_versions_document_id_version_key UNIQUE (document_id, version)
);
CREATE INDEX document_versions_created_by_user_id_idx ON document_versions (created_by_user_id);

CREATE TABLE document_shares (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    document_id      UUID NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    user_id          UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    permission_level TEXT NOT NULL DEFAULT 'VIEW',
    expires_at       TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT document_shares_document_id_user_id_key UNIQUE (document_id, user_id),
    CONSTRAINT document_shares_permission_level_check
        CHECK (permission_level IN ('VIEW','COMMENT','EDIT'))
);
CREATE INDEX document_shares_user_id_idx ON document_shares (user_id);
