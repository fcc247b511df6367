-- Retention for every record type of issue 17 item 5: besides closed cases, documents and
-- inactive persons, the free text of closed referrals, the registry history and the audit
-- trail. The two append-only tables get one controlled path each, which only retention uses.

ALTER TABLE retention_rules DROP CONSTRAINT retention_rules_record_type_check;
ALTER TABLE retention_rules ADD CONSTRAINT retention_rules_record_type_check
  CHECK (record_type IN ('closed_case', 'document', 'inactive_person', 'referral_text', 'registry_history', 'audit_event'));

-- Registry history: an entry past its period loses its values (the old and new values of each
-- field, and the reason typed with it) and keeps who changed which fields when, from which
-- source. The trigger lets exactly that update through, once; everything else stays refused.
ALTER TABLE registry_history ADD COLUMN redacted_at timestamptz;
COMMENT ON COLUMN registry_history.redacted_at IS 'When retention removed the values (changes keep the field names with old and new null; reason null). Null: as written.';

CREATE FUNCTION registry_history_redacted(changes jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_object_agg(k, jsonb_build_object('old', NULL, 'new', NULL)), '{}'::jsonb) FROM jsonb_object_keys(changes) AS k
$$;
COMMENT ON FUNCTION registry_history_redacted(jsonb) IS 'The changes of a history entry with every value removed: the only update registry_history accepts (retention).';

CREATE OR REPLACE FUNCTION registry_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
     AND NEW.changes = registry_history_redacted(OLD.changes) AND NEW.reason IS NULL
     AND (NEW.id, NEW.kab_code, NEW.village_code, NEW.record_type, NEW.record_id, NEW.action, NEW.at, NEW.actor_id,
          NEW.actor_name, NEW.source_type, NEW.source_id, NEW.row_from, NEW.row_to)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.kab_code, OLD.village_code, OLD.record_type, OLD.record_id, OLD.action, OLD.at, OLD.actor_id,
          OLD.actor_name, OLD.source_type, OLD.source_id, OLD.row_from, OLD.row_to) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'registry_history is append-only';
END $$;

-- The audit trail: every event's hash covers its whole content and the previous hash, so an
-- event cannot be anonymized in place without breaking the chain. Retention removes whole runs
-- of consecutive events of a kabupaten's chain instead and records each run as a gap: the
-- hash entering it (the prev_hash of its first event), the hash leaving it (the hash of its
-- last event, which the next kept event names as its prev_hash), how many events, all signed
-- with the audit key (which the database does not hold). Verification walks over a gap only
-- when it is signed and its hashes join the kept events on both sides (audit/verify.ts); the
-- run's own audit event (in the chain) names the gap too. An event may be deleted only inside
-- a recorded gap; the chain head never.
CREATE TABLE audit_chain_gaps (
  id         uuid PRIMARY KEY,
  kab_code   char(4) NOT NULL,
  first_seq  bigint NOT NULL,
  last_seq   bigint NOT NULL,
  events     integer NOT NULL CHECK (events > 0),
  enter_hash text NOT NULL,
  exit_hash  text NOT NULL,
  run_id     uuid REFERENCES retention_runs (id),
  removed_at timestamptz NOT NULL DEFAULT now(),
  mac        text NOT NULL,
  CHECK (first_seq <= last_seq)
);
COMMENT ON TABLE audit_chain_gaps IS 'Runs of audit events removed by retention: the chain''s hashes on both sides of the run and an HMAC over them with AUDIT_KEY, so verification stays complete without the removed events. Append-only.';
CREATE INDEX audit_chain_gaps_kab_idx ON audit_chain_gaps (kab_code, first_seq);

CREATE FUNCTION audit_chain_gaps_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_chain_gaps is append-only';
END $$;
CREATE TRIGGER audit_chain_gaps_no_change BEFORE UPDATE OR DELETE ON audit_chain_gaps
  FOR EACH ROW EXECUTE FUNCTION audit_chain_gaps_append_only();
CREATE TRIGGER audit_chain_gaps_no_truncate BEFORE TRUNCATE ON audit_chain_gaps
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_gaps_append_only();

-- The append-only guard of audit_events (and the TRUNCATE guard of audit_heads): a row may be
-- deleted only inside a recorded gap of its own chain.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- nested: the inner condition names OLD.seq, which only an audit_events row has
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'audit_events' THEN
    IF EXISTS (SELECT 1 FROM audit_chain_gaps g WHERE g.kab_code = OLD.kab_code AND OLD.seq BETWEEN g.first_seq AND g.last_seq) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only';
END $$;

-- Deletes the events of one recorded gap (the application's role holds no DELETE on
-- audit_events: this runs as the owner and can do nothing else). Refuses a gap that reaches
-- the chain head or does not match the events it names.
CREATE FUNCTION audit_remove_gap(gap uuid) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  g record;
  n integer;
BEGIN
  SELECT * INTO g FROM public.audit_chain_gaps WHERE id = gap;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no audit chain gap %', gap;
  END IF;
  IF g.last_seq >= (SELECT h.last_seq FROM public.audit_heads h WHERE h.kab_code = g.kab_code) THEN
    RAISE EXCEPTION 'an audit chain gap may not reach the chain head';
  END IF;
  DELETE FROM public.audit_events WHERE kab_code = g.kab_code AND seq BETWEEN g.first_seq AND g.last_seq;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n <> g.events THEN
    RAISE EXCEPTION 'audit chain gap % names % events, % found', gap, g.events, n;
  END IF;
  RETURN n;
END $$;
