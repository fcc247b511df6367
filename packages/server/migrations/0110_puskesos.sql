-- The Puskesos as an institution (issue 16): one profile per village of the kabupaten (legal
-- basis, status and grade, host, hours, contact, location, population), its facilities, the
-- supervisor's visits, funding per year and source, officers, handovers, trainings and the
-- outreach log (sosialisasi). Codes are those of packages/core/src/puskesos/puskesos-codes.ts.
-- Nothing here holds residents' personal data: officers are named (they are staff).

CREATE TABLE puskesos_grades (
  kab_code  char(4) NOT NULL,
  code      text NOT NULL,
  name      text NOT NULL,
  rank      smallint NOT NULL,
  criteria  jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (kab_code, code)
);
COMMENT ON TABLE puskesos_grades IS 'The kabupaten''s own grading of its Puskesos (e.g. pratama, madya, utama) with the criteria as data: the field studies do not publish them, so the kabupaten configures them.';
COMMENT ON COLUMN puskesos_grades.rank IS '1 = the highest grade.';
COMMENT ON COLUMN puskesos_grades.criteria IS 'A JSON array of criteria texts a Puskesos of this grade meets.';

CREATE TABLE puskesos_profiles (
  village_code        text PRIMARY KEY REFERENCES areas (code),
  kab_code            char(4) NOT NULL,
  status              text NOT NULL DEFAULT 'not_formed' CHECK (status IN ('not_formed', 'forming', 'active', 'inactive')),
  grade_code          text,
  legal_basis_number  text,
  legal_basis_date    date,
  host                text CHECK (host IN ('village_office', 'own_building', 'borrowed', 'none')),
  opening_hours       text,
  address             text,
  phone               text,
  latitude            double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude           double precision CHECK (longitude BETWEEN -180 AND 180),
  population          integer CHECK (population >= 0),
  version             integer NOT NULL DEFAULT 1,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  updated_by          uuid REFERENCES users (id),
  approved_version    integer,
  approved_at         timestamptz,
  approved_by         uuid REFERENCES users (id),
  approved_by_name    text,
  FOREIGN KEY (kab_code, grade_code) REFERENCES puskesos_grades (kab_code, code)
);
COMMENT ON TABLE puskesos_profiles IS 'One per desa/kelurahan of the kabupaten, created empty for every village at start-up; filled by the koordinator or the kabupaten, approved by the village head.';
COMMENT ON COLUMN puskesos_profiles.legal_basis_number IS 'The village head''s decree (SK Kepala Desa/Lurah) forming the Puskesos.';
COMMENT ON COLUMN puskesos_profiles.host IS 'Where it works: the village office, its own building, a borrowed place, or none.';
COMMENT ON COLUMN puskesos_profiles.population IS 'Residents of the village (village data), the denominator of per-resident figures in the equity view.';
COMMENT ON COLUMN puskesos_profiles.version IS 'Raised by every change; approval is of one version, and a PUT naming an older version is a conflict.';
CREATE INDEX puskesos_profiles_kab_idx ON puskesos_profiles (kab_code, village_code text_pattern_ops);

CREATE TABLE puskesos_facilities (
  village_code  text NOT NULL REFERENCES puskesos_profiles (village_code),
  kab_code      char(4) NOT NULL,
  item          text NOT NULL,
  condition     text NOT NULL CHECK (condition IN ('good', 'fair', 'poor', 'none')),
  source        text,
  note          text,
  confirmed_at  date,
  confirmed_by  uuid REFERENCES users (id),
  PRIMARY KEY (village_code, item)
);
COMMENT ON TABLE puskesos_facilities IS 'The facilities inventory: building, service room, waiting room, toilet, computer, printer, internet, vehicle, motorbike; condition none = absent.';
COMMENT ON COLUMN puskesos_facilities.confirmed_at IS 'The day of the supervisor''s last visit that confirmed this item.';

