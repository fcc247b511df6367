import { parseYmd } from './calendar-date.ts';

/**
 * Builds NIK and KK numbers by the rules of nik.md, for synthetic populations and test data.
 * Never for real residents: their numbers come from the civil registry.
 */

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function regionDigits(kecamatanCode: string): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{2})$/.exec(kecamatanCode);
  if (!m) throw new RangeError(`kecamatanCode must be dotted like 32.04.05 (got ${kecamatanCode})`);
  return `${m[1]}${m[2]}${m[3]}`;
}

/** `PP KK CC DD MM YY SSSS`, with 40 added to the day for a woman. */
export function composeNik(p: { kecamatanCode: string; birthDate: string; sex: 'M' | 'F'; serial: number }): string {
  const birth = parseYmd(p.birthDate);
  if (!birth) throw new RangeError('birthDate must be a real date as YYYY-MM-DD');
  if (!Number.isInteger(p.serial) || p.serial < 1 || p.serial > 9999) throw new RangeError('serial must be 1-9999');
  const day = birth.day + (p.sex === 'F' ? 40 : 0);
  return `${regionDigits(p.kecamatanCode)}${pad(day, 2)}${pad(birth.month, 2)}${pad(birth.year % 100, 2)}${pad(p.serial, 4)}`;
}

/** Issuing kecamatan, recording date `DDMMYY`, serial. */
export function composeKk(p: { kecamatanCode: string; recordedDate: string; serial: number }): string {
  const d = parseYmd(p.recordedDate);
  if (!d) throw new RangeError('recordedDate must be a real date as YYYY-MM-DD');
  if (!Number.isInteger(p.serial) || p.serial < 1 || p.serial > 9999) throw new RangeError('serial must be 1-9999');
  return `${regionDigits(p.kecamatanCode)}${pad(d.day, 2)}${pad(d.month, 2)}${pad(d.year % 100, 2)}${pad(p.serial, 4)}`;
}
