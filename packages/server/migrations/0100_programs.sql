-- Programs: the catalog of assistance programs (national ones seeded here, in every
-- installation; local ones added by the kabupaten) and their eligibility rules as dated,
-- versioned data in the declarative form of @slrt/core (program/eligibility-rule.ts).

CREATE TABLE programs (
  id          uuid PRIMARY KEY,
  kab_code    char(4),
  code        text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,19}$'),
  name        text NOT NULL,
  scope       text NOT NULL CHECK (scope IN ('national', 'village', 'local')),
  owner_kind  text NOT NULL CHECK (owner_kind IN ('ministry', 'kabupaten', 'village', 'partner')),
  owner_name  text NOT NULL,
  service_id  uuid,
  benefit     jsonb NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope = 'local') = (kab_code IS NOT NULL))
);
COMMENT ON TABLE programs IS 'Assistance programs a household may be screened for, enrolled in and receive from. National and village programs (kab_code null) are seeded by migration in every installation; local programs belong to one kabupaten. A reference table.';
COMMENT ON COLUMN programs.code IS 'Stable code other systems rely on: PKH, SEMBAKO, PBI_JK, PIP, RTLH, ATENSI, BLT_DD for the national and village programs.';
COMMENT ON COLUMN programs.service_id IS 'The directory service (directory_services.id) that delivers the program, where a referral goes; set by the kabupaten. No foreign key: programs is a reference table, services are per kabupaten.';
COMMENT ON COLUMN programs.benefit IS 'ProgramBenefit of @slrt/core: kind, description, currency, period, unit, amounts, amountVerified (false where the amount was seen only in secondary sources).';
CREATE UNIQUE INDEX programs_code_uniq ON programs (coalesce(kab_code, '0000'), code);

