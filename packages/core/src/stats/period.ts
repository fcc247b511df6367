import { z } from 'zod';
import { IsoDate } from '../registry/person.ts';

/**
 * The one period of every statistic and export that counts what happened over time: `from` and
 * `to`, calendar dates ('YYYY-MM-DD', inclusive, in the area's time zone). Either may be left
 * out: the default is the month of the other end, or this month. A period that ends before it
 * starts is refused naming `to` (`stats.period_order`).
 */
export interface DatePeriod {
  from: string;
  to: string;
}

/** The period fields of a query string, for `withPeriod` and for readers of the shape. */
export const PeriodFields = { from: IsoDate.optional(), to: IsoDate.optional() };

/** A query schema with `from`/`to` added to `shape`, refusing a period that ends before it starts. */
export function withPeriod<S extends z.ZodRawShape>(shape: S) {
  return z.object({ ...shape, ...PeriodFields }).superRefine((q, ctx) => {
    const { from, to } = q as { from?: string | undefined; to?: string | undefined };
    if (from && to && to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'stats.period_order' });
  });
}

/** The first and last day of the month of `today` ('YYYY-MM-DD'): the dashboard's default period. */
export function monthOf(today: string): DatePeriod {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

/**
 * The period asked for, each missing end taken from the month of the other end, or from this
 * month (`today`, 'YYYY-MM-DD' in the area's time zone). Null when it ends before it starts
 * (the caller answers 400 naming `to`).
 */
export function resolvePeriod(range: { from?: string | undefined; to?: string | undefined }, today: string): DatePeriod | null {
  const month = monthOf(range.to ?? range.from ?? today);
  const from = range.from ?? month.from;
  const to = range.to ?? month.to;
  return to < from ? null : { from, to };
}

/** The day after `date` ('YYYY-MM-DD'): the exclusive end of a period for half-open ranges. */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The period picker: named periods around today, or a custom one. */
export const PERIOD_PRESETS = ['this_month', 'last_month', 'this_quarter', 'this_year', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The dates of a named period containing (or, for last month, before) `today` ('YYYY-MM-DD'). */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): DatePeriod {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const ymd = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  switch (preset) {
    case 'this_month':
      return monthOf(today);
    case 'last_month':
      return m === 1 ? monthOf(ymd(y - 1, 12, 1)) : monthOf(ymd(y, m - 1, 1));
    case 'this_quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: ymd(y, first, 1), to: ymd(y, first + 2, lastDay(y, first + 2)) };
    }
    case 'this_year':
      return { from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
  }
}
