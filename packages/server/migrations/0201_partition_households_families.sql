-- The registry's households and families list-partitioned by kab_code (issue 19 item 10,
-- docs/scaling.md section 2), after the audit trail, a case's timeline and the registry's
-- history (0198-0200). Unlike those, both are referenced by foreign keys: their primary keys
-- become (kab_code, id) and every reference a composite key (kab_code, household_id)
-- REFERENCES households (kab_code, id) (8 tables) or (kab_code, family_id) REFERENCES
-- families (kab_code, id) (persons, family_kk_history). Every referencing table already
-- carries kab_code, the household's or family's own, so no column is added and a reference
-- across kabupaten is now impossible by construction. The KK number (families) and the import
-- reference (households) were already unique per kabupaten. Rows already there move into
-- their kabupaten's partition.

-- A kabupaten's rows waiting in the default partition of a referenced table move with the
-- foreign keys to it dropped for the move and made again after.
CREATE OR REPLACE FUNCTION slrt_kab_partitions(codes text[]) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  k text;
  t text;
  part text;
  dflt text;
  n integer := 0;
  waiting boolean;
  fks text[];
  stmt text;
  r record;
BEGIN
  -- two processes starting together make each partition once
  PERFORM pg_advisory_xact_lock(727002);
  FOREACH k IN ARRAY coalesce(codes, '{}') LOOP
    IF k !~ '^[0-9]{4}$' THEN
      RAISE EXCEPTION 'not a kabupaten code: %', k;
    END IF;
    FOR t IN SELECT c.relname::text FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
             WHERE s.nspname = 'public' AND c.relkind = 'p' ORDER BY c.relname LOOP
      part := t || '_' || k;
      dflt := t || '_default';
      CONTINUE WHEN to_regclass('public.' || quote_ident(part)) IS NOT NULL;
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I WHERE kab_code = $1)', dflt) INTO STRICT waiting USING k;
      IF waiting THEN
        -- the foreign keys that reference the table (households, families) would refuse the
        -- rows leaving the default partition: they are dropped for the move and made again
        -- (checking every reference) once the rows are in their partition
        fks := ARRAY(SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', k2.conrelid::regclass, k2.conname, pg_get_constraintdef(k2.oid))
                     FROM pg_constraint k2 WHERE k2.contype = 'f' AND k2.confrelid = ('public.' || quote_ident(t))::regclass AND k2.conparentid = 0);
        FOR r IN SELECT k2.conrelid::regclass AS rel, k2.conname FROM pg_constraint k2
                 WHERE k2.contype = 'f' AND k2.confrelid = ('public.' || quote_ident(t))::regclass AND k2.conparentid = 0 LOOP
          EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.rel, r.conname);
        END LOOP;
        -- its rows leave the default partition (whose append-only trigger is held off for
        -- this move only), then the filled table becomes the partition
        EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, t);
        EXECUTE format('INSERT INTO public.%I SELECT * FROM public.%I WHERE kab_code = $1', part, dflt) USING k;
        EXECUTE format('ALTER TABLE public.%I DISABLE TRIGGER USER', dflt);
        EXECUTE format('DELETE FROM public.%I WHERE kab_code = $1', dflt) USING k;
        EXECUTE format('ALTER TABLE public.%I ENABLE TRIGGER USER', dflt);
        EXECUTE format('ALTER TABLE public.%I ATTACH PARTITION public.%I FOR VALUES IN (%L)', t, part, k);
        FOREACH stmt IN ARRAY fks LOOP
          EXECUTE stmt;
        END LOOP;
      ELSE
        EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES IN (%L)', part, t, k);
      END IF;
      IF t = 'audit_events' THEN
        -- a statement trigger is not cloned: TRUNCATE of the partition itself is refused too
        EXECUTE format('CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION public.audit_events_append_only()', part);
      END IF;
      n := n + 1;
    END LOOP;
  END LOOP;
  RETURN n;
END $$;

-- every foreign key to the two tables goes, to come back composite below
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT conrelid::regclass AS rel, conname FROM pg_constraint
           WHERE contype = 'f' AND confrelid IN ('households'::regclass, 'families'::regclass) AND conparentid = 0 LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.rel, r.conname);
  END LOOP;
