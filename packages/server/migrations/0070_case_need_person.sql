-- Issue 12: a need names the household member it is for, and remembers when a declined
-- referral handed it back to the office that referred it.

ALTER TABLE case_needs ADD COLUMN person_id uuid REFERENCES persons (id);
UPDATE case_needs n SET person_id = c.person_id FROM cases c WHERE c.id = n.case_id;
ALTER TABLE case_needs ALTER COLUMN person_id SET NOT NULL;
COMMENT ON COLUMN case_needs.person_id IS 'Who the need is for: the case''s person or a member of the same household. Referrals, letters and FHIR subject use it.';
CREATE INDEX case_needs_person_idx ON case_needs (person_id);

ALTER TABLE case_needs ADD COLUMN returned_at timestamptz;
COMMENT ON COLUMN case_needs.returned_at IS 'When a declined referral returned the need to the referring office (open again, to be referred anew or decided otherwise); cleared when the need moves on.';

-- Issue 12: the decile belongs to the household (DTSEN ranks households); every member keeps
-- the household's copy, written with it (registry changes.ts). Bring existing members in line.
UPDATE persons p SET desil = h.desil, desil_source = h.desil_source, desil_date = h.desil_date
FROM households h
WHERE h.id = p.household_id AND h.desil IS NOT NULL
  AND (p.desil IS DISTINCT FROM h.desil OR p.desil_source IS DISTINCT FROM h.desil_source OR p.desil_date IS DISTINCT FROM h.desil_date);
