-- Analyst views publish only checked batches without a failed `error` rule (see batch_status); `warn`
-- failures publish with their rule names in dq_warnings. Blocked facts stay in the `quarantine` view.

CREATE OR REPLACE VIEW statements_view AS
SELECT st.id AS statement_id, d.id AS document_id, d.guid, d.title, d.source, d.published_at, d.language,
       st.speaker, st.speaker_type, st.kind, st.verb, st.quote, st.start_char, st.end_char, st.batch_id,
       st.speaker_id, sp.key AS speaker_key, st.lang, st.search, bs.warnings AS dq_warnings
FROM statements st
JOIN latest_extractions x USING (document_id, extractor_version)
JOIN published_documents d ON d.id = st.document_id
JOIN batch_status bs ON bs.batch_id = st.batch_id AND bs.publishable
LEFT JOIN speakers sp ON sp.id = st.speaker_id;
COMMENT ON VIEW statements_view IS
    'Who said what, in which article: current, non-killed versions of publishable batches only.';

CREATE OR REPLACE VIEW figures_view AS
SELECT f.id AS figure_id, d.id AS document_id, d.guid, d.title, d.source, d.published_at,
       f.text, f.value, f.low, f.high, f.unit, f.qualifier, f.place, f.asserted_by,
       t.text AS part_of, f.part_of_id, f.start_char, f.end_char, f.batch_id,
       bs.warnings AS dq_warnings, f.event_id, f.statement_id
FROM figures f
JOIN latest_extractions x USING (document_id, extractor_version)
JOIN published_documents d ON d.id = f.document_id
JOIN batch_status bs ON bs.batch_id = f.batch_id AND bs.publishable
LEFT JOIN figures t ON t.id = f.part_of_id;
COMMENT ON VIEW figures_view IS
    'Claimed numbers as intervals (NULL low/high = open) with unit, place, asserter and the batch''s warnings.';

CREATE OR REPLACE VIEW events_view AS
SELECT e.id AS event_id, d.id AS document_id, d.guid, d.title, d.source, d.published_at,
       e.type, e.actor, e.target, e.event_date, e.place, e.trigger, e.summary, e.batch_id,
       bs.warnings AS dq_warnings, e.statement_id
FROM events e
JOIN latest_extractions x USING (document_id, extractor_version)
JOIN published_documents d ON d.id = e.document_id
JOIN batch_status bs ON bs.batch_id = e.batch_id AND bs.publishable;
COMMENT ON VIEW events_view IS 'Reported actions by type, actor, target, date and place (publishable batches).';

CREATE VIEW events_by_day AS
SELECT event_date, type, place, count(*) AS events, count(DISTINCT document_id) AS articles
FROM events_view WHERE event_date IS NOT NULL
GROUP BY event_date, type, place;
COMMENT ON VIEW events_by_day IS 'How many events of each type happened where, day by day.';

CREATE VIEW speaker_statements AS
SELECT sp.id AS speaker_id, sp.name, sp.speaker_type, count(*) AS statements,
       count(DISTINCT v.document_id) AS articles, min(v.published_at) AS first_seen, max(v.published_at) AS last_seen
FROM statements_view v JOIN speakers sp ON sp.id = v.speaker_id
GROUP BY sp.id, sp.name, sp.speaker_type;
COMMENT ON VIEW speaker_statements IS 'Statements per speaker across articles (grouped by the normalised key).';
