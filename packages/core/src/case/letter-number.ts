import { caseCodeList } from './case-codes.ts';

/**
 * Numbered letters (surat): each has a number in the Indonesian office style
 * `NNNN/KIND/SLRT-KKKK/ROMAN-MONTH/YEAR` (`0012/REK/SLRT-3204/XI/2026`), a serial per
 * kabupaten, kind and year, and a QR code leading to a public page that confirms the
 * number, date, issuing office and validity, never the resident's data. No zod here: the web
 * imports these without the schemas (letter.ts).
 */
const LETTER_KIND_TABLE = caseCodeList([
  ['recommendation', 'Surat Rekomendasi', 'Recommendation letter'],
  ['registry_certificate', 'Surat Keterangan Status Registri', 'Certificate of registry status'],
  ['referral', 'Surat Rujukan', 'Referral letter'],
]);
export const LETTER_KIND_LIST = LETTER_KIND_TABLE.entries;
export const LETTER_KINDS = LETTER_KIND_TABLE.codes;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_PREFIX: Readonly<Record<LetterKind, string>> = {
  recommendation: 'REK',
  registry_certificate: 'SKET',
  referral: 'RUJ',
};

/** Days a letter stays valid after issue; a certificate of registry status ages faster than the registry. */
export const LETTER_VALIDITY_DAYS: Readonly<Record<LetterKind, number>> = {
  recommendation: 90,
  registry_certificate: 30,
  referral: 30,
};

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

/** Year and month of `at` in `timeZone`. */
export function yearMonthIn(at: Date, timeZone = 'Asia/Jakarta'): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(at);
  return { year: Number(parts.find((p) => p.type === 'year')?.value), month: Number(parts.find((p) => p.type === 'month')?.value) };
}

export function formatLetterNumber(kind: LetterKind, kabCode: string, serial: number, issuedAt: Date, timeZone = 'Asia/Jakarta'): string {
  const { year, month } = yearMonthIn(issuedAt, timeZone);
  return `${String(serial).padStart(4, '0')}/${LETTER_PREFIX[kind]}/SLRT-${kabCode}/${ROMAN[month - 1]}/${year}`;
}

export const LETTER_NUMBER_PATTERN = /^\d{4,}\/[A-Z]+\/SLRT-\d{4}\/[IVX]+\/\d{4}$/;

export type LetterValidity = 'valid' | 'expired' | 'revoked';

export function letterValidity(l: { validUntil: Date; revokedAt: Date | null }, now: Date = new Date()): LetterValidity {
  if (l.revokedAt) return 'revoked';
  return l.validUntil.getTime() < now.getTime() ? 'expired' : 'valid';
}

