/**
 * Case tracking codes people read aloud: `KKKK-YYMM-NNNNNN`, the kabupaten's 4 digits, the
 * year and month of registration (in the kabupaten's time zone) and a serial per kabupaten
 * and month (`3204-2611-000123`). Past 999999 cases in a month the serial grows a digit.
 */
const CODE = /^(\d{4})-(\d{4})-(\d{6,7})$/;

/** `YYMM` of `at` in `timeZone` (Indonesia: Asia/Jakarta, Asia/Makassar or Asia/Jayapura). */
export function trackingPeriod(at: Date, timeZone = 'Asia/Jakarta'): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: '2-digit', month: '2-digit' }).formatToParts(at);
  const year = parts.find((p) => p.type === 'year')?.value ?? '00';
  const month = parts.find((p) => p.type === 'month')?.value ?? '00';
  return `${year}${month}`;
}

export function formatTrackingCode(kabCode: string, period: string, serial: number): string {
  if (!/^\d{4}$/.test(kabCode) || !/^\d{4}$/.test(period) || !Number.isInteger(serial) || serial < 1 || serial > 9_999_999) {
    throw new RangeError('tracking code parts out of range');
  }
  return `${kabCode}-${period}-${String(serial).padStart(6, '0')}`;
}

/**
 * Reads a code as people type or say it: spaces, dots or no separators at all
 * (`3204 2611 000123`, `32042611000123`). Returns the canonical form, or null.
 */
export function parseTrackingCode(input: string): string | null {
  const trimmed = input.trim();
  if (CODE.test(trimmed)) return validMonth(trimmed) ? trimmed : null;
  const digits = trimmed.replace(/[\s.\-/]/g, '');
  if (!/^\d{14,15}$/.test(digits)) return null;
  const code = `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
  return validMonth(code) ? code : null;
}

function validMonth(code: string): boolean {
  const month = Number(code.slice(7, 9));
  return month >= 1 && month <= 12;
}
