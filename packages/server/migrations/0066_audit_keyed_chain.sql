-- The audit chain keyed with a secret the database does not hold, and TRUNCATE refused.
-- hash_version 1: sha256(prev_hash, event), the events written before this release;
-- hash_version 2: HMAC-SHA256 with AUDIT_KEY (configuration, never stored here), every event
-- from now on. Whoever can write to the database can no longer recompute a valid chain; a
-- version 1 event after a version 2 event is itself a sign of tampering (verify.ts).

ALTER TABLE audit_events ADD COLUMN hash_version smallint NOT NULL DEFAULT 1;
COMMENT ON COLUMN audit_events.hash_version IS '1 = sha256 (events before the keyed chain), 2 = HMAC-SHA256 with the configured AUDIT_KEY.';
COMMENT ON TABLE audit_events IS 'Append-only, hash-chained trail of every personal-data read and every write (UU 27/2022 art. 31). hash = HMAC-SHA256(AUDIT_KEY, prev_hash || canonical event) (hash_version 2); the chain head is also signed into DATA_DIR/audit-anchors.jsonl at intervals.';

-- TRUNCATE skips row triggers: refuse it as a statement.
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
