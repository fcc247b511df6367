import type { Queryable } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';

/** A service delivered at a location (HSDS service_at_location): the row of `directory_service_locations`. */
export type ServiceAtLocationRef = Cols<'directory_service_locations', 'id' | 'service_id' | 'location_id'>;

/** How many services at locations are published (a count computed in the query). */
interface Total { total: number }

const PUBLISHED = `FROM directory_service_locations sl
  JOIN directory_services s ON s.id = sl.service_id
  JOIN organizations o ON o.id = s.organization_id`;

/** A page of the services at locations of active organizations, in id order, with the total. */
export async function pageOfServiceLocations(q: Queryable, kab: string, page: { offset: number; limit: number }): Promise<{ rows: ServiceAtLocationRef[]; total: number }> {
  const { rows } = await q.query<ServiceAtLocationRef & Total>(
    `SELECT sl.id, sl.service_id, sl.location_id, count(*) OVER ()::int AS total ${PUBLISHED}
     WHERE sl.kab_code = $1 AND o.active ORDER BY sl.id LIMIT $2 OFFSET $3`,
    [kab, page.limit, page.offset],
  );
  if (rows.length === 0 && page.offset > 0) {
    const { rows: n } = await q.query<Total>(`SELECT count(*)::int AS total ${PUBLISHED} WHERE sl.kab_code = $1 AND o.active`, [kab]);
    return { rows: [], total: n[0]?.total ?? 0 };
  }
  return { rows: rows.map(({ id, service_id, location_id }) => ({ id, service_id, location_id })), total: rows[0]?.total ?? 0 };
}

export async function getServiceLocation(q: Queryable, kab: string, id: string): Promise<ServiceAtLocationRef | null> {
  const { rows } = await q.query<ServiceAtLocationRef>(
    `SELECT sl.id, sl.service_id, sl.location_id ${PUBLISHED} WHERE sl.kab_code = $1 AND sl.id = $2 AND o.active`,
    [kab, id],
  );
  return rows[0] ?? null;
}
