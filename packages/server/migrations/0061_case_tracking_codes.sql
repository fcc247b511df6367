-- The resident's tracking code: random (10 characters of 31 without look-alikes, about 49
-- bits), unique, so that public tracking cannot walk the sequential case numbers. Existing
-- cases get one here; each character takes two random bytes of gen_random_uuid() (a strong
-- random source on both engines) modulo 31.
ALTER TABLE cases ADD COLUMN tracking_code text;

UPDATE cases c SET tracking_code = (
  SELECT string_agg(substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + ((get_byte(r.b, 0) * 256 + get_byte(r.b, 1)) % 31), 1), '' ORDER BY r.i)
  FROM (SELECT g.i, uuid_send(gen_random_uuid()) AS b FROM generate_series(1, 10) AS g(i) WHERE c.id IS NOT NULL) r
);

ALTER TABLE cases ALTER COLUMN tracking_code SET NOT NULL;
ALTER TABLE cases ADD CONSTRAINT cases_tracking_code_format CHECK (tracking_code ~ '^[2-9A-HJKMNP-Z]{10}$');
CREATE UNIQUE INDEX cases_tracking_code_uniq ON cases (tracking_code);
COMMENT ON COLUMN cases.tracking_code IS 'Random code the resident tracks the case with (core TRACKING_CODE_ALPHABET), printed on the receipt; with the last four NIK digits or the PIN it opens /lacak. Not the case number.';
