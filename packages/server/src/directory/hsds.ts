import { v5 as uuidv5 } from 'uuid';
import { areaTimeZone, caseCodeLabel, type Schedule, type ServiceSector } from '@slrt/core';
import type { ServiceAtLocationRef } from './hsds-queries.ts';
import type { LocationRow, OrganizationRow, ServiceRow } from './queries.ts';
import type { ServiceLocationRow } from './location-queries.ts';

/**
 * The directory in the Open Referral Human Services Data Specification 3.0 shape: field
 * names, nesting and the paged list exactly as the specification's schemas
 * (schema/compiled/*.json and the API's components/schemas/Page). Optional fields without
 * a value are left out, not sent as null, since HSDS types them as plain strings or numbers.
 *
 * Sub-records that we store inside a row (phones, schedules, required documents, service
 * areas, the sector as a taxonomy term) need their own ids in HSDS: they get name-based
 * UUIDs (v5) from the parent's id, so they are stable from one request to the next.
 */
export const HSDS_VERSION = '3.0';
const NAMESPACE = '6f1f5a3e-57d6-4d4b-9c2a-5d3c0b9e2a41';
const stableId = (...parts: string[]) => uuidv5(parts.join('|'), NAMESPACE);

const SECTOR_TAXONOMY = 'slrt-service-sector';
export const SECTOR_TAXONOMY_ID = stableId('taxonomy', SECTOR_TAXONOMY);
/** The id of a sector's taxonomy term (for `taxonomy_term_id` filters). */
export const sectorTermId = (sector: ServiceSector) => stableId('taxonomy_term', sector);

/** The one taxonomy the directory uses: the sectors of SLRT's needs and services. */
export function hsdsSectorTaxonomy() {
  return {
    id: SECTOR_TAXONOMY_ID,
    name: SECTOR_TAXONOMY,
    description: 'Sektor kebutuhan dan layanan SLRT (the sectors of SLRT needs and services).',
    version: '1',
    metadata: [],
  };
}

/** A sector as an HSDS taxonomy term: Indonesian name, English description. */
export function hsdsSectorTerm(sector: ServiceSector) {
  return {
    id: sectorTermId(sector),
    code: sector,
    name: caseCodeLabel('sector', sector, 'id'),
    description: caseCodeLabel('sector', sector, 'en'),
    taxonomy: SECTOR_TAXONOMY,
    taxonomy_id: SECTOR_TAXONOMY_ID,
    language: 'id',
    metadata: [],
  };
}


type Json = Record<string, unknown>;
type Compact<T> =
  { [K in keyof T as null extends T[K] ? never : undefined extends T[K] ? never : K]: T[K] } &
  { [K in keyof T as null extends T[K] ? K : undefined extends T[K] ? K : never]?: Exclude<T[K], null | undefined> };
/** Drops keys whose value is null or undefined. */
function compact<T extends Json>(o: T): Compact<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Compact<T>;
}

const OFFSETS = { 'Asia/Jakarta': '+07:00', 'Asia/Makassar': '+08:00', 'Asia/Jayapura': '+09:00' } as const;
const OFFSET_HOURS = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 } as const;

function phone(ownerId: string, number: string | null) {
  return number ? [{ id: stableId('phone', ownerId), number, type: 'voice', languages: [] }] : [];
}

function schedules(serviceId: string, list: readonly Schedule[], kab: string) {
  const zone = areaTimeZone(kab);
  return list.map((s, i) => compact({
    id: stableId('schedule', serviceId, String(i)),
    service_id: serviceId,
    freq: 'WEEKLY',
    interval: 1,
    byday: s.days.join(','),
    opens_at: `${s.opensAt}${OFFSETS[zone]}`,
    closes_at: `${s.closesAt}${OFFSETS[zone]}`,
    timezone: OFFSET_HOURS[zone],
    description: s.note ?? undefined,
    attributes: [],
    metadata: [],
  }));
}

export function hsdsOrganizationBase(o: OrganizationRow) {
  return compact({
    id: o.id,
    name: o.name,
    alternate_name: o.alternate_name,
    description: o.description,
    email: o.email,
    website: o.website,
    legal_status: o.type,
  });
}

function hsdsAddress(l: LocationRow) {
  return {
    id: stableId('address', l.id),
    location_id: l.id,
    address_1: l.address,
    address_2: [l.village_name, l.kecamatan_name ? `Kec. ${l.kecamatan_name}` : null].filter(Boolean).join(', '),
    city: l.kabupaten_name ?? '',
    region: l.kecamatan_name ?? undefined,
    state_province: l.province_name ?? '',
    postal_code: l.postal_code,
    country: 'ID',
    address_type: 'physical' as const,
    attributes: [],
    metadata: [],
  };
}

