import type { Queryable } from '../db/database.ts';
import type { Cols, Count, With } from '../db/rows.ts';

export type NotificationRow = With<Cols<'notifications',
  'id' | 'kind' | 'message_key' | 'params' | 'link' | 'record_type' | 'record_id' | 'created_at' | 'read_at'>, { params: Record<string, string | number> }>;

export async function insertNotifications(q: Queryable, n: {
  ids: string[]; userIds: string[]; kabCode: string; eventKey: string; kind: string; messageKey: string;
  params: Record<string, string | number>; link: string | null; recordType: string | null; recordId: string | null;
}): Promise<Array<Cols<'notifications', 'id' | 'user_id'>>> {
  const { rows } = await q.query<Cols<'notifications', 'id' | 'user_id'>>(
    `INSERT INTO notifications (id, user_id, kab_code, event_key, kind, message_key, params, link, record_type, record_id)
     SELECT u.id, u.user_id, $3, $4, $5, $6, $7::jsonb, $8, $9, $10
     FROM unnest($1::uuid[], $2::uuid[]) AS u(id, user_id)
     ON CONFLICT (user_id, event_key) DO NOTHING
     RETURNING id, user_id`,
    [n.ids, n.userIds, n.kabCode, n.eventKey, n.kind, n.messageKey, JSON.stringify(n.params), n.link, n.recordType, n.recordId],
  );
  return rows;
}

export async function listNotifications(q: Queryable, userId: string, opts: { unread: boolean; after: [Date, string] | null; limit: number }) {
  const params: unknown[] = [userId, opts.limit + 1];
  let where = 'user_id = $1';
  if (opts.unread) where += ' AND read_at IS NULL';
  if (opts.after) {
    params.push(opts.after[0], opts.after[1]);
    where += ' AND (created_at, id) < ($3, $4::uuid)';
  }
  const { rows } = await q.query<NotificationRow>(
    `SELECT id, kind, message_key, params, link, record_type, record_id, created_at, read_at
     FROM notifications WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2`,
    params,
  );
  return rows;
}

export async function unreadCount(q: Queryable, userId: string): Promise<number> {
  const { rows } = await q.query<Count>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return rows[0]?.n ?? 0;
}

export async function markRead(q: Queryable, userId: string, id: string): Promise<boolean> {
  const res = await q.query(
    'UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE user_id = $1 AND id = $2',
    [userId, id],
  );
  return res.rowCount > 0;
}

export async function markAllRead(q: Queryable, userId: string): Promise<number> {
  const res = await q.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return res.rowCount;
}

/** Active partner officers of an organization. */
export async function partnerOfficersOf(q: Queryable, organizationId: string): Promise<string[]> {
  const { rows } = await q.query<Cols<'users', 'id'>>(
    `SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE u.active AND r.role = 'partner_officer' AND r.organization_id = $1`,
    [organizationId],
  );
  return rows.map((r) => r.id);
}

/** Active supervisors whose area covers the village (normally its kecamatan's supervisor). */
export async function supervisorsOf(q: Queryable, kabCode: string, villageCode: string): Promise<string[]> {
  const { rows } = await q.query<Cols<'users', 'id'>>(
    `SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE u.active AND u.kab_code = $1 AND r.role = 'supervisor'
       AND ($2 = r.area_code OR $2 LIKE r.area_code || '.%')`,
    [kabCode, villageCode],
  );
  return rows.map((r) => r.id);
}

/**
 * Of `userIds`, the active users who still hold a role covering the village (a sender whose
 * case was transferred away no longer does).
 */
export async function usersCoveringVillage(q: Queryable, kabCode: string, villageCode: string, userIds: ReadonlyArray<string | null>): Promise<string[]> {
  const wanted = [...new Set(userIds.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return [];
  const { rows } = await q.query<Cols<'users', 'id'>>(
    `SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE u.active AND u.kab_code = $1 AND u.id = ANY($3::uuid[]) AND r.area_code IS NOT NULL
       AND ($2 = r.area_code OR $2 LIKE r.area_code || '.%')`,
    [kabCode, villageCode, wanted],
  );
  return rows.map((r) => r.id);
}

/** Active Puskesos staff of the village itself (officers and coordinators): who now holds its referrals. */
export async function puskesosStaffOf(q: Queryable, kabCode: string, villageCode: string): Promise<string[]> {
  const { rows } = await q.query<Cols<'users', 'id'>>(
    `SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE u.active AND u.kab_code = $1 AND r.area_code = $2 AND r.role IN ('puskesos_officer', 'puskesos_coordinator')`,
    [kabCode, villageCode],
  );
  return rows.map((r) => r.id);
}

/** Keeps only users that exist and are active (a responsible officer may have left). */
export async function activeUsers(q: Queryable, ids: ReadonlyArray<string | null>): Promise<string[]> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return [];
  const { rows } = await q.query<Cols<'users', 'id'>>('SELECT id FROM users WHERE active AND id = ANY($1::uuid[])', [wanted]);
  return rows.map((r) => r.id);
}
