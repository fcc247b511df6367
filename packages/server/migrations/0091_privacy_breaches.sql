-- Personal data breaches (UU 27/2022 art. 46): the register, the 3 x 24 hour clock for
-- notifying the persons affected and the supervisory authority, and the persons affected.

CREATE TABLE breaches (
  id                    uuid PRIMARY KEY,
  kab_code              char(4) NOT NULL,
  title                 text NOT NULL,
  description           text NOT NULL,
  found_at              timestamptz NOT NULL,
  occurred_from         timestamptz,
  occurred_to           timestamptz,
  data_categories       text[] NOT NULL,
  cause                 text NOT NULL,
  measures              text NOT NULL,
  account_user_id       uuid REFERENCES users (id),
  persons_affected      integer NOT NULL DEFAULT 0,
  notify_due_at         timestamptz NOT NULL,
  authority_notified_at timestamptz,
  persons_notified_at   timestamptz,
  created_by            uuid REFERENCES users (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (occurred_to IS NULL OR occurred_from IS NULL OR occurred_to >= occurred_from)
);
COMMENT ON TABLE breaches IS 'The breach register: what leaked, when it was found, what data and how many persons, the cause and the measures taken.';
COMMENT ON COLUMN breaches.notify_due_at IS 'found_at + 72 hours: written notice to the persons affected and the supervisory authority is due (art. 46).';
COMMENT ON COLUMN breaches.account_user_id IS 'Where the breach is an account''s misuse: the account; the persons affected are everything it read in the period (from the audit trail).';
CREATE INDEX breaches_kab_idx ON breaches (kab_code, found_at DESC);

CREATE TABLE breach_persons (
  breach_id uuid NOT NULL REFERENCES breaches (id),
  kab_code  char(4) NOT NULL,
  person_id uuid NOT NULL REFERENCES persons (id),
  PRIMARY KEY (breach_id, person_id)
);

-- Break-glass: a user opens a record outside their scope in an emergency, stating a reason;
-- the grant is short, recorded, notified to the DPO and reviewed by them.
CREATE TABLE break_glass_grants (
  id          uuid PRIMARY KEY,
  kab_code    char(4) NOT NULL,
  user_id     uuid NOT NULL REFERENCES users (id),
  person_id   uuid NOT NULL REFERENCES persons (id),
  reason      text NOT NULL,
  granted_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  review      text CHECK (review IN ('approved', 'flagged')),
  review_note text,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES users (id),
  CHECK ((review IS NULL) = (reviewed_at IS NULL))
);
COMMENT ON TABLE break_glass_grants IS 'Emergency access to one person''s record outside the user''s scope: reason, a short grant, the DPO''s review (approved or flagged).';
CREATE INDEX break_glass_user_person_idx ON break_glass_grants (user_id, person_id, expires_at);
CREATE INDEX break_glass_unreviewed_idx ON break_glass_grants (kab_code, granted_at) WHERE review IS NULL;

-- The records for the regulator (art. 31 record of processing activities, art. 34 DPIA),
-- generated from the configuration as PDF and kept in versions.
CREATE TABLE privacy_records (
  id            uuid PRIMARY KEY,
  kab_code      char(4) NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('ropa', 'dpia')),
  version       integer NOT NULL CHECK (version > 0),
  generated_at  timestamptz NOT NULL DEFAULT now(),
  generated_by  uuid REFERENCES users (id),
  source_sha256 char(64) NOT NULL,
  pdf           bytea NOT NULL,
  UNIQUE (kab_code, kind, version)
);
COMMENT ON COLUMN privacy_records.source_sha256 IS 'sha256 of the configuration the document was generated from: an unchanged configuration gives no new version.';
