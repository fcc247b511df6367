/**
 * Due dates are calendar days of the kabupaten, not of the server: a referral sent at 23:30
 * in Jayapura is due by Jayapura's calendar. Indonesia has three zones; the province part of
 * the area code says which.
 */
const WITA_PROVINCES = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT_PROVINCES = new Set(['81', '82', '91', '92', '93', '94', '95', '96', '97']);

/** The IANA time zone of an area (any level, dotted or `kab_code` digits). */
export function areaTimeZone(code: string): 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura' {
  const province = code.slice(0, 2);
  if (WITA_PROVINCES.has(province)) return 'Asia/Makassar';
  if (WIT_PROVINCES.has(province)) return 'Asia/Jayapura';
  return 'Asia/Jakarta';
}

/** The calendar day (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function localDateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Today's calendar day in the area (any level): what an officer there calls "today". */
export function areaToday(areaCode: string, now: Date = new Date()): string {
  return localDateIn(now, areaTimeZone(areaCode));
}

/** `ymd` plus `days` calendar days. */
export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** The due date of a referral sent at `sentAt` to a service answering within `responseDays`. */
export function referralDueDate(sentAt: Date, responseDays: number, kabCode: string): string {
  return addDays(localDateIn(sentAt, areaTimeZone(kabCode)), responseDays);
}

const UTC_OFFSET_HOURS = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 } as const;

/**
 * The instant the calendar day `ymd` ends in the area's zone (the next day's 00:00 there).
 * Indonesia keeps no daylight saving time, so each zone is a fixed offset.
 */
export function endOfLocalDay(ymd: string, code: string): Date {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1) - UTC_OFFSET_HOURS[areaTimeZone(code)] * 3600_000);
}

/** Past due when the kabupaten's today is after the due date (the due day itself still counts). */
export function isPastDue(dueDate: string, now: Date, kabCode: string): boolean {
  return localDateIn(now, areaTimeZone(kabCode)) > dueDate;
}
