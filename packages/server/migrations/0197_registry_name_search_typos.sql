-- Name search (issue 19): a typed word within one typo of a vocabulary word is a match even when
-- trigram similarity misses it (short words: "ECNEP" for ENCEP, "RZIKI" for RIZKI, "DDOI" for
-- DODI share one or two trigrams of ten). Each word's deletion neighbourhood (the word, and the
-- word with each letter left out) is kept beside it and indexed: two words within one typo (a
-- letter changed, left out, added, or two neighbours swapped) share one of these. The same set
-- as wordDeletions() in @slrt/core (registry/name-search.ts), which the search sends for the
-- typed word.
CREATE FUNCTION name_word_deletions(word text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_append(array_agg(DISTINCT overlay(word placing '' from i for 1)) FILTER (WHERE length(word) > 1), word)
  FROM generate_series(1, length(word)) AS i
$$;
ALTER TABLE person_name_words ADD COLUMN deletions text[] GENERATED ALWAYS AS (name_word_deletions(word)) STORED;
COMMENT ON COLUMN person_name_words.deletions IS 'The word and the word with each letter left out (name_word_deletions): words within one typo share one.';
CREATE INDEX person_name_words_deletions_idx ON person_name_words USING gin (deletions) WITH (fastupdate = off);
ANALYZE person_name_words;
