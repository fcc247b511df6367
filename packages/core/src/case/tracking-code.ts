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

/**
 * The resident's tracking code (kode lacak): random, so it cannot be guessed from the case
 * number. Ten characters from 31 that cannot be mistaken for one another when read aloud or
 * copied by hand (no 0/O, 1/I/L): about 49 bits. Written in two groups, `K7M2Q-XR4TD`.
 */
export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 10;

/** The code from `TRACKING_CODE_LENGTH` indices into the alphabet (the server draws them at random). */
export function trackingCodeFromIndices(indices: readonly number[]): string {
  if (indices.length !== TRACKING_CODE_LENGTH) throw new RangeError('tracking code length');
  return indices.map((i) => {
    const c = TRACKING_CODE_ALPHABET[i];
    if (c === undefined) throw new RangeError('tracking code index');
    return c;
  }).join('');
}

/** `K7M2QXR4TD` as printed and shown: `K7M2Q-XR4TD`. */
export function displayTrackingCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * Reads a tracking code as people type it (lower case, spaces, dashes; O for 0 and I/L for 1
 * are not in the alphabet, so such a code is simply not one). Returns the stored form, or null.
 */
export function parseResidentTrackingCode(input: string): string | null {
  const compact = input.trim().toUpperCase().replace(/[\s.\-/]/g, '');
  if (compact.length !== TRACKING_CODE_LENGTH) return null;
  for (const ch of compact) if (!TRACKING_CODE_ALPHABET.includes(ch)) return null;
  return compact;
}
