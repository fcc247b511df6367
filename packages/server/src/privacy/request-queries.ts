import type { Queryable } from '../db/database.ts';
import type { Col, Cols, NotNull } from '../db/rows.ts';

/** SQL of data-subject requests. */

export type DataRequestRow = Cols<'data_requests',
  | 'id' | 'kab_code' | 'village_code' | 'person_id' | 'kind' | 'channel' | 'details' | 'identity_check' | 'status' | 'received_at' | 'due_at'
  | 'closed_at' | 'answer' | 'refusal_ground'> & { person_name: Col<'persons', 'full_name'> };

const COLUMNS = `d.id, d.kab_code, d.village_code, d.person_id, p.full_name AS person_name, d.kind, d.channel, d.details, d.identity_check,
  d.status, d.received_at, d.due_at, d.closed_at, d.answer, d.refusal_ground`;

export async function insertDataRequest(q: Queryable, r: {
  id: string; kabCode: string; villageCode: string; personId: string; kind: string; channel: string; details: string;
  identityCheck: string | null; receivedAt: Date; dueAt: Date | null; userId: string;
}): Promise<void> {
  await q.query(
    `INSERT INTO data_requests (id, kab_code, village_code, person_id, kind, channel, details, identity_check, received_at, due_at, received_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [r.id, r.kabCode, r.villageCode, r.personId, r.kind, r.channel, r.details, r.identityCheck, r.receivedAt, r.dueAt, r.userId],
  );
}

export async function selectDataRequest(q: Queryable, kabCode: string, id: string, forUpdate = false): Promise<DataRequestRow | undefined> {
  const { rows } = await q.query<DataRequestRow>(
    `SELECT ${COLUMNS} FROM data_requests d JOIN persons p ON p.id = d.person_id WHERE d.id = $1 AND d.kab_code = $2${forUpdate ? ' FOR UPDATE OF d' : ''}`,
    [id, kabCode],
  );
  return rows[0];
}

/** Open requests first by due time (no clock last), closed ones newest first. */
export async function selectDataRequests(
  q: Queryable, kabCode: string, status: 'open' | 'closed' | 'all', page: { limit: number; offset: number },
): Promise<DataRequestRow[]> {
  const where = status === 'open' ? `AND d.status = 'received'` : status === 'closed' ? `AND d.status <> 'received'` : '';
  const { rows } = await q.query<DataRequestRow>(
    `SELECT ${COLUMNS} FROM data_requests d JOIN persons p ON p.id = d.person_id
     WHERE d.kab_code = $1 ${where}
     ORDER BY (d.status = 'received') DESC, d.due_at ASC NULLS LAST, d.received_at DESC, d.id
     LIMIT $2 OFFSET $3`,
    [kabCode, page.limit + 1, page.offset],
  );
  return rows;
}

export async function closeDataRequest(q: Queryable, r: { id: string; status: 'answered' | 'refused'; answer: string; ground: string | null; userId: string }): Promise<void> {
  await q.query(
    `UPDATE data_requests SET status = $2, answer = $3, refusal_ground = $4, closed_at = now(), closed_by = $5 WHERE id = $1`,
    [r.id, r.status, r.answer, r.ground, r.userId],
  );
}

/** `due_at < $1` rules out the requests without a clock. */
type OverdueRequest = NotNull<Cols<'data_requests', 'id' | 'kab_code' | 'kind' | 'due_at'>, 'due_at'>;

/** Requests whose clock ran out and whose DPO was not told yet; marks them told. */
export async function claimOverdueRequests(q: Queryable, now: Date): Promise<Array<OverdueRequest>> {
  const { rows } = await q.query<OverdueRequest>(
    `UPDATE data_requests SET overdue_notified_at = $1
     WHERE status = 'received' AND due_at < $1 AND overdue_notified_at IS NULL
     RETURNING id, kab_code, kind, due_at`,
    [now],
  );
  return rows;
}

/** The active users holding the dpo role in the kabupaten (who are notified). */
export async function dpoUsersOf(q: Queryable, kabCode: string): Promise<string[]> {
  const { rows } = await q.query<Cols<'users', 'id'>>(
    `SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.kab_code = $1 AND u.active AND r.role = 'dpo'`,
    [kabCode],
  );
  return rows.map((r) => r.id);
}
