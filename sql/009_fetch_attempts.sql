-- Every failed try of a fetch (timeouts, 5xx before a retry succeeded), one line each, and the content type.

ALTER TABLE fetches ADD COLUMN attempt_errors text[] NOT NULL DEFAULT '{}';
ALTER TABLE fetches ADD COLUMN content_type text;
ALTER TABLE fetches DROP CONSTRAINT fetches_attempts_check;
ALTER TABLE fetches ADD CONSTRAINT fetches_attempts_check CHECK (attempts >= 0);
COMMENT ON COLUMN fetches.attempts IS 'HTTP tries made (retries included; 0 when the URL was refused before any try).';
