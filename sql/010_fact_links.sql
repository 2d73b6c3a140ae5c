-- Facts point at each other: an event at the statement reporting it, a figure at the event it quantifies.

ALTER TABLE events ADD COLUMN statement_id bigint REFERENCES statements (id) ON DELETE CASCADE;
ALTER TABLE figures ADD COLUMN event_id bigint REFERENCES events (id) ON DELETE SET NULL;
CREATE INDEX events_statement_idx ON events (statement_id);
CREATE INDEX figures_event_idx ON figures (event_id);
COMMENT ON COLUMN events.statement_id IS 'The statement whose span contains the trigger (the event as reported by a speaker).';
COMMENT ON COLUMN figures.event_id IS 'The nearest event triggered in the same sentence, if any.';
