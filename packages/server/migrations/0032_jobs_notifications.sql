-- Background work that survives restarts and runs once across server processes (jobs,
-- job_schedules), in-app notifications, partner webhooks, live events for the boards, and the
-- marks that make an overdue escalation happen once per event.

CREATE TABLE jobs (
  id           uuid PRIMARY KEY,
  kind         text NOT NULL,
  key          text NOT NULL,
  kab_code     char(4),
  payload      jsonb NOT NULL DEFAULT '{}',
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  run_at       timestamptz NOT NULL DEFAULT now(),
  attempts     integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 8 CHECK (max_attempts > 0),
  locked_by    text,
  locked_until timestamptz,
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  UNIQUE (kind, key)
);
COMMENT ON TABLE jobs IS 'One-off background jobs. (kind, key) names the event a job is for, so enqueuing the same event twice makes one job, and a job that is done never runs again.';
COMMENT ON COLUMN jobs.key IS 'The event the job is for, e.g. <webhook id>:<event key>.';
COMMENT ON COLUMN jobs.status IS 'pending (waiting for run_at), running (claimed until locked_until), done, failed (gave up after max_attempts).';
COMMENT ON COLUMN jobs.locked_until IS 'Lease of the process running it (locked_by). A process that dies leaves the lease to expire; the job is then claimed again.';
COMMENT ON COLUMN jobs.run_at IS 'Earliest time to run; a failed attempt moves it later (exponential backoff).';
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status IN ('pending', 'running');

CREATE TABLE job_schedules (
  name          text PRIMARY KEY,
  every_seconds integer NOT NULL CHECK (every_seconds > 0),
  next_run_at   timestamptz NOT NULL,
  last_run_at   timestamptz,
  last_run_by   text,
  last_error    text
);
COMMENT ON TABLE job_schedules IS 'Recurring tasks (the overdue scan, pruning). The process whose UPDATE moves next_run_at forward runs the period; others see the new next_run_at and skip.';

CREATE TABLE notifications (
  id          uuid PRIMARY KEY,
  kab_code    char(4) NOT NULL,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  event_key   text NOT NULL,
  kind        text NOT NULL,
  message_key text NOT NULL,
  params      jsonb NOT NULL DEFAULT '{}',
  link        text,
  record_type text,
  record_id   uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  UNIQUE (user_id, event_key)
);
COMMENT ON TABLE notifications IS 'In-app notifications. One per user and event (event_key), so an event notifies a person once however often it is processed. Messages are catalog keys with parameters (no personal data: numbers and names of services and organizations).';
COMMENT ON COLUMN notifications.link IS 'Path in the web app to open, e.g. /rujukan/<id>.';
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE organization_webhooks (
  id              uuid PRIMARY KEY,
  kab_code        char(4) NOT NULL,
  organization_id uuid NOT NULL REFERENCES organizations (id),
  url             text NOT NULL,
  secret_enc      text NOT NULL,
  events          text[] NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid REFERENCES users (id),
  revoked_at      timestamptz
);
COMMENT ON TABLE organization_webhooks IS 'A partner system that asked to be told of referral events: signed POSTs (HMAC-SHA256), retried with backoff through jobs of kind webhook.deliver.';
COMMENT ON COLUMN organization_webhooks.secret_enc IS 'The signing secret, encrypted with AES-256-GCM under a key derived from SESSION_SECRET; shown to the partner once at creation.';
COMMENT ON COLUMN organization_webhooks.events IS 'Event types wanted (referral.created, referral.cancelled, ...); empty = all.';
CREATE INDEX organization_webhooks_org_idx ON organization_webhooks (organization_id) WHERE revoked_at IS NULL;

CREATE TABLE live_events (
  seq             bigserial PRIMARY KEY,
  kab_code        char(4) NOT NULL,
  type            text NOT NULL,
  permission      text NOT NULL,
  village_code    text,
  organization_id uuid,
  user_id         uuid,
  payload         jsonb NOT NULL DEFAULT '{}',
  at              timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE live_events IS 'Outbox of events for live boards (server-sent events). Written in the same transaction as the change; every server process polls it, so all processes see every event. Payloads carry ids and statuses, never personal data. Pruned after a day.';
COMMENT ON COLUMN live_events.permission IS 'The permission a subscriber needs: with village_code, one of the subscriber''s areas for it must cover the village; with organization_id, the subscriber''s organizations for it must include it.';
COMMENT ON COLUMN live_events.user_id IS 'For one user only (their notifications).';
CREATE INDEX live_events_at_idx ON live_events (at);

CREATE TABLE overdue_marks (
  record_type  text NOT NULL,
  record_id    uuid NOT NULL,
  due_at       timestamptz NOT NULL,
  kab_code     char(4) NOT NULL,
  village_code text NOT NULL,
  marked_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_type, record_id, due_at)
);
COMMENT ON TABLE overdue_marks IS 'A record (referral or case) found past its deadline. The primary key is the escalation event: inserting it decides, across processes, who notifies; a new deadline is a new event.';
