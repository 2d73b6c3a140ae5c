-- One claim row per document, locked (FOR UPDATE SKIP LOCKED) by the extraction chunk working on it.
-- The lock lives here rather than on documents: a row lock on documents would also hold up every
-- concurrent store of the same item (its INSERT … ON CONFLICT DO UPDATE locks the existing row) until the
-- whole chunk is extracted, serialising runs whose feeds overlap.

CREATE TABLE document_claims (
    document_id bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE
);
COMMENT ON TABLE document_claims IS
    'Lock target of extraction: a chunk holds its documents'' rows FOR UPDATE while it extracts them.';

INSERT INTO document_claims (document_id) SELECT id FROM documents;

CREATE FUNCTION document_claims_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO document_claims (document_id) SELECT id FROM inserted;
    RETURN NULL;
END $$;

CREATE TRIGGER documents_claimable AFTER INSERT ON documents
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION document_claims_add();
