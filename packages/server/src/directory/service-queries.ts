import type { ServiceSector, ServiceStatus } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { Count } from '../db/rows.ts';
import { SqlParams } from '../access/actor.ts';
import { overlapsArea, setClause, type ServiceRow } from './queries.ts';

// Services of the directory (HSDS service) and the places they are offered at.

const SERVICE_COLUMNS = {
  name: 'name', alternateName: 'alternate_name', description: 'description', sector: 'sector', status: 'status',
  eligibility: 'eligibility', applicationProcess: 'application_process', feesDescription: 'fees_description',
  documentsRequired: 'documents_required', schedules: 'schedules', hoursNote: 'hours_note',
  capacityPerMonth: 'capacity_per_month', capacityNote: 'capacity_note', responseDays: 'response_days',
  sharedFields: 'shared_fields', areasServed: 'areas_served', minimumAge: 'minimum_age', maximumAge: 'maximum_age',
  email: 'email', url: 'url', phone: 'phone',
} as const;

const SERVICE_SELECT = `
  SELECT s.id, s.kab_code, s.organization_id, o.name AS organization_name, o.type AS organization_type,
    o.active AS organization_active, s.name, s.alternate_name, s.description, s.sector, s.status, s.eligibility,
    s.application_process, s.fees_description, s.documents_required, s.schedules, s.hours_note, s.capacity_per_month,
    s.capacity_note, s.response_days, s.shared_fields, s.areas_served, s.minimum_age, s.maximum_age, s.email, s.url,
    s.phone, greatest(s.updated_at, o.updated_at) AS updated_at
  FROM directory_services s JOIN organizations o ON o.id = s.organization_id`;

export interface ServiceFilter {
  sector?: ServiceSector | undefined;
  area?: string | undefined;
  organizationId?: string | undefined;
  status?: ServiceStatus | undefined;
  search?: string | undefined;
  /** Only services of active organizations (what referrers choose from). */
  activeOrganizations?: boolean | undefined;
  modifiedAfter?: Date | undefined;
  after?: [string, string] | null;
  limit: number;
  offset?: number;
}

function serviceWhere(kab: string, f: Omit<ServiceFilter, 'limit' | 'offset' | 'after'>, p: SqlParams): string[] {
  const where = [`s.kab_code = ${p.add(kab)}`];
  if (f.sector) where.push(`s.sector = ${p.add(f.sector)}`);
  if (f.status) where.push(`s.status = ${p.add(f.status)}`);
  if (f.organizationId) where.push(`s.organization_id = ${p.add(f.organizationId)}::uuid`);
  if (f.activeOrganizations) where.push('o.active');
  if (f.search) {
    const s = p.add(`%${f.search.toLowerCase()}%`);
    where.push(`(lower(s.name) LIKE ${s} OR lower(s.description) LIKE ${s} OR lower(o.name) LIKE ${s})`);
  }
  if (f.modifiedAfter) where.push(`greatest(s.updated_at, o.updated_at) >= ${p.add(f.modifiedAfter)}`);
  if (f.area) {
    const a = p.add(f.area);
    // the service's own areas when it lists some, else its organization's (empty = everywhere)
    where.push(`(CASE WHEN cardinality(s.areas_served) > 0 THEN ${overlapsArea('s.areas_served', a)}
      ELSE cardinality(o.areas_served) = 0 OR ${overlapsArea('o.areas_served', a)} END)`);
  }
  return where;
}

export async function listServices(q: Queryable, kab: string, f: ServiceFilter): Promise<ServiceRow[]> {
  const p = new SqlParams();
  const where = serviceWhere(kab, f, p);
  if (f.after) where.push(`(lower(s.name), s.id) > (${p.add(f.after[0])}, ${p.add(f.after[1])}::uuid)`);
  const page = f.offset !== undefined ? `LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}` : `LIMIT ${p.add(f.limit + 1)}`;
  const { rows } = await q.query<ServiceRow>(`${SERVICE_SELECT} WHERE ${where.join(' AND ')} ORDER BY lower(s.name), s.id ${page}`, p.values);
  return rows;
}

export async function countServices(q: Queryable, kab: string, f: Omit<ServiceFilter, 'limit' | 'offset' | 'after'>): Promise<number> {
  const p = new SqlParams();
  const where = serviceWhere(kab, f, p);
  const { rows } = await q.query<Count>(
    `SELECT count(*)::int AS n FROM directory_services s JOIN organizations o ON o.id = s.organization_id WHERE ${where.join(' AND ')}`, p.values);
  return rows[0]?.n ?? 0;
}

export async function getService(q: Queryable, kab: string, id: string): Promise<ServiceRow | null> {
  const { rows } = await q.query<ServiceRow>(`${SERVICE_SELECT} WHERE s.kab_code = $1 AND s.id = $2`, [kab, id]);
  return rows[0] ?? null;
}

export async function insertService(q: Queryable, row: { id: string; kab: string; organizationId: string; values: Record<string, unknown> }) {
  const p = new SqlParams();
  const cols = ['id', 'kab_code', 'organization_id'];
  const vals = [p.add(row.id), p.add(row.kab), p.add(row.organizationId)];
  for (const [key, col] of Object.entries(SERVICE_COLUMNS)) {
    if (row.values[key] === undefined) continue;
    cols.push(col);
    vals.push(col === 'schedules' ? `${p.add(JSON.stringify(row.values[key]))}::jsonb` : p.add(row.values[key]));
  }
  await q.query(`INSERT INTO directory_services (${cols.join(', ')}) VALUES (${vals.join(', ')})`, p.values);
}

export async function updateService(q: Queryable, kab: string, id: string, values: Record<string, unknown>) {
  const p = new SqlParams();
  const sets = setClause(SERVICE_COLUMNS, values, p, ['schedules']);
  sets.push('updated_at = now()');
  await q.query(`UPDATE directory_services SET ${sets.join(', ')} WHERE kab_code = ${p.add(kab)} AND id = ${p.add(id)}`, p.values);
}

/** Replaces where a service is delivered. */
export async function setServiceLocations(q: Queryable, kab: string, serviceId: string, locationIds: readonly string[], newId: () => string) {
  await q.query('DELETE FROM directory_service_locations WHERE service_id = $1 AND NOT (location_id = ANY($2::uuid[]))', [serviceId, locationIds]);
  for (const loc of locationIds) {
    await q.query(
      `INSERT INTO directory_service_locations (id, kab_code, service_id, location_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (service_id, location_id) DO NOTHING`,
      [newId(), kab, serviceId, loc],
    );
  }
}
