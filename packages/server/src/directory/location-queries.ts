import type { Queryable } from '../db/database.ts';
import type { Col, Cols } from '../db/rows.ts';
import { SqlParams } from '../access/actor.ts';
import { setClause, type LocationRow } from './queries.ts';

// Locations of the directory (HSDS location), and which services are offered where.

const LOCATION_COLUMNS = {
  name: 'name', description: 'description', address: 'address', villageCode: 'village_code', postalCode: 'postal_code',
  latitude: 'latitude', longitude: 'longitude', phone: 'phone', transportation: 'transportation',
} as const;

const LOCATION_SELECT = `
  SELECT l.id, l.organization_id, l.name, l.description, l.address, l.village_code, v.name AS village_name,
    k.name AS kecamatan_name, kb.name AS kabupaten_name, pr.name AS province_name, l.postal_code,
    l.latitude, l.longitude, l.phone, l.transportation, l.updated_at
  FROM directory_locations l
  LEFT JOIN areas v ON v.code = l.village_code
  LEFT JOIN areas k ON k.code = v.parent_code
  LEFT JOIN areas kb ON kb.code = k.parent_code
  LEFT JOIN areas pr ON pr.code = kb.parent_code`;

export async function locationsOfOrganizations(q: Queryable, kab: string, orgIds: readonly string[]): Promise<LocationRow[]> {
  if (orgIds.length === 0) return [];
  const { rows } = await q.query<LocationRow>(
    `${LOCATION_SELECT} WHERE l.kab_code = $1 AND l.organization_id = ANY($2::uuid[]) ORDER BY lower(l.name), l.id`, [kab, orgIds]);
  return rows;
}

export type ServiceLocationRow = LocationRow & { service_id: string; sal_id: string };

export async function getLocation(q: Queryable, kab: string, id: string): Promise<LocationRow | null> {
  const { rows } = await q.query<LocationRow>(`${LOCATION_SELECT} WHERE l.kab_code = $1 AND l.id = $2`, [kab, id]);
  return rows[0] ?? null;
}

/** Locations of services with the id of each service-at-location link, keyed by service id. */
export async function locationsOfServices(q: Queryable, kab: string, serviceIds: readonly string[]): Promise<Map<string, ServiceLocationRow[]>> {
  const out = new Map<string, ServiceLocationRow[]>();
  if (serviceIds.length === 0) return out;
  const { rows } = await q.query<LocationRow & Cols<'directory_service_locations', 'service_id'> & { sal_id: Col<'directory_service_locations', 'id'> }>(
    `${LOCATION_SELECT.replace('FROM directory_locations l', 'FROM directory_service_locations sl JOIN directory_locations l ON l.id = sl.location_id')
      .replace('SELECT l.id,', 'SELECT sl.service_id, sl.id AS sal_id, l.id,')}
     WHERE sl.kab_code = $1 AND sl.service_id = ANY($2::uuid[]) ORDER BY lower(l.name), l.id`,
    [kab, serviceIds],
  );
  for (const r of rows) {
    const list = out.get(r.service_id) ?? [];
    list.push(r);
    out.set(r.service_id, list);
  }
  return out;
}

export async function insertLocation(q: Queryable, row: { id: string; kab: string; organizationId: string; values: Record<string, unknown> }) {
  const p = new SqlParams();
  const cols = ['id', 'kab_code', 'organization_id'];
  const vals = [p.add(row.id), p.add(row.kab), p.add(row.organizationId)];
  for (const [key, col] of Object.entries(LOCATION_COLUMNS)) {
    if (row.values[key] === undefined) continue;
    cols.push(col);
    vals.push(p.add(row.values[key]));
  }
  await q.query(`INSERT INTO directory_locations (${cols.join(', ')}) VALUES (${vals.join(', ')})`, p.values);
}

export async function updateLocation(q: Queryable, kab: string, id: string, values: Record<string, unknown>) {
  const p = new SqlParams();
  const sets = setClause(LOCATION_COLUMNS, values, p);
  sets.push('updated_at = now()');
  await q.query(`UPDATE directory_locations SET ${sets.join(', ')} WHERE kab_code = ${p.add(kab)} AND id = ${p.add(id)}`, p.values);
}

// ---- services ----
