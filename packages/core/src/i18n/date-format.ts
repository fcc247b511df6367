import { intlTag, type Locale } from './locale.ts';

/** The kabupaten's clock: a time of day is shown as the office reads it. */
export const DISPLAY_TIME_ZONE = 'Asia/Jakarta';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The one way SLRT shows a date: "12 April 1978" (Indonesian) or "12 April 1978" (English),
 * on screens, letters and messages alike. A calendar date (`1978-04-12`) is shown as it is,
 * never shifted by a time zone; an instant (a `Date` or an ISO timestamp) as the kabupaten's
 * day, with the time of day when `withTime` is set ("12 April 1978 14.05").
 */
export function formatDate(value: string | Date | null | undefined, locale: Locale, opts: { withTime?: boolean; timeZone?: string } = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const tag = intlTag(locale);
  const calendar = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  if (calendar) {
    const day = new Date(Date.UTC(Number(calendar[1]), Number(calendar[2]) - 1, Number(calendar[3])));
    return new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(day);
  }
  const instant = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(instant.getTime())) return String(value);
  return new Intl.DateTimeFormat(tag, {
    day: 'numeric', month: 'long', year: 'numeric', timeZone: opts.timeZone ?? DISPLAY_TIME_ZONE,
    ...(opts.withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(instant);
}
