-- Issue 15 item 4: the targeting lists turned into referrals and proposals in bulk.
-- Two proposal kinds about a program's beneficiaries: enrol (a household missed, eligible but not
-- enrolled) and exit (a household enrolled but no longer eligible). They follow the proposal
-- workflow (field verification, kecamatan review, kabupaten approval); ratification starts or
-- ends the enrolment, with the proposal as its source.
ALTER TABLE proposals DROP CONSTRAINT proposals_type_check;
ALTER TABLE proposals ADD CONSTRAINT proposals_type_check CHECK (type IN ('new', 'change', 'deactivate', 'move', 'enrol', 'exit'));
COMMENT ON COLUMN proposals.type IS 'new (registration), change, deactivate, move (pindah: changes holds the destination villageCode, address, rt, rw; village_code is the destination village), enrol or exit (a household''s enrolment in a program: changes holds { program: code }; the reason is the justification, the screening''s reasons for an exit).';
ALTER TABLE proposals DROP CONSTRAINT proposals_origin_check;
ALTER TABLE proposals ADD CONSTRAINT proposals_origin_check CHECK (origin IN ('intake', 'field_visit', 'household_profile', 'direct', 'targeting'));

ALTER TABLE program_enrollments DROP CONSTRAINT program_enrollments_source_type_check;
ALTER TABLE program_enrollments ADD CONSTRAINT program_enrollments_source_type_check CHECK (source_type IN ('import', 'officer', 'seed', 'proposal'));
ALTER TABLE program_enrollments ADD COLUMN end_source_id text;
COMMENT ON COLUMN program_enrollments.source_id IS 'The enrollment import id for source_type import; the proposal id for source_type proposal.';
COMMENT ON COLUMN program_enrollments.end_source_id IS 'The exit proposal whose approval ended the enrolment; null when an officer ended it.';

CREATE TABLE targeting_actions (
  id            uuid PRIMARY KEY,
  kab_code      char(4) NOT NULL,
  village_code  text NOT NULL,
  program_id    uuid NOT NULL REFERENCES programs (id),
  household_id  uuid NOT NULL REFERENCES households (id),
  action        text NOT NULL CHECK (action IN ('referral', 'enrol_proposal', 'exit_proposal')),
  case_id       uuid REFERENCES cases (id),
  referral_id   uuid REFERENCES referrals (id),
  proposal_id   uuid REFERENCES proposals (id),
  created_by    uuid NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((action = 'referral') = (case_id IS NOT NULL)),
  CHECK ((action = 'referral') = (proposal_id IS NULL))
);
COMMENT ON TABLE targeting_actions IS 'What an officer made of a row of a program''s targeting list: a case (and its referral to the program''s delivering service, once decided) or a proposal. The lineage of the bulk action, and what tells a second action on the same household and program that one is still open.';
CREATE INDEX targeting_actions_household_idx ON targeting_actions (household_id, program_id);
CREATE INDEX targeting_actions_village_idx ON targeting_actions (kab_code, village_code);
