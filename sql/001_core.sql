-- Core ingestion tables: where items come from, each fetch attempt, each ingestion batch, and the documents.

CREATE TABLE sources (
    id          serial PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (name <> ''),
    location    text NOT NULL CHECK (location <> ''),  -- URL, or a path relative to the project root
    format      text NOT NULL DEFAULT 'auto'
                CHECK (format IN ('auto', 'rss', 'atom', 'ninjs', 'newsml-g2', 'newsml-1.2')),
    language    text CHECK (language ~ '^[a-z]{2}$'),
    agency      text,
    schedule    text,
    conn_id     text,      -- Airflow connection holding credentials; never the credentials themselves
    enabled     boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE sources IS 'One configured feed (loaded from seeds/sources.json or added by operators).';

CREATE TABLE ingest_batches (
    id                bigserial PRIMARY KEY,
    run_id            text NOT NULL UNIQUE,  -- Airflow run id, or cli__<timestamp> for `pipeline run`
    started_at        timestamptz NOT NULL DEFAULT now(),
    extractor_version text NOT NULL
);
COMMENT ON TABLE ingest_batches IS
    'One ingestion run. Facts carry the batch that produced them; data-quality checks validate one batch.';

CREATE TABLE fetches (
    id             bigserial PRIMARY KEY,
    batch_id       bigint NOT NULL REFERENCES ingest_batches (id),
    source_id      integer NOT NULL REFERENCES sources (id),
    location       text NOT NULL,
    status         text NOT NULL CHECK (status IN ('ok', 'not_modified', 'error')),
    http_status    integer,
    error          text,
    attempts       integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
    bytes          integer CHECK (bytes >= 0),
    etag           text,
    last_modified  text,
    payload        bytea,  -- the feed as received, for audit and for the parse step
    items_seen     integer CHECK (items_seen >= 0),
    items_new      integer CHECK (items_new >= 0),
    parse_warnings text[] NOT NULL DEFAULT '{}',
    started_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz,
    UNIQUE (batch_id, source_id),
    CHECK ((status = 'error') = (error IS NOT NULL))
);
COMMENT ON TABLE fetches IS 'The fetch of one source in one batch: outcome, HTTP metadata, payload and item counts.';

CREATE TABLE documents (
    id            bigserial PRIMARY KEY,
    source_id     integer NOT NULL REFERENCES sources (id),
    guid          text NOT NULL CHECK (guid <> ''),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    status        text NOT NULL DEFAULT 'usable' CHECK (status IN ('usable', 'canceled', 'withheld', 'corrected')),
    source_format text NOT NULL,
    title         text NOT NULL,
    body          text NOT NULL,  -- PostgreSQL text cannot hold NUL bytes; parse removes them
    body_length   integer GENERATED ALWAYS AS (char_length(body)) STORED,
    language      text CHECK (language ~ '^[a-z]{2}$'),
    published_at  timestamptz,
    updated_at    timestamptz,
    link          text,
    authors       text[] NOT NULL DEFAULT '{}',
    agency        text,
    raw_payload   text,
    content_hash  text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    batch_id      bigint NOT NULL REFERENCES ingest_batches (id),
    fetch_id      bigint REFERENCES fetches (id),
    ingested_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_id, guid, version),
    UNIQUE (id, body_length)  -- target of the facts' span guard below
);
CREATE INDEX documents_batch_idx ON documents (batch_id);
CREATE INDEX documents_hash_idx ON documents (content_hash);
COMMENT ON TABLE documents IS 'One version of one item (source, guid, version). Later versions are new rows.';
COMMENT ON COLUMN documents.content_hash IS 'sha256 of title + body, to spot the same text across feeds.';
