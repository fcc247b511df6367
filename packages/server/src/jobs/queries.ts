import type { Queryable } from '../db/database.ts';
import type { Cols, With } from '../db/rows.ts';
import { newId } from '../db/ids.ts';

export type JobRow = With<Cols<'jobs',
  'id' | 'kind' | 'key' | 'kab_code' | 'payload' | 'status' | 'run_at' | 'attempts' | 'max_attempts' | 'last_error'>, { payload: Record<string, unknown> }>;

export interface EnqueueInput {
  kind: string;
  /** The event the job is for: the same (kind, key) is one job, ever. */
  key: string;
  kabCode?: string | null;
  payload?: Record<string, unknown>;
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Adds a job inside the caller's transaction (so it exists only if the change that caused it
 * commits). Returns false when a job for this (kind, key) already exists.
 */
export async function enqueueJob(q: Queryable, job: EnqueueInput): Promise<boolean> {
  const res = await q.query(
    `INSERT INTO jobs (id, kind, key, kab_code, payload, run_at, max_attempts)
     VALUES ($1, $2, $3, $4, $5::jsonb, coalesce($6::timestamptz, now()), $7)
     ON CONFLICT (kind, key) DO NOTHING`,
    [newId(), job.kind, job.key, job.kabCode ?? null, JSON.stringify(job.payload ?? {}), job.runAt ?? null, job.maxAttempts ?? 8],
  );
  return res.rowCount > 0;
}

const JOB_COLUMNS = 'id, kind, key, kab_code, payload, status, run_at, attempts, max_attempts, last_error';

/**
 * Claims up to `limit` due jobs of `kinds` for `worker` with a lease. `FOR UPDATE SKIP
 * LOCKED` lets concurrent processes claim disjoint jobs; a running job whose lease expired
 * (its process died) is due again.
 */
export async function claimJobs(q: Queryable, kinds: readonly string[], worker: string, leaseSeconds: number, limit: number): Promise<JobRow[]> {
  const { rows } = await q.query<JobRow>(
    `UPDATE jobs SET status = 'running', locked_by = $1, locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM jobs
       WHERE kind = ANY($3::text[]) AND run_at <= now()
         AND (status = 'pending' OR (status = 'running' AND locked_until < now()))
       ORDER BY run_at LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING ${JOB_COLUMNS}`,
    [worker, leaseSeconds, kinds, limit],
  );
  return rows;
}

/** Locks one due job for a transactional handler: the claim, the work and `done` commit together. */
export async function lockDueJob(q: Queryable, kinds: readonly string[]): Promise<JobRow | null> {
  const { rows } = await q.query<JobRow>(
    `SELECT ${JOB_COLUMNS} FROM jobs
     WHERE kind = ANY($1::text[]) AND run_at <= now()
       AND (status = 'pending' OR (status = 'running' AND locked_until < now()))
     ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [kinds],
  );
  return rows[0] ?? null;
}

export async function markJobDone(q: Queryable, id: string, worker: string | null) {
  await q.query(
    `UPDATE jobs SET status = 'done', finished_at = now(), locked_by = $2, locked_until = NULL, last_error = NULL,
       attempts = CASE WHEN status = 'pending' THEN attempts + 1 ELSE attempts END
     WHERE id = $1`,
    [id, worker],
  );
}

/**
 * A failed attempt: back to pending after `delaySeconds`, or failed for good once
 * max_attempts is reached.
 */
export async function markJobFailed(q: Queryable, id: string, error: string, delaySeconds: number, countAttempt = false) {
  await q.query(
    `UPDATE jobs SET
       attempts = attempts + CASE WHEN $4 THEN 1 ELSE 0 END,
       status = CASE WHEN attempts + CASE WHEN $4 THEN 1 ELSE 0 END >= max_attempts THEN 'failed' ELSE 'pending' END,
       finished_at = CASE WHEN attempts + CASE WHEN $4 THEN 1 ELSE 0 END >= max_attempts THEN now() END,
       run_at = now() + make_interval(secs => $3), locked_by = NULL, locked_until = NULL, last_error = left($2, 1000)
     WHERE id = $1`,
    [id, error, delaySeconds, countAttempt],
  );
}

export async function getJob(q: Queryable, kind: string, key: string): Promise<JobRow | null> {
  const { rows } = await q.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE kind = $1 AND key = $2`, [kind, key]);
  return rows[0] ?? null;
}

/** Registers a recurring task; an existing schedule keeps its next run, takes the new period. */
export async function upsertSchedule(q: Queryable, name: string, everySeconds: number) {
  await q.query(
    `INSERT INTO job_schedules (name, every_seconds, next_run_at) VALUES ($1, $2, now())
     ON CONFLICT (name) DO UPDATE SET every_seconds = EXCLUDED.every_seconds`,
    [name, everySeconds],
  );
}

/**
 * Takes the current period of a schedule for `worker`: true for exactly one process per
 * period. The row lock serializes concurrent claimers; the loser re-reads next_run_at,
 * already moved forward, and gets no row.
 */
export async function claimSchedule(q: Queryable, name: string, worker: string): Promise<boolean> {
  const res = await q.query(
    `UPDATE job_schedules SET next_run_at = now() + make_interval(secs => every_seconds), last_run_at = now(), last_run_by = $2
     WHERE name = $1 AND next_run_at <= now()`,
    [name, worker],
  );
  return res.rowCount > 0;
}

export async function recordScheduleError(q: Queryable, name: string, error: string | null) {
  await q.query('UPDATE job_schedules SET last_error = left($2, 1000) WHERE name = $1', [name, error]);
}

/** Finished jobs are kept 30 days (what ran, what failed and why), then removed. */
export async function pruneFinishedJobs(q: Queryable) {
  await q.query(`DELETE FROM jobs WHERE status IN ('done', 'failed') AND finished_at < now() - interval '30 days'`);
}
