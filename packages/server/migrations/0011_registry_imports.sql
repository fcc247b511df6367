-- Registry imports: spreadsheet extracts (CSV/XLSX) from Dinas Sosial, processed in the
-- background in batches. Each batch commits its rows, its errors and the progress together,
-- so a crash leaves no half-applied row and the import resumes after the last committed batch.

CREATE TABLE registry_imports (
  id                uuid PRIMARY KEY,
  kab_code          char(4) NOT NULL,
  status            text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  file_name         text NOT NULL,
  stored_path       text NOT NULL,
  format            text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  mapping           jsonb NOT NULL DEFAULT '{}',
  options           jsonb NOT NULL DEFAULT '{}',
  rows_total        integer,
  rows_done         integer NOT NULL DEFAULT 0,
  rows_ok           integer NOT NULL DEFAULT 0,
  rows_rejected     integer NOT NULL DEFAULT 0,
  batches_committed integer NOT NULL DEFAULT 0,
  error             text,
  created_by        uuid,
  created_by_name   text,
  audit_context     jsonb NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  started_at        timestamptz,
  finished_at       timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE registry_imports IS 'One upload of a registry extract and its progress. The file itself is kept under DATA_DIR/imports until the import is done.';
COMMENT ON COLUMN registry_imports.mapping IS 'Header -> canonical column chosen on the mapping screen, for headers the automatic synonyms do not know.';
COMMENT ON COLUMN registry_imports.options IS 'desilSource / desilDate used for rows whose file has a desil but no source or date column.';
COMMENT ON COLUMN registry_imports.rows_done IS 'Data rows of the file consumed by committed batches: a resumed import skips exactly these.';
COMMENT ON COLUMN registry_imports.audit_context IS 'Who uploaded it and from where, so that the background worker audits every batch as that user.';
CREATE INDEX registry_imports_kab_idx ON registry_imports (kab_code, created_at);
CREATE INDEX registry_imports_pending_idx ON registry_imports (status) WHERE status IN ('queued', 'running');

CREATE TABLE registry_import_errors (
  id            bigserial PRIMARY KEY,
  import_id     uuid NOT NULL REFERENCES registry_imports (id) ON DELETE CASCADE,
  kab_code      char(4) NOT NULL,
  row_no        integer NOT NULL,
  column_name   text NOT NULL,
  reason_key    text NOT NULL,
  reason_params jsonb NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE registry_import_errors IS 'Rejected rows of an import (row as numbered in the file, header = 1), one line per problem. The reason is a message key, translated when the error report is downloaded.';
CREATE INDEX registry_import_errors_import_idx ON registry_import_errors (import_id, row_no, id);

CREATE TABLE registry_import_seen (
  import_id uuid NOT NULL REFERENCES registry_imports (id) ON DELETE CASCADE,
  kab_code  char(4) NOT NULL,
  nik       char(16) NOT NULL,
  row_no    integer NOT NULL,
  PRIMARY KEY (import_id, nik)
);
COMMENT ON TABLE registry_import_seen IS 'The NIKs an import has applied so far, so that a NIK appearing twice in one file is reported instead of silently overwritten, also across a resume. Emptied when the import is done.';
