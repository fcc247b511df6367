-- Idempotency-Key on the POSTs that queued offline work resends (issue 13 item 5): the first
-- answer is kept and replayed to a retry with the same key, so the work happens once.
CREATE TABLE idempotent_requests (
  user_id      uuid NOT NULL REFERENCES users (id),
  key          text NOT NULL,
  kab_code     char(4) NOT NULL,
  route        text NOT NULL,
  request_hash text NOT NULL,
  status_code  integer,
  response     text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotent_requests_created ON idempotent_requests (created_at);
COMMENT ON TABLE idempotent_requests IS 'One row per Idempotency-Key a user sent on a route that honours it: the request''s hash and, once answered with success, the status and the JSON answer replayed to a retry. status_code NULL while the first request runs. Pruned after 7 days.';
COMMENT ON COLUMN idempotent_requests.response IS 'The answer as sent (it may hold personal data of the record, as the route''s answer does): replayed only to the same user.';
