-- The dashboard's resident counts without a scan of persons (3.6 million rows at a kabupaten):
-- counts per village, registry status and desil band, kept by statement-level triggers in the
-- same transaction as the change, whatever writes persons (service, import, COPY, merge).
--
-- The triggers only append to person_count_deltas, never update a shared counter row: an
-- import's transaction may last minutes, and a counter row it had updated would be locked that
-- long, stopping every intake of that village. A background task folds the deltas into
-- person_counts every minute; a reader adds the deltas not yet folded, so a count is exact at
-- every commit.

-- '-' for inactive persons (no band), 'none' without a desil, '6-10' above the fifth.
CREATE FUNCTION person_desil_band(status text, desil smallint) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN status = 'inactive' THEN '-'
              WHEN desil IS NULL THEN 'none'
              WHEN desil >= 6 THEN '6-10'
              ELSE desil::text END;

CREATE TABLE person_counts (
  kab_code        char(4) NOT NULL,
  village_code    text NOT NULL,
  registry_status text NOT NULL,
  band            text NOT NULL,
  n               bigint NOT NULL,
  PRIMARY KEY (kab_code, village_code, registry_status, band)
);
COMMENT ON TABLE person_counts IS 'Persons per village, registry status and desil band (aggregates only, no person); plus the rows of person_count_deltas not yet folded in.';

CREATE TABLE person_count_deltas (
  id              bigserial PRIMARY KEY,
  kab_code        char(4) NOT NULL,
  village_code    text NOT NULL,
  registry_status text NOT NULL,
  band            text NOT NULL,
  n               bigint NOT NULL
);
COMMENT ON TABLE person_count_deltas IS 'Changes to person_counts appended by the triggers on persons, folded in by the stats.person_counts task.';

CREATE FUNCTION person_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_count_deltas (kab_code, village_code, registry_status, band, n)
  SELECT kab_code, village_code, registry_status, person_desil_band(registry_status, desil), count(*)
  FROM changed_new GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

CREATE FUNCTION person_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_count_deltas (kab_code, village_code, registry_status, band, n)
  SELECT kab_code, village_code, registry_status, person_desil_band(registry_status, desil), -count(*)
  FROM changed_old GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

-- Most updates change none of the four keys: they net to zero and append nothing.
CREATE FUNCTION person_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_count_deltas (kab_code, village_code, registry_status, band, n)
  SELECT kab_code, village_code, registry_status, band, sum(d)
  FROM (SELECT kab_code, village_code, registry_status, person_desil_band(registry_status, desil) AS band, 1 AS d FROM changed_new
        UNION ALL
        SELECT kab_code, village_code, registry_status, person_desil_band(registry_status, desil), -1 FROM changed_old) x
  GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0;
  RETURN NULL;
END $$;

CREATE FUNCTION person_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM person_count_deltas;
  DELETE FROM person_counts;
  RETURN NULL;
END $$;

CREATE TRIGGER persons_counts_insert AFTER INSERT ON persons
  REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION person_counts_insert();
CREATE TRIGGER persons_counts_update AFTER UPDATE ON persons
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION person_counts_update();
CREATE TRIGGER persons_counts_delete AFTER DELETE ON persons
  REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION person_counts_delete();
CREATE TRIGGER persons_counts_truncate AFTER TRUNCATE ON persons
  FOR EACH STATEMENT EXECUTE FUNCTION person_counts_truncate();

INSERT INTO person_counts (kab_code, village_code, registry_status, band, n)
SELECT kab_code, village_code, registry_status, person_desil_band(registry_status, desil), count(*)
FROM persons GROUP BY 1, 2, 3, 4;
