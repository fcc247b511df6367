-- Registry imports at kabupaten scale. A record an import creates no longer gets a history
-- row of its own with every value spelled out (the values are in the record): the import
-- writes one `create` entry per record type and batch (or bulk load), naming the import and
-- the file rows it covers, and each created record points at that entry with `created_in`.
-- Updates keep one history row per record with the old and new values.

ALTER TABLE registry_history ALTER COLUMN record_id DROP NOT NULL;
ALTER TABLE registry_history ADD COLUMN row_from integer, ADD COLUMN row_to integer;
COMMENT ON COLUMN registry_history.record_id IS 'The record changed; null for an import''s creation entry, which covers every record whose created_in names it.';
COMMENT ON COLUMN registry_history.row_from IS 'For an import''s creation entry: the first and last file rows (header = 1) of the batch or bulk load it covers.';

ALTER TABLE persons ADD COLUMN created_in uuid;
ALTER TABLE households ADD COLUMN created_in uuid;
ALTER TABLE families ADD COLUMN created_in uuid;
COMMENT ON COLUMN persons.created_in IS 'The registry_history creation entry of the import batch that created this record; null when the record has its own create row.';
COMMENT ON COLUMN households.created_in IS 'As persons.created_in.';
COMMENT ON COLUMN families.created_in IS 'As persons.created_in.';

-- Shallow merge of jsonb objects in aggregate order (later keys win), as Object.assign: the
-- bulk import merges the household indicators of a household's rows with it.
CREATE AGGREGATE registry_jsonb_merge(jsonb) (SFUNC = jsonb_concat, STYPE = jsonb, INITCOND = '{}');
