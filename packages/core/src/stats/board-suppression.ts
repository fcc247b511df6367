import { z } from 'zod';
import { REFERRAL_STATUSES, type ReferralStatus } from '../referral/referral-state.ts';
import { COMPLEMENT_HIDDEN, SMALL_COUNT, shownNumber, suppressSmallCounts, type CountGroup, type ShownCount } from './suppression.ts';

/**
 * The referral board (referrals of an area in a period, by status and per partner) as a reader
 * without personal-data access (the executive) sees it: counts 1..4 as `'<5'`, the cells that
 * would reveal them as `'x'`, rates and averages over a hidden count null. Pure.
 */

const Count = z.union([z.number().int().nonnegative(), z.literal(SMALL_COUNT), z.literal(COMPLEMENT_HIDDEN)]);

export const ReferralBoardPartner = z.object({
  organizationId: z.uuid(), organizationName: z.string(), total: Count, open: Count, accepted: Count,
  declined: Count, completed: Count, cancelled: Count, overdue: Count,
  acceptanceRate: z.number().nullable(), avgHoursToAccept: z.number().nullable(), avgDaysToComplete: z.number().nullable(),
});
export type ReferralBoardPartner = z.infer<typeof ReferralBoardPartner>;

export const ReferralBoardCounts = z.object({
  byStatus: z.object(Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, Count])) as Record<ReferralStatus, typeof Count>),
  overdue: Count,
  partners: z.array(ReferralBoardPartner),
  /** True when small counts were suppressed for this reader. */
  suppressed: z.boolean(),
});
export type ReferralBoardCounts = z.infer<typeof ReferralBoardCounts>;

const PARTNER_COUNTS = ['total', 'open', 'accepted', 'declined', 'completed', 'cancelled', 'overdue'] as const;

/** A board as counted (every count a number), suppressed for a reader without personal-data access. */
export function suppressReferralBoard<T extends ReferralBoardCounts>(board: T): T {
  const cells = new Map<string, number>();
  const n = (c: ShownCount): number => {
    if (typeof c !== 'number') throw new Error('suppressReferralBoard: the board is already suppressed');
    return c;
  };
  for (const s of REFERRAL_STATUSES) cells.set(`s.${s}`, n(board.byStatus[s]));
  cells.set('overdue', n(board.overdue));
  board.partners.forEach((p, i) => { for (const k of PARTNER_COUNTS) cells.set(`p${i}.${k}`, n(p[k])); });
  // Totals a reader may add up from the shown parts. `all` and `open` are not shown as such, but
  // treating them as known only hides more, never less.
  const sum = (key: string) => [...cells.entries()].filter(([k]) => new RegExp(`^p\\d+\\.${key}$`).test(k)).reduce((a, [, v]) => a + v, 0);
  cells.set('all', REFERRAL_STATUSES.reduce((a, s) => a + cells.get(`s.${s}`)!, 0));
  cells.set('open', sum('open'));
  const ps = board.partners.map((_, i) => i);
  const groups: CountGroup[] = [
    { total: 'all', parts: REFERRAL_STATUSES.map((s) => `s.${s}`) },
    { total: 'all', parts: ps.map((i) => `p${i}.total`) },
    { total: 'open', parts: ps.map((i) => `p${i}.open`) },
    { total: 'open', parts: ['s.sent', 's.accepted', 's.in_service'] },
    { total: 's.declined', parts: ps.map((i) => `p${i}.declined`) },
    { total: 's.completed', parts: ps.map((i) => `p${i}.completed`) },
    { total: 's.cancelled', parts: ps.map((i) => `p${i}.cancelled`) },
    { total: 'overdue', parts: ps.map((i) => `p${i}.overdue`) },
    ...ps.map((i) => ({ total: `p${i}.total`, parts: ['open', 'declined', 'completed', 'cancelled'].map((k) => `p${i}.${k}`) })),
  ].filter((g) => g.parts.length > 0);
  const shown = suppressSmallCounts(cells, groups);
  const get = (key: string) => shown.get(key)!;
  return {
    ...board,
    byStatus: Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, get(`s.${s}`)])) as Record<ReferralStatus, ShownCount>,
    overdue: get('overdue'),
    partners: board.partners.map((p, i) => {
      const c = Object.fromEntries(PARTNER_COUNTS.map((k) => [k, get(`p${i}.${k}`)])) as Record<(typeof PARTNER_COUNTS)[number], ShownCount>;
      const answeredShown = shownNumber(c.accepted) !== null && shownNumber(c.declined) !== null;
      return {
        ...p, ...c,
        acceptanceRate: answeredShown ? p.acceptanceRate : null,
        avgHoursToAccept: shownNumber(c.accepted) !== null ? p.avgHoursToAccept : null,
        avgDaysToComplete: shownNumber(c.completed) !== null ? p.avgDaysToComplete : null,
      };
    }),
    suppressed: true,
  };
}
