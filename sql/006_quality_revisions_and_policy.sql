-- Data-quality support: the place key and indexes the cross-source conflict rule reads through, figure
-- revisions between versions of one item, and the severity policy (batch_status, quarantine).

-- A place as a comparison key: lower case, common accents folded, a leading article dropped, punctuation
-- collapsed ("l'Irak" = "Irak" = "IRAK"). Same-language spelling only: "Iraq" and "Irak" stay apart.
CREATE FUNCTION dq_place_key(place text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN nullif(btrim(regexp_replace(regexp_replace(
           translate(lower(btrim(place)),
                     'àâäáãåéèêëíìîïóòôöõúùûüçñÿ',
                     'aaaaaaeeeeiiiiooooouuuucny'),
           '^(l[''’]|la |le |les |the )\s*', ''),
       '[^a-z0-9]+', ' ', 'g')), '');
COMMENT ON FUNCTION dq_place_key(text) IS
    'Normalised place for comparing figures across documents (figures_cross_source_conflict, figure_revisions).';

-- figures_cross_source_conflict looks up the same quantity in other batches either by unit and place or
-- through the documents published in the ±2-day window; both keep a check's cost bound to its batch.
CREATE INDEX figures_quantity_idx ON figures (unit, dq_place_key(place));
CREATE INDEX documents_published_idx ON documents ((COALESCE(published_at, ingested_at)));

-- A figure that changes between versions of one item (same source and guid, a higher version) is a revision,
-- not a conflict. The new figure is paired with the figure of the nearest earlier extracted version that has
-- the same unit, place and role (total or part), preferring the same extractor version and the closest
-- position; it is a revision when no figure of that version has the same quantity with the same interval.
CREATE VIEW figure_revisions AS
SELECT f.batch_id, dn.source_id, dn.guid,
       prev.version AS old_version, dn.version AS new_version,
       g.id AS old_figure_id, f.id AS new_figure_id,
       g.text AS old_text, f.text AS new_text,
       g.low AS old_low, g.high AS old_high, f.low AS new_low, f.high AS new_high,
       f.unit, f.place
FROM figures f
JOIN documents dn ON dn.id = f.document_id
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
WHERE NOT EXISTS (
    SELECT 1 FROM figures same
    WHERE same.document_id = prev.id
      AND same.unit IS NOT DISTINCT FROM f.unit
      AND dq_place_key(same.place) IS NOT DISTINCT FROM dq_place_key(f.place)
      AND same.low IS NOT DISTINCT FROM f.low AND same.high IS NOT DISTINCT FROM f.high
);
COMMENT ON VIEW figure_revisions IS
    'A figure of a later version of an item paired with the figure it revises in the previous extracted version.';

-- Severity policy: a batch is publishable once checked with no failed `error` rule in its runs (a rerun
-- replaces a suite's run, so the stored runs are the latest). `warn` failures publish, listed in warnings.
-- An unchecked batch is not publishable: analyst views show only checked facts.
CREATE VIEW batch_status AS
SELECT b.id AS batch_id,
       r.batch_id IS NOT NULL AS checked,
       r.batch_id IS NOT NULL AND cardinality(r.errors) = 0 AS publishable,
       COALESCE(r.warnings, '{}') AS warnings,
       COALESCE(r.errors, '{}') AS errors,
       r.checked_at
FROM ingest_batches b
LEFT JOIN LATERAL (
    SELECT q.batch_id, max(q.finished_at) AS checked_at,
           COALESCE(array_agg(DISTINCT x.rule ORDER BY x.rule)
                    FILTER (WHERE x.severity = 'warn' AND NOT x.success), '{}') AS warnings,
           COALESCE(array_agg(DISTINCT x.rule ORDER BY x.rule)
                    FILTER (WHERE x.severity = 'error' AND NOT x.success), '{}') AS errors
    FROM dq_runs q LEFT JOIN dq_results x ON x.run_id = q.id
    WHERE q.batch_id = b.id
    GROUP BY q.batch_id
) r ON true;
COMMENT ON VIEW batch_status IS
    'Per ingestion batch: checked, publishable (checked and no failed error rule), failed warn and error rules.';

-- The facts of blocked batches, kept stored and visible here. failing_rules = the batch's failed error
-- rules; offending_rules = those that name this very fact (or its document, for document rules).
CREATE VIEW quarantine AS
WITH failed AS (
    SELECT q.batch_id, q.suite, x.rule, x.unexpected
    FROM dq_runs q JOIN dq_results x ON x.run_id = q.id
    WHERE x.severity = 'error' AND NOT x.success
),
blocked AS (
    SELECT batch_id, array_agg(DISTINCT rule ORDER BY rule) AS failing_rules FROM failed GROUP BY batch_id
),
facts AS (
    SELECT 'figure' AS fact, 'figures' AS suite, f.id AS fact_id, f.document_id, f.batch_id, f.text AS summary
    FROM figures f JOIN blocked USING (batch_id)
    UNION ALL
    SELECT 'statement', 'statements', s.id, s.document_id, s.batch_id,
           COALESCE(s.speaker, '(unattributed)') || ': ' || left(s.quote, 120)
    FROM statements s JOIN blocked USING (batch_id)
    UNION ALL
    SELECT 'event', 'events', e.id, e.document_id, e.batch_id,
           e.type || ' ' || COALESCE(e.event_date::text, '') || ': ' || e.trigger
    FROM events e JOIN blocked USING (batch_id)
)
SELECT t.fact, t.fact_id, t.document_id, t.batch_id, b.failing_rules,
       ARRAY(SELECT x.rule FROM failed x
             WHERE x.batch_id = t.batch_id
               AND ((x.suite = t.suite AND t.fact_id = ANY (x.unexpected))
                    OR (x.suite = 'documents' AND t.document_id = ANY (x.unexpected)))
             ORDER BY x.rule) AS offending_rules,
       t.summary
FROM facts t JOIN blocked b USING (batch_id);
COMMENT ON VIEW quarantine IS
    'Figures, statements and events of batches with a failed error rule: stored, flagged, not published.';
