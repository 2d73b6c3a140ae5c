-- Analyst views at a million documents. The views used to find the current version of each item and the
-- latest extraction of each document with DISTINCT ON over whole tables, and to aggregate dq_results for
-- every row they showed (batch_status). Here the answers are kept on write instead, by statement-level
-- triggers (so every writer, COPY included, keeps them without a line of Python):
--   documents.is_current    the highest version of its (source, guid);
--   extractions.is_latest   the extraction the views show for its document;
--   batch_publication       one row per checked batch: its failed warn/error rules, publishable or not.
-- The views then filter on indexed columns, so a query reads what it answers, not the history behind it.

-- Foreign keys whose referencing side had no index: deletes (re-extraction cascades, batch clean-ups) and
-- the look-ups below scanned whole tables.
CREATE INDEX figures_statement_idx ON figures (statement_id);
CREATE INDEX extractions_batch_idx ON extractions (batch_id);
CREATE INDEX fetches_source_idx ON fetches (source_id, id);
CREATE INDEX documents_ingested_idx ON documents (ingested_at);

-- documents.is_current ------------------------------------------------------------------------------------

ALTER TABLE documents ADD COLUMN is_current boolean NOT NULL DEFAULT true;
COMMENT ON COLUMN documents.is_current IS
    'This row is the highest version of its (source, guid); kept by the trigger documents_current.';
UPDATE documents d SET is_current = false
WHERE EXISTS (SELECT 1 FROM documents h
              WHERE h.source_id = d.source_id AND h.guid = d.guid AND h.version > d.version);

-- A new row is current unless a higher version exists; older versions of its item stop being current.
-- Writers of one item are serialised by store_documents' advisory lock, so two versions never race here.
CREATE FUNCTION documents_mark_current() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE documents d SET is_current = false
    FROM (SELECT DISTINCT source_id, guid FROM added) a
    WHERE d.source_id = a.source_id AND d.guid = a.guid AND d.is_current
      AND EXISTS (SELECT 1 FROM documents h
                  WHERE h.source_id = d.source_id AND h.guid = d.guid AND h.version > d.version);
    RETURN NULL;
END $$;
CREATE TRIGGER documents_current AFTER INSERT ON documents
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION documents_mark_current();

-- The views' entry points into documents: published items by date, and the few items with several versions.
CREATE INDEX documents_published_current_idx ON documents (published_at)
    WHERE is_current AND status IN ('usable', 'corrected') AND duplicate_of IS NULL;
CREATE INDEX documents_revised_idx ON documents (source_id, guid) WHERE version > 1;

-- extractions.is_latest -----------------------------------------------------------------------------------

ALTER TABLE extractions ADD COLUMN is_latest boolean NOT NULL DEFAULT true;
COMMENT ON COLUMN extractions.is_latest IS
    'The extraction shown for its document (latest extracted_at, then highest version); trigger-kept.';

