-- Enrollment imports (a program's beneficiary list for a period, CSV/XLSX by NIK or KK) with
-- their error report; the sector of a program's need; and the assistance ledger.

ALTER TABLE programs ADD COLUMN sector text NOT NULL DEFAULT 'social_assistance';
COMMENT ON COLUMN programs.sector IS 'The need sector (core SECTORS) a screening suggestion becomes at intake.';
UPDATE programs SET sector = 'health' WHERE code = 'PBI_JK' AND kab_code IS NULL;
UPDATE programs SET sector = 'education' WHERE code = 'PIP' AND kab_code IS NULL;
UPDATE programs SET sector = 'housing' WHERE code = 'RTLH' AND kab_code IS NULL;
UPDATE programs SET sector = 'disability' WHERE code = 'ATENSI' AND kab_code IS NULL;

CREATE TABLE program_enrollment_imports (
  id                uuid PRIMARY KEY,
  kab_code          char(4) NOT NULL,
  program_id        uuid NOT NULL REFERENCES programs (id),
  period            text NOT NULL,
  file_name         text NOT NULL,
  id_column         text NOT NULL CHECK (id_column IN ('nik', 'kk', 'both')),
  total_rows        integer NOT NULL,
  enrolled          integer NOT NULL,
  already_enrolled  integer NOT NULL,
  error_rows        integer NOT NULL,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE program_enrollment_imports IS 'One beneficiary list of a program and period as imported: counts of rows enrolled, already enrolled, and refused (program_enrollment_import_errors).';
CREATE INDEX program_enrollment_imports_program_idx ON program_enrollment_imports (kab_code, program_id, created_at);

CREATE TABLE program_enrollment_import_errors (
  import_id  uuid NOT NULL REFERENCES program_enrollment_imports (id),
  kab_code   char(4) NOT NULL,
  row_no     integer NOT NULL,
  field      text NOT NULL,
  code       text NOT NULL,
  value      text,
  PRIMARY KEY (import_id, row_no, field)
);
COMMENT ON TABLE program_enrollment_import_errors IS 'Rows of an enrollment import that were not applied: the row number in the file (header = 1), the column, a message key, and the value with NIK/KK digits masked.';

CREATE TABLE assistance_deliveries (
  id               uuid PRIMARY KEY,
  kab_code         char(4) NOT NULL,
  village_code     text NOT NULL,
  household_id     uuid NOT NULL REFERENCES households (id),
  person_id        uuid REFERENCES persons (id),
  program_id       uuid REFERENCES programs (id),
  organization_id  uuid REFERENCES organizations (id),
  category         text NOT NULL,
  form             text NOT NULL CHECK (form IN ('cash', 'goods', 'service')),
  item             text,
  quantity         numeric(12, 2),
  unit             text,
  value_idr        bigint CHECK (value_idr IS NULL OR value_idr >= 0),
  funding_source   text NOT NULL,
  delivered_on     date NOT NULL,
  period           char(7) NOT NULL,
  referral_id      uuid,
  case_id          uuid,
  note             text,
  recorded_by      text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (period = to_char(delivered_on, 'YYYY-MM'))
);
COMMENT ON TABLE assistance_deliveries IS 'The assistance ledger: every delivery of assistance to a household (or one of its members), from a program or a partner, with its value and funding source, linked to the referral or case it answered.';
COMMENT ON COLUMN assistance_deliveries.category IS 'What kind of need it meets (core ASSISTANCE_CATEGORIES: food, cash, health, education, housing, ...): the duplicate-assistance check compares it within a period.';
COMMENT ON COLUMN assistance_deliveries.funding_source IS 'core FUNDING_SOURCES: apbn, apbd_province, apbd_kabupaten, dana_desa, csr, baznas_zakat, community, other.';
COMMENT ON COLUMN assistance_deliveries.period IS 'YYYY-MM of delivered_on: the period of the duplicate-assistance check and of the totals.';
COMMENT ON COLUMN assistance_deliveries.organization_id IS 'The partner that delivered it (its officer recorded it in the partner workspace), if any.';
CREATE INDEX assistance_deliveries_household_idx ON assistance_deliveries (household_id, period, category);
CREATE INDEX assistance_deliveries_village_idx ON assistance_deliveries (village_code text_pattern_ops, period);
CREATE INDEX assistance_deliveries_kab_period_idx ON assistance_deliveries (kab_code, period);
