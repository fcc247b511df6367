-- Personal data protection in operation (UU 27/2022): the access log by person, data-subject
-- requests with their 3 x 24 hour clock, restrictions, legal holds and the retention schedule.

-- Every audit event that touches a person's data carries the person's and the household's ids
-- in details.subjects ({"persons": [...], "households": [...]}), set where the event is
-- written; this index makes "who processed my data" one query.
CREATE INDEX audit_events_subjects_idx ON audit_events USING gin ((details -> 'subjects') jsonb_path_ops);

CREATE TABLE data_requests (
  id                  uuid PRIMARY KEY,
  kab_code            char(4) NOT NULL,
  village_code        text NOT NULL,
  person_id           uuid NOT NULL REFERENCES persons (id),
  kind                text NOT NULL CHECK (kind IN ('access', 'correction', 'restriction', 'objection', 'deletion', 'consent_withdrawal')),
  channel             text NOT NULL CHECK (channel IN ('walk_in', 'letter', 'phone', 'email')),
  details             text NOT NULL,
  identity_check      text,
  status              text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'answered', 'refused')),
  received_at         timestamptz NOT NULL DEFAULT now(),
  received_by         uuid REFERENCES users (id),
  due_at              timestamptz,
  closed_at           timestamptz,
  closed_by           uuid REFERENCES users (id),
  answer              text,
  refusal_ground      text CHECK (refusal_ground IN ('public_interest_law', 'identity_not_verified')),
  overdue_notified_at timestamptz,
  CHECK ((status = 'refused') = (refusal_ground IS NOT NULL)),
  CHECK ((status = 'received') = (closed_at IS NULL))
);
COMMENT ON TABLE data_requests IS 'A resident''s request about their personal data (UU 27/2022 arts. 5-15), from any channel, with the identity check noted.';
COMMENT ON COLUMN data_requests.due_at IS 'received_at + 72 hours for access, correction and restriction (3 x 24 hours); null where the law sets no clock.';
COMMENT ON COLUMN data_requests.refusal_ground IS 'public_interest_law (art. 15; only for deletion, objection, consent withdrawal) or identity_not_verified.';
COMMENT ON COLUMN data_requests.overdue_notified_at IS 'When the DPO was notified that the clock ran out (once).';
CREATE INDEX data_requests_open_idx ON data_requests (kab_code, due_at) WHERE status = 'received';
CREATE INDEX data_requests_person_idx ON data_requests (person_id);

CREATE TABLE person_restrictions (
  id            uuid PRIMARY KEY,
  kab_code      char(4) NOT NULL,
  person_id     uuid NOT NULL REFERENCES persons (id),
  request_id    uuid REFERENCES data_requests (id),
  reason        text NOT NULL,
  restricted_at timestamptz NOT NULL DEFAULT now(),
  restricted_by uuid REFERENCES users (id),
  lifted_at     timestamptz,
  lifted_by     uuid REFERENCES users (id)
);
COMMENT ON TABLE person_restrictions IS 'A restriction of processing (art. 41): the person is left out of searches except for the DPO and the officers holding the person''s case, who see the reason.';
CREATE UNIQUE INDEX person_restrictions_active_uniq ON person_restrictions (person_id) WHERE lifted_at IS NULL;

CREATE TABLE legal_holds (
  id          uuid PRIMARY KEY,
  kab_code    char(4) NOT NULL,
  person_id   uuid NOT NULL REFERENCES persons (id),
  reason      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid REFERENCES users (id),
  released_at timestamptz
);
COMMENT ON TABLE legal_holds IS 'Data that retention must not touch (a dispute, an investigation, a court order): the person and everything of theirs.';
CREATE INDEX legal_holds_person_idx ON legal_holds (person_id) WHERE released_at IS NULL;

CREATE TABLE retention_rules (
  kab_code    char(4) NOT NULL,
  record_type text NOT NULL CHECK (record_type IN ('closed_case', 'document', 'inactive_person')),
  keep_days   integer NOT NULL CHECK (keep_days >= 30),
  action      text NOT NULL CHECK (action IN ('anonymize', 'delete')),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  uuid REFERENCES users (id),
  PRIMARY KEY (kab_code, record_type)
);
COMMENT ON TABLE retention_rules IS 'The kabupaten''s retention schedule (archive retention schedule, arts. 42-44): how long each record type is kept after its purpose ends, and what happens then.';

CREATE TABLE retention_runs (
  id          uuid PRIMARY KEY,
  kab_code    char(4) NOT NULL,
  dry_run     boolean NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  started_by  uuid REFERENCES users (id),
  finished_at timestamptz,
  report      jsonb
);

CREATE TABLE retention_done (
  record_type text NOT NULL,
  record_id   uuid NOT NULL,
  kab_code    char(4) NOT NULL,
  run_id      uuid NOT NULL REFERENCES retention_runs (id),
  done_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_type, record_id)
);
COMMENT ON TABLE retention_done IS 'Records already anonymized or deleted by a retention run (so the next run skips them).';
