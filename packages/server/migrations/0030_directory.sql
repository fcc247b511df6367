-- Partner directory: organizations (extended from 0001), the services they offer, and the
-- places where they offer them. Published read-only in the Open Referral HSDS 3.0 shape under
-- /api/v1/hsds (see packages/server/src/directory/README.md). The directory holds no
-- resident data: only organizations' own contacts.

ALTER TABLE organizations
  ADD COLUMN alternate_name text,
  ADD COLUMN description    text NOT NULL DEFAULT '',
  ADD COLUMN email          text,
  ADD COLUMN website        text,
  ADD COLUMN phone          text,
  ADD COLUMN contact_name   text,
  ADD COLUMN contact_title  text,
  ADD COLUMN address        text,
  ADD COLUMN areas_served   text[] NOT NULL DEFAULT '{}';
ALTER TABLE organizations ADD CONSTRAINT organizations_type_check
  CHECK (type IN ('government', 'business', 'ngo', 'community', 'religious', 'professional', 'university'));
COMMENT ON COLUMN organizations.type IS 'government (OPD, BPJS, regional hospital), business (CSR), ngo, community, religious, professional, university.';
COMMENT ON COLUMN organizations.areas_served IS 'Dotted area codes (kecamatan or village) the organization serves; empty = the whole kabupaten/kota.';
COMMENT ON COLUMN organizations.contact_name IS 'The organization''s public contact desk or officer title as the organization publishes it; not published in the HSDS views.';
CREATE UNIQUE INDEX organizations_kab_name_uniq ON organizations (kab_code, lower(name));

CREATE TABLE directory_locations (
  id              uuid PRIMARY KEY,
  kab_code        char(4) NOT NULL,
  organization_id uuid NOT NULL REFERENCES organizations (id),
  name            text NOT NULL,
  description     text,
  address         text NOT NULL,
  village_code    text NOT NULL REFERENCES areas (code),
  postal_code     char(5) NOT NULL,
  latitude        numeric(9, 6),
  longitude       numeric(9, 6),
  phone           text,
  transportation  text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE directory_locations IS 'Physical places where an organization serves (HSDS location with one physical address).';
CREATE INDEX directory_locations_org_idx ON directory_locations (organization_id);

CREATE TABLE directory_services (
  id                  uuid PRIMARY KEY,
  kab_code            char(4) NOT NULL,
  organization_id     uuid NOT NULL REFERENCES organizations (id),
  name                text NOT NULL,
  alternate_name      text,
  description         text NOT NULL DEFAULT '',
  sector              text NOT NULL,
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
  eligibility         text,
  application_process text,
  fees_description    text,
  documents_required  text[] NOT NULL DEFAULT '{}',
  schedules           jsonb NOT NULL DEFAULT '[]',
  hours_note          text,
  capacity_per_month  integer CHECK (capacity_per_month >= 0),
  capacity_note       text,
  response_days       integer NOT NULL CHECK (response_days BETWEEN 1 AND 90),
  shared_fields       text[] NOT NULL,
  areas_served        text[] NOT NULL DEFAULT '{}',
  minimum_age         smallint,
  maximum_age         smallint,
  email               text,
  url                 text,
  phone               text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (cardinality(shared_fields) > 0)
);
COMMENT ON TABLE directory_services IS 'A service a partner organization offers and receives referrals for (HSDS service).';
COMMENT ON COLUMN directory_services.sector IS 'SERVICE_SECTORS of @slrt/core (health, education, social_assistance, ...).';
COMMENT ON COLUMN directory_services.status IS 'HSDS 3.0 service status; only active services take new referrals.';
COMMENT ON COLUMN directory_services.schedules IS 'Opening hours: [{ days: ["MO",...], opensAt: "08:00", closesAt: "15:00", note }], local time of the kabupaten. Published as HSDS WEEKLY schedules.';
COMMENT ON COLUMN directory_services.response_days IS 'Days the partner is expected to take to answer and serve a referral: the referral''s due date is the sending day plus this.';
COMMENT ON COLUMN directory_services.shared_fields IS 'The allowlist of the resident''s personal fields this service receives with a referral (SHAREABLE_FIELDS). Specific data (health, disability) only for health or disability services (checked in @slrt/core).';
COMMENT ON COLUMN directory_services.areas_served IS 'Dotted area codes the service covers; empty = wherever its organization serves.';
CREATE INDEX directory_services_org_idx ON directory_services (organization_id);
CREATE INDEX directory_services_kab_sector_idx ON directory_services (kab_code, sector);

CREATE TABLE directory_service_locations (
  id          uuid PRIMARY KEY,
  kab_code    char(4) NOT NULL,
  service_id  uuid NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES directory_locations (id) ON DELETE CASCADE,
  UNIQUE (service_id, location_id)
);
COMMENT ON TABLE directory_service_locations IS 'Where a service is delivered (HSDS service_at_location).';
CREATE INDEX directory_service_locations_location_idx ON directory_service_locations (location_id);
