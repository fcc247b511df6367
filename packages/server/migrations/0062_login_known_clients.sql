-- Addresses an account has signed in from successfully. A locked account (5 wrong passwords
-- in 15 minutes, counted in rate_counters) can still sign in from one of them, with its own
-- allowance of 5 tries: whoever knows a username cannot lock its owner out of the office.
CREATE TABLE user_known_clients (
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_addr   text NOT NULL,
  last_login_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, client_addr)
);
COMMENT ON TABLE user_known_clients IS 'Client addresses of successful sign-ins (the last 90 days count): they keep their own allowance of tries while the account is locked for other addresses.';
