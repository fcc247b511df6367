-- Issue 12 (item 2): a need can be escalated apart from its case. The village keeps serving
-- the health need while the kecamatan (then the kabupaten) takes the education need the village
-- cannot meet; the level holding a need apart decides, refers, resolves or sends it back.

ALTER TABLE case_needs ADD COLUMN level text CHECK (level IN ('kecamatan', 'kabupaten'));
COMMENT ON COLUMN case_needs.level IS 'The level holding the need apart from its case (escalated alone), or NULL: held with the case at cases.level. Always above the case''s level; escalating the whole case to it (or higher) sets it back to NULL.';

ALTER TABLE case_needs ADD COLUMN decision text CHECK (decision IN ('refer', 'handle_directly', 'reject'));
ALTER TABLE case_needs ADD COLUMN decision_notes text;
ALTER TABLE case_needs ADD COLUMN decided_by uuid REFERENCES users (id);
ALTER TABLE case_needs ADD COLUMN decided_at timestamptz;
COMMENT ON COLUMN case_needs.decision IS 'The decision of the level holding the need apart (refer, handle directly, reject); cleared when the need moves to another level. A need held with its case follows cases.decision.';

-- the "escalated to my level" and "waiting for my decision" worklists look for needs held apart
CREATE INDEX case_needs_held_apart_idx ON case_needs (kab_code, level, case_id) WHERE level IS NOT NULL AND status IN ('open', 'in_progress');
