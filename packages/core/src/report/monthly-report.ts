import { z } from 'zod';
import { dayAfter, withPeriod, type DatePeriod } from '../stats/period.ts';
import { FUNDING_SOURCES } from '../program/assistance.ts';
import { OFFICER_POSITIONS, OUTREACH_BY } from '../puskesos/puskesos-codes.ts';

/**
 * The report upward (`GET /api/v1/reports/monthly?area=&period=&format=`): one village,
 * kecamatan or the kabupaten, for a month (`2026-11`), a quarter (`2026-Q4`) or a year
 * (`2026`). Counts only. For roles that see aggregates only (village head, executive), small
 * counts are suppressed (`<5`, `x`; `suppressed` true).
 */

export const REPORT_PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

/**
 * The period is either a label (`period`: 2026-11, 2026-Q4, 2026) or two dates (`from`..`to`,
 * inclusive), as every other statistic takes it; neither: this month.
 */
export const MonthlyReportQuery = withPeriod({
  area: z.string().min(2).max(20),
  period: z.string().regex(REPORT_PERIOD).optional(),
  format: z.enum(['pdf', 'xlsx', 'json']).default('json'),
});

export interface ReportPeriod {
  /** As asked: 2026-11, 2026-Q4, 2026. */
  label: string;
  kind: 'month' | 'quarter' | 'year' | 'custom';
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** First day after the period (exclusive). */
  until: string;
  /** The year of the funding figures (of the first day). */
  year: number;
}

/**
 * The period of two inclusive dates: labelled as a month, quarter or year when it is exactly
 * one (so `from=2026-10-01&to=2026-12-31` is the report `2026-Q4`), otherwise `custom` and
 * labelled `2026-10-05_2026-11-20`.
 */
export function reportPeriodOfDates(period: DatePeriod): ReportPeriod {
  const { from, to } = period;
  const year = Number(from.slice(0, 4));
  const until = dayAfter(to);
  if (from.endsWith('-01') && until.endsWith('-01')) {
    for (const label of [from.slice(0, 7), `${year}-Q${Math.ceil(Number(from.slice(5, 7)) / 3)}`, String(year)]) {
      const p = parseReportPeriod(label);
      if (p && p.from === from && p.until === until) return p;
    }
  }
  return { label: `${from}_${to}`, kind: 'custom', from, until, year };
}

/** The calendar days of a period label; null when it is not one. */
export function parseReportPeriod(label: string): ReportPeriod | null {
  const m = REPORT_PERIOD.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = (y: number, month: number) => (month > 12 ? `${y + 1}-01-01` : `${y}-${pad(month)}-01`);
  if (m[2]) {
    const month = Number(m[2]);
    return { label, kind: 'month', from: day(year, month), until: day(year, month + 1), year };
  }
  if (m[3]) {
    const first = (Number(m[3]) - 1) * 3 + 1;
    return { label, kind: 'quarter', from: day(year, first), until: day(year, first + 3), year };
  }
  return { label, kind: 'year', from: `${year}-01-01`, until: `${year + 1}-01-01`, year };
}

/**
 * A count as this reader sees it: a number, or for readers without personal-data access a
 * marker where it is too small to show (`<5`) or hidden so a small one cannot be computed (`x`).
 */
const Cell = z.union([z.number().int().nonnegative(), z.literal('<5'), z.literal('x')]);

export const ReportVillageRow = z.object({
  code: z.string(),
  name: z.string(),
  kecamatanName: z.string(),
  cases: Cell,
  referrals: Cell,
  proposals: Cell,
  outreach: z.number().int(),
  /** Any case, referral, proposal or outreach in the period. */
  reported: z.boolean(),
});
export type ReportVillageRow = z.infer<typeof ReportVillageRow>;

export const MonthlyReport = z.object({
  area: z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'kabupaten', 'kecamatan', 'village']) }),
  period: z.object({ label: z.string(), kind: z.enum(['month', 'quarter', 'year', 'custom']), from: z.string(), until: z.string() }),
  generatedAt: z.string(),
  suppressed: z.boolean(),
  cases: z.object({
    registered: Cell,
    resolved: Cell,
    closed: Cell,
    openAtEnd: Cell,
    bySector: z.array(z.object({ sector: z.string(), registered: Cell })),
    byDecision: z.object({ handle_directly: Cell, refer: Cell, reject: Cell, undecided: Cell }),
    medianDaysToFirstAction: z.number().nullable(),
    medianDaysToClose: z.number().nullable(),
  }),
  referrals: z.object({
    sent: Cell,
    byResult: z.object({ fulfilled: Cell, partly: Cell, not_fulfilled: Cell, declined: Cell, cancelled: Cell, open: Cell }),
    byPartner: z.array(z.object({ name: z.string(), sent: Cell, completed: Cell, declined: Cell })),
  }),
  proposals: z.object({ entered: Cell, approved: Cell, rejected: Cell, byType: z.object({ new: Cell, change: Cell, deactivate: Cell }) }),
  funding: z.array(z.object({ source: z.enum(FUNDING_SOURCES), budget: z.number(), spending: z.number() })),
  /** The assistance ledger: deliveries made in the period to households of the area, by funding source. */
  assistance: z.object({
    deliveries: Cell,
    households: Cell,
    valueIdr: z.number(),
    bySource: z.array(z.object({ source: z.enum(FUNDING_SOURCES), deliveries: Cell, households: Cell, valueIdr: z.number() })),
  }),
  capacity: z.object({
    puskesos: z.number().int(),
    active: z.number().int(),
    withoutBuilding: z.number().int(),
    officers: z.number().int(),
    volunteers: z.number().int(),
    vacancies: z.number().int(),
    /** Puskesos of the area where no active officer fills a required position, per position. */
    vacanciesByPosition: z.array(z.object({ position: z.enum(OFFICER_POSITIONS), vacancies: z.number().int() })),
    facilitiesIndex: z.number().nullable(),
    byGrade: z.array(z.object({ grade: z.string(), puskesos: z.number().int() })),
  }),
  outreach: z.object({ sessions: z.number().int(), reached: z.number().int(), byKind: z.array(z.object({ kind: z.enum(OUTREACH_BY), sessions: z.number().int(), reached: z.number().int() })) }),
  villages: z.array(ReportVillageRow),
  /** Villages of the area with no activity in the period (kecamatan and kabupaten reports). */
  silentVillages: z.array(z.object({ code: z.string(), name: z.string(), kecamatanName: z.string() })),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;
