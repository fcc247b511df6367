-- Worklists and the case board at the size of a kabupaten (issue 7: tens of thousands of open
-- cases). A worklist page comes in its working order (fast track first, nearest deadline, id):
-- read from an index of the open cases in that order instead of joining and sorting every open
-- case of the scope. Per village for the Puskesos; per kabupaten for the kecamatan (its villages
-- filtered from the kabupaten's order) and the kabupaten. The expression matches the ORDER BY of
-- cases/worklist-queries.ts selectCases, the predicate its open-case condition.
CREATE INDEX cases_open_village_priority_idx ON cases (village_code, (CASE WHEN fast_track THEN 0 ELSE 1 END), due_at, id)
  WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX cases_open_kab_priority_idx ON cases (kab_code, (CASE WHEN fast_track THEN 0 ELSE 1 END), due_at, id)
  WHERE status NOT IN ('resolved', 'closed');

-- The kabupaten index above answers what this one did (the open cases of a kabupaten): one
-- index fewer for every intake to write.
DROP INDEX cases_open_due_idx;

-- The board counts the cases resolved in the last 30 days beside the open ones; those, not the
-- years of closed cases, are what it should read. No entry until a case is resolved.
CREATE INDEX cases_resolved_idx ON cases (kab_code, resolved_at) WHERE resolved_at IS NOT NULL;
