-- Registry proposals (usulan) and field verification (verifikasi dan validasi): a village
-- enters a proposal, the village facilitator verifies it at home, the village's monthly round
-- (backed by the Musdes minutes or an SPTJM) goes to the kecamatan supervisor, the kabupaten
-- verifies and its head of office ratifies; approval applies the change to the registry in the
-- same transaction (registry_history.source_type = 'proposal', source_id = the proposal id).
-- Approved proposals then go to the national side in a submission batch whose answer file
-- marks each row. Statuses and steps are those of packages/core/src/proposal/proposal-state.ts.

CREATE TABLE proposal_settings (
  kab_code          char(4) PRIMARY KEY,
  cut_off_day       smallint NOT NULL DEFAULT 17 CHECK (cut_off_day BETWEEN 1 AND 31),
  time_zone         text NOT NULL CHECK (time_zone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')),
  separate_ratifier boolean NOT NULL DEFAULT false,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        uuid REFERENCES users (id)
);
COMMENT ON TABLE proposal_settings IS 'The round rules of a kabupaten. No row = the defaults: cut-off day 17, the time zone of its province, no four-eyes rule.';
COMMENT ON COLUMN proposal_settings.cut_off_day IS 'A proposal entered on or before this day of the month (the last day in a shorter month) belongs to that month''s round, after it to the next month''s.';
COMMENT ON COLUMN proposal_settings.time_zone IS 'Calendar days (cut-off, ageing, visit dates) are counted in this zone, never the server''s.';
COMMENT ON COLUMN proposal_settings.separate_ratifier IS 'When true, the head of office who ratifies a proposal may not be the kabupaten verifier of the same proposal.';

CREATE TABLE proposal_rounds (
  id            uuid PRIMARY KEY,
  kab_code      char(4) NOT NULL,
  village_code  text NOT NULL REFERENCES areas (code),
  period        char(7) NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  cut_off_date  date NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted', 'reviewed')),
  basis         text CHECK (basis IN ('musdes', 'sptjm')),
  basis_date    date,
  note          text,
  submitted_at  timestamptz,
  submitted_by  uuid REFERENCES users (id),
  reviewed_at   timestamptz,
  reviewed_by   uuid REFERENCES users (id),
  review_note   text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kab_code, village_code, period),
  CHECK (status = 'open' OR (basis IS NOT NULL AND basis_date IS NOT NULL AND submitted_at IS NOT NULL))
);
COMMENT ON TABLE proposal_rounds IS 'A village''s monthly round of proposals (usulan bulanan), created when its first proposal enters the workflow. The village sends it with the deliberation''s minutes and attendance list (basis musdes) or a signed SPTJM; the kecamatan supervisor reviews it.';
COMMENT ON COLUMN proposal_rounds.period IS 'The round''s month, YYYY-MM.';
COMMENT ON COLUMN proposal_rounds.cut_off_date IS 'The last calendar day (kabupaten time zone) on which an entering proposal joins this round; ageing in worklists counts against it.';
COMMENT ON COLUMN proposal_rounds.basis_date IS 'The day of the deliberation, or the day the SPTJM was signed.';
CREATE INDEX proposal_rounds_village_idx ON proposal_rounds (village_code text_pattern_ops, period);

CREATE TABLE proposal_counters (
  kab_code char(4) NOT NULL,
  kind     text NOT NULL CHECK (kind IN ('proposal', 'submission')),
  year     smallint NOT NULL,
  last     integer NOT NULL,
  PRIMARY KEY (kab_code, kind, year)
);
COMMENT ON TABLE proposal_counters IS 'The last serial of the human numbers of a kabupaten and year: proposals (USL-2025-000123) and submission batches (KRM-2025-0001).';

