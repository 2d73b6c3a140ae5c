"""SQL of the custom data-quality rules (GX `UnexpectedRowsExpectation`) and of the informational reports.

`{batch}` is GX's placeholder for the rows of the ingestion batch under validation; every other brace is
doubled for `str.format`. A query holding a JOIN aliases `{batch}` itself (GX adds no alias then). Each
query returns an `id` column: the offending row of the suite's table. Look-ups into other batches go
through indexes (see sql/006_quality_revisions_and_policy.sql), so a check's cost follows its batch.
"""

from __future__ import annotations

from pipeline.quality.tables import (
    ATTRIBUTION_COVERAGE_MIN,
    ATTRIBUTION_COVERAGE_MIN_STATEMENTS,
    CONFLICT_WINDOW_DAYS,
    EVENT_DATE_TOLERANCE_DAYS,
    LEAK_PATTERNS,
    UNCOMPARABLE_UNITS,
)

# Tolerance for sums of doubles in the breakdown rule (parts 405.0 + 495.0… added in floating point).
_EPS = 1e-9

# Other sides named per conflicting figure (a figure at odds with many keeps its result small).
CONFLICT_SIDES_LISTED = 10


def _literal(text: str) -> str:
    """A SQL string literal safe inside a GX query template (quotes doubled, braces doubled)."""
    return "'" + text.replace("'", "''").replace("{", "{{").replace("}", "}}") + "'"


# A figures row may be checked against its document through the composite key (document_id, body_length).
SPAN_QUERY = """
SELECT f.id, f.start_char, f.end_char, d.body_length
FROM {batch} AS f LEFT JOIN documents AS d ON d.id = f.document_id
WHERE NOT (0 <= f.start_char AND f.start_char < f.end_char AND f.end_char <= d.body_length)
   OR d.id IS NULL
"""

# The parts of a total are the rows whose part_of_id is the total's id (index figures_part_of_idx).
# A NULL part low counts as 0, a NULL total high as +infinity (never violated).
BREAKDOWN_QUERY = f"""
SELECT t.id, t.high AS total_high, SUM(COALESCE(p.low, 0)) AS parts_low_sum,
       array_agg(p.id ORDER BY p.id) AS part_ids
FROM {{batch}} AS t JOIN figures AS p ON p.part_of_id = t.id
WHERE t.high IS NOT NULL
GROUP BY t.id, t.high
HAVING SUM(COALESCE(p.low, 0)) > t.high + {_EPS} * abs(t.high)
"""

_LEAK_VALUES = ",\n       ".join(
    f"({_literal(p.kind)}, {_literal(p.regex)}, {str(p.unitless_only).lower()})" for p in LEAK_PATTERNS
)

# One row per leaking figure, with every kind of non-figure its text looks like.
LEAK_QUERY = f"""
SELECT f.id, f.text, f.unit, array_agg(DISTINCT p.kind ORDER BY p.kind) AS looks_like
FROM {{batch}} AS f
JOIN (VALUES {_LEAK_VALUES}) AS p (kind, pattern, unitless_only)
  ON f.text ~ p.pattern AND (NOT p.unitless_only OR f.unit IS NULL)
GROUP BY f.id, f.text, f.unit
"""

# The same quantity (same unit, not one of tables.UNCOMPARABLE_UNITS; same place key; same role: total or
# part) in another item (another source, or another guid of the same source) published within the window,
# whose interval does not meet this one (a NULL bound is open, so never disjoint on that side). Versions of one item are
# revisions (view figure_revisions), never conflicts. The other side is its item's latest version, not
# killed nor a linked duplicate, and its document's latest extraction. `conflicts` counts the other sides;
# the first CONFLICT_SIDES_LISTED of them (by id) are named.
# Incremental by construction: the other figures are read only from the documents published around the
# batch's publication days (index documents_published_idx, then the partial index figures_placed_idx of
# figures with a unit and a place), so the cost follows the news volume of those days, never the table's
# history. MATERIALIZED keeps that order.
CONFLICT_QUERY = f"""
WITH mine AS MATERIALIZED (
    SELECT f.id, f.low, f.high, f.unit, f.place, dq_place_key(f.place) AS place_key,
           f.part_of_id IS NULL AS is_total, df.source_id, df.guid,
           COALESCE(df.published_at, df.ingested_at) AS at
    FROM {{batch}} AS f JOIN documents AS df ON df.id = f.document_id
    WHERE f.unit IS NOT NULL AND f.place IS NOT NULL
      AND f.unit NOT IN ({", ".join(_literal(u) for u in sorted(UNCOMPARABLE_UNITS))})
),
nearby AS MATERIALIZED (
    SELECT DISTINCT dg.id, dg.source_id, dg.guid, COALESCE(dg.published_at, dg.ingested_at) AS at
    FROM (SELECT DISTINCT date_trunc('day', at) AS day FROM mine) AS d
    CROSS JOIN LATERAL (
        SELECT * FROM documents AS w
        WHERE COALESCE(w.published_at, w.ingested_at) >= d.day - interval '{CONFLICT_WINDOW_DAYS} days'
          AND COALESCE(w.published_at, w.ingested_at) < d.day + interval '{CONFLICT_WINDOW_DAYS + 1} days'
        OFFSET 0  -- a fence: one index range scan per day, never a pass over every document
    ) AS dg
    WHERE dg.duplicate_of IS NULL AND dg.status IN ('usable', 'corrected')
      AND NOT EXISTS (SELECT 1 FROM documents AS later
                      WHERE later.source_id = dg.source_id AND later.guid = dg.guid
                        AND later.version > dg.version)
),
theirs AS MATERIALIZED (
    SELECT g.id, g.document_id, g.low, g.high, g.unit, dq_place_key(g.place) AS place_key,
           g.part_of_id IS NULL AS is_total, n.source_id, n.guid, n.at
    FROM nearby AS n
    CROSS JOIN LATERAL (SELECT x.extractor_version FROM extractions AS x WHERE x.document_id = n.id
                        ORDER BY x.extracted_at DESC, x.extractor_version DESC LIMIT 1) AS latest
    JOIN figures AS g ON g.document_id = n.id AND g.extractor_version = latest.extractor_version
    WHERE g.unit IS NOT NULL AND g.place IS NOT NULL AND g.unit IN (SELECT unit FROM mine)
)
SELECT m.id, m.low, m.high, m.unit, m.place, count(*) AS conflicts,
       (array_agg(t.id ORDER BY t.id))[1:{CONFLICT_SIDES_LISTED}] AS other_figure_ids,
       (array_agg(t.document_id ORDER BY t.id))[1:{CONFLICT_SIDES_LISTED}] AS other_document_ids,
       (array_agg(s.name ORDER BY t.id))[1:{CONFLICT_SIDES_LISTED}] AS other_sources,
       (array_agg(concat_ws(' ', t.low, '-', t.high) ORDER BY t.id))[1:{CONFLICT_SIDES_LISTED}] AS other_intervals
FROM mine AS m
JOIN theirs AS t
  ON t.unit = m.unit AND t.place_key = m.place_key AND t.is_total = m.is_total AND t.id <> m.id
 AND (t.source_id, t.guid) <> (m.source_id, m.guid)
 AND t.at BETWEEN m.at - interval '{CONFLICT_WINDOW_DAYS} days' AND m.at + interval '{CONFLICT_WINDOW_DAYS} days'
 AND (t.high < m.low OR m.high < t.low)
JOIN sources AS s ON s.id = t.source_id
GROUP BY m.id, m.low, m.high, m.unit, m.place
"""

