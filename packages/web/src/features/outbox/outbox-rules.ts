import { ApiError } from '../../api/client.ts';

/**
 * What a failed send means for an outbox item:
 * - `later`: the server was not reached or cannot answer now (no link, a proxy's 502-504, a 500,
 *   too many requests, the session to be renewed). The item stays waiting, and the items after
 *   it wait too, so they are applied in the order they were made.
 * - `conflict`: the record changed meanwhile (409, 412: the step was taken by someone else, the
 *   resident was registered by another officer). The officer sees both versions and chooses.
 * - `refused`: the server refused what was entered (400, 403, 404, 422). The officer sees why.
 */
export type FailureKind = 'later' | 'conflict' | 'refused';

export function failureOf(error: unknown): FailureKind {
  if (!(error instanceof ApiError)) return 'refused';
  if (error.status === 0 || error.status === 401 || error.status === 429 || error.status >= 500) return 'later';
  if (error.status === 409 || error.status === 412) return 'conflict';
  return 'refused';
}

/** Kept after sending, to show what went (then removed: the outbox is not an archive). */
export const SENT_KEPT_MS = 24 * 60 * 60 * 1000;
