-- Name search at the size of a kabupaten (3.6 million people). The trigram index on the full
-- name reads the posting list of every trigram of the typed name across the kabupaten, and
-- names are made of a small stock of words, so those lists are long. Instead, each typed word
-- is matched against the vocabulary of name words (thousands of rows) and a person must hold,
-- for every typed word, one of its matches: an AND of exact word lists.

CREATE TABLE person_name_words (
  word text PRIMARY KEY
);
COMMENT ON TABLE person_name_words IS 'Every distinct word of persons.name_norm, of all kabupaten (names only, no person): the name search matches typed words against it. Kept by triggers on persons whatever writes them (service, import, COPY); a word whose last holder is gone stays (harmless: it matches nobody).';
-- fastupdate off: a pending list would be scanned by every search and merged by some insert.
CREATE INDEX person_name_words_trgm_idx ON person_name_words USING gin (word gin_trgm_ops) WITH (fastupdate = off);

-- Statement-level with a transition table: one statement per INSERT/UPDATE/COPY, however many
-- rows; words already known are skipped before the insert, so the common case writes nothing.
-- Sorted, so that two transactions adding the same new words wait on each other instead of
-- deadlocking.
CREATE FUNCTION person_name_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_name_words (word)
  SELECT n.word FROM (SELECT DISTINCT unnest(string_to_array(name_norm, ' ')) AS word FROM changed_persons) n
  WHERE n.word <> '' AND NOT EXISTS (SELECT 1 FROM person_name_words v WHERE v.word = n.word)
  ORDER BY n.word
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER persons_name_words_insert AFTER INSERT ON persons
  REFERENCING NEW TABLE AS changed_persons FOR EACH STATEMENT EXECUTE FUNCTION person_name_words_add();
-- A trigger with a transition table cannot name columns (UPDATE OF full_name): every update
-- statement runs it, at the cost of a few index probes per changed row.
CREATE TRIGGER persons_name_words_update AFTER UPDATE ON persons
  REFERENCING NEW TABLE AS changed_persons FOR EACH STATEMENT EXECUTE FUNCTION person_name_words_add();

INSERT INTO person_name_words (word)
SELECT DISTINCT w FROM persons, unnest(string_to_array(name_norm, ' ')) AS w WHERE w <> '';

-- Persons holding a word: `string_to_array(name_norm, ' ') && $alternatives`.
CREATE INDEX persons_name_words_idx ON persons USING gin (string_to_array(name_norm, ' ')) WITH (fastupdate = off);
-- A village's names read from the index alone (no heap visit for the rows that do not match).
CREATE INDEX persons_village_name_idx ON persons (village_code, name_norm) INCLUDE (kab_code, id);
-- Statistics of the new expression index, for the planner to weigh word lists against villages.
ANALYZE person_name_words, persons;
