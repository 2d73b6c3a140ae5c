-- figures_cross_source_conflict reads the figures of the documents published around a batch; only those
-- with a unit and a place can conflict, so it reaches them through this partial index and never reads a
-- document's other figures. It supersedes the (unit, place) index of 006_quality_revisions_and_policy.sql,
-- whose look-ups grew with the table's history (kept as a separate file: applied migrations never change).
CREATE INDEX figures_placed_idx ON figures (document_id) WHERE unit IS NOT NULL AND place IS NOT NULL;
DROP INDEX figures_quantity_idx;
