/**
 * Calendar dates as `YYYY-MM-DD` strings, compared without time zones. "Today" is read from a
 * `Date` with its local getters, so the browser uses the officer's calendar day and tests can
 * build dates with `new Date(2025, 2, 10)` whatever the machine's zone.
 */
export type Ymd = { year: number; month: number; day: number };

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Years 1 to 9999: PostgreSQL's `date` has no year 0 (`0000-01-01` is out of its range). */
export function dateExists({ year, month, day }: Ymd): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && year >= 1 &&
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** Parses a real calendar date in `YYYY-MM-DD` form; null for anything else (30 February too). */
export function parseYmd(value: string): Ymd | null {
  const m = YMD.exec(value);
  if (!m) return null;
  const ymd = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return dateExists(ymd) ? ymd : null;
}

export function formatYmd({ year, month, day }: Ymd): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function ymdOf(date: Date): Ymd {
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

/** Negative when a is earlier than b. */
export function compareYmd(a: Ymd, b: Ymd): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Completed years between birth and today (negative when birth is in the future). */
export function ageInYears(birth: Ymd, today: Ymd): number {
  const hadBirthday = today.month > birth.month || (today.month === birth.month && today.day >= birth.day);
  return today.year - birth.year - (hadBirthday ? 0 : 1);
}

/**
 * The one rule for the date of a field visit (a case's field verification, a proposal's
 * verification): a real day, not after today, not before the record it verifies was made.
 * All three are `YYYY-MM-DD` in the kabupaten's calendar. Returns the catalog key of the
 * problem, or null.
 */
export function fieldVisitDateProblem(visitDate: string, today: string, recordMadeOn: string): 'visit.in_future' | 'visit.before_record' | null {
  if (visitDate > today) return 'visit.in_future';
  if (visitDate < recordMadeOn) return 'visit.before_record';
  return null;
}
