-- The audit trail list-partitioned by kab_code (issue 19 item 10, docs/scaling.md section 2):
-- one partition per kabupaten/kota served and a DEFAULT partition for any other code (the
-- province office's own events, `3200`). Every query of the trail names `kab_code = $n`, so
-- the planner reads one kabupaten's partition; a kabupaten's verification, search and
-- retention never touch another's events.
--
-- A partitioned table's unique keys must include the partition key: the primary key becomes
-- (kab_code, seq) and the id's uniqueness (kab_code, id) (ids are UUIDv7). seq keeps its
-- sequence, so numbering continues where it was.
--
-- The partitions of the kabupaten served are made at start-up by slrt_kab_partitions(codes)
-- (the owner's DDL in one narrow function); rows of a kabupaten that arrived before its
-- partition wait in the default partition and move into it when it is made. The application
-- role reads and writes the trail through the parent only: slrt_grant_app() revokes every
-- privilege on the partitions, so the parent's narrowed grants (INSERT and SELECT) are the
-- only way in.

-- Makes the missing partitions of the partitioned tables for these kabupaten codes (4 digits),
-- moving rows already in the default partition into them. Returns how many it made.
CREATE FUNCTION slrt_kab_partitions(codes text[]) RETURNS integer
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
        EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS)', part, t);
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
COMMENT ON FUNCTION slrt_kab_partitions(text[]) IS 'Makes the partitions of the kabupaten codes given (start-up, for SLRT_KABUPATEN) on every partitioned table, moving their rows out of the default partition.';

-- The append-only guard names partitions too (audit_events_3204): TG_TABLE_NAME is the partition's.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- nested: the inner condition names OLD.seq, which only an audit_events row has
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' AND starts_with(TG_TABLE_NAME, 'audit_events') THEN
    IF EXISTS (SELECT 1 FROM audit_chain_gaps g WHERE g.kab_code = OLD.kab_code AND OLD.seq BETWEEN g.first_seq AND g.last_seq) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only';
END $$;

ALTER TABLE audit_events RENAME TO audit_events_unpartitioned;
ALTER TABLE audit_events_unpartitioned DROP CONSTRAINT audit_events_pkey, DROP CONSTRAINT audit_events_id_key;
DROP INDEX audit_events_record_idx, audit_events_actor_idx, audit_events_kab_seq_idx, audit_events_subjects_idx;
ALTER SEQUENCE audit_events_seq_seq OWNED BY NONE;

CREATE TABLE audit_events (
  seq          bigint NOT NULL DEFAULT nextval('audit_events_seq_seq'),
  id           uuid NOT NULL,
  kab_code     char(4) NOT NULL,
  at           timestamptz NOT NULL,
  actor_id     uuid,
  actor_name   text,
  actor_roles  text,
  action       text NOT NULL,
  record_type  text,
  record_ids   text[] NOT NULL DEFAULT '{}',
  purpose      text,
  client_addr  text,
  request_id   text,
  details      jsonb,
  prev_hash    text NOT NULL,
  hash         text NOT NULL,
  hash_version smallint NOT NULL DEFAULT 1,
  PRIMARY KEY (kab_code, seq),
  UNIQUE (kab_code, id)
) PARTITION BY LIST (kab_code);
ALTER SEQUENCE audit_events_seq_seq OWNED BY audit_events.seq;
COMMENT ON TABLE audit_events IS 'Append-only, hash-chained trail of every personal-data read and every write (UU 27/2022 art. 31), one partition per kabupaten (slrt_kab_partitions). hash = HMAC-SHA256(AUDIT_KEY, prev_hash || canonical event) (hash_version 2); the chain head is also signed into DATA_DIR/audit-anchors.jsonl at intervals.';
COMMENT ON COLUMN audit_events.hash_version IS '1 = sha256 (events before the keyed chain), 2 = HMAC-SHA256 with the configured AUDIT_KEY.';
CREATE TABLE audit_events_default PARTITION OF audit_events DEFAULT;
CREATE INDEX audit_events_record_idx ON audit_events USING gin (record_ids) WITH (fastupdate = off);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, at);
CREATE INDEX audit_events_subjects_idx ON audit_events USING gin ((details -> 'subjects') jsonb_path_ops);
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events_default
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- an existing installation: a partition for each kabupaten its trail holds, then the events in order
SELECT slrt_kab_partitions(ARRAY(SELECT DISTINCT kab_code::text FROM audit_events_unpartitioned WHERE kab_code ~ '^[0-9]{4}$'));
INSERT INTO audit_events (seq, id, kab_code, at, actor_id, actor_name, actor_roles, action, record_type, record_ids, purpose,
    client_addr, request_id, details, prev_hash, hash, hash_version)
  SELECT seq, id, kab_code, at, actor_id, actor_name, actor_roles, action, record_type, record_ids, purpose,
    client_addr, request_id, details, prev_hash, hash, hash_version
  FROM audit_events_unpartitioned ORDER BY seq;
DROP TABLE audit_events_unpartitioned;

-- The application role: on top of 0067's grants, nothing on any partition (it goes through the parent).
CREATE OR REPLACE FUNCTION slrt_grant_app_partitions(app text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT i.inhrelid::regclass AS part FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
           JOIN pg_namespace s ON s.oid = p.relnamespace WHERE s.nspname = 'public' AND p.relkind = 'p' LOOP
    EXECUTE format('REVOKE ALL ON %s FROM %I', r.part, app);
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION slrt_grant_app_partitions(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION slrt_kab_partitions(text[]) FROM PUBLIC;