function hsdsLocation(l: LocationRow) {
  return compact({
    id: l.id,
    location_type: 'physical' as const,
    organization_id: l.organization_id,
    name: l.name,
    description: l.description,
    transportation: l.transportation,
    latitude: l.latitude,
    longitude: l.longitude,
    external_identifier: l.village_code,
    external_identifier_type: 'kode wilayah Kemendagri',
    languages: [{ id: stableId('language', l.id), name: 'Bahasa Indonesia', code: 'id' }],
    addresses: [compact(hsdsAddress(l))],
    contacts: [],
    accessibility: [],
    phones: phone(l.id, l.phone),
    schedules: [],
    attributes: [],
    metadata: [],
  });
}

/** The one-to-one fields of a service (the list view), with its organization. */
export function hsdsServiceBase(s: ServiceRow, org: OrganizationRow | null) {
  return compact({
    id: s.id,
    organization_id: s.organization_id,
    name: s.name,
    alternate_name: s.alternate_name,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    application_process: s.application_process,
    fees_description: s.fees_description,
    eligibility_description: s.eligibility,
    minimum_age: s.minimum_age,
    maximum_age: s.maximum_age,
    assured_date: s.updated_at.toISOString().slice(0, 10),
    alert: s.capacity_note,
    organization: org ? hsdsOrganizationBase(org) : undefined,
  });
}

/** A fully nested service (GET /hsds/services/:id). */
export function hsdsServiceFull(
  s: ServiceRow, org: OrganizationRow, locations: readonly ServiceLocationRow[], areaNames: ReadonlyMap<string, string>,
) {
  const termId = sectorTermId(s.sector);
  return {
    ...hsdsServiceBase(s, org),
    phones: phone(s.id, s.phone),
    schedules: schedules(s.id, s.schedules, s.kab_code),
    service_areas: s.areas_served.map((code) => compact({
      id: stableId('service_area', s.id, code),
      service_id: s.id,
      name: areaNames.get(code) ?? code,
      description: `Kode wilayah ${code}`,
      extent_type: 'other',
      extent: code,
    })),
    service_at_locations: locations.map((l) => hsdsServiceAtLocationFull({ id: l.sal_id, service_id: s.id, location_id: l.id }, l)),
    languages: [{ id: stableId('language', s.id), name: 'Bahasa Indonesia', code: 'id' }],
    funding: [],
    cost_options: [],
    required_documents: s.documents_required.map((d, i) => ({ id: stableId('required_document', s.id, String(i)), service_id: s.id, document: d })),
    contacts: [],
    attributes: [{
      id: stableId('attribute', s.id, termId),
      link_id: s.id,
      link_type: 'service',
      link_entity: 'service',
      taxonomy_term_id: termId,
      taxonomy_term: hsdsSectorTerm(s.sector),
      metadata: [],
    }],
    metadata: [],
  };
}

/** A service at a location, as listed (GET /hsds/service_at_locations): the location and the service. */
export function hsdsServiceAtLocationBase(ref: ServiceAtLocationRef, location: LocationRow, service?: ReturnType<typeof hsdsServiceBase>) {
  return compact({ id: ref.id, service_id: ref.service_id, location_id: ref.location_id, location: hsdsLocation(location), service });
}

/** A service at a location in full (inside a service, or GET /hsds/service_at_locations/:id with its service). */
export function hsdsServiceAtLocationFull(ref: ServiceAtLocationRef, location: LocationRow, service?: ReturnType<typeof hsdsServiceBase>) {
  return { ...hsdsServiceAtLocationBase(ref, location, service), contacts: [], phones: [], schedules: [], attributes: [], metadata: [] };
}

/** A fully nested organization (GET /hsds/organizations/:id). */
export function hsdsOrganizationFull(o: OrganizationRow, locations: readonly LocationRow[], services: readonly ServiceRow[]) {
  return {
    ...hsdsOrganizationBase(o),
    funding: [],
    contacts: [],
    phones: phone(o.id, o.phone),
    locations: locations.map(hsdsLocation),
    programs: [],
    organization_identifiers: [],
    services: services.map((s) => hsdsServiceBase(s, null)),
    attributes: [],
    metadata: [],
  };
}

/** HSDS components/schemas/Page around `contents`. `page` is 1-based. */
export function hsdsPage<T>(contents: T[], total: number, page: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
