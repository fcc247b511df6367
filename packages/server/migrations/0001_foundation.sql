-- Foundation: areas, partner organizations (the directory extends them), users and their
-- roles, sessions, API tokens, and the audit trail.

CREATE TABLE areas (
  code        text PRIMARY KEY,            -- Kemendagri, dotted: 32, 32.04, 32.04.05, 32.04.05.2004
  parent_code text REFERENCES areas (code),
  level       text NOT NULL CHECK (level IN ('province', 'kabupaten', 'kecamatan', 'village')),
  name        text NOT NULL,
  bps_code    text                         -- BPS code where known (crosswalk for DTSEN/Regsosek files)
);
COMMENT ON TABLE areas IS 'Every Indonesian area from the idn-area-data package (ODbL). A reference table: replicated, not sharded.';
CREATE INDEX areas_parent_idx ON areas (parent_code);
CREATE INDEX areas_bps_idx ON areas (bps_code) WHERE bps_code IS NOT NULL;

CREATE TABLE organizations (
  id         uuid PRIMARY KEY,
  kab_code   char(4) NOT NULL,
  name       text NOT NULL,
  type       text NOT NULL,
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE organizations IS 'Partner organizations (OPD, BPJS, businesses, NGOs, community groups) that receive referrals.';
CREATE INDEX organizations_kab_idx ON organizations (kab_code);

CREATE TABLE users (
  id                  uuid PRIMARY KEY,
  kab_code            char(4) NOT NULL,
  username            text NOT NULL UNIQUE,
  display_name        text NOT NULL,
  password_hash       text NOT NULL,
  active              boolean NOT NULL DEFAULT true,
  failed_logins       integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN users.password_hash IS 'argon2id (PHC string).';
COMMENT ON COLUMN users.locked_until IS 'Temporary lockout after repeated failed sign-ins.';

CREATE TABLE user_roles (
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role            text NOT NULL,
  area_code       text REFERENCES areas (code),
  organization_id uuid REFERENCES organizations (id),
  CHECK ((area_code IS NULL) <> (organization_id IS NULL))
);
COMMENT ON TABLE user_roles IS 'A user may hold several roles; each role has its scope: an area code prefix or an organization.';
CREATE UNIQUE INDEX user_roles_uniq ON user_roles (user_id, role, coalesce(area_code, ''), coalesce(organization_id::text, ''));

CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,           -- sha256 of the cookie value; the value itself is never stored
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  client_addr  text,
  user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,       -- sha256 of the bearer token
  prefix       text NOT NULL,              -- first characters, to recognise a token in lists
  created_by   uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at   timestamptz,
  revoked_at   timestamptz
);
COMMENT ON TABLE api_tokens IS 'Bearer tokens for machine clients (a partner''s system), acting as their user.';

CREATE TABLE audit_events (
  seq         bigserial PRIMARY KEY,
  id          uuid NOT NULL UNIQUE,
  kab_code    char(4) NOT NULL,
  at          timestamptz NOT NULL,
  actor_id    uuid,
  actor_name  text,
  actor_roles text,
  action      text NOT NULL,               -- e.g. person.read, case.create, auth.login_failed
  record_type text,
  record_ids  text[] NOT NULL DEFAULT '{}',
  purpose     text,
  client_addr text,
  request_id  text,
  details     jsonb,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
COMMENT ON TABLE audit_events IS 'Append-only, hash-chained trail of every personal-data read and every write (UU 27/2022 art. 31). hash = sha256(prev_hash || canonical event).';
CREATE INDEX audit_events_record_idx ON audit_events USING gin (record_ids);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, at);
CREATE INDEX audit_events_kab_seq_idx ON audit_events (kab_code, seq);

CREATE TABLE audit_heads (
  kab_code char(4) PRIMARY KEY,
  last_seq bigint NOT NULL,
  hash     text NOT NULL
);
COMMENT ON TABLE audit_heads IS 'The last event of each kabupaten''s audit chain, so that deleting the newest event is detected too.';

-- Append-only: the application never updates or deletes an audit event.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
