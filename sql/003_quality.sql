-- Data-quality verdicts, stored beside the data they judge.

CREATE TABLE dq_runs (
    id           bigserial PRIMARY KEY,
    batch_id     bigint NOT NULL REFERENCES ingest_batches (id),
    suite        text NOT NULL,
    success      boolean NOT NULL,
    gx_version   text NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (batch_id, suite)  -- a rerun of the same batch replaces its verdict, never adds a second one
);
COMMENT ON TABLE dq_runs IS 'One validation of one ingestion batch by one expectation suite.';

CREATE TABLE dq_results (
    id          bigserial PRIMARY KEY,
    run_id      bigint NOT NULL REFERENCES dq_runs (id) ON DELETE CASCADE,
    rule        text NOT NULL,
    severity    text NOT NULL CHECK (severity IN ('error', 'warn')),
    success     boolean NOT NULL,
    observed    jsonb,
    unexpected  bigint[] NOT NULL DEFAULT '{}',  -- ids of the offending rows in the rule's table
    details     jsonb,
    UNIQUE (run_id, rule)
);
COMMENT ON TABLE dq_results IS 'One expectation result: the rule, its severity, verdict and the offending row ids.';
