import type {
  LocationView, OrganizationType, OrganizationView, Schedule, ServiceSector, ServiceStatus, ServiceView, ShareableField,
} from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { Col, Cols, Count, Joined, With } from '../db/rows.ts';
import { SqlParams } from '../access/actor.ts';

// ---- rows ----

export type OrganizationRow = With<Cols<'organizations',
  | 'id' | 'kab_code' | 'name' | 'alternate_name' | 'type' | 'description' | 'email' | 'website' | 'phone' | 'contact_name' | 'contact_title'
  | 'address' | 'areas_served' | 'active' | 'updated_at'>, { type: OrganizationType }> & { service_count: number };

export type LocationRow = Cols<'directory_locations',
  | 'id' | 'organization_id' | 'name' | 'description' | 'address' | 'village_code' | 'postal_code' | 'latitude' | 'longitude' | 'phone'
  | 'transportation' | 'updated_at'> & Joined<{
  village_name: AreaName; kecamatan_name: AreaName; kabupaten_name: AreaName; province_name: AreaName;
}>;

type AreaName = Col<'areas', 'name'>;

export type ServiceRow = With<Cols<'directory_services',
  | 'id' | 'kab_code' | 'organization_id' | 'name' | 'alternate_name' | 'description' | 'sector' | 'status' | 'eligibility'
  | 'application_process' | 'fees_description' | 'documents_required' | 'schedules' | 'hours_note' | 'capacity_per_month' | 'capacity_note'
  | 'response_days' | 'shared_fields' | 'areas_served' | 'minimum_age' | 'maximum_age' | 'email' | 'url' | 'phone' | 'updated_at'>,
  { sector: ServiceSector; status: ServiceStatus; schedules: Schedule[]; shared_fields: ShareableField[] }> & {
  organization_name: Col<'organizations', 'name'>;
  organization_type: OrganizationType;
  organization_active: Col<'organizations', 'active'>;
};

// ---- views ----

export function toOrganizationView(r: OrganizationRow): OrganizationView {
  return {
    id: r.id, name: r.name, alternateName: r.alternate_name, type: r.type, description: r.description,
    email: r.email, website: r.website, phone: r.phone, contactName: r.contact_name, contactTitle: r.contact_title,
    address: r.address, areasServed: r.areas_served, active: r.active, serviceCount: r.service_count,
    updatedAt: r.updated_at.toISOString(),
  };
}

export function toLocationView(r: LocationRow): LocationView {
  return {
    id: r.id, organizationId: r.organization_id, name: r.name, description: r.description, address: r.address,
    villageCode: r.village_code, villageName: r.village_name, kecamatanName: r.kecamatan_name, postalCode: r.postal_code,
    latitude: r.latitude, longitude: r.longitude, phone: r.phone, transportation: r.transportation,
  };
}

export function toServiceView(r: ServiceRow, locations: LocationRow[]): ServiceView {
  return {
    id: r.id, organizationId: r.organization_id, organizationName: r.organization_name, organizationType: r.organization_type,
    name: r.name, alternateName: r.alternate_name, description: r.description, sector: r.sector, status: r.status,
    eligibility: r.eligibility, applicationProcess: r.application_process, feesDescription: r.fees_description,
    documentsRequired: r.documents_required, schedules: r.schedules, hoursNote: r.hours_note,
    capacityPerMonth: r.capacity_per_month, capacityNote: r.capacity_note, responseDays: r.response_days,
    sharedFields: r.shared_fields, areasServed: r.areas_served, minimumAge: r.minimum_age, maximumAge: r.maximum_age,
    email: r.email, url: r.url, phone: r.phone, locations: locations.map(toLocationView), updatedAt: r.updated_at.toISOString(),
  };
}

// ---- keyset cursor on (lower(name), id) ----

export function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name.toLowerCase(), id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) return [v[0], v[1]];
  } catch {
    // fall through: a malformed cursor is the caller's error
  }
  return null;
}

/**
 * SQL true when the text[] column `col` overlaps area `param`: an entry is the area, lies
 * inside it, or contains it. An empty list means "everywhere in the kabupaten".
 */
export function overlapsArea(col: string, param: string): string {
  return `EXISTS (SELECT 1 FROM unnest(${col}) a WHERE a = ${param} OR ${param} LIKE a || '.%' OR a LIKE ${param} || '.%')`;
}

// ---- organizations ----

const ORG_SELECT = `
  SELECT o.id, o.kab_code, o.name, o.alternate_name, o.type, o.description, o.email, o.website, o.phone,
    o.contact_name, o.contact_title, o.address, o.areas_served, o.active, o.updated_at,
    (SELECT count(*) FROM directory_services s WHERE s.organization_id = o.id AND s.status = 'active')::int AS service_count
  FROM organizations o`;

export interface OrganizationFilter {
  type?: OrganizationType | undefined;
  search?: string | undefined;
  area?: string | undefined;
  active?: boolean | undefined;
  ids?: readonly string[] | undefined;
  after?: [string, string] | null;
  limit: number;
}

