import type { Permission } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { Cols, Joined } from '../db/rows.ts';

/** SQL of the live events outbox (live_events). */

export interface LiveEventInput {
  kabCode: string;
  type: string;
  /** The permission a subscriber needs for the event's village or organization. */
  permission: Permission;
  villageCode?: string | null;
  organizationId?: string | null;
  /** For one user only (their notifications). */
  userId?: string | null;
  payload?: Record<string, unknown>;
}

export interface LiveEvent {
  seq: number;
  kab_code: string;
  type: string;
  permission: Permission;
  village_code: string | null;
  organization_id: string | null;
  user_id: string | null;
  payload: Record<string, unknown>;
  at: Date;
}

export async function insertLiveEvent(q: Queryable, e: LiveEventInput): Promise<void> {
  await q.query(
    `INSERT INTO live_events (kab_code, type, permission, village_code, organization_id, user_id, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [e.kabCode, e.type, e.permission, e.villageCode ?? null, e.organizationId ?? null, e.userId ?? null, JSON.stringify(e.payload ?? {})],
  );
}

const COLUMNS = 'seq, kab_code, type, permission, village_code, organization_id, user_id, payload, at';

export async function eventsAfter(q: Queryable, seq: number, limit = 500): Promise<LiveEvent[]> {
  const { rows } = await q.query<LiveEvent>(`SELECT ${COLUMNS} FROM live_events WHERE seq > $1 ORDER BY seq LIMIT $2`, [seq, limit]);
  return rows;
}

export async function lastEventSeq(q: Queryable): Promise<number> {
  const { rows } = await q.query<Joined<Cols<'live_events', 'seq'>>>('SELECT max(seq) AS seq FROM live_events');
  return rows[0]?.seq ?? 0;
}

export async function pruneEvents(q: Queryable, olderThanHours = 24): Promise<number> {
  const res = await q.query('DELETE FROM live_events WHERE at < now() - make_interval(hours => $1)', [olderThanHours]);
  return res.rowCount;
}
