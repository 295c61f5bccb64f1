-- 0014_search_text_index: free-text search narrowed by role and city in one index scan.
--
-- With the text in its own GIN index, "wedding photographers in Pune" built a bitmap of
-- every profile that mentions weddings (a third of them) and ANDed it with the bitmap of
-- photographers in Pune: ~80 ms at a million profiles. In one multicolumn GIN index
-- (btree_gin for the text columns), the rare keys drive the scan and skip through the
-- common word's posting tree: ~12 ms. GIN serves any subset of its columns, so text
-- without a role or city still uses it, and the text-only index goes.
CREATE INDEX profile_search_role_city_document_idx
    ON profile_search USING gin (role_key, city, document);
DROP INDEX profile_search_document_idx;
