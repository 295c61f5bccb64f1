-- 0001_foundation: extensions and shared helpers.
--
-- gen_random_uuid() is built into PostgreSQL 13+, pgcrypto is kept for
-- digest()/crypt() helpers; pg_trgm backs the fuzzy-search (GIN trigram)
-- indexes on titles and display names.

CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Keeps updated_at current. Attached as BEFORE UPDATE trigger
-- trg_<table>_updated_at on every table that has an updated_at column.
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
