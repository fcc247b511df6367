-- Numbered letters (surat rekomendasi, surat keterangan, surat rujukan), each with a QR code
-- leading to a public page that confirms number, date, issuing office and validity.

CREATE TABLE letters (
  id             uuid PRIMARY KEY,
  kab_code       char(4) NOT NULL,
  village_code   text NOT NULL,
  owner_type     text NOT NULL,
  owner_id       uuid NOT NULL,
  kind           text NOT NULL,
  year           smallint NOT NULL,
  serial         integer NOT NULL CHECK (serial > 0),
  number         text NOT NULL,
  verify_token   text NOT NULL UNIQUE,
  issued_at      timestamptz NOT NULL DEFAULT now(),
  valid_until    timestamptz NOT NULL,
  issuing_office text NOT NULL,
  signer_id      uuid REFERENCES users (id),
  signer_name    text NOT NULL,
  signer_title   text NOT NULL,
  issued_by      uuid REFERENCES users (id),
  content        jsonb NOT NULL,
  revoked_at     timestamptz,
  revoked_by     uuid REFERENCES users (id),
  revoke_reason  text,
  CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL)),
  UNIQUE (kab_code, number),
  UNIQUE (kab_code, kind, year, serial)
);
COMMENT ON TABLE letters IS 'Issued letters. content holds what the letter says (resident data included) exactly as issued, so a reprint says the same; the public verification shows only number, kind, date, office and validity.';
COMMENT ON COLUMN letters.number IS 'NNNN/KIND/SLRT-KKKK/ROMAN-MONTH/YEAR, serial per kabupaten, kind and year (core formatLetterNumber).';
COMMENT ON COLUMN letters.verify_token IS 'Random, unguessable token in the QR code (/verifikasi/<token>); the number alone can be typed in too.';
COMMENT ON COLUMN letters.signer_name IS 'The deciding or signing officer at issue time (names change; the letter does not).';
COMMENT ON COLUMN letters.content IS 'core LetterContent: title, recipient, fields, paragraphs, place, signer.';
CREATE INDEX letters_owner_idx ON letters (owner_type, owner_id);

CREATE TABLE letter_counters (
  kab_code    char(4) NOT NULL,
  kind        text NOT NULL,
  year        smallint NOT NULL,
  last_serial integer NOT NULL,
  PRIMARY KEY (kab_code, kind, year)
);
COMMENT ON TABLE letter_counters IS 'The last serial used per kabupaten, kind and year; the row lock of the UPDATE orders concurrent issuers.';
