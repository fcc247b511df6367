import { parseTrackingCode, type PublicTrackView } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import { notFound } from '../http/errors.ts';
import { selectNeeds, selectTrackable } from './queries.ts';

/**
 * Public tracking with the tracking code and the last four digits of the resident's NIK (or
 * the PIN on the receipt): status, dates and sectors only. A malformed code, an unknown code
 * and a wrong PIN all answer the same 404, so codes cannot be probed.
 */
export async function trackCase(q: Queryable, rawCode: string, pin: string): Promise<PublicTrackView> {
  const code = parseTrackingCode(rawCode);
  if (!code || !/^\d{4}$/.test(pin)) throw notFound();
  const c = await selectTrackable(q, code, pin);
  if (!c) throw notFound();
  const needs = await selectNeeds(q, c.id);
  return {
    code: c.code,
    status: c.status,
    level: c.level,
    registeredAt: c.registered_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
    dueAt: c.due_at.toISOString(),
    resolvedAt: c.resolved_at?.toISOString() ?? null,
    closedAt: c.closed_at?.toISOString() ?? null,
    needs: needs.map((n) => ({ sector: n.sector, status: n.status })),
  };
}
