-- Items of a readable feed that could not be stored (after normalisation), kept with their bytes and the reason,
-- so that one bad item never costs its feed or the run; and, per fetch, how many were set aside.

ALTER TABLE fetches ADD COLUMN items_rejected integer NOT NULL DEFAULT 0 CHECK (items_rejected >= 0);
COMMENT ON COLUMN fetches.items_rejected IS 'Items of this payload set aside in rejected_items (parse or store).';

CREATE TABLE rejected_items (
    id          bigserial PRIMARY KEY,
    fetch_id    bigint NOT NULL REFERENCES fetches (id) ON DELETE CASCADE,
    source_id   integer NOT NULL REFERENCES sources (id),
    batch_id    bigint NOT NULL REFERENCES ingest_batches (id),
    position    integer NOT NULL CHECK (position >= 1),  -- 1, 2, … within the fetch: reruns add nothing
    guid        text,                                      -- as far as it could be read (NUL removed)
    reason      text NOT NULL CHECK (reason <> ''),
    raw         bytea,                                     -- the item as received; NULL once retention forgot it
    rejected_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (fetch_id, position)
);
CREATE INDEX rejected_items_source_idx ON rejected_items (source_id, id DESC);
COMMENT ON TABLE rejected_items IS
    'One item of a fetched feed that could not be stored as a document: its raw bytes, why, from which fetch.';

-- The formats a source may name now include NITF and JSON Feed (content sniffing decides either way).
ALTER TABLE sources DROP CONSTRAINT sources_format_check;
ALTER TABLE sources ADD CONSTRAINT sources_format_check
    CHECK (format IN ('auto', 'rss', 'atom', 'ninjs', 'newsml-g2', 'newsml-1.2', 'nitf', 'jsonfeed'));
