-- Registry: the kabupaten's working copy of the national welfare data (DTKS/DTSEN extracts)
-- plus residents met at the Puskesos who are not (yet) in it. Households (dwellings) hold
-- families (one KK each, with the history of their KK numbers), families hold persons.
-- Every change keeps its old and new values in registry_history.
-- Code-valued fields hold the stable codes of packages/core/src/registry/code-lists/*.json;
-- they are validated by the core schemas, not by CHECK constraints, so that a code list can
-- grow without a migration.

CREATE TABLE households (
  id            uuid PRIMARY KEY,
  kab_code      char(4) NOT NULL,
  village_code  text NOT NULL REFERENCES areas (code),
  address       text,
  rt            text,
  rw            text,
  import_ref    text,
  indicators    jsonb NOT NULL DEFAULT '{}',
  desil         smallint CHECK (desil BETWEEN 1 AND 10),
  desil_source  text,
  desil_date    date,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (desil IS NULL OR (desil_source IS NOT NULL AND desil_date IS NOT NULL))
);
COMMENT ON TABLE households IS 'A dwelling (rumah tangga): address, village, RT/RW and the housing and asset indicators of the Regsosek 2022 family form. Holds one or more families.';
COMMENT ON COLUMN households.village_code IS 'Kemendagri village code, dotted (32.04.05.2004).';
COMMENT ON COLUMN households.import_ref IS 'The household_ref of the import file that created it (defaults to the KK number), so that a re-import finds the same household.';
COMMENT ON COLUMN households.indicators IS 'HouseholdIndicators of @slrt/core (camelCase keys, code-list codes, sets as arrays). An absent key is unknown, not none.';
COMMENT ON COLUMN households.desil IS 'The national welfare decile (1 = poorest 10 %) as imported from DTSEN with its source and date; never computed here. A local estimate is computed on read and never stored in this column.';
COMMENT ON COLUMN households.version IS 'Optimistic concurrency: incremented by every change; a stale proposal carrying an older version is refused.';
CREATE INDEX households_village_idx ON households (village_code text_pattern_ops);
CREATE INDEX households_kab_idx ON households (kab_code);
CREATE UNIQUE INDEX households_import_ref_uniq ON households (kab_code, import_ref) WHERE import_ref IS NOT NULL;

CREATE TABLE families (
  id            uuid PRIMARY KEY,
  kab_code      char(4) NOT NULL,
  village_code  text NOT NULL,
  household_id  uuid NOT NULL REFERENCES households (id),
  kk            char(16),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (kk IS NULL OR kk ~ '^[0-9]{16}$')
);
COMMENT ON TABLE families IS 'A family (keluarga) with our own id. Its KK number changes (moving, death of the head, divorce, pecah KK), so kk is the current number and family_kk_history keeps every number it had.';
COMMENT ON COLUMN families.kk IS 'Current No. KK as text (never a number); null for a family met at the Puskesos without a card yet.';
CREATE UNIQUE INDEX families_kk_uniq ON families (kab_code, kk) WHERE kk IS NOT NULL;
CREATE INDEX families_household_idx ON families (household_id);

CREATE TABLE family_kk_history (
  id           uuid PRIMARY KEY,
  kab_code     char(4) NOT NULL,
  village_code text NOT NULL,
  family_id    uuid NOT NULL REFERENCES families (id),
  kk           char(16) NOT NULL,
  valid_from   timestamptz NOT NULL DEFAULT now(),
  valid_to     timestamptz,
  reason       text,
  source_type  text NOT NULL CHECK (source_type IN ('import', 'proposal', 'officer', 'seed')),
  source_id    text
);
COMMENT ON TABLE family_kk_history IS 'Every KK number a family has had; the current one has valid_to null.';
CREATE INDEX family_kk_history_family_idx ON family_kk_history (family_id, valid_from);
CREATE INDEX family_kk_history_kk_idx ON family_kk_history (kab_code, kk);

CREATE TABLE persons (
  id                   uuid PRIMARY KEY,
  kab_code             char(4) NOT NULL,
  village_code         text NOT NULL,
  household_id         uuid NOT NULL REFERENCES households (id),
  family_id            uuid REFERENCES families (id),
  nik                  char(16),
  kk                   char(16),
  full_name            text NOT NULL,
  name_norm            text GENERATED ALWAYS AS (upper(btrim(regexp_replace(full_name, '\s+', ' ', 'g')))) STORED,
  birth_place          text,
  birth_date           date,
  sex                  char(1) NOT NULL CHECK (sex IN ('M', 'F')),
  relationship         text,
  marital_status       text,
  presence             text,
  pregnant             boolean,
  documents_held       text[],
  school_participation text,
  education_level      text,
  work_status          text,
  work_sector          text,
  disability           jsonb,
  chronic_illnesses    text[],
  health_insurance     text[],
  pip_kip              boolean,
  dukcapil_match       text,
  registry_status      text NOT NULL CHECK (registry_status IN ('registered', 'proposed', 'not_registered', 'inactive')),
  inactive_reason      text,
  desil                smallint CHECK (desil BETWEEN 1 AND 10),
  desil_source         text,
  desil_date           date,
  nik_warnings         text[] NOT NULL DEFAULT '{}',
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (nik IS NULL OR nik ~ '^[0-9]{16}$'),
  CHECK (kk IS NULL OR kk ~ '^[0-9]{16}$'),
  CHECK ((registry_status = 'inactive') = (inactive_reason IS NOT NULL)),
  CHECK (desil IS NULL OR (desil_source IS NOT NULL AND desil_date IS NOT NULL))
);
COMMENT ON TABLE persons IS 'A person (anggota keluarga) of the registry. Specific personal data under UU 27/2022 art. 4 (pregnant, disability, chronic_illnesses, health_insurance) is shown only to roles with registry.read_specific.';
COMMENT ON COLUMN persons.village_code IS 'The village of the household, copied here so that area scoping needs no join.';
COMMENT ON COLUMN persons.nik IS 'NIK as text (NIKs from 91 up exceed a JavaScript number). Unique per kabupaten when present; null for residents without one yet.';
COMMENT ON COLUMN persons.kk IS 'The current KK number of the person''s family (copied from families.kk, kept in step by the registry service).';
COMMENT ON COLUMN persons.name_norm IS 'full_name uppercased with runs of white space collapsed: what the typo-tolerant search (pg_trgm) compares.';
COMMENT ON COLUMN persons.disability IS 'Washington Group: {domain: severity} with disability_domain and disability_severity codes; a domain left out was not asked.';
COMMENT ON COLUMN persons.registry_status IS 'registered (in DTSEN), proposed, not_registered (met at the Puskesos, not in the national data), inactive (with inactive_reason).';
COMMENT ON COLUMN persons.desil IS 'The national decile as imported with its source and date (the family''s DTSEN ranking); never computed here.';
COMMENT ON COLUMN persons.nik_warnings IS 'NIK data-quality warnings (validateNik codes) that an officer confirmed explicitly; the confirmation is in registry_history.';
COMMENT ON COLUMN persons.version IS 'Optimistic concurrency: incremented by every change; a stale proposal carrying an older version is refused.';
CREATE UNIQUE INDEX persons_nik_uniq ON persons (kab_code, nik) WHERE nik IS NOT NULL;
CREATE INDEX persons_kk_idx ON persons (kab_code, kk) WHERE kk IS NOT NULL;
CREATE INDEX persons_household_idx ON persons (household_id);
CREATE INDEX persons_family_idx ON persons (family_id);
-- Scope and area filters: equality on a village and LIKE '32.04.05.%' on a kecamatan.
CREATE INDEX persons_village_idx ON persons (village_code text_pattern_ops);
-- Typo-tolerant name search: `$q <% name_norm` (word similarity) through this index.
CREATE INDEX persons_name_trgm_idx ON persons USING gin (name_norm gin_trgm_ops);

CREATE TABLE registry_history (
  id           uuid PRIMARY KEY,
  kab_code     char(4) NOT NULL,
  village_code text NOT NULL,
  record_type  text NOT NULL CHECK (record_type IN ('person', 'household', 'family')),
  record_id    uuid NOT NULL,
  action       text NOT NULL CHECK (action IN ('create', 'update')),
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     uuid,
  actor_name   text,
  reason       text,
  source_type  text NOT NULL CHECK (source_type IN ('import', 'proposal', 'officer', 'seed')),
  source_id    text,
  changes      jsonb NOT NULL
);
COMMENT ON TABLE registry_history IS 'Every change to a household, family or person: who, when, why, from which source (import, proposal, officer, seed) and the old and new values. Never updated or deleted.';
COMMENT ON COLUMN registry_history.source_id IS 'The import id, proposal id or other reference of the source; null for an officer''s direct edit.';
COMMENT ON COLUMN registry_history.changes IS '{ field: { "old": value, "new": value } } with camelCase field names as in the API; a create has old null.';
CREATE INDEX registry_history_record_idx ON registry_history (record_id, at);
CREATE INDEX registry_history_source_idx ON registry_history (source_type, source_id);

CREATE FUNCTION registry_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'registry_history is append-only';
END $$;
CREATE TRIGGER registry_history_no_change BEFORE UPDATE OR DELETE ON registry_history
  FOR EACH ROW EXECUTE FUNCTION registry_history_append_only();