CREATE TABLE program_rule_versions (
  id             uuid PRIMARY KEY,
  program_id     uuid NOT NULL REFERENCES programs (id),
  version        integer NOT NULL,
  rule           jsonb NOT NULL,
  effective_from date NOT NULL,
  effective_to   date,
  note           text,
  created_by     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (program_id, version),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
COMMENT ON TABLE program_rule_versions IS 'Every version of a program''s eligibility rule, never updated or deleted: the one in force on a date is the latest-starting version whose [effective_from, effective_to] (both inclusive) holds the date.';
COMMENT ON COLUMN program_rule_versions.rule IS 'EligibilityRule of @slrt/core: { criteria: [...] }, all must hold.';
COMMENT ON COLUMN program_rule_versions.created_by IS 'Username of the officer who added the version; null for the seeded ones.';

CREATE FUNCTION program_rule_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'program_rule_versions is append-only';
END $$;
CREATE TRIGGER program_rule_versions_no_change BEFORE UPDATE OR DELETE ON program_rule_versions
  FOR EACH ROW EXECUTE FUNCTION program_rule_versions_append_only();

-- The national and village programs, as shared/domain/programs.md reports them (2025 cut-offs).
INSERT INTO programs (id, kab_code, code, name, scope, owner_kind, owner_name, benefit) VALUES
('01930000-0000-7000-8000-000000000001', NULL, 'PKH', 'Program Keluarga Harapan (PKH)', 'national', 'ministry', 'Kementerian Sosial',
 '{"kind":"cash","description":"Bantuan tunai bersyarat per komponen keluarga (ibu hamil, anak usia dini, anak sekolah, lansia, disabilitas berat); besaran belum terverifikasi","currency":"IDR","period":"year","unit":"component","amounts":[],"amountVerified":false}'),
('01930000-0000-7000-8000-000000000002', NULL, 'SEMBAKO', 'Program Sembako (BPNT)', 'national', 'ministry', 'Kementerian Sosial',
 '{"kind":"goods","description":"Bantuan pangan bulanan melalui kartu KKS/rekening bank; besaran belum terverifikasi","currency":"IDR","period":"month","unit":"household","amounts":[],"amountVerified":false}'),
('01930000-0000-7000-8000-000000000003', NULL, 'PBI_JK', 'Penerima Bantuan Iuran Jaminan Kesehatan (PBI-JK)', 'national', 'ministry', 'Kementerian Sosial (penetapan), Kementerian Kesehatan (iuran BPJS)',
 '{"kind":"premium","description":"Iuran JKN kelas III dibayar pemerintah","currency":"IDR","period":"month","unit":"person","amounts":[{"label":null,"amount":42000}],"amountVerified":true}'),
('01930000-0000-7000-8000-000000000004', NULL, 'PIP', 'Program Indonesia Pintar (PIP/KIP)', 'national', 'ministry', 'Kementerian Pendidikan',
 '{"kind":"cash","description":"Bantuan tunai pendidikan per tahun (2024)","currency":"IDR","period":"year","unit":"person","amounts":[{"label":"SD","amount":450000},{"label":"SMP","amount":750000},{"label":"SMA/SMK","amount":1800000}],"amountVerified":true}'),
('01930000-0000-7000-8000-000000000005', NULL, 'RTLH', 'Rehabilitasi Rumah Tidak Layak Huni (RTLH)', 'national', 'ministry', 'Kementerian Sosial (juga PUPR, provinsi, kabupaten)',
 '{"kind":"goods","description":"Perbaikan atap, lantai, dinding, jamban (rencana 2021); besaran belum terverifikasi","currency":"IDR","period":"once","unit":"household","amounts":[{"label":null,"amount":15000000}],"amountVerified":false}'),
('01930000-0000-7000-8000-000000000006', NULL, 'ATENSI', 'Asistensi Rehabilitasi Sosial (ATENSI)', 'national', 'ministry', 'Kementerian Sosial',
 '{"kind":"service","description":"Dukungan berbasis keluarga, komunitas atau residensial: terapi, pelatihan vokasional, alat bantu","currency":"IDR","period":null,"unit":"person","amounts":[],"amountVerified":false}'),
('01930000-0000-7000-8000-000000000007', NULL, 'BLT_DD', 'Bantuan Langsung Tunai Dana Desa (BLT-DD)', 'village', 'village', 'Pemerintah desa (Dana Desa)',
 '{"kind":"cash","description":"Bantuan tunai dari Dana Desa; besaran belum terverifikasi","currency":"IDR","period":"month","unit":"household","amounts":[],"amountVerified":false}');

INSERT INTO program_rule_versions (id, program_id, version, rule, effective_from, note) VALUES
('01930000-0000-7000-8001-000000000001', '01930000-0000-7000-8000-000000000001', 1,
 '{"criteria":[{"kind":"maxDesil","max":4},{"kind":"members","anyOf":[{"kind":"pregnant"},{"kind":"age","max":5},{"kind":"schoolAge","level":"primary"},{"kind":"schoolAge","level":"junior_secondary"},{"kind":"schoolAge","level":"senior_secondary"},{"kind":"age","min":60},{"kind":"severeDisability"}]}]}',
 '2025-01-01', 'Desil 1-4 dengan sedikitnya satu komponen (dilaporkan 2025).'),
('01930000-0000-7000-8001-000000000002', '01930000-0000-7000-8000-000000000002', 1,
 '{"criteria":[{"kind":"maxDesil","max":5}]}', '2025-01-01', 'Desil 1-5 (dilaporkan 2025).'),
('01930000-0000-7000-8001-000000000003', '01930000-0000-7000-8000-000000000003', 1,
 '{"criteria":[{"kind":"maxDesil","max":5},{"kind":"registryStatus","statuses":["registered"]}]}', '2025-01-01', 'Desil 1-5 di data nasional (dilaporkan 2025); NIK padan Dukcapil diperiksa oleh Kemensos.'),
('01930000-0000-7000-8001-000000000004', '01930000-0000-7000-8000-000000000004', 1,
 '{"criteria":[{"kind":"maxDesil","max":5},{"kind":"members","anyOf":[{"kind":"age","min":6,"max":21}]}]}', '2025-01-01', 'Anak 6-21 tahun dari keluarga miskin atau rentan.'),
('01930000-0000-7000-8001-000000000005', '01930000-0000-7000-8000-000000000005', 1,
 '{"criteria":[{"kind":"maxDesil","max":4},{"kind":"indicators","match":"any","conditions":[{"field":"floor","values":["earth","bamboo"]},{"field":"wall","values":["woven_bamboo","bamboo","logs"]},{"field":"roof","values":["straw_palm_leaves","bamboo"]},{"field":"toilet","values":["none"]}]},{"kind":"indicators","match":"all","conditions":[{"field":"landEvidence","values":["shm_member","shm_other_with_agreement","other_certificate","other_evidence"]}]}]}',
 '2025-01-01', 'Rumah tidak layak huni dengan bukti kepemilikan lahan.'),
('01930000-0000-7000-8001-000000000006', '01930000-0000-7000-8000-000000000006', 1,
 '{"criteria":[{"kind":"members","anyOf":[{"kind":"severeDisability"},{"kind":"age","min":60}]},{"kind":"decidedBy","body":"program_assessment"}]}',
 '2025-01-01', 'Klaster disabilitas dan lansia dapat dikenali dari data; klaster lain melalui asesmen.'),
('01930000-0000-7000-8001-000000000007', '01930000-0000-7000-8000-000000000007', 1,
 '{"criteria":[{"kind":"decidedBy","body":"village_deliberation"}]}', '2025-01-01', 'Ditetapkan musyawarah desa.');

CREATE TABLE program_enrollments (
  id            uuid PRIMARY KEY,
  kab_code      char(4) NOT NULL,
  village_code  text NOT NULL,
  program_id    uuid NOT NULL REFERENCES programs (id),
  household_id  uuid NOT NULL REFERENCES households (id),
  person_id     uuid REFERENCES persons (id),
  period        text,
  started_on    date NOT NULL,
  ended_on      date,
  end_reason    text,
  source_type   text NOT NULL CHECK (source_type IN ('import', 'officer', 'seed')),
  source_id     text,
  created_by    text,
  ended_by      text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
COMMENT ON TABLE program_enrollments IS 'Who receives which program: one row per enrollment of a household (and, for person-level programs such as PBI-JK or PIP, the person) from started_on until ended_on. Current when ended_on is null; ended rows are the household''s history and are never deleted.';
COMMENT ON COLUMN program_enrollments.period IS 'The beneficiary list (period) the enrollment came from, as the program names it (2026-07, 2026-T2, 2026); null for an officer''s enrollment.';
COMMENT ON COLUMN program_enrollments.source_id IS 'The enrollment import id for source_type import.';
CREATE UNIQUE INDEX program_enrollments_current_uniq ON program_enrollments (program_id, household_id, coalesce(person_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE ended_on IS NULL;
CREATE INDEX program_enrollments_household_idx ON program_enrollments (household_id);
CREATE INDEX program_enrollments_village_idx ON program_enrollments (village_code text_pattern_ops, program_id) WHERE ended_on IS NULL;
