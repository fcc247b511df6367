-- The GIN index on audit_events.record_ids buffered inserts in a pending list that one unlucky
-- insert had to merge (4 MB at a time) before it could commit, stalling every request waiting
-- on the audit trail; PGlite has no autovacuum to empty it in the background. Measured on
-- PGlite (docs/benchmarks.md): audited reads p99 68 ms -> 13 ms with fastupdate off.
ALTER INDEX audit_events_record_idx SET (fastupdate = off);
