-- Bearer tokens are for partner systems and integrations only: they are made for service
-- accounts (which cannot sign in with a password), carry scopes narrower than the account's
-- roles, and record who made them. A token made for a person's own account let an admin act
-- (and be audited) under that person's name: tokens made before this migration are revoked.
ALTER TABLE users ADD COLUMN service_account boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN users.service_account IS 'A partner system or integration: acts only through api_tokens, never signs in with a password.';

ALTER TABLE api_tokens ADD COLUMN scopes text[] NOT NULL DEFAULT '{}';
ALTER TABLE api_tokens ADD COLUMN created_by_name text;
COMMENT ON COLUMN api_tokens.scopes IS 'Permissions the token may use (core TOKEN_SCOPES), each also granted by its account''s roles.';
COMMENT ON COLUMN api_tokens.created_by_name IS 'Who made the token: the admin''s username, or cli:<operator>.';

UPDATE api_tokens SET revoked_at = now() WHERE revoked_at IS NULL;