# Revisions of this batch's figures (informational, psycopg parameter `batch`).
REVISIONS_OBSERVED = """
SELECT new_figure_id, old_figure_id, guid, old_version, new_version, old_text, new_text,
       old_low, old_high, new_low, new_high, unit, place
FROM figure_revisions WHERE batch_id = %(batch)s ORDER BY new_figure_id
"""

# A source's statements of one UTC day, as delivered in this batch: how many, how many attributed.
_COVERAGE_CTE = """
WITH days AS (
    SELECT st.id, st.speaker_type, d.source_id,
           (COALESCE(d.published_at, d.ingested_at) AT TIME ZONE 'UTC')::date AS day
    FROM {batch} AS st JOIN documents AS d ON d.id = st.document_id
),
coverage AS (
    SELECT source_id, day, count(*) AS statements,
           count(*) FILTER (WHERE speaker_type <> 'unattributed') AS attributed
    FROM days GROUP BY source_id, day
)"""

# The unattributed statements of the source-days whose coverage is under the threshold.
COVERAGE_QUERY = _COVERAGE_CTE + f"""
SELECT st.id, st.source_id, st.day::text AS day, c.statements, c.attributed,
       round(c.attributed::numeric / c.statements, 3) AS coverage
FROM days AS st JOIN coverage AS c USING (source_id, day)
WHERE st.speaker_type = 'unattributed'
  AND c.statements >= {ATTRIBUTION_COVERAGE_MIN_STATEMENTS}
  AND c.attributed < {ATTRIBUTION_COVERAGE_MIN} * c.statements
"""

# Coverage of every source-day of the batch (informational `observed`, psycopg parameter `batch`).
COVERAGE_OBSERVED = _COVERAGE_CTE.replace(
    "{batch}", "(SELECT id, document_id, speaker_type FROM statements WHERE batch_id = %(batch)s)"
) + """
SELECT s.name AS source, c.day::text AS day, c.statements, c.attributed,
       round(c.attributed::numeric / c.statements, 3)::float AS coverage
FROM coverage AS c JOIN sources AS s ON s.id = c.source_id
ORDER BY s.name, c.day
"""

# event_date after the document's UTC publication day plus the tolerance, unless the extractor flagged the
# event as planned or to come (events.planned: "une manifestation prévue le 22 janvier", "talks will resume
# on Monday"); undated events and documents without a publication time pass.
EVENT_AFTER_PUBLICATION_QUERY = f"""
SELECT e.id, e.event_date::text AS event_date, d.published_at::text AS published_at, e.trigger
FROM {{batch}} AS e JOIN documents AS d ON d.id = e.document_id
WHERE e.event_date > (d.published_at AT TIME ZONE 'UTC')::date + {EVENT_DATE_TOLERANCE_DAYS}
  AND NOT e.planned
"""

# The same text (content hash) stored as two items, neither linked to the other by duplicate_of: the
# loader links a later copy to the first one, so two unlinked copies mean its facts may count twice.
# Versions of one item may share a text (a status change), so only other items count.
DUPLICATE_TEXT_QUERY = """
SELECT d.id, d.source_id, d.guid, array_agg(o.id ORDER BY o.id) AS same_text_ids
FROM {batch} AS d JOIN documents AS o ON o.content_hash = d.content_hash AND o.id <> d.id
WHERE d.duplicate_of IS NULL AND o.duplicate_of IS NULL
  AND (o.source_id, o.guid) <> (d.source_id, d.guid)
GROUP BY d.id, d.source_id, d.guid
"""