CREATE FUNCTION extractions_set_latest(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE extractions x SET is_latest = l.latest
    FROM (SELECT e.document_id, e.extractor_version,
                 NOT EXISTS (SELECT 1 FROM extractions y
                             WHERE y.document_id = e.document_id
                               AND (y.extracted_at, y.extractor_version) > (e.extracted_at, e.extractor_version))
                     AS latest
          FROM extractions e WHERE e.document_id = ANY (ids)) l
    WHERE x.document_id = l.document_id AND x.extractor_version = l.extractor_version
      AND x.is_latest <> l.latest;
$$;

SELECT extractions_set_latest(array_agg(DISTINCT document_id)) FROM extractions;
-- The views reach a fact's extraction through this index (index-only: the flag is in the predicate).
CREATE INDEX extractions_latest_idx ON extractions (document_id, extractor_version) WHERE is_latest;

-- The same answer on the document itself: the views then find a fact's document and check its version in one
-- step, with no join to extractions (whose size the planner weighs against every date range it misjudges).
ALTER TABLE documents ADD COLUMN facts_version text;
COMMENT ON COLUMN documents.facts_version IS
    'Extractor version of the document''s latest extraction: the facts the views show (NULL = not extracted).';

CREATE FUNCTION documents_set_facts_version(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE documents d SET facts_version = l.extractor_version
    FROM (SELECT i.id, (SELECT x.extractor_version FROM extractions x WHERE x.document_id = i.id
                        ORDER BY x.extracted_at DESC, x.extractor_version DESC LIMIT 1) AS extractor_version
          FROM unnest(ids) AS i(id)) l
    WHERE d.id = l.id AND d.facts_version IS DISTINCT FROM l.extractor_version;
$$;

SELECT documents_set_facts_version(array_agg(DISTINCT document_id)) FROM extractions;

CREATE FUNCTION extractions_mark_latest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- Most documents have one extraction: only those with another one need a look.
        PERFORM extractions_set_latest(ARRAY(
            SELECT a.document_id FROM added a
            WHERE EXISTS (SELECT 1 FROM extractions o
                          WHERE o.document_id = a.document_id AND o.extractor_version <> a.extractor_version)));
        PERFORM documents_set_facts_version(ARRAY(SELECT DISTINCT document_id FROM added));
    ELSE
        PERFORM extractions_set_latest(ARRAY(SELECT DISTINCT document_id FROM removed));
        PERFORM documents_set_facts_version(ARRAY(SELECT DISTINCT document_id FROM removed));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER extractions_latest_on_insert AFTER INSERT ON extractions
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION extractions_mark_latest();
CREATE TRIGGER extractions_latest_on_delete AFTER DELETE ON extractions
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION extractions_mark_latest();

-- batch_publication ---------------------------------------------------------------------------------------

CREATE TABLE batch_publication (
    batch_id    bigint PRIMARY KEY REFERENCES ingest_batches (id) ON DELETE CASCADE,
    checked_at  timestamptz NOT NULL,
    warnings    text[] NOT NULL DEFAULT '{}',
    errors      text[] NOT NULL DEFAULT '{}',
    publishable boolean GENERATED ALWAYS AS (cardinality(errors) = 0) STORED
);
COMMENT ON TABLE batch_publication IS
    'One row per checked batch: its failed warn and error rules and whether its facts publish. Kept from '
    'dq_runs/dq_results by triggers; no row = not checked yet (not published).';

CREATE FUNCTION batch_publication_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM batch_publication p
    WHERE p.batch_id = ANY (ids) AND NOT EXISTS (SELECT 1 FROM dq_runs q WHERE q.batch_id = p.batch_id);
    INSERT INTO batch_publication AS p (batch_id, checked_at, warnings, errors)
    SELECT q.batch_id, max(q.finished_at),
           COALESCE(array_agg(DISTINCT x.rule ORDER BY x.rule)
                    FILTER (WHERE x.severity = 'warn' AND NOT x.success), '{}'),
           COALESCE(array_agg(DISTINCT x.rule ORDER BY x.rule)
                    FILTER (WHERE x.severity = 'error' AND NOT x.success), '{}')
    FROM dq_runs q LEFT JOIN dq_results x ON x.run_id = q.id
    WHERE q.batch_id = ANY (ids)
    GROUP BY q.batch_id
    ON CONFLICT (batch_id) DO UPDATE
        SET checked_at = EXCLUDED.checked_at, warnings = EXCLUDED.warnings, errors = EXCLUDED.errors;
$$;

SELECT batch_publication_refresh(array_agg(DISTINCT batch_id)) FROM dq_runs;

-- One function per transition table name; statement-level, so a check storing 13 results recomputes once.
CREATE FUNCTION dq_runs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM batch_publication_refresh(ARRAY(SELECT DISTINCT batch_id FROM removed));
    ELSE
        PERFORM batch_publication_refresh(ARRAY(SELECT DISTINCT batch_id FROM added));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dq_runs_publication_insert AFTER INSERT ON dq_runs
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION dq_runs_changed();
CREATE TRIGGER dq_runs_publication_update AFTER UPDATE ON dq_runs
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION dq_runs_changed();
CREATE TRIGGER dq_runs_publication_delete AFTER DELETE ON dq_runs
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION dq_runs_changed();

CREATE FUNCTION dq_results_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM batch_publication_refresh(ARRAY(
            SELECT DISTINCT q.batch_id FROM removed r JOIN dq_runs q ON q.id = r.run_id));
    ELSE
        PERFORM batch_publication_refresh(ARRAY(
            SELECT DISTINCT q.batch_id FROM added r JOIN dq_runs q ON q.id = r.run_id));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dq_results_publication_insert AFTER INSERT ON dq_results
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION dq_results_changed();
CREATE TRIGGER dq_results_publication_update AFTER UPDATE ON dq_results
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION dq_results_changed();
CREATE TRIGGER dq_results_publication_delete AFTER DELETE ON dq_results
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION dq_results_changed();

-- The views, same columns as before, reading the flags (a fact shows when its document is current, published,
-- and its extraction the latest: d.facts_version) --------------------------------------------------------

CREATE OR REPLACE VIEW current_documents AS
SELECT d.* FROM documents d WHERE d.is_current;

CREATE OR REPLACE VIEW published_documents AS
SELECT c.id, c.source_id, s.name AS source, c.guid, c.version, c.title, c.body, c.language,
       c.published_at, c.link, c.agency, c.facts_version
FROM documents c JOIN sources s ON s.id = c.source_id
WHERE c.is_current AND c.status IN ('usable', 'corrected') AND c.duplicate_of IS NULL;

CREATE OR REPLACE VIEW latest_extractions AS
SELECT document_id, extractor_version, batch_id FROM extractions WHERE is_latest;

CREATE OR REPLACE VIEW document_versions AS
SELECT d.source_id, s.name AS source, d.guid, d.version, d.status, d.title, d.published_at, d.updated_at,
       d.content_hash, d.duplicate_of, d.ingested_at, d.is_current
FROM documents d JOIN sources s ON s.id = d.source_id;

CREATE OR REPLACE VIEW batch_status AS
SELECT b.id AS batch_id,
       p.batch_id IS NOT NULL AS checked,
       COALESCE(p.publishable, false) AS publishable,
       COALESCE(p.warnings, '{}') AS warnings,
       COALESCE(p.errors, '{}') AS errors,
       p.checked_at
FROM ingest_batches b LEFT JOIN batch_publication p ON p.batch_id = b.id;

CREATE OR REPLACE VIEW statements_view AS
SELECT st.id AS statement_id, d.id AS document_id, d.guid, d.title, d.source, d.published_at, d.language,
       st.speaker, st.speaker_type, st.kind, st.verb, st.quote, st.start_char, st.end_char, st.batch_id,
       st.speaker_id, sp.key AS speaker_key, st.lang, st.search, bp.warnings AS dq_warnings
FROM statements st
JOIN published_documents d ON d.id = st.document_id AND d.facts_version = st.extractor_version
JOIN batch_publication bp ON bp.batch_id = st.batch_id AND bp.publishable
LEFT JOIN speakers sp ON sp.id = st.speaker_id;

CREATE OR REPLACE VIEW figures_view AS
SELECT f.id AS figure_id, d.id AS document_id, d.guid, d.title, d.source, d.published_at,
       f.text, f.value, f.low, f.high, f.unit, f.qualifier, f.place, f.asserted_by,
       t.text AS part_of, f.part_of_id, f.start_char, f.end_char, f.batch_id,
       bp.warnings AS dq_warnings, f.event_id, f.statement_id
FROM figures f
JOIN published_documents d ON d.id = f.document_id AND d.facts_version = f.extractor_version
JOIN batch_publication bp ON bp.batch_id = f.batch_id AND bp.publishable
LEFT JOIN figures t ON t.id = f.part_of_id;

CREATE OR REPLACE VIEW events_view AS
SELECT e.id AS event_id, d.id AS document_id, d.guid, d.title, d.source, d.published_at,
       e.type, e.actor, e.target, e.event_date, e.place, e.trigger, e.summary, e.batch_id,
       bp.warnings AS dq_warnings, e.statement_id
FROM events e
JOIN published_documents d ON d.id = e.document_id AND d.facts_version = e.extractor_version
JOIN batch_publication bp ON bp.batch_id = e.batch_id AND bp.publishable;

-- Ordered entry points of the example questions: figures by unit in document order, events by date.
CREATE INDEX figures_unit_idx ON figures (unit, document_id, start_char);
CREATE INDEX events_date_idx ON events (event_date, type) WHERE event_date IS NOT NULL;

-- A revision needs an earlier version: start from the few documents above version 1 (documents_revised_idx)
-- instead of pairing every figure of the table.
CREATE OR REPLACE VIEW figure_revisions AS
SELECT f.batch_id, dn.source_id, dn.guid,
       prev.version AS old_version, dn.version AS new_version,
       g.id AS old_figure_id, f.id AS new_figure_id,
       g.text AS old_text, f.text AS new_text,
       g.low AS old_low, g.high AS old_high, f.low AS new_low, f.high AS new_high,
       f.unit, f.place
FROM documents dn
JOIN figures f ON f.document_id = dn.id
JOIN LATERAL (
    SELECT p.id, p.version FROM documents p
    WHERE p.source_id = dn.source_id AND p.guid = dn.guid AND p.version < dn.version
      AND EXISTS (SELECT 1 FROM extractions x WHERE x.document_id = p.id)
    ORDER BY p.version DESC LIMIT 1
) prev ON true
JOIN LATERAL (
    SELECT o.id, o.text, o.low, o.high FROM figures o
    WHERE o.document_id = prev.id
      AND o.unit IS NOT DISTINCT FROM f.unit
      AND dq_place_key(o.place) IS NOT DISTINCT FROM dq_place_key(f.place)
      AND (o.part_of_id IS NULL) = (f.part_of_id IS NULL)
    ORDER BY (o.extractor_version = f.extractor_version) DESC, abs(o.start_char - f.start_char), o.id
    LIMIT 1
) g ON true
WHERE dn.version > 1
  AND NOT EXISTS (
    SELECT 1 FROM figures same
    WHERE same.document_id = prev.id
      AND same.unit IS NOT DISTINCT FROM f.unit
      AND dq_place_key(same.place) IS NOT DISTINCT FROM dq_place_key(f.place)
      AND same.low IS NOT DISTINCT FROM f.low AND same.high IS NOT DISTINCT FROM f.high
);

-- Search as before, with the query as an expression rather than a function in FROM: the planner can then
-- use the GIN index (it had joined the query function to every row of statements, a full scan). The
-- parameters are qualified: statements_view has a column `lang`, which an unqualified name would mean.
CREATE OR REPLACE FUNCTION search_statements(query text, lang text DEFAULT 'fr')
RETURNS TABLE (statement_id bigint, document_id bigint, title text, published_at timestamptz,
               speaker text, quote text, rank real)
LANGUAGE sql STABLE
AS $$
    SELECT v.statement_id, v.document_id, v.title, v.published_at, v.speaker, v.quote,
           ts_rank(v.search, websearch_to_tsquery(wire_search_config(search_statements.lang),
                                                  search_statements.query)) AS rank
    FROM statements_view v
    WHERE v.search @@ websearch_to_tsquery(wire_search_config(search_statements.lang), search_statements.query)
    ORDER BY rank DESC, v.published_at DESC, v.statement_id
$$;

-- Statements per speaker aggregates every published statement: kept as a materialized view, refreshed after
-- each check (pipeline.views.refresh_speaker_statements), so reading it costs the speakers, not the history.
DROP VIEW speaker_statements;
CREATE MATERIALIZED VIEW speaker_statements AS
SELECT sp.id AS speaker_id, sp.name, sp.speaker_type, count(*) AS statements,
       count(DISTINCT v.document_id) AS articles, min(v.published_at) AS first_seen, max(v.published_at) AS last_seen
FROM statements_view v JOIN speakers sp ON sp.id = v.speaker_id
GROUP BY sp.id, sp.name, sp.speaker_type;
CREATE UNIQUE INDEX speaker_statements_speaker_idx ON speaker_statements (speaker_id);
CREATE INDEX speaker_statements_count_idx ON speaker_statements (statements DESC, name);
COMMENT ON MATERIALIZED VIEW speaker_statements IS
    'Statements per speaker across published articles, as of the latest check (refreshed after each one).';
