import { areaTimeZone, localDateIn, resolvePeriod } from '@slrt/core';
import type { Period } from '../db/period.ts';
import { fieldError } from './errors.ts';

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
