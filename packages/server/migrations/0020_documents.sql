-- Documents: files uploaded as evidence for a record of another domain (a case's KTP, KK,
-- SKTM, medical letter or house photo; later referral evidence and proposal photos). The
-- bytes live on disk under DATA_DIR/documents; this table holds what is known of them.

CREATE TABLE documents (
  id           uuid PRIMARY KEY,
  kab_code     char(4) NOT NULL,
  village_code text NOT NULL,
  owner_type   text NOT NULL,
  owner_id     uuid NOT NULL,
  kind         text NOT NULL,
  file_name    text NOT NULL,
  mime_type    text NOT NULL CHECK (mime_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')),
  size_bytes   integer NOT NULL CHECK (size_bytes > 0),
  sha256       char(64) NOT NULL,
  storage_key  text NOT NULL UNIQUE,
  uploaded_by  uuid REFERENCES users (id),
  uploaded_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at   timestamptz,
  deleted_by   uuid REFERENCES users (id),
  CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
);
COMMENT ON TABLE documents IS 'Uploaded files attached to a record of another domain (owner_type + owner_id). Access goes through the owner: whoever may read the owner may read its documents.';
COMMENT ON COLUMN documents.owner_type IS 'The owning record''s type, e.g. case; the owning domain registers how to find it in the caller''s scope.';
COMMENT ON COLUMN documents.village_code IS 'The owner''s village at upload time, dotted; for scoping and sharding, the owner stays the authority.';
COMMENT ON COLUMN documents.kind IS 'What the document is (ktp, kk, sktm, medical_letter, house_photo, ...), from the owner''s allowlist.';
COMMENT ON COLUMN documents.mime_type IS 'Detected from the file''s first bytes, never from its name or the browser''s claim.';
COMMENT ON COLUMN documents.storage_key IS 'Path under DATA_DIR/documents: kab_code/yyyy/mm/id. The file has no extension and is never executed or served as HTML.';
COMMENT ON COLUMN documents.deleted_at IS 'A wrongly attached file is hidden, not erased: retention and erasure follow the archive schedule.';
CREATE INDEX documents_owner_idx ON documents (owner_type, owner_id) WHERE deleted_at IS NULL;
CREATE INDEX documents_kab_village_idx ON documents (kab_code, village_code);
CREATE UNIQUE INDEX documents_owner_sha_uniq ON documents (owner_type, owner_id, sha256) WHERE deleted_at IS NULL;
