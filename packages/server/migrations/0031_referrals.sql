-- Referrals (rujukan): one need of a case sent to one service of a partner organization, its
-- lifecycle (core referral-state.ts), timeline, and the signed single-referral links for
-- small partners without accounts.

CREATE TABLE referrals (
  id              uuid PRIMARY KEY,
  kab_code        char(4) NOT NULL,
  village_code    text NOT NULL,
  number          text NOT NULL,
  tracking_code   text NOT NULL UNIQUE,
  case_id         uuid NOT NULL REFERENCES cases (id),
  need_id         uuid NOT NULL REFERENCES case_needs (id),
  person_id       uuid NOT NULL REFERENCES persons (id),
  service_id      uuid NOT NULL REFERENCES directory_services (id),
  organization_id uuid NOT NULL REFERENCES organizations (id),
  sector          text NOT NULL,
  status          text NOT NULL CHECK (status IN ('sent', 'accepted', 'declined', 'in_service', 'completed', 'cancelled')),
  priority        text NOT NULL CHECK (priority IN ('routine', 'urgent', 'emergency')),
  reason          text NOT NULL,
  shared_fields   text[] NOT NULL,
  contact_phone   text,
  due_date        date NOT NULL,
  due_at          timestamptz NOT NULL,
  overdue_at      timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid REFERENCES users (id),
  created_by_name text,
  accepted_at     timestamptz,
  started_at      timestamptz,
  completed_at    timestamptz,
  closed_at       timestamptz,
  decline_reason  text,
  cancel_reason   text,
  outcome         text CHECK (outcome IN ('fulfilled', 'partly', 'not_fulfilled')),
  outcome_notes   text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kab_code, number),
  CHECK ((status = 'completed') = (outcome IS NOT NULL)),
  CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
  CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
  CHECK ((status IN ('declined', 'completed', 'cancelled')) = (closed_at IS NOT NULL))
);
COMMENT ON TABLE referrals IS 'A need of a case referred to a partner service. Staff see it by the case''s village (village_code); the partner by organization_id, and only the shared_fields of the resident.';
COMMENT ON COLUMN referrals.number IS 'Referral number read aloud and printed: RUJ-KKKK-YYYY-NNNNN (serial per kabupaten and year).';
COMMENT ON COLUMN referrals.tracking_code IS 'Unguessable public code in the QR of the referral letter: shows status and letter validity, never the resident.';
COMMENT ON COLUMN referrals.shared_fields IS 'The resident''s fields the partner sees: the service''s declared list at sending time, or fewer. A later change to the service does not widen it.';
COMMENT ON COLUMN referrals.contact_phone IS 'The resident''s phone given for this referral (shared only when phone is in shared_fields).';
COMMENT ON COLUMN referrals.due_date IS 'Sending day (kabupaten calendar) plus the service''s response_days.';
COMMENT ON COLUMN referrals.due_at IS 'The instant the due date ends in the kabupaten''s time zone: open referrals past it are overdue.';
COMMENT ON COLUMN referrals.overdue_at IS 'When the scheduler marked it overdue and escalated (once per due date, see overdue_marks).';
CREATE UNIQUE INDEX referrals_open_need_uniq ON referrals (need_id) WHERE status IN ('sent', 'accepted', 'in_service');
CREATE INDEX referrals_kab_village_idx ON referrals (kab_code, village_code text_pattern_ops);
CREATE INDEX referrals_org_status_idx ON referrals (organization_id, status);
CREATE INDEX referrals_case_idx ON referrals (case_id);
CREATE INDEX referrals_open_due_idx ON referrals (due_at) WHERE status IN ('sent', 'accepted', 'in_service') AND overdue_at IS NULL;

CREATE TABLE referral_counters (
  kab_code    char(4) NOT NULL,
  year        smallint NOT NULL,
  last_serial integer NOT NULL,
  PRIMARY KEY (kab_code, year)
);
COMMENT ON TABLE referral_counters IS 'Last referral serial per kabupaten and year; the row lock of the UPDATE orders concurrent senders.';

CREATE TABLE referral_events (
  id           uuid PRIMARY KEY,
  kab_code     char(4) NOT NULL,
  village_code text NOT NULL,
  referral_id  uuid NOT NULL REFERENCES referrals (id),
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     uuid REFERENCES users (id),
  actor_name   text,
  actor_kind   text NOT NULL CHECK (actor_kind IN ('user', 'token', 'link', 'system')),
  action       text NOT NULL,
  from_status  text,
  to_status    text,
  note         text,
  details      jsonb
);
COMMENT ON TABLE referral_events IS 'The referral''s timeline, seen by both sides: sent, accepted, declined, started, completed, cancelled, overdue, letter issued, link created/revoked/used. Append-only.';
COMMENT ON COLUMN referral_events.actor_kind IS 'user (signed in), token (a partner system''s bearer token), link (a signed single-referral link), system (the scheduler).';
CREATE INDEX referral_events_referral_idx ON referral_events (referral_id, at);

CREATE TABLE referral_links (
  id           uuid PRIMARY KEY,
  kab_code     char(4) NOT NULL,
  village_code text NOT NULL,
  referral_id  uuid NOT NULL REFERENCES referrals (id),
  token_hash   text NOT NULL UNIQUE,
  created_by   uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  revoked_by   uuid REFERENCES users (id),
  last_used_at timestamptz,
  use_count    integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE referral_links IS 'Signed links for small partners without accounts (sent by WhatsApp/SMS): one referral each, expiring, revocable; they may read that referral (shared fields only) and accept, decline or complete it. Every use is audited with actor link.';
COMMENT ON COLUMN referral_links.token_hash IS 'sha256 of the link token (id + HMAC with SESSION_SECRET); the token itself is shown once.';
CREATE INDEX referral_links_referral_idx ON referral_links (referral_id);
