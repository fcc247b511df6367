import type { Queryable } from '../db/database.ts';
import type { Cols, Count } from '../db/rows.ts';

export type IdempotentRow = Cols<'idempotent_requests', 'route' | 'request_hash' | 'status_code' | 'response'> & {
  /** The first request started this long ago (seconds). */
  age_seconds: number;
};

/** Claims `key` for the user's request: true when this request is the first with it. */
export async function claimKey(q: Queryable, row: { userId: string; key: string; kabCode: string; route: string; requestHash: string }): Promise<boolean> {
  const { rows } = await q.query<Cols<'idempotent_requests', 'key'>>(
    `INSERT INTO idempotent_requests (user_id, key, kab_code, route, request_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [row.userId, row.key, row.kabCode, row.route, row.requestHash],
    'idempotency_claim',
  );
  return rows.length === 1;
}

export async function selectKey(q: Queryable, userId: string, key: string): Promise<IdempotentRow | null> {
  const { rows } = await q.query<IdempotentRow>(
    `SELECT route, request_hash, status_code, response, extract(epoch FROM now() - created_at)::float8 AS age_seconds
       FROM idempotent_requests WHERE user_id = $1 AND key = $2`,
    [userId, key],
    'idempotency_select',
  );
  return rows[0] ?? null;
}

/** Takes over a claim whose first request never finished (its process stopped). */
export async function reclaimKey(q: Queryable, userId: string, key: string, staleSeconds: number): Promise<boolean> {
  const { rows } = await q.query<Cols<'idempotent_requests', 'key'>>(
    `UPDATE idempotent_requests SET created_at = now()
      WHERE user_id = $1 AND key = $2 AND status_code IS NULL AND created_at < now() - make_interval(secs => $3)
      RETURNING key`,
    [userId, key, staleSeconds],
    'idempotency_reclaim',
  );
  return rows.length === 1;
}

export async function completeKey(q: Queryable, userId: string, key: string, statusCode: number, response: string): Promise<void> {
  await q.query('UPDATE idempotent_requests SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2', [userId, key, statusCode, response], 'idempotency_complete');
}

/** A request that failed gives its key back: a retry runs again (and meets the same rules). */
export async function releaseKey(q: Queryable, userId: string, key: string): Promise<void> {
  await q.query('DELETE FROM idempotent_requests WHERE user_id = $1 AND key = $2 AND status_code IS NULL', [userId, key], 'idempotency_release');
}

export async function deleteOldKeys(q: Queryable, days: number): Promise<number> {
  const { rows } = await q.query<Count>(
    `WITH gone AS (DELETE FROM idempotent_requests WHERE created_at < now() - make_interval(days => $1) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [days],
  );
  return rows[0]?.n ?? 0;
}
