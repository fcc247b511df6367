-- A case's timeline (case_events) list-partitioned by kab_code like the audit trail (0198):
-- append-only, referenced by no foreign key, and always read with its kabupaten (a case's
-- timeline by kab_code and case_id, retention and the demo by kab_code and case ids). Its
-- primary key becomes (kab_code, id).

ALTER TABLE case_events RENAME TO case_events_unpartitioned;
ALTER TABLE case_events_unpartitioned DROP CONSTRAINT case_events_pkey;
DROP INDEX case_events_case_idx;

CREATE TABLE case_events (
  id           uuid NOT NULL,
  kab_code     char(4) NOT NULL,
  village_code text NOT NULL,
  case_id      uuid NOT NULL REFERENCES cases (id),
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     uuid REFERENCES users (id),
  actor_name   text,
  action       text NOT NULL,
  from_status  text,
  to_status    text,
  from_level   text,
  to_level     text,
  details      jsonb,
  PRIMARY KEY (kab_code, id)
) PARTITION BY LIST (kab_code);
COMMENT ON TABLE case_events IS 'The case''s timeline: registration, every workflow step, assignment, notes, need status changes, documents and letters. Append-only; the audit trail records the same writes for accountability. One partition per kabupaten (slrt_kab_partitions).';
COMMENT ON COLUMN case_events.actor_name IS 'Display name at the time, so the history reads as it happened.';
CREATE TABLE case_events_default PARTITION OF case_events DEFAULT;
CREATE INDEX case_events_case_idx ON case_events (case_id, at);

SELECT slrt_kab_partitions(ARRAY(SELECT DISTINCT kab_code::text FROM case_events_unpartitioned WHERE kab_code ~ '^[0-9]{4}$'));
INSERT INTO case_events (id, kab_code, village_code, case_id, at, actor_id, actor_name, action, from_status, to_status, from_level, to_level, details)
  SELECT id, kab_code, village_code, case_id, at, actor_id, actor_name, action, from_status, to_status, from_level, to_level, details
  FROM case_events_unpartitioned;
DROP TABLE case_events_unpartitioned;
