import { z } from 'zod';
import { compareYmd, daysInMonth, formatYmd, parseYmd, type Ymd } from '../registry/calendar-date.ts';
import { areaTimeZone } from '../referral/due-date.ts';

/**
 * The village's monthly round (usulan bulanan) and its cut-off. Villages send proposals to the
 * kabupaten once a month, by a cut-off day (often the 17th): a proposal entered on or before the
 * cut-off day of a month belongs to that month's round, one entered after it to the next month's.
 * Dates are the kabupaten's calendar days (its time zone), never the server's.
 */
export const DEFAULT_CUT_OFF_DAY = 17;

/** A round's month, `YYYY-MM`. */
export const RoundPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'proposal.period_format' });
export type RoundPeriod = z.infer<typeof RoundPeriod>;

/** Indonesia's three zones (the zone of an area: `areaTimeZone` of the referral due dates). */
export const INDONESIAN_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type IndonesianTimeZone = (typeof INDONESIAN_TIME_ZONES)[number];

function ymd(date: string): Ymd {
  const parsed = parseYmd(date);
  if (!parsed) throw new RangeError(`not a date: ${date}`);
  return parsed;
}

function periodParts(period: string): { year: number; month: number } {
  if (!RoundPeriod.safeParse(period).success) throw new RangeError(`not a round period: ${period}`);
  return { year: Number(period.slice(0, 4)), month: Number(period.slice(5, 7)) };
}

function formatPeriod(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function nextPeriod(period: string): string {
  const { year, month } = periodParts(period);
  return month === 12 ? formatPeriod(year + 1, 1) : formatPeriod(year, month + 1);
}

export function checkCutOffDay(day: number): void {
  if (!Number.isInteger(day) || day < 1 || day > 31) throw new RangeError(`cut-off day must be 1-31 (got ${day})`);
}

/** The cut-off date of a round: its cut-off day, or the month's last day in a shorter month. */
export function cutOffDateOf(period: string, cutOffDay: number): string {
  checkCutOffDay(cutOffDay);
  const { year, month } = periodParts(period);
  return formatYmd({ year, month, day: Math.min(cutOffDay, daysInMonth(year, month)) });
}

/** The round a proposal entered on `localDate` belongs to. */
export function roundPeriodFor(localDate: string, cutOffDay: number): string {
  const d = ymd(localDate);
  const period = formatPeriod(d.year, d.month);
  return compareYmd(d, ymd(cutOffDateOf(period, cutOffDay))) <= 0 ? period : nextPeriod(period);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = ymd(from);
  const b = ymd(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/**
 * How a proposal stands against the clock: days since it entered the workflow, and days left
 * until its round's cut-off (negative once past it: overdue for the village).
 */
export interface Ageing {
  ageDays: number;
  daysToCutOff: number | null;
  overdue: boolean;
}

export function ageingOf(enteredOn: string, today: string, cutOffDate: string | null): Ageing {
  const daysToCutOff = cutOffDate === null ? null : daysBetween(today, cutOffDate);
  return { ageDays: Math.max(0, daysBetween(enteredOn, today)), daysToCutOff, overdue: daysToCutOff !== null && daysToCutOff < 0 };
}

/** What backs a round: the village deliberation's minutes (Musdes/Musdesus) or an SPTJM. */
export const ROUND_BASES = ['musdes', 'sptjm'] as const;
export const RoundBasis = z.enum(ROUND_BASES);
export type RoundBasis = z.infer<typeof RoundBasis>;

/** open: gathering proposals; submitted: sent by the village; reviewed: endorsed by the kecamatan. */
export const ROUND_STATUSES = ['open', 'submitted', 'reviewed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/**
 * The documents a round needs before the village may send it: the minutes and the attendance
 * list of the deliberation, or the signed SPTJM.
 */
export const ROUND_REQUIRED_DOCUMENTS = {
  musdes: ['minutes', 'attendance'],
  sptjm: ['sptjm'],
} as const satisfies Record<RoundBasis, readonly string[]>;

export function missingRoundDocuments(basis: RoundBasis, kinds: readonly string[]): string[] {
  return ROUND_REQUIRED_DOCUMENTS[basis].filter((k) => !kinds.includes(k));
}

/** `POST /api/v1/proposal-rounds/:id/submit`. */
export const SubmitRoundInput = z.strictObject({
  basis: RoundBasis,
  /** The day of the deliberation, or the day the SPTJM was signed. */
  basisDate: z.string().refine((s) => parseYmd(s) !== null, { message: 'field.invalid_format' }),
  note: z.string().trim().max(2000).optional(),
});
export type SubmitRoundInput = z.infer<typeof SubmitRoundInput>;

/** The round rules of a kabupaten (one row of `proposal_settings`). */
export const ProposalSettings = z.strictObject({
  cutOffDay: z.number().int().min(1).max(31),
  timeZone: z.enum(INDONESIAN_TIME_ZONES),
  /** Four eyes: the head of office who ratifies may not be the verifier of the same proposal. */
  separateRatifier: z.boolean(),
});
export type ProposalSettings = z.infer<typeof ProposalSettings>;

export function defaultProposalSettings(kabCode: string): ProposalSettings {
  return { cutOffDay: DEFAULT_CUT_OFF_DAY, timeZone: areaTimeZone(kabCode), separateRatifier: false };
}
