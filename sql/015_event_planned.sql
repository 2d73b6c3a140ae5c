-- An event told as planned or to come ("une manifestation prévue le 22", "talks will resume Monday") may be
-- dated after its article's publication: the extractor says so, and the data-quality rule reads it.

ALTER TABLE events ADD COLUMN planned boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN events.planned IS
    'Told as planned or to come (future tense, "prévue le", "doit se réunir", "will meet"): its date may follow publication.';
