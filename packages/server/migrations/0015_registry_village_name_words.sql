-- Name search in one village at 3.6 million people. 0013 read a village's names from a covering
-- index and tested each with LIKE: about 10 ms for the 13,500 people of the largest village.
-- Here each word of a name is indexed with its village in front ("32.04.05.2004:SITI"), so that
-- a village search is an AND of short exact word lists of that village alone (0.1-4 ms at 3.6
-- million, and 40 MB against 321 MB for the covering index's INCLUDE columns). The expression
-- must stay the one in registry/search-queries.ts (VILLAGE_WORDS).
CREATE INDEX persons_village_name_words_idx ON persons
  USING gin (string_to_array(village_code || ':' || replace(name_norm, ' ', ' ' || village_code || ':'), ' ')) WITH (fastupdate = off);

-- The list of a village by name (registry listByArea) still reads (village_code, name_norm) in
-- order; it no longer needs the INCLUDE columns.
DROP INDEX persons_village_name_idx;
CREATE INDEX persons_village_name_idx ON persons (village_code, name_norm);

-- The whole-name trigram index served the former name query only (0013 replaced it): one GIN
-- fewer to build on every import and to keep on every write.
DROP INDEX persons_name_trgm_idx;

ANALYZE persons;
