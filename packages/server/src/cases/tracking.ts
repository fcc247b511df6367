import { displayTrackingCode, parseResidentTrackingCode, type PublicTrackView } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import { notFound } from '../http/errors.ts';
import { consume, refund, type Limit } from '../limits/service.ts';
import { puskesosContact } from '../puskesos/public.ts';
import { selectTrackable } from './queries.ts';
import { selectNeeds } from './need-queries.ts';

/**
 * Wrong answers allowed per tracking code and per client address in an hour. A code that has
 * had 10 wrong answers answers 429 for the rest of the hour, even to its resident: 31^10 codes
 * times 10^4 PINs leave a guesser nothing, and the resident can ask the Puskesos meanwhile.
 */
export const TRACK_WRONG_PER_CODE: Limit = { name: 'track.code', max: 10, windowSeconds: 3600 };
export const TRACK_WRONG_PER_CLIENT: Limit = { name: 'track.client', max: 30, windowSeconds: 3600 };

/**
 * Public tracking with the resident's random tracking code and the last four digits of their
 * NIK (or the PIN on the receipt): status, dates and sectors only, and how to reach the Puskesos
 * holding the case (its public contact). A malformed code, a case
 * number, an unknown code and a wrong PIN all answer the same 404. Every attempt is counted
 * before it is checked (in the database, so the limits hold on every server process) and a
 * right answer is given back: only wrong answers use up the limits.
 */
export async function trackCase(q: Queryable, rawCode: string, pin: string, clientAddr: string): Promise<PublicTrackView> {
  await consume(q, TRACK_WRONG_PER_CLIENT, clientAddr);
  const code = parseResidentTrackingCode(rawCode);
  if (!code || !/^\d{4}$/.test(pin)) throw notFound();
  await consume(q, TRACK_WRONG_PER_CODE, code);
  const c = await selectTrackable(q, code, pin);
  if (!c) throw notFound();
  await refund(q, TRACK_WRONG_PER_CODE, code);
  await refund(q, TRACK_WRONG_PER_CLIENT, clientAddr);
  const needs = await selectNeeds(q, c.id);
  const puskesos = await puskesosContact(q, c.village_code);
  return {
    code: displayTrackingCode(code),
    status: c.status,
    level: c.level,
    registeredAt: c.registered_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
    dueAt: c.due_at.toISOString(),
    resolvedAt: c.resolved_at?.toISOString() ?? null,
    closedAt: c.closed_at?.toISOString() ?? null,
    needs: needs.map((n) => ({ sector: n.sector, status: n.status, arrangingAgain: n.status === 'open' && n.returned_at !== null })),
    puskesos,
  };
}
