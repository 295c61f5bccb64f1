-- 0012_profile_discovery: readable slugs for public profile pages and the search
-- index behind the public search page.
--
-- profile_search holds one row per *listed* professional profile (ACTIVE, APPROVED,
-- public), denormalised from user_role_profiles, its role extension table, services,
-- portfolio and (issue 5) reviews. The application keeps it current in the same
-- transaction as every write that changes what a search shows
-- (domains::search::index::refresh), so a search reads one table.

ALTER TABLE user_role_profiles ADD COLUMN slug TEXT;
UPDATE user_role_profiles SET slug = replace(role_key, '_', '-') || '-' || replace(id::text, '-', '');
ALTER TABLE user_role_profiles ALTER COLUMN slug SET NOT NULL;
ALTER TABLE user_role_profiles ADD CONSTRAINT user_role_profiles_slug_key UNIQUE (slug);
ALTER TABLE user_role_profiles ADD CONSTRAINT user_role_profiles_slug_check
    CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100);

CREATE TABLE profile_search (
    profile_id   UUID PRIMARY KEY REFERENCES user_role_profiles(id) ON DELETE CASCADE,
    role_key     TEXT NOT NULL,
    slug         TEXT NOT NULL,
    display_name TEXT NOT NULL,
    -- user_role_profiles.location ('' when the profile has none)
    city         TEXT NOT NULL DEFAULT '',
    -- the first 200 characters of the bio, for result cards
    headline     TEXT NOT NULL DEFAULT '',
    avatar_url   TEXT,
    cover_url    TEXT,
    -- paise: the lowest of the role's headline price and active services' prices;
    -- NULL is "price on request"
    price_from   BIGINT CHECK (price_from >= 0),
    is_verified  BOOLEAN NOT NULL DEFAULT false,
    rating_avg   NUMERIC(3,2) NOT NULL DEFAULT 0 CHECK (rating_avg BETWEEN 0 AND 5),
    rating_count INTEGER NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    -- the order of "Relevance" (after the text tier when something is typed):
    -- verification, a Bayesian rating and completeness (domains::search::index)
    score        INTEGER NOT NULL DEFAULT 0,
    -- role facet tokens 'field:value', lower case (spec::facet_tokens)
    facets       TEXT[] NOT NULL DEFAULT '{}',
    -- weighted ('english'): name A, profession/tags/facets/city B, services and
    -- portfolio titles C, bio D; the weights order text results in tiers
    document     TSVECTOR NOT NULL DEFAULT ''::tsvector,
    -- when the profile was approved: "Newest"
    listed_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Not unique: user_role_profiles.slug is, and a rebuild that moves a slug from one
-- profile to another must not trip over the order it updates rows in.
CREATE INDEX profile_search_slug_idx ON profile_search (slug);
-- Every listing is filtered by role, so each sort order has a (role_key, sort key,
-- profile_id) index that a keyset page walks directly; a search without a role runs
-- the same walk once per role and merges (domains::search::service). The (role, city)
-- pairs cover the most common search, "photographers in Pune", by relevance or price.
CREATE INDEX profile_search_role_score_idx
    ON profile_search (role_key, score DESC, profile_id DESC);
CREATE INDEX profile_search_role_city_score_idx
    ON profile_search (role_key, city, score DESC, profile_id DESC);
CREATE INDEX profile_search_role_price_idx
    ON profile_search (role_key, price_from, profile_id);
CREATE INDEX profile_search_role_city_price_idx
    ON profile_search (role_key, city, price_from, profile_id);
CREATE INDEX profile_search_role_rating_idx
    ON profile_search (role_key, rating_avg DESC, rating_count DESC, profile_id DESC);
CREATE INDEX profile_search_role_listed_idx
    ON profile_search (role_key, listed_at DESC, profile_id DESC);
-- Role, city and facets in one GIN index (btree_gin), so "photographers in Pune who
-- shoot weddings" is one index scan, not a bitmap of every photographer ANDed with a
-- bitmap of every wedding shooter.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX profile_search_facets_idx ON profile_search USING gin (role_key, city, facets);
CREATE INDEX profile_search_document_idx ON profile_search USING gin (document);
CREATE TRIGGER trg_profile_search_updated_at BEFORE UPDATE ON profile_search
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Exact counts behind the search page's role, city and facet lists: listed profiles per
-- (role, city) under token '', and per facet token. Kept by the same statement that
-- keeps profile_search (deltas), recomputed by a rebuild.
CREATE TABLE profile_search_counts (
    role_key TEXT NOT NULL,
    city     TEXT NOT NULL,
    token    TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (role_key, city, token)
);
-- The profile counts (token '') without reading every facet row.
CREATE INDEX profile_search_counts_token_idx
    ON profile_search_counts (token, role_key, city) INCLUDE (n);

-- The lexemes of names, tags, services and portfolio titles (weights A-C), for
-- correcting typos: a query lexeme that no profile has is replaced by the most similar
-- one here (pg_trgm on a word list, not on a million documents).
CREATE TABLE search_words (
    word TEXT PRIMARY KEY,
    -- profiles with the word at the last rebuild (1 for words added since)
    ndoc INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX search_words_word_trgm_idx ON search_words USING gin (word gin_trgm_ops);
