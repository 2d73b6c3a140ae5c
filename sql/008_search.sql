-- Full-text search on statements, in French and English, insensitive to accents ("defense" finds "Défense").

CREATE EXTENSION IF NOT EXISTS unaccent;

-- Text search configurations that strip accents before stemming. Being explicit configurations, they make
-- to_tsvector immutable, so the search vector can be a stored generated column.
CREATE TEXT SEARCH CONFIGURATION wire_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION wire_fr
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION wire_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION wire_en
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

CREATE FUNCTION wire_search_config(lang text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE lang WHEN 'en' THEN 'wire_en'::regconfig ELSE 'wire_fr'::regconfig END;
COMMENT ON FUNCTION wire_search_config(text) IS 'The text search configuration for a language code.';

ALTER TABLE statements ADD COLUMN lang text NOT NULL DEFAULT 'fr' CHECK (lang ~ '^[a-z]{2}$');
ALTER TABLE statements ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(wire_search_config(lang), coalesce(speaker, '')), 'A')
    || setweight(to_tsvector(wire_search_config(lang), quote), 'B')
) STORED;
CREATE INDEX statements_search_idx ON statements USING gin (search);
COMMENT ON COLUMN statements.search IS 'Speaker (weight A) and quote (weight B), stemmed per language, accents removed.';

CREATE OR REPLACE VIEW statements_view AS
SELECT st.id AS statement_id, d.id AS document_id, d.guid, d.title, d.source, d.published_at, d.language,
       st.speaker, st.speaker_type, st.kind, st.verb, st.quote, st.start_char, st.end_char, st.batch_id,
       st.speaker_id, sp.key AS speaker_key, st.lang, st.search
FROM statements st
JOIN latest_extractions x USING (document_id, extractor_version)
JOIN published_documents d ON d.id = st.document_id
LEFT JOIN speakers sp ON sp.id = st.speaker_id;

CREATE FUNCTION search_statements(query text, lang text DEFAULT 'fr')
RETURNS TABLE (statement_id bigint, document_id bigint, title text, published_at timestamptz,
               speaker text, quote text, rank real)
LANGUAGE sql STABLE
AS $$
    SELECT v.statement_id, v.document_id, v.title, v.published_at, v.speaker, v.quote,
           ts_rank(v.search, q) AS rank
    FROM statements_view v, websearch_to_tsquery(wire_search_config(lang), query) AS q
    WHERE v.search @@ q
    ORDER BY rank DESC, v.published_at DESC, v.statement_id
$$;
COMMENT ON FUNCTION search_statements(text, text) IS
    'Web-style search ("irak -syrie", "\"mortier\"") over published statements, best matches first.';
