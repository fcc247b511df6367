import { areaTimeZone, localDateIn, resolvePeriod } from '@slrt/core';
import { fieldError } from '../http/errors.ts';

/**
 * The period of a statistic or export (`from`..`to`, inclusive local dates) and the time zone
 * its days are read in. Every count over time takes it from `periodFor`, and its SQL from
 * `inPeriodSql`, so that a day means the same in every report.
 */
export interface Period {
  from: string;
  to: string;
  timeZone: string;
}

/**
 * The period asked for in the area's time zone (each missing end: the month of the other end,
 * or this month). A period that ends before it starts is a 400 naming `to`.
 */
export function periodFor(areaCode: string, range: { from?: string | undefined; to?: string | undefined }, now: Date = new Date()): Period {
  const timeZone = areaTimeZone(areaCode);
  const period = resolvePeriod(range, localDateIn(now, timeZone));
  if (!period) throw fieldError('to', 'stats.period_order');
  return { ...period, timeZone };
}

/** SQL: `col` (a timestamptz) falls on a local day of the period. `add` binds a parameter and answers its placeholder. */
export function inPeriodSql(col: string, period: Period, add: (value: unknown) => string): string {
  const tz = add(period.timeZone);
  return `${col} >= (${add(period.from)}::date::timestamp AT TIME ZONE ${tz}) AND ${col} < ((${add(period.to)}::date + 1)::timestamp AT TIME ZONE ${tz})`;
}
