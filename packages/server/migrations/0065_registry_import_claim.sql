-- One process works on an import at a time. Two server processes on one PostgreSQL both see a
-- queued import; the one whose claim (one UPDATE ... RETURNING) succeeds works on it and renews
-- the claim while it works. A claim that is not renewed (its process died) lapses, and any
-- process may take the import over and resume it after its last committed batch.

ALTER TABLE registry_imports ADD COLUMN claimed_by uuid;
ALTER TABLE registry_imports ADD COLUMN claimed_until timestamptz;
COMMENT ON COLUMN registry_imports.claimed_by IS 'The run (one per process and attempt) that works on the import now; NULL when none.';
COMMENT ON COLUMN registry_imports.claimed_until IS 'The claim lapses at this time unless its run renews it (every few seconds while it works).';
