import { cutOffDateOf, defaultProposalSettings, localDateIn, nextPeriod, roundPeriodFor, type ProposalSettings } from '@slrt/core';
import type { Queryable } from '../../db/database.ts';
import { ensureRound, selectSettings } from './queries.ts';

/**
 * The round calendar of a kabupaten: its settings (or the defaults), its today, and the round a
 * proposal entering the workflow today joins.
 */

export async function settingsOf(q: Queryable, kabCode: string): Promise<ProposalSettings> {
  return (await selectSettings(q, kabCode)) ?? defaultProposalSettings(kabCode);
}

/** The kabupaten's calendar day now (its time zone, not the server's). */
export function todayIn(settings: ProposalSettings, now: Date = new Date()): string {
  return localDateIn(now, settings.timeZone);
}

/**
 * The open round a proposal of `villageCode` entering on `enteredOn` joins: the month given by
 * the cut-off, or the next month whose round the village has not sent yet.
 */
export async function roundForEntry(
  q: Queryable,
  settings: ProposalSettings,
  r: { kabCode: string; villageCode: string; enteredOn: string },
): Promise<{ id: string; period: string }> {
  let period = roundPeriodFor(r.enteredOn, settings.cutOffDay);
  // A village that sent its round early: later entries go to the following month.
  for (let i = 0; i < 24; i++) {
    const round = await ensureRound(q, { kabCode: r.kabCode, villageCode: r.villageCode, period, cutOffDate: cutOffDateOf(period, settings.cutOffDay) });
    if (round.status === 'open') return { id: round.id, period };
    period = nextPeriod(period);
  }
  throw new Error(`no open round for ${r.villageCode} within two years of ${r.enteredOn}`);
}
