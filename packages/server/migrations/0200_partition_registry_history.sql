-- The registry's history (registry_history) list-partitioned by kab_code like the audit trail
-- and a case's timeline (0198, 0199; docs/scaling.md section 2): append-only, referenced by no
-- foreign key, and now always read with its kabupaten (a record's history, a proposal's
-- changes, the persons an import created, retention's redaction). Its primary key becomes
-- (kab_code, id); the append-only row trigger is cloned to every partition.

-- A partition made from rows waiting in the default partition carries the table's CHECK
-- constraints (registry_history has three), which ATTACH PARTITION requires.
CREATE OR REPLACE FUNCTION slrt_kab_partitions(codes text[]) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  k text;
  t text;
  part text;
  dflt text;
  n integer := 0;
  waiting boolean;
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
        -- its rows leave the default partition (whose append-only trigger is held off for
        -- this move only), then the filled table becomes the partition
        EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, t);
        EXECUTE format('INSERT INTO public.%I SELECT * FROM public.%I WHERE kab_code = $1', part, dflt) USING k;
        EXECUTE format('ALTER TABLE public.%I DISABLE TRIGGER USER', dflt);
        EXECUTE format('DELETE FROM public.%I WHERE kab_code = $1', dflt) USING k;
        EXECUTE format('ALTER TABLE public.%I ENABLE TRIGGER USER', dflt);
        EXECUTE format('ALTER TABLE public.%I ATTACH PARTITION public.%I FOR VALUES IN (%L)', t, part, k);
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

ALTER TABLE registry_history RENAME TO registry_history_unpartitioned;
ALTER TABLE registry_history_unpartitioned DROP CONSTRAINT registry_history_pkey;
DROP TRIGGER registry_history_no_change ON registry_history_unpartitioned;
DROP INDEX registry_history_record_idx, registry_history_source_idx;

CREATE TABLE registry_history (
  id           uuid NOT NULL,
  kab_code     char(4) NOT NULL,
  village_code text NOT NULL,
  record_type  text NOT NULL CHECK (record_type IN ('person', 'household', 'family')),
  record_id    uuid,
  action       text NOT NULL CHECK (action IN ('create', 'update')),
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     uuid,
  actor_name   text,
  reason       text,
  source_type  text NOT NULL CHECK (source_type IN ('import', 'proposal', 'officer', 'seed')),
  source_id    text,
  changes      jsonb NOT NULL,
  row_from     integer,
  row_to       integer,
  redacted_at  timestamptz,
  PRIMARY KEY (kab_code, id)
) PARTITION BY LIST (kab_code);
COMMENT ON TABLE registry_history IS 'Every change to a household, family or person: who, when, why, from which source (import, proposal, officer, seed) and the old and new values. Never updated or deleted (retention only removes the values, 0194). One partition per kabupaten (slrt_kab_partitions).';
COMMENT ON COLUMN registry_history.source_id IS 'The import id, proposal id or other reference of the source; null for an officer''s direct edit.';
COMMENT ON COLUMN registry_history.changes IS '{ field: { "old": value, "new": value } } with camelCase field names as in the API; a create has old null.';
COMMENT ON COLUMN registry_history.record_id IS 'The record changed; null for an import''s creation entry, which covers every record whose created_in names it.';
COMMENT ON COLUMN registry_history.row_from IS 'For an import''s creation entry: the first and last file rows (header = 1) of the batch or bulk load it covers.';
COMMENT ON COLUMN registry_history.redacted_at IS 'When retention removed the values (changes keep the field names with old and new null; reason null). Null: as written.';
CREATE TABLE registry_history_default PARTITION OF registry_history DEFAULT;
CREATE INDEX registry_history_record_idx ON registry_history (record_id, at);
CREATE INDEX registry_history_source_idx ON registry_history (source_type, source_id);

SELECT slrt_kab_partitions(ARRAY(SELECT DISTINCT kab_code::text FROM registry_history_unpartitioned WHERE kab_code ~ '^[0-9]{4}$'));
INSERT INTO registry_history (id, kab_code, village_code, record_type, record_id, action, at, actor_id, actor_name, reason,
    source_type, source_id, changes, row_from, row_to, redacted_at)
  SELECT id, kab_code, village_code, record_type, record_id, action, at, actor_id, actor_name, reason,
    source_type, source_id, changes, row_from, row_to, redacted_at
  FROM registry_history_unpartitioned;
DROP TABLE registry_history_unpartitioned;

-- after the copy, so that the rows moved in are not refused
CREATE TRIGGER registry_history_no_change BEFORE UPDATE OR DELETE ON registry_history
  FOR EACH ROW EXECUTE FUNCTION registry_history_append_only();
