-- Views for analysts. They show the current version of each item, hide killed items, and only the
-- facts of the extractor version that processed the document most recently.

CREATE VIEW current_documents AS
SELECT DISTINCT ON (d.source_id, d.guid) d.*
FROM documents d
ORDER BY d.source_id, d.guid, d.version DESC;
COMMENT ON VIEW current_documents IS 'The latest version of every item, whatever its status.';

CREATE VIEW published_documents AS
SELECT c.id, c.source_id, s.name AS source, c.guid, c.version, c.title, c.body, c.language,
       c.published_at, c.link, c.agency
FROM current_documents c JOIN sources s ON s.id = c.source_id
WHERE c.status IN ('usable', 'corrected');
COMMENT ON VIEW published_documents IS 'Current versions of items that were not killed (canceled/withheld).';

CREATE VIEW latest_extractions AS
SELECT DISTINCT ON (document_id) document_id, extractor_version, batch_id
FROM extractions
ORDER BY document_id, extracted_at DESC, extractor_version DESC;

CREATE VIEW statements_view AS
SELECT st.id AS statement_id, d.id AS document_id, d.guid, d.title, d.source, d.published_at, d.language,
       st.speaker, st.speaker_type, st.kind, st.verb, st.quote, st.start_char, st.end_char, st.batch_id
FROM statements st
JOIN latest_extractions x USING (document_id, extractor_version)
JOIN published_documents d ON d.id = st.document_id;
COMMENT ON VIEW statements_view IS 'Who said what, in which article (current, non-killed versions only).';

CREATE VIEW figures_view AS
SELECT f.id AS figure_id, d.id AS document_id, d.guid, d.title, d.source, d.published_at,
       f.text, f.value, f.low, f.high, f.unit, f.qualifier, f.place, f.asserted_by,
       t.text AS part_of, f.part_of_id, f.start_char, f.end_char, f.batch_id
FROM figures f
JOIN latest_extractions x USING (document_id, extractor_version)
JOIN published_documents d ON d.id = f.document_id
LEFT JOIN figures t ON t.id = f.part_of_id;
COMMENT ON VIEW figures_view IS 'Claimed numbers as intervals with unit, place and asserter (NULL low/high = open).';

CREATE VIEW events_view AS
SELECT e.id AS event_id, d.id AS document_id, d.guid, d.title, d.source, d.published_at,
       e.type, e.actor, e.target, e.event_date, e.place, e.trigger, e.summary, e.batch_id
FROM events e
JOIN latest_extractions x USING (document_id, extractor_version)
JOIN published_documents d ON d.id = e.document_id;
COMMENT ON VIEW events_view IS 'Reported actions by type, actor, target, date and place.';

CREATE VIEW dq_verdicts AS
SELECT q.batch_id, q.suite, r.rule, r.severity, r.success, r.observed, r.unexpected, q.finished_at
FROM dq_runs q JOIN dq_results r ON r.run_id = q.id;
COMMENT ON VIEW dq_verdicts IS 'Every data-quality rule result with its batch.';
