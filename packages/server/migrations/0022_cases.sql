-- Intake and case management (keluhan): one case per intake, its needs across sectors, the
-- timeline of every event, consents, the service-level settings and the tracking-code serials.
-- Code-valued columns (sector, channel, kind, ...) hold the codes of packages/core/src/case/
-- case-codes.ts and are validated there; only the workflow's own columns are CHECKed.

CREATE TABLE cases (
  id                        uuid PRIMARY KEY,
  kab_code                  char(4) NOT NULL,
  village_code              text NOT NULL REFERENCES areas (code),
  code                      text NOT NULL UNIQUE,
  person_id                 uuid NOT NULL REFERENCES persons (id),
  household_id              uuid NOT NULL REFERENCES households (id),
  track_pin                 char(4) NOT NULL CHECK (track_pin ~ '^[0-9]{4}$'),
  pin_from_nik              boolean NOT NULL,
  status                    text NOT NULL CHECK (status IN ('registered', 'registry_checked', 'verification_requested', 'verified', 'recommended', 'in_progress', 'resolved', 'closed')),
  level                     text NOT NULL DEFAULT 'village' CHECK (level IN ('village', 'kecamatan', 'kabupaten')),
  channel                   text NOT NULL,
  kind                      text NOT NULL,
  fast_track                boolean NOT NULL DEFAULT false,
  fast_track_reasons        text[] NOT NULL DEFAULT '{}',
  complaint                 text NOT NULL,
  urgency                   text NOT NULL CHECK (urgency IN ('emergency', 'high', 'normal')),
  legal_basis               text NOT NULL,
  registry_status_at_intake text NOT NULL,
  needs_registry_proposal   boolean NOT NULL DEFAULT false,
  registry_proposal_id      uuid,
  registered_at             timestamptz NOT NULL DEFAULT now(),
  registered_by             uuid REFERENCES users (id),
  due_at                    timestamptz NOT NULL,
  first_action_at           timestamptz,
  assigned_to               uuid REFERENCES users (id),
  assigned_at               timestamptz,
  recommendation            text,
  decision                  text CHECK (decision IN ('refer', 'handle_directly', 'reject')),
  decision_notes            text,
  decided_at                timestamptz,
  decided_by                uuid REFERENCES users (id),
  escalated_at              timestamptz,
  close_reason              text,
  closed_at                 timestamptz,
  resolved_at               timestamptz,
  client_request_id         text,
  request_hash              char(64),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CHECK ((decision IS NULL) = (decided_at IS NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);
COMMENT ON TABLE cases IS 'One per intake at the one door: who (person_id), where (village_code, for scope; it stays when the case escalates), what (needs), and where it stands (status, level).';
COMMENT ON COLUMN cases.code IS 'Tracking code read aloud: KKKK-YYMM-NNNNNN (core formatTrackingCode).';
COMMENT ON COLUMN cases.track_pin IS 'Second factor of public tracking: the last four digits of the resident''s NIK at intake, or a random PIN printed on the receipt when there is no NIK.';
COMMENT ON COLUMN cases.level IS 'Where the case is handled: village (Puskesos), kecamatan (supervisor), kabupaten (SLRT). Escalation moves it up.';
COMMENT ON COLUMN cases.urgency IS 'The most urgent need''s urgency, at least high for the fast track; sets due_at.';
COMMENT ON COLUMN cases.due_at IS 'Deadline to first action, from urgency and case_sla_settings at registration.';
COMMENT ON COLUMN cases.first_action_at IS 'First workflow step after registration; null and due_at past = overdue.';
COMMENT ON COLUMN cases.legal_basis IS 'Legal basis of processing (UU 27/2022 art. 20): public_task, legal_obligation, vital_interest, consent.';
COMMENT ON COLUMN cases.registry_status_at_intake IS 'The person''s registry status when the case was opened.';
COMMENT ON COLUMN cases.needs_registry_proposal IS 'The resident is missing from the national data: the proposals domain (issue 6) opens a proposal and links it in registry_proposal_id.';
COMMENT ON COLUMN cases.client_request_id IS 'Idempotency key (Idempotency-Key header or clientRequestId): a retry returns the first case.';
COMMENT ON COLUMN cases.request_hash IS 'sha256 of the first request body: the same key with a different body is refused.';
CREATE UNIQUE INDEX cases_client_request_uniq ON cases (kab_code, client_request_id) WHERE client_request_id IS NOT NULL;
CREATE INDEX cases_kab_village_idx ON cases (kab_code, village_code text_pattern_ops);
CREATE INDEX cases_person_idx ON cases (person_id);
CREATE INDEX cases_household_idx ON cases (household_id);
CREATE INDEX cases_assigned_idx ON cases (assigned_to) WHERE assigned_to IS NOT NULL;
CREATE INDEX cases_open_due_idx ON cases (kab_code, due_at) WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX cases_proposal_needed_idx ON cases (kab_code) WHERE needs_registry_proposal AND registry_proposal_id IS NULL;

CREATE TABLE case_needs (
  id             uuid PRIMARY KEY,
  kab_code       char(4) NOT NULL,
  village_code   text NOT NULL,
  case_id        uuid NOT NULL REFERENCES cases (id),
  position       smallint NOT NULL,
  sector         text NOT NULL,
  urgency        text NOT NULL CHECK (urgency IN ('emergency', 'high', 'normal')),
  request        text NOT NULL,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
  status_note    text,
  recommendation text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, position)
);
COMMENT ON TABLE case_needs IS 'What the resident needs, one row per sector: referrals (issue 5) are made per need and move its status.';
CREATE INDEX case_needs_sector_idx ON case_needs (kab_code, sector);

CREATE TABLE case_events (
  id           uuid PRIMARY KEY,
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
  details      jsonb
);
COMMENT ON TABLE case_events IS 'The case''s timeline: registration, every workflow step, assignment, notes, need status changes, documents and letters. Append-only; the audit trail records the same writes for accountability.';
COMMENT ON COLUMN case_events.actor_name IS 'Display name at the time, so the history reads as it happened.';
CREATE INDEX case_events_case_idx ON case_events (case_id, at);

CREATE TABLE case_consents (
  id                    uuid PRIMARY KEY,
  kab_code              char(4) NOT NULL,
  village_code          text NOT NULL,
  case_id               uuid NOT NULL REFERENCES cases (id),
  purpose               text NOT NULL,
  statement             text NOT NULL,
  method                text NOT NULL,
  given_at              timestamptz NOT NULL,
  given_by              text NOT NULL CHECK (given_by IN ('subject', 'guardian')),
  guardian_name         text,
  guardian_relationship text,
  recorded_by           uuid REFERENCES users (id),
  recorded_at           timestamptz NOT NULL DEFAULT now(),
  withdrawn_at          timestamptz,
  CHECK (given_by = 'subject' OR guardian_name IS NOT NULL),
  UNIQUE (case_id, purpose)
);
COMMENT ON TABLE case_consents IS 'Consents recorded at intake where consent is needed beyond the public-service basis (UU 27/2022 arts. 21-25): what (purpose, the statement read out), when, how, who recorded it, and the parent or guardian for a child.';
CREATE INDEX case_consents_case_idx ON case_consents (case_id);

CREATE TABLE case_sla_settings (
  kab_code   char(4) NOT NULL,
  urgency    text NOT NULL CHECK (urgency IN ('emergency', 'high', 'normal')),
  days       integer NOT NULL CHECK (days BETWEEN 1 AND 90),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  PRIMARY KEY (kab_code, urgency)
);
COMMENT ON TABLE case_sla_settings IS 'Days to first action by urgency, set by the kabupaten; an absent row means the default of core DEFAULT_SLA_DAYS (1, 3, 14). A change applies to cases registered after it.';

CREATE TABLE case_code_counters (
  kab_code    char(4) NOT NULL,
  period      char(4) NOT NULL,
  last_serial integer NOT NULL,
  PRIMARY KEY (kab_code, period)
);
COMMENT ON TABLE case_code_counters IS 'Last tracking-code serial per kabupaten and month (YYMM in the kabupaten''s time zone).';