END $$;

ALTER TABLE households RENAME TO households_unpartitioned;
ALTER TABLE households_unpartitioned DROP CONSTRAINT households_pkey;
DROP INDEX households_village_idx, households_kab_idx, households_import_ref_uniq;
ALTER TABLE families RENAME TO families_unpartitioned;
ALTER TABLE families_unpartitioned DROP CONSTRAINT families_pkey;
DROP INDEX families_kk_uniq, families_household_idx;

CREATE TABLE households (
  id            uuid NOT NULL,
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
  created_in    uuid,
  CHECK (desil IS NULL OR (desil_source IS NOT NULL AND desil_date IS NOT NULL)),
  PRIMARY KEY (kab_code, id)
) PARTITION BY LIST (kab_code);
COMMENT ON TABLE households IS 'A dwelling (rumah tangga): address, village, RT/RW and the housing and asset indicators of the Regsosek 2022 family form. Holds one or more families.';
COMMENT ON COLUMN households.village_code IS 'Kemendagri village code, dotted (32.04.05.2004).';
COMMENT ON COLUMN households.import_ref IS 'The household_ref of the import file that created it (defaults to the KK number), so that a re-import finds the same household.';
COMMENT ON COLUMN households.indicators IS 'HouseholdIndicators of @slrt/core (camelCase keys, code-list codes, sets as arrays). An absent key is unknown, not none.';
COMMENT ON COLUMN households.desil IS 'The national welfare decile (1 = poorest 10 %) as imported from DTSEN with its source and date; never computed here. A local estimate is computed on read and never stored in this column.';
COMMENT ON COLUMN households.version IS 'Optimistic concurrency: incremented by every change; a stale proposal carrying an older version is refused.';
COMMENT ON COLUMN households.created_in IS 'As persons.created_in.';
CREATE TABLE households_default PARTITION OF households DEFAULT;
CREATE INDEX households_village_idx ON households (village_code text_pattern_ops);
CREATE UNIQUE INDEX households_import_ref_uniq ON households (kab_code, import_ref) WHERE import_ref IS NOT NULL;

CREATE TABLE families (
  id            uuid NOT NULL,
  kab_code      char(4) NOT NULL,
  village_code  text NOT NULL,
  household_id  uuid NOT NULL,
  kk            char(16),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_in    uuid,
  CHECK (kk IS NULL OR kk ~ '^[0-9]{16}$'),
  PRIMARY KEY (kab_code, id)
) PARTITION BY LIST (kab_code);
COMMENT ON TABLE families IS 'A family (keluarga) with our own id. Its KK number changes (moving, death of the head, divorce, pecah KK), so kk is the current number and family_kk_history keeps every number it had.';
COMMENT ON COLUMN families.kk IS 'Current No. KK as text (never a number); null for a family met at the Puskesos without a card yet.';
COMMENT ON COLUMN families.created_in IS 'As persons.created_in.';
CREATE TABLE families_default PARTITION OF families DEFAULT;
CREATE UNIQUE INDEX families_kk_uniq ON families (kab_code, kk) WHERE kk IS NOT NULL;
CREATE INDEX families_household_idx ON families (household_id);

SELECT slrt_kab_partitions(ARRAY(SELECT DISTINCT kab_code::text FROM households_unpartitioned WHERE kab_code ~ '^[0-9]{4}$'
  UNION SELECT DISTINCT kab_code::text FROM families_unpartitioned WHERE kab_code ~ '^[0-9]{4}$'));
INSERT INTO households (id, kab_code, village_code, address, rt, rw, import_ref, indicators, desil, desil_source, desil_date, version, created_at, updated_at, created_in)
  SELECT id, kab_code, village_code, address, rt, rw, import_ref, indicators, desil, desil_source, desil_date, version, created_at, updated_at, created_in
  FROM households_unpartitioned;
INSERT INTO families (id, kab_code, village_code, household_id, kk, version, created_at, updated_at, created_in)
  SELECT id, kab_code, village_code, household_id, kk, version, created_at, updated_at, created_in
  FROM families_unpartitioned;