CREATE TABLE proposals (
  id                uuid PRIMARY KEY,
  kab_code          char(4) NOT NULL,
  village_code      text NOT NULL REFERENCES areas (code),
  code              text NOT NULL,
  type              text NOT NULL CHECK (type IN ('new', 'change', 'deactivate')),
  target_kind       text NOT NULL CHECK (target_kind IN ('person', 'household', 'new_household')),
  person_id         uuid REFERENCES persons (id),
  household_id      uuid REFERENCES households (id),
  channel           text NOT NULL CHECK (channel IN ('walk_in', 'facilitator', 'village_deliberation', 'sptjm', 'objection')),
  origin            text NOT NULL CHECK (origin IN ('intake', 'field_visit', 'household_profile', 'direct')),
  case_id           uuid,
  reason            text NOT NULL,
  changes           jsonb NOT NULL,
  confirm_warnings  text[] NOT NULL DEFAULT '{}',
  status            text NOT NULL CHECK (status IN ('draft', 'awaiting_verification', 'verified', 'invalid', 'reviewed', 'kab_verified',
                      'needs_review', 'approved', 'rejected', 'cancelled', 'sent', 'accepted', 'rejected_national')),
  round_id          uuid REFERENCES proposal_rounds (id),
  assigned_to       uuid REFERENCES users (id),
  entered_on        date,
  verified_versions jsonb,
  confirmed_changes jsonb,
  applied           jsonb,
  stale_reason      text,
  created_by        uuid REFERENCES users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  status_at         timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1,
  UNIQUE (kab_code, code),
  CHECK (target_kind <> 'person' OR person_id IS NOT NULL),
  CHECK (target_kind <> 'household' OR household_id IS NOT NULL),
  CHECK (status = 'draft' OR status = 'cancelled' OR (round_id IS NOT NULL AND entered_on IS NOT NULL))
);
COMMENT ON TABLE proposals IS 'A registry proposal (usulan): register a person or household in the national data (new), change a record (change), or deactivate one (deactivate). Nothing touches the registry before approval.';
COMMENT ON COLUMN proposals.code IS 'Human number read aloud and written on paper: USL-<year>-<serial>.';
COMMENT ON COLUMN proposals.target_kind IS 'person (person_id), household (household_id alone) or new_household (a household not in the registry yet, described in changes). Approval of a new member or household fills person_id/household_id with what it created.';
COMMENT ON COLUMN proposals.case_id IS 'The intake case that opened the proposal, when it came from intake (no foreign key: the cases domain owns that table).';
COMMENT ON COLUMN proposals.changes IS 'The proposed values, { field: newValue } with the camelCase fields of the core change schema for the type and target (new_household: household fields and members[]).';
COMMENT ON COLUMN proposals.confirm_warnings IS 'NIK warning codes the officer confirmed when entering a new person (passed to the registry at approval).';
COMMENT ON COLUMN proposals.entered_on IS 'The kabupaten calendar day the proposal entered the workflow (left draft): what places it in a round and what its age counts from.';
COMMENT ON COLUMN proposals.verified_versions IS '{ recordId: version } of every registry record the proposal touches, as the facilitator saw them. A later step finding a different version sends the proposal to needs_review instead of overwriting the newer change.';
COMMENT ON COLUMN proposals.confirmed_changes IS 'The changes as the facilitator confirmed or corrected them at the visit: what approval applies.';
COMMENT ON COLUMN proposals.applied IS 'What the approval did to the registry: [{ recordType, recordId, action, version }]; the values are in registry_history (source_id = this id).';
COMMENT ON COLUMN proposals.version IS 'Optimistic concurrency between two people acting on the same proposal at once.';
CREATE INDEX proposals_village_idx ON proposals (village_code text_pattern_ops, status);
CREATE INDEX proposals_kab_status_idx ON proposals (kab_code, status, status_at);
CREATE INDEX proposals_round_idx ON proposals (round_id);
CREATE INDEX proposals_person_idx ON proposals (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX proposals_household_idx ON proposals (household_id) WHERE household_id IS NOT NULL;
CREATE INDEX proposals_assigned_idx ON proposals (assigned_to, status) WHERE assigned_to IS NOT NULL;
CREATE INDEX proposals_case_idx ON proposals (case_id) WHERE case_id IS NOT NULL;

CREATE TABLE proposal_verifications (
  id               uuid PRIMARY KEY,
  kab_code         char(4) NOT NULL,
  village_code     text NOT NULL,
  proposal_id      uuid NOT NULL REFERENCES proposals (id),
  verifier_id      uuid REFERENCES users (id),
  verifier_name    text NOT NULL,
  visit_date       date NOT NULL,
  met_name         text NOT NULL,
  met_role         text NOT NULL,
  verdict          text NOT NULL CHECK (verdict IN ('valid', 'invalid')),
  reason           text,
  items            jsonb NOT NULL,
  current_values   jsonb,
  record_versions  jsonb NOT NULL DEFAULT '{}',
  gps_lat          double precision CHECK (gps_lat BETWEEN -90 AND 90),
  gps_lon          double precision CHECK (gps_lon BETWEEN -180 AND 180),
  gps_accuracy_m   real,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (verdict = 'valid' OR reason IS NOT NULL),
  CHECK ((gps_lat IS NULL) = (gps_lon IS NULL))
);
COMMENT ON TABLE proposal_verifications IS 'Each field visit (verifikasi lapangan) of a proposal: who visited, when, whom they met, each proposed field confirmed or corrected, the verdict, optional GPS. A proposal sent back is visited again: the newest visit counts.';
COMMENT ON COLUMN proposal_verifications.items IS '[{ field, confirmed, correctedValue? }] for every proposed field.';
COMMENT ON COLUMN proposal_verifications.current_values IS 'The registry values of the proposed fields at the visit, shown beside the proposed ones.';
COMMENT ON COLUMN proposal_verifications.gps_lat IS 'Optional position of the visit (WGS 84), with the resident''s knowledge; personal data.';
CREATE INDEX proposal_verifications_proposal_idx ON proposal_verifications (proposal_id, created_at);

CREATE TABLE proposal_steps (
  id              uuid PRIMARY KEY,
  kab_code        char(4) NOT NULL,
  village_code    text NOT NULL,
  proposal_id     uuid NOT NULL REFERENCES proposals (id),
  at              timestamptz NOT NULL DEFAULT clock_timestamp(),
  action          text NOT NULL,
  from_status     text,
  to_status       text NOT NULL,
  actor_id        uuid REFERENCES users (id),
  actor_name      text,
  reason          text,
  verification_id uuid REFERENCES proposal_verifications (id),
  details         jsonb
);
COMMENT ON TABLE proposal_steps IS 'The lineage of a proposal, one row per step (create, submit, verify, review, verify-kabupaten, ratify, stale, send, national answer, ...): who, when, from which status to which, why. Never updated or deleted.';
COMMENT ON COLUMN proposal_steps.details IS 'Step facts worth keeping: the records a ratification changed, the versions found by a stale check, the submission batch and row.';
CREATE INDEX proposal_steps_proposal_idx ON proposal_steps (proposal_id, at);
CREATE INDEX proposal_steps_actor_idx ON proposal_steps (actor_id, action, at);

CREATE FUNCTION proposal_steps_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'proposal_steps is append-only';
END $$;
CREATE TRIGGER proposal_steps_no_change BEFORE UPDATE OR DELETE ON proposal_steps
  FOR EACH ROW EXECUTE FUNCTION proposal_steps_append_only();

CREATE TABLE proposal_submissions (
  id             uuid PRIMARY KEY,
  kab_code       char(4) NOT NULL,
  code           text NOT NULL,
  status         text NOT NULL CHECK (status IN ('prepared', 'sent', 'answered')),
  note           text,
  created_by     uuid REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  sent_at        timestamptz,
  sent_by        uuid REFERENCES users (id),
  answered_at    timestamptz,
  answer_file    text,
  UNIQUE (kab_code, code)
);
COMMENT ON TABLE proposal_submissions IS 'A batch of approved proposals sent to the national side (via Dinas Sosial and SIKS-NG) as one spreadsheet: prepared, then sent, then answered once every row has the national side''s answer. Holds no personal data itself; its rows do.';
COMMENT ON COLUMN proposal_submissions.code IS 'Human batch number: KRM-<year>-<serial>.';
COMMENT ON COLUMN proposal_submissions.answer_file IS 'Name of the last answer file imported.';

CREATE TABLE proposal_submission_rows (
  id             uuid PRIMARY KEY,
  kab_code       char(4) NOT NULL,
  village_code   text NOT NULL,
  submission_id  uuid NOT NULL REFERENCES proposal_submissions (id) ON DELETE CASCADE,
  proposal_id    uuid NOT NULL REFERENCES proposals (id),
  row_no         integer NOT NULL,
  person_id      uuid REFERENCES persons (id),
  household_id   uuid REFERENCES households (id),
  row            jsonb NOT NULL,
  result         text CHECK (result IN ('accepted', 'rejected')),
  result_reason  text,
  desil          smallint CHECK (desil BETWEEN 1 AND 10),
  desil_source   text,
  desil_date     date,
  answered_at    timestamptz,
  UNIQUE (submission_id, row_no)
);
COMMENT ON TABLE proposal_submission_rows IS 'One exported row per person a proposal concerns (the canonical registry layout plus proposal columns). The row is frozen at preparation, so every export of the batch reproduces exactly what was sent.';
COMMENT ON COLUMN proposal_submission_rows.row IS 'The exported row: { column: text } in the order of docs/national-submission.md.';
COMMENT ON COLUMN proposal_submission_rows.result IS 'The national side''s answer for this row, from its answer file; null while waiting.';
CREATE INDEX proposal_submission_rows_submission_idx ON proposal_submission_rows (submission_id, row_no);
CREATE INDEX proposal_submission_rows_proposal_idx ON proposal_submission_rows (proposal_id);
