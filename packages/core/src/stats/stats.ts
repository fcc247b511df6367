import { z } from 'zod';
import { SECTORS } from '../case/case-codes.ts';
import { CASE_STATUSES } from '../case/case-state.ts';
import { PROPOSAL_STATUSES } from '../proposal/proposal-state.ts';
import { REFERRAL_STATUSES } from '../referral/referral-state.ts';
import { withPeriod } from './period.ts';
import { DESIL_BANDS, STATS_REGISTRY_STATUSES } from './stats-codes.ts';
import { COMPLEMENT_HIDDEN, SMALL_COUNT } from './suppression.ts';
import { LangParam } from '../wire.ts';

export * from './stats-codes.ts';
export * from './period.ts';

/**
 * The kabupaten dashboard (`GET /api/v1/stats/overview`): what an area is responsible for,
 * in counts, rates and medians only. The response schema is an allowlist with no field that
 * could carry a resident's name, NIK, KK, address or a record id, and no officer's name: the
 * executive (aggregates only) reads it as it is.
 */

/**
 * A count: a number, or for a reader without personal-data access (the executive) `'<5'` for
 * 1..4 and `'x'` for a count hidden so that a small one cannot be computed (`suppression.ts`).
 */
const Count = z.union([z.number().int().nonnegative(), z.literal(SMALL_COUNT), z.literal(COMPLEMENT_HIDDEN)]);
/** Days (one decimal), null when nothing was measured. */
const Days = z.number().nonnegative().nullable();
/** A share between 0 and 1 (three decimals), null when the denominator is zero. */
const Share = z.number().min(0).max(1).nullable();

const countsOf = <const K extends string>(keys: readonly K[]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, Count])) as Record<K, typeof Count>);

export const StatsArea = z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'kabupaten', 'kecamatan', 'village']) });
export type StatsArea = z.infer<typeof StatsArea>;

/**
 * `from` and `to` (dates, inclusive, in the kabupaten's time zone) bound what happened in a
 * period: cases registered, referrals sent, proposals opened. Default: this month. Residents
 * and the Puskesos load are counted as they stand now.
 */
export const StatsOverviewQuery = withPeriod({ area: z.string().max(20).optional() });
export type StatsOverviewQuery = z.infer<typeof StatsOverviewQuery>;

/** The CSV report's query: the same, and `lang` for its headers and labels (default: Accept-Language). */
export const StatsCsvQuery = withPeriod({ area: z.string().max(20).optional(), lang: LangParam.optional() });
export type StatsCsvQuery = z.infer<typeof StatsCsvQuery>;

export const StatsPeriod = z.object({ from: z.string(), to: z.string() });
export type StatsPeriod = z.infer<typeof StatsPeriod>;

/** The counts of a child area's row, in the order the dashboard and the CSV report show them. */
export const STATS_CHILD_COUNTS = [
  'residents', 'casesTotal', 'casesOpen', 'casesOverdue', 'fastTrackOpen',
  'referralsTotal', 'referralsOpen', 'referralsOverdue', 'proposalsInProgress', 'puskesosOfficers',
] as const;

/** One child area (a kecamatan of a kabupaten, a village of a kecamatan) side by side. */
export const StatsChildRow = z.object({ code: z.string(), name: z.string(), ...countsOf(STATS_CHILD_COUNTS).shape });
export type StatsChildRow = z.infer<typeof StatsChildRow>;

/** A partner organization's answer to the referrals of the area (weak coordination shows here). */
export const StatsPartnerRow = z.object({
  name: z.string(),
  sent: Count,
  accepted: Count,
  completed: Count,
  declined: Count,
  open: Count,
  overdue: Count,
  acceptanceRate: Share,
});
export type StatsPartnerRow = z.infer<typeof StatsPartnerRow>;

/**
 * The load of one village's Puskesos: open village-level cases per officer account (users
 * holding a Puskesos role scoped to the village), and the share of them overdue. `casesPerOfficer`
 * is null when the village has no officer account at all (then any open case is unattended load).
 */
export const StatsLoadRow = z.object({
  code: z.string(),
  name: z.string(),
  kecamatanName: z.string(),
  officers: Count,
  openCases: Count,
  overdue: Count,
  casesPerOfficer: z.number().nonnegative().nullable(),
  overdueShare: Share,
});
export type StatsLoadRow = z.infer<typeof StatsLoadRow>;

export const StatsOverview = z.object({
  area: StatsArea,
  /** From the widest area the caller may see down to the area's parent (drill back up). */
  parents: z.array(StatsArea),
  childLevel: z.enum(['kabupaten', 'kecamatan', 'village']).nullable(),
  generatedAt: z.string(),
  /**
   * Where the figures were read: the streaming replica (DATABASE_REPLICA_URL) with how many
   * seconds its replay trails the primary (0: caught up; null: not known yet), or the primary.
   */
  readFrom: z.object({ replica: z.boolean(), lagSeconds: z.number().nonnegative().nullable() }),
  /** The period of cases, referrals and proposals (inclusive dates). */
  period: StatsPeriod,
  residents: z.object({
    total: Count,
    active: Count,
    byStatus: countsOf(STATS_REGISTRY_STATUSES),
    byDesil: countsOf(DESIL_BANDS),
  }),
  cases: z.object({
    total: Count,
    open: Count,
    byStatus: countsOf(CASE_STATUSES),
    bySector: z.array(z.object({ sector: z.enum(SECTORS), total: Count, open: Count })),
    overdue: Count,
    fastTrack: Count,
    fastTrackOpen: Count,
    escalatedOpen: Count,
    medianDaysToFirstAction: Days,
    medianDaysToClose: Days,
  }),
  referrals: z.object({
    total: Count,
    open: Count,
    byStatus: countsOf(REFERRAL_STATUSES),
    acceptanceRate: Share,
    medianDaysToAccept: Days,
    medianDaysToComplete: Days,
    overdue: Count,
    partners: z.array(StatsPartnerRow),
  }),
  proposals: z.object({
    total: Count,
    inProgress: Count,
    byStatus: countsOf(PROPOSAL_STATUSES),
    waitingNational: Count,
  }),
  children: z.array(StatsChildRow),
  puskesosLoad: z.array(StatsLoadRow),
  /** True when small counts are hidden (the caller holds no personal-data permission). */
  suppressed: z.boolean(),
});
export type StatsOverview = z.infer<typeof StatsOverview>;
export * from './suppression.ts';