CREATE TABLE puskesos_history (
  id            uuid PRIMARY KEY,
  kab_code      char(4) NOT NULL,
  village_code  text NOT NULL REFERENCES puskesos_profiles (village_code),
  entity        text NOT NULL,
  entity_id     text,
  action        text NOT NULL,
  changes       jsonb NOT NULL DEFAULT '{}',
  at            timestamptz NOT NULL DEFAULT now(),
  by_user       uuid REFERENCES users (id),
  by_name       text
);
COMMENT ON TABLE puskesos_history IS 'Every change to a Puskesos (profile, facilities, visits, funding, officers, handovers): what changed from what to what, who, when. Never updated.';
COMMENT ON COLUMN puskesos_history.changes IS 'Per field {"from": old, "to": new}, or the record as created.';
CREATE INDEX puskesos_history_village_idx ON puskesos_history (village_code, at DESC);

CREATE TABLE puskesos_visits (
  id             uuid PRIMARY KEY,
  kab_code       char(4) NOT NULL,
  village_code   text NOT NULL REFERENCES puskesos_profiles (village_code),
  visit_date     date NOT NULL,
  checklist      jsonb NOT NULL,
  note           text,
  visited_by     uuid REFERENCES users (id),
  visited_by_name text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE puskesos_visits IS 'A supervisor''s visit: the facilities checklist as found (item, condition, confirmed), photos as documents (owner_type puskesos_visit).';
CREATE INDEX puskesos_visits_village_idx ON puskesos_visits (village_code, visit_date DESC);

CREATE TABLE puskesos_funding (
  id            uuid PRIMARY KEY,
  kab_code      char(4) NOT NULL,
  village_code  text NOT NULL REFERENCES puskesos_profiles (village_code),
  year          smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  source        text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('budget', 'spending')),
  category      text NOT NULL,
  amount        bigint NOT NULL CHECK (amount >= 0),
  note          text,
  status        text NOT NULL DEFAULT 'entered' CHECK (status IN ('entered', 'confirmed', 'approved')),
  entered_at    timestamptz NOT NULL DEFAULT now(),
  entered_by    uuid REFERENCES users (id),
  confirmed_at  timestamptz,
  confirmed_by  uuid REFERENCES users (id),
  approved_at   timestamptz,
  approved_by   uuid REFERENCES users (id),
  CHECK ((status = 'entered') = (confirmed_at IS NULL)),
  CHECK ((status = 'approved') = (approved_at IS NOT NULL))
);
COMMENT ON TABLE puskesos_funding IS 'Budget and spending lines per year and source (APBN, APBD provinsi/kabupaten, Dana Desa, CSR, Baznas, swadaya), honoraria included: entered by the koordinator, confirmed by the supervisor, approved by the village head when the village pays (Dana Desa).';
COMMENT ON COLUMN puskesos_funding.amount IS 'Rupiah, whole.';
CREATE INDEX puskesos_funding_village_idx ON puskesos_funding (kab_code, village_code text_pattern_ops, year);

CREATE TABLE puskesos_officers (
  id                 uuid PRIMARY KEY,
  kab_code           char(4) NOT NULL,
  village_code       text NOT NULL REFERENCES puskesos_profiles (village_code),
  user_id            uuid REFERENCES users (id),
  name               text NOT NULL,
  position           text NOT NULL,
  decree_number      text,
  decree_date        date,
  start_date         date NOT NULL,
  end_date           date,
  paid               boolean NOT NULL,
  monthly_honorarium bigint NOT NULL DEFAULT 0 CHECK (monthly_honorarium >= 0),
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK (paid OR monthly_honorarium = 0)
);
COMMENT ON TABLE puskesos_officers IS 'The people of a Puskesos (with or without a user account): position, appointment decree, start and end, paid or volunteer and monthly honorarium (rupiah). Active = no end date or one in the future.';
CREATE INDEX puskesos_officers_village_idx ON puskesos_officers (kab_code, village_code text_pattern_ops);

