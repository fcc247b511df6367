-- Record linkage (issue 18): duplicate runs, the pairs they find, and merges that can be undone.

ALTER TABLE persons ADD COLUMN merged_into uuid REFERENCES persons (id);
COMMENT ON COLUMN persons.merged_into IS 'Set on a tombstone: the person this record was merged into (registry_status inactive, reason duplicate). Its NIK still finds the survivor.';
CREATE INDEX persons_merged_into_idx ON persons (merged_into) WHERE merged_into IS NOT NULL;
-- The incremental check of a new person looks up the birth dates a duplicate may carry.
CREATE INDEX persons_birth_date_idx ON persons (kab_code, birth_date);

CREATE TABLE duplicate_runs (
  id               uuid PRIMARY KEY,
  kab_code         char(4) NOT NULL,
  trigger          text NOT NULL CHECK (trigger IN ('request', 'nightly')),
  status           text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  requested_by     uuid,
  requested_at     timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz,
  persons_compared integer,
  candidate_pairs  bigint,
  pairs_found      integer NOT NULL DEFAULT 0,
  clusters         integer,
  model            jsonb,
  blocking         jsonb,
  timings          jsonb,
  error            text
);
COMMENT ON TABLE duplicate_runs IS 'A full deduplication of one kabupaten''s registry, on request or nightly, run as a background job by one process. model holds the weights it learned (m, u per comparison level, lambda, threshold): the kabupaten reads them.';
CREATE INDEX duplicate_runs_kab_idx ON duplicate_runs (kab_code, requested_at DESC);

CREATE TABLE duplicate_pairs (
  id             uuid PRIMARY KEY,
  kab_code       char(4) NOT NULL,
  village_code   text NOT NULL,
  kab_code_b     char(4) NOT NULL,
  village_code_b text NOT NULL,
  person_a_id    uuid NOT NULL REFERENCES persons (id),
  person_b_id    uuid NOT NULL REFERENCES persons (id),
  run_id         uuid REFERENCES duplicate_runs (id),
  source         text NOT NULL CHECK (source IN ('run', 'import', 'intake', 'proposal')),
  source_id      text,
  cluster_key    uuid,
  score          double precision NOT NULL,
  match_weight   double precision NOT NULL,
  levels         smallint[] NOT NULL,
  status         text NOT NULL CHECK (status IN ('open', 'dismissed', 'merged', 'national')),
  fingerprint    text NOT NULL,
  decided_by     uuid,
  decided_at     timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (person_a_id < person_b_id),
  UNIQUE (person_a_id, person_b_id)
);
COMMENT ON TABLE duplicate_pairs IS 'Two persons that are likely the same, with the score and the comparison levels behind it. A dismissed pair stays dismissed while fingerprint (the compared fields of both) is unchanged. A pair across kabupaten (kab_code <> kab_code_b) is status national: listed for the national update, never merged here.';
COMMENT ON COLUMN duplicate_pairs.village_code IS 'Village of person A; village_code_b that of person B. A village sees a pair only when both lie in its area.';
COMMENT ON COLUMN duplicate_pairs.levels IS 'Comparison levels in the order of COMPARISONS in @slrt/core (-1 = a value missing).';
COMMENT ON COLUMN duplicate_pairs.cluster_key IS 'Pairs of one connected group of persons share this key (the smallest person id of the group) within a run.';
CREATE INDEX duplicate_pairs_run_idx ON duplicate_pairs (run_id, score DESC, id);
CREATE INDEX duplicate_pairs_kab_status_idx ON duplicate_pairs (kab_code, status, score DESC, id);
CREATE INDEX duplicate_pairs_b_idx ON duplicate_pairs (person_b_id);

CREATE TABLE person_merges (
  id            uuid PRIMARY KEY,
  kab_code      char(4) NOT NULL,
  village_code  text NOT NULL,
  pair_id       uuid NOT NULL REFERENCES duplicate_pairs (id),
  survivor_id   uuid NOT NULL REFERENCES persons (id),
  merged_id     uuid NOT NULL REFERENCES persons (id),
  survivor_changes jsonb NOT NULL,
  merged_before jsonb NOT NULL,
  moved         jsonb NOT NULL,
  status        text NOT NULL CHECK (status IN ('merged', 'undone')),
  merged_by     uuid,
  merged_at     timestamptz NOT NULL DEFAULT now(),
  undone_by     uuid,
  undone_at     timestamptz
);
COMMENT ON TABLE person_merges IS 'One merge of two persons: the survivor, the tombstone, the field values the survivor took (survivor_changes = {field: {old, new}}), the tombstone as it was, and every linked record moved ({table, column, ids}), so that the merge can be undone exactly.';
CREATE INDEX person_merges_survivor_idx ON person_merges (survivor_id);
CREATE INDEX person_merges_merged_idx ON person_merges (merged_id);