DROP TABLE families_unpartitioned, households_unpartitioned;

-- the references, composite: a row refers to a household or family of its own kabupaten
ALTER TABLE families ADD CONSTRAINT families_household_id_fkey FOREIGN KEY (kab_code, household_id) REFERENCES households (kab_code, id);
ALTER TABLE persons ADD CONSTRAINT persons_household_id_fkey FOREIGN KEY (kab_code, household_id) REFERENCES households (kab_code, id),
  ADD CONSTRAINT persons_family_id_fkey FOREIGN KEY (kab_code, family_id) REFERENCES families (kab_code, id);
ALTER TABLE family_kk_history ADD CONSTRAINT family_kk_history_family_id_fkey FOREIGN KEY (kab_code, family_id) REFERENCES families (kab_code, id);
ALTER TABLE cases ADD CONSTRAINT cases_household_id_fkey FOREIGN KEY (kab_code, household_id) REFERENCES households (kab_code, id);
ALTER TABLE proposals ADD CONSTRAINT proposals_household_id_fkey FOREIGN KEY (kab_code, household_id) REFERENCES households (kab_code, id);
ALTER TABLE proposal_submission_rows ADD CONSTRAINT proposal_submission_rows_household_id_fkey FOREIGN KEY (kab_code, household_id) REFERENCES households (kab_code, id);
ALTER TABLE program_enrollments ADD CONSTRAINT program_enrollments_household_id_fkey FOREIGN KEY (kab_code, household_id) REFERENCES households (kab_code, id);
ALTER TABLE assistance_deliveries ADD CONSTRAINT assistance_deliveries_household_id_fkey FOREIGN KEY (kab_code, household_id) REFERENCES households (kab_code, id);
ALTER TABLE targeting_actions ADD CONSTRAINT targeting_actions_household_id_fkey FOREIGN KEY (kab_code, household_id) REFERENCES households (kab_code, id);

-- The bulk import's index drop and restore (0067): a partitioned table's index definition reads
-- `ON ONLY households`, which would make the index of the parent alone; it is made on every
-- partition. Foreign keys are those of the parents (a partition's copies go with them).
CREATE OR REPLACE FUNCTION registry_drop_indexes(max_rows integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  r record;
  n integer := 0;
  lim integer := least(greatest(max_rows, 0), 100000);
BEGIN
  IF (SELECT count(*) FROM (SELECT 1 FROM public.persons LIMIT lim + 1) x) > lim THEN
    RETURN 0;
  END IF;
  FOR r IN
    SELECT i.tablename AS table_name, i.indexname AS name, i.indexdef AS def FROM pg_indexes i
    JOIN pg_class c ON c.relname = i.indexname JOIN pg_namespace s ON s.oid = c.relnamespace AND s.nspname = i.schemaname
    WHERE i.schemaname = 'public' AND i.tablename IN ('persons', 'households', 'families')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)
    ORDER BY i.indexname
  LOOP
    INSERT INTO public.registry_index_stash (kind, table_name, name, def) VALUES ('index', r.table_name, r.name, replace(r.def, ' ON ONLY ', ' ON '));
    EXECUTE format('DROP INDEX public.%I', r.name);
    n := n + 1;
  END LOOP;
  FOR r IN
    SELECT t.relname AS table_name, k.conname AS name, pg_get_constraintdef(k.oid) AS def
    FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid
    JOIN pg_namespace s ON s.oid = t.relnamespace AND s.nspname = 'public'
    WHERE k.contype = 'f' AND k.conparentid = 0 AND f.relnamespace = t.relnamespace
      AND t.relname IN ('persons', 'households', 'families', 'family_kk_history')
      AND f.relname IN ('persons', 'households', 'families', 'family_kk_history')
    ORDER BY t.relname, k.conname
  LOOP
    INSERT INTO public.registry_index_stash (kind, table_name, name, def) VALUES ('foreign_key', r.table_name, r.name, r.def);
    EXECUTE format('ALTER TABLE public.%I DROP CONSTRAINT %I', r.table_name, r.name);
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;
