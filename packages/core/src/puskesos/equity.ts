import { z } from 'zod';
import { PUSKESOS_HOSTS } from './puskesos-codes.ts';
import { ShownCountValue } from '../stats/shown-count.ts';

/**
 * The equity view (`GET /api/v1/puskesos/equity?area=&year=`): per village and per kecamatan,
 * what each Puskesos has to work with against what it carries, so the kabupaten sees which
 * fall behind and why. Aggregates only: no resident and no officer appears.
 */

const Ratio = z.number().nullable();

export const EquityRow = z.object({
  code: z.string(),
  name: z.string(),
  kecamatanCode: z.string(),
  kecamatanName: z.string(),
  /** Villages only: the host and grade name (null for a kecamatan). */
  host: z.enum(PUSKESOS_HOSTS).nullable(),
  gradeName: z.string().nullable(),
  population: z.number().int().nullable(),
  /** Confirmed budget of the year, all sources, rupiah. */
  funding: z.number(),
  fundingPerResident: Ratio,
  fundingPerCase: Ratio,
  officers: z.number().int(),
  officersPer1000: Ratio,
  volunteersShare: Ratio,
  facilitiesIndex: z.number(),
  trainingCoverage: Ratio,
  /** Cases registered in the year; for a reader without personal-data access 1-4 as '<5' and a revealing complement as 'x'. */
  cases: ShownCountValue,
  casesPerOfficer: Ratio,
  medianDaysToFirstAction: Ratio,
  referralsMet: Ratio,
});
export type EquityRow = z.infer<typeof EquityRow>;

export const EquityQuery = z.object({ area: z.string().max(20).optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

export const EquityView = z.object({
  area: z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'kabupaten', 'kecamatan', 'village']) }),
  year: z.number().int(),
  villages: z.array(EquityRow),
  kecamatan: z.array(EquityRow),
  /** True when small counts were suppressed for this reader (equity-suppression.ts). */
  suppressed: z.boolean(),
});
export type EquityView = z.infer<typeof EquityView>;

/** The columns a user may sort and map by, in the order the table shows them. */
export const EQUITY_METRICS = [
  'fundingPerResident', 'fundingPerCase', 'officersPer1000', 'volunteersShare', 'facilitiesIndex',
  'trainingCoverage', 'casesPerOfficer', 'medianDaysToFirstAction', 'referralsMet',
] as const satisfies ReadonlyArray<keyof EquityRow>;
export type EquityMetric = (typeof EQUITY_METRICS)[number];

/** True when a higher value is better (the map shades the worst darkest either way). */
export const EQUITY_HIGHER_IS_BETTER: Record<EquityMetric, boolean> = {
  fundingPerResident: true, fundingPerCase: true, officersPer1000: true, volunteersShare: false, facilitiesIndex: true,
  trainingCoverage: true, casesPerOfficer: false, medianDaysToFirstAction: false, referralsMet: true,
};

/** Sorts rows by a metric, nulls last, ties by name. */
export function sortEquity(rows: readonly EquityRow[], metric: EquityMetric, direction: 'asc' | 'desc'): EquityRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[metric];
    const y = b[metric];
    if (x === null && y === null) return a.name.localeCompare(b.name);
    if (x === null) return 1;
    if (y === null) return -1;
    return x === y ? a.name.localeCompare(b.name) : (x - y) * sign;
  });
}