export async function listOrganizations(q: Queryable, kab: string, f: OrganizationFilter): Promise<OrganizationRow[]> {
  const p = new SqlParams();
  const where = [`o.kab_code = ${p.add(kab)}`];
  if (f.type) where.push(`o.type = ${p.add(f.type)}`);
  if (f.active !== undefined) where.push(`o.active = ${p.add(f.active)}`);
  if (f.search) where.push(`(lower(o.name) LIKE ${p.add(`%${f.search.toLowerCase()}%`)} OR lower(coalesce(o.alternate_name, '')) LIKE $${p.values.length})`);
  if (f.area) {
    const a = p.add(f.area);
    where.push(`(cardinality(o.areas_served) = 0 OR ${overlapsArea('o.areas_served', a)})`);
  }
  if (f.ids) where.push(`o.id = ANY(${p.add(f.ids)}::uuid[])`);
  if (f.after) where.push(`(lower(o.name), o.id) > (${p.add(f.after[0])}, ${p.add(f.after[1])}::uuid)`);
  const { rows } = await q.query<OrganizationRow>(
    `${ORG_SELECT} WHERE ${where.join(' AND ')} ORDER BY lower(o.name), o.id LIMIT ${p.add(f.limit + 1)}`, p.values);
  return rows;
}

export async function getOrganization(q: Queryable, kab: string, id: string): Promise<OrganizationRow | null> {
  const { rows } = await q.query<OrganizationRow>(`${ORG_SELECT} WHERE o.kab_code = $1 AND o.id = $2`, [kab, id]);
  return rows[0] ?? null;
}

/** One page of active organizations by offset (the HSDS paged list), with the total. */
export async function pageOfActiveOrganizations(q: Queryable, kab: string, f: { search?: string | undefined; offset: number; limit: number }) {
  const p = new SqlParams();
  const where = [`o.kab_code = ${p.add(kab)}`, 'o.active'];
  if (f.search) where.push(`(lower(o.name) LIKE ${p.add(`%${f.search.toLowerCase()}%`)} OR lower(o.description) LIKE $${p.values.length})`);
  const total = await q.query<Count>(`SELECT count(*)::int AS n FROM organizations o WHERE ${where.join(' AND ')}`, p.values);
  const { rows } = await q.query<OrganizationRow>(
    `${ORG_SELECT} WHERE ${where.join(' AND ')} ORDER BY lower(o.name), o.id LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`, p.values);
  return { rows, total: total.rows[0]?.n ?? 0 };
}

export async function areaNames(q: Queryable, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const { rows } = await q.query<Cols<'areas', 'code' | 'name'>>('SELECT code, name FROM areas WHERE code = ANY($1::text[])', [codes]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Column names of the organization fields a caller may set, by input key. */
const ORG_COLUMNS = {
  name: 'name', alternateName: 'alternate_name', type: 'type', description: 'description', email: 'email',
  website: 'website', phone: 'phone', contactName: 'contact_name', contactTitle: 'contact_title', address: 'address',
  areasServed: 'areas_served', active: 'active',
} as const;

/** `SET a = $1, b = $2` for the keys of `values` that map to a column (jsonb values serialized). */
export function setClause(columns: Record<string, string>, values: Record<string, unknown>, p: SqlParams, jsonb: readonly string[] = []): string[] {
  const sets: string[] = [];
  for (const [key, col] of Object.entries(columns)) {
    if (!(key in values) || values[key] === undefined) continue;
    const v = values[key];
    sets.push(jsonb.includes(col) ? `${col} = ${p.add(JSON.stringify(v))}::jsonb` : `${col} = ${p.add(v)}`);
  }
  return sets;
}

export async function insertOrganization(q: Queryable, row: { id: string; kab: string; values: Record<string, unknown> }) {
  const p = new SqlParams();
  const cols = ['id', 'kab_code'];
  const vals = [p.add(row.id), p.add(row.kab)];
  for (const [key, col] of Object.entries(ORG_COLUMNS)) {
    if (row.values[key] === undefined) continue;
    cols.push(col);
    vals.push(p.add(row.values[key]));
  }
  await q.query(`INSERT INTO organizations (${cols.join(', ')}) VALUES (${vals.join(', ')})`, p.values);
}

export async function updateOrganization(q: Queryable, kab: string, id: string, values: Record<string, unknown>): Promise<boolean> {
  const p = new SqlParams();
  const sets = setClause(ORG_COLUMNS, values, p);
  sets.push('updated_at = now()');
  const res = await q.query(`UPDATE organizations SET ${sets.join(', ')} WHERE kab_code = ${p.add(kab)} AND id = ${p.add(id)}`, p.values);
  return res.rowCount > 0;
}

// ---- locations ----

/** Area codes among `codes` that exist; the caller checks they lie in its kabupaten. */
export async function existingAreas(q: Queryable, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const { rows } = await q.query<Cols<'areas', 'code'>>('SELECT code FROM areas WHERE code = ANY($1::text[])', [codes]);
  return new Set(rows.map((r) => r.code));
}
