-- A new household's field visit records where the house is: the phone's GPS when it allows,
-- otherwise a typed landmark (issue 12, item 11).
ALTER TABLE proposal_verifications ADD COLUMN landmark text;
COMMENT ON COLUMN proposal_verifications.landmark IS 'Where the house is, typed by the facilitator when the phone gave no position (a landmark, the way there). A new household''s visit has this or GPS.';
