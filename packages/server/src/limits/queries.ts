import type { Queryable } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';

/**
 * Counts one hit on `bucket` and returns the count in the current window, in one statement:
 * concurrent hits queue on the row, so each sees its own count (no two see "4 of 5").
 */
export async function hitCounter(q: Queryable, bucket: string, windowSeconds: number): Promise<{ hits: number; windowStart: Date }> {
  const { rows } = await q.query<Cols<'rate_counters', 'hits' | 'window_start'>>(
    `INSERT INTO rate_counters AS r (bucket, window_start, hits) VALUES ($1, now(), 1)
     ON CONFLICT (bucket) DO UPDATE SET
       hits = CASE WHEN r.window_start > now() - make_interval(secs => $2) THEN r.hits + 1 ELSE 1 END,
       window_start = CASE WHEN r.window_start > now() - make_interval(secs => $2) THEN r.window_start ELSE now() END
     RETURNING hits, window_start`,
    [bucket, windowSeconds],
    'limits_hit',
  );
  const row = rows[0];
  if (!row) throw new Error('rate counter returned no row');
  return { hits: row.hits, windowStart: row.window_start };
}

/** Takes back one hit (a right answer is not held against the caller). */
export async function unhitCounter(q: Queryable, bucket: string) {
  await q.query('UPDATE rate_counters SET hits = greatest(hits - 1, 0) WHERE bucket = $1', [bucket], 'limits_unhit');
}

export async function resetCounter(q: Queryable, bucket: string) {
  await q.query('DELETE FROM rate_counters WHERE bucket = $1', [bucket]);
}

/** Deletes counters whose window ended more than `olderThanSeconds` ago. */
export async function deleteStaleCounters(q: Queryable, olderThanSeconds: number): Promise<number> {
  const r = await q.query('DELETE FROM rate_counters WHERE window_start < now() - make_interval(secs => $1)', [olderThanSeconds]);
  return r.rowCount;
}