CREATE TABLE puskesos_handovers (
  id                    uuid PRIMARY KEY,
  kab_code              char(4) NOT NULL,
  village_code          text NOT NULL REFERENCES puskesos_profiles (village_code),
  role                  text NOT NULL CHECK (role IN ('koordinator', 'village_head')),
  outgoing_name         text NOT NULL,
  incoming_name         text NOT NULL,
  incoming_user_id      uuid REFERENCES users (id),
  snapshot              jsonb NOT NULL,
  outgoing_signed_name  text,
  outgoing_signed_at    timestamptz,
  incoming_signed_name  text,
  incoming_signed_at    timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  created_by            uuid REFERENCES users (id)
);
COMMENT ON TABLE puskesos_handovers IS 'Continuity when the koordinator or the village head changes: what was handed over (open cases, open referrals, pending usulan, equipment, budget), produced from the data at creation, signed by both.';
CREATE INDEX puskesos_handovers_village_idx ON puskesos_handovers (village_code, created_at DESC);
CREATE INDEX puskesos_handovers_incoming_idx ON puskesos_handovers (incoming_user_id) WHERE incoming_user_id IS NOT NULL;

CREATE TABLE trainings (
  id           uuid PRIMARY KEY,
  kab_code     char(4) NOT NULL,
  title        text NOT NULL,
  organizer    text NOT NULL CHECK (organizer IN ('kabupaten', 'province', 'ministry', 'partner')),
  topic        text NOT NULL,
  hours        smallint NOT NULL CHECK (hours > 0),
  certificate  boolean NOT NULL DEFAULT false,
  UNIQUE (kab_code, title)
);
COMMENT ON TABLE trainings IS 'The training catalog (kabupaten, province, ministry, partner).';

CREATE TABLE training_sessions (
  id              uuid PRIMARY KEY,
  kab_code        char(4) NOT NULL,
  training_id     uuid NOT NULL REFERENCES trainings (id),
  starts_on       date NOT NULL,
  place           text NOT NULL,
  area_code       text NOT NULL REFERENCES areas (code),
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid REFERENCES users (id)
);
COMMENT ON COLUMN training_sessions.area_code IS 'Whom the session is for: the kabupaten, or a kecamatan.';

CREATE TABLE training_attendance (
  session_id  uuid NOT NULL REFERENCES training_sessions (id),
  officer_id  uuid NOT NULL REFERENCES puskesos_officers (id),
  kab_code    char(4) NOT NULL,
  PRIMARY KEY (session_id, officer_id)
);
CREATE INDEX training_attendance_officer_idx ON training_attendance (officer_id);

CREATE TABLE position_competencies (
  kab_code     char(4) NOT NULL,
  position     text NOT NULL,
  training_id  uuid NOT NULL REFERENCES trainings (id),
  PRIMARY KEY (kab_code, position, training_id)
);
COMMENT ON TABLE position_competencies IS 'The trainings each position needs: an active officer who attended none of a required training''s sessions lacks it.';

CREATE TABLE puskesos_outreach (
  id            uuid PRIMARY KEY,
  kab_code      char(4) NOT NULL,
  village_code  text NOT NULL REFERENCES puskesos_profiles (village_code),
  held_on       date NOT NULL,
  place         text NOT NULL,
  audience      text NOT NULL,
  reached       integer NOT NULL CHECK (reached >= 0),
  by_name       text NOT NULL,
  by_kind       text NOT NULL,
  note          text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid REFERENCES users (id)
);
COMMENT ON TABLE puskesos_outreach IS 'The outreach log (sosialisasi): date, place, audience, number reached, by whom (officers or PSKS volunteers such as TKSK and PSM). Feeds the monthly report.';
CREATE INDEX puskesos_outreach_village_idx ON puskesos_outreach (kab_code, village_code text_pattern_ops, held_on);
