import type { Queryable } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import { deleteStaleCounters, hitCounter, resetCounter, unhitCounter } from './queries.ts';

/**
 * Rate limits kept in the database (table `rate_counters`), so that they hold whichever server
 * process answers and survive a restart. A limit is a name, a number of hits and a window;
 * a key (a client address, a tracking code, an account) picks its bucket.
 */
export interface Limit {
  name: string;
  max: number;
  windowSeconds: number;
}

const bucketOf = (limit: Limit, key: string) => `${limit.name}:${key}`;

/** 429 in the error shape, saying how long to wait. */
function rateLimited(retryAfterSeconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new AppError('rate_limited', { key: 'error.rate_limited', params: { minutes } }, undefined, { retryAfterSeconds });
}

function retryAfter(limit: Limit, windowStart: Date): number {
  return Math.max(1, Math.ceil((windowStart.getTime() + limit.windowSeconds * 1000 - Date.now()) / 1000));
}

/**
 * Counts one attempt against `limit` for `key` and says whether it may go ahead: not once the
 * window holds more than `max`. The count is taken before the attempt is served, in one
 * statement, so concurrent attempts (on any process) cannot get past the limit together.
 */
export async function attempt(q: Queryable, limit: Limit, key: string): Promise<{ allowed: boolean; hits: number; retryAfterSeconds: number }> {
  const { hits, windowStart } = await hitCounter(q, bucketOf(limit, key), limit.windowSeconds);
  // now and then, sweep counters whose window is long over
  if (Math.random() < 0.01) await deleteStaleCounters(q, 24 * 3600);
  return { allowed: hits <= limit.max, hits, retryAfterSeconds: retryAfter(limit, windowStart) };
}

/** `attempt`, answering 429 (error shape, Retry-After) past the limit. */
export async function consume(q: Queryable, limit: Limit, key: string): Promise<void> {
  const r = await attempt(q, limit, key);
  if (!r.allowed) throw rateLimited(r.retryAfterSeconds);
}

/** Gives back an attempt that turned out right (only wrong answers are limited). */
export function refund(q: Queryable, limit: Limit, key: string): Promise<void> {
  return unhitCounter(q, bucketOf(limit, key));
}

export function clearLimit(q: Queryable, limit: Limit, key: string): Promise<void> {
  return resetCounter(q, bucketOf(limit, key));
}
