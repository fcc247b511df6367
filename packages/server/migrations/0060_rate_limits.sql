-- Windowed counters for rate limits and lockouts that hold whichever server process answers:
-- one statement increments a bucket and returns its count (INSERT ... ON CONFLICT DO UPDATE
-- RETURNING), so concurrent requests can never each see a count below the limit.
CREATE TABLE rate_counters (
  bucket       text PRIMARY KEY,           -- '<limit>:<key>', e.g. 'track.code:K7M2QXR4TD', 'login.client:203.0.113.9'
  window_start timestamptz NOT NULL,       -- start of the current window; a hit after it ends starts a new one
  hits         integer NOT NULL
);
CREATE INDEX rate_counters_window_idx ON rate_counters (window_start);
COMMENT ON TABLE rate_counters IS 'Fixed-window counters of rate limits (public tracking, sign-in per client address, ...). Rows past their window are deleted by the server.';
