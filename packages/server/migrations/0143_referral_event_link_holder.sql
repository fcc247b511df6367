-- Acting through a signed referral link names the person who acted (issue 12, item 8): the
-- holder types their name (and position) once; it is stored with each action.
ALTER TABLE referral_events ADD COLUMN actor_position text;
COMMENT ON COLUMN referral_events.actor_name IS 'Who acted: the user''s name, or for a signed link (actor_kind link) the name its holder typed; system:scheduler for the scheduler.';
COMMENT ON COLUMN referral_events.actor_position IS 'The position (jabatan) the holder of a signed link typed with their name, when they gave one.';
