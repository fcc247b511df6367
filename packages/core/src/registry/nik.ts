import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { formatDate } from '../i18n/date-format.ts';
import { ageInYears, compareYmd, dateExists, formatYmd, ymdOf, type Ymd } from './calendar-date.ts';
import { provinceCodeStatus } from './province-codes.ts';

/**
 * NIK and No. KK checks (see docs: shared/domain/nik.md). Errors reject the number; warnings
 * are data-quality flags an officer confirms, because the civil registry's number is
 * authoritative even when it looks inconsistent. The numbers are always strings: NIKs from
 * 91 up exceed Number.MAX_SAFE_INTEGER.
 */

export type Issue<C extends string = string> = { code: C; message: string };

export type NikIssueCode =
  | 'nik_not_digits'
  | 'nik_length'
  | 'nik_invalid_date'
  | 'nik_serial_zero'
  | 'nik_province_invalid'
  | 'nik_province_retired'
  | 'nik_kabupaten_zero'
  | 'nik_kecamatan_zero'
  | 'nik_region_unknown'
  | 'nik_birth_date_mismatch'
  | 'nik_sex_mismatch';

export type KkIssueCode =
  | 'kk_not_digits'
  | 'kk_length'
  | 'kk_province_invalid'
  | 'kk_province_retired'
  | 'kk_kabupaten_zero'
  | 'kk_kecamatan_zero'
  | 'kk_region_unknown'
  | 'kk_invalid_date'
  | 'kk_serial_zero';

export type ParsedNik = {
  /** `32` */
  provinceCode: string;
  /** `32.04` */
  kabupatenCode: string;
  /** `32.04.05` */
  kecamatanCode: string;
  sex: 'M' | 'F';
  /** `YYYY-MM-DD`, century resolved */
  birthDate: string;
  /** `0001` */
  serial: string;
};

export type ParsedKk = {
  provinceCode: string;
  kabupatenCode: string;
  kecamatanCode: string;
  /** `YYYY-MM-DD` when digits 7-12 form a possible date; absent otherwise. */
  recordedDate?: string;
  serial: string;
};

/** `ok` is true exactly when `errors` is empty, and then `parsed` is present. */
export type NumberValidation<C extends string, P> =
  | { ok: true; errors: []; warnings: Issue<C>[]; parsed: P }
  | { ok: false; errors: Issue<C>[]; warnings: Issue<C>[]; parsed?: undefined };

export type NikValidation = NumberValidation<NikIssueCode, ParsedNik>;
export type KkValidation = NumberValidation<KkIssueCode, ParsedKk>;

export type NumberCheckOptions = {
  /** Defaults to now; tests pass a fixed day. */
  today?: Date;
  /**
   * Area reference lookup, called with the dotted kabupaten code then the kecamatan code:
   * false = not a known area (a warning), true or undefined = known or cannot tell.
   */
  knownRegion?: (code: string) => boolean | undefined;
  locale?: Locale;
};

export type NikExpectation = { birthDate?: string; sex?: 'M' | 'F' };

const MAX_AGE = 120;

/** Validates a NIK; `expected` holds what is recorded for the person, to flag disagreements. */
export function validateNik(nik: string, expected?: NikExpectation, options: NumberCheckOptions = {}): NikValidation {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const issue = (code: NikIssueCode, params?: Record<string, string | number>): Issue<NikIssueCode> => ({
    code,
    message: t(locale, code.replace('_', '.'), params),
  });
  const errors: Issue<NikIssueCode>[] = [];
  const warnings: Issue<NikIssueCode>[] = [];

  if (!shapeOk(nik, 'nik', errors, issue)) return { ok: false, errors, warnings };

  const region = checkRegion(nik, 'nik', errors, warnings, issue, options.knownRegion);

  const rawDay = Number(nik.slice(6, 8));
  const sex = rawDay > 40 ? 'F' : 'M';
  const day = sex === 'F' ? rawDay - 40 : rawDay;
  const birth = resolveBirthDate(day, Number(nik.slice(8, 10)), Number(nik.slice(10, 12)), options.today ?? new Date(), expected?.birthDate);
  if (!birth) errors.push(issue('nik_invalid_date'));

  const serial = nik.slice(12);
  if (serial === '0000') errors.push(issue('nik_serial_zero'));

  if (errors.length > 0 || !birth) return { ok: false, errors, warnings };

  const birthDate = formatYmd(birth);
  // the sentences say both values, so the officer sees at once which one to correct
  if (expected?.birthDate !== undefined && expected.birthDate !== birthDate) {
    warnings.push(issue('nik_birth_date_mismatch', { nikDate: formatDate(birthDate, locale), givenDate: formatDate(expected.birthDate, locale) }));
  }
  if (expected?.sex !== undefined && expected.sex !== sex) {
    warnings.push(issue('nik_sex_mismatch', { nikSex: t(locale, `person.sex.${sex}`), givenSex: t(locale, `person.sex.${expected.sex}`) }));
  }

  return { ok: true, errors: [], warnings, parsed: { ...region, sex, birthDate, serial } };
}

/**
 * Validates a No. KK. The area part follows the NIK rules. Digits 7-12 are widely described
 * as the recording date (DDMMYY) and digits 13-16 as a serial, but KK numbering has varied
 * across regions and years, so an impossible date or a 0000 serial is only a warning: a
 * family must not be turned away because its card does not match a described format.
 */
export function validateKk(kk: string, options: NumberCheckOptions = {}): KkValidation {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const issue = (code: KkIssueCode, params?: Record<string, string | number>): Issue<KkIssueCode> => ({
    code,
    message: t(locale, code.replace('_', '.'), params),
  });
  const errors: Issue<KkIssueCode>[] = [];
  const warnings: Issue<KkIssueCode>[] = [];

  if (!shapeOk(kk, 'kk', errors, issue)) return { ok: false, errors, warnings };
  const region = checkRegion(kk, 'kk', errors, warnings, issue, options.knownRegion);

  const recorded = resolveRecordedDate(Number(kk.slice(6, 8)), Number(kk.slice(8, 10)), Number(kk.slice(10, 12)), options.today ?? new Date());
  if (!recorded) warnings.push(issue('kk_invalid_date'));
  const serial = kk.slice(12);
  if (serial === '0000') warnings.push(issue('kk_serial_zero'));

  if (errors.length > 0) return { ok: false, errors, warnings };
  const parsed: ParsedKk = { ...region, serial };
  if (recorded) parsed.recordedDate = formatYmd(recorded);
  return { ok: true, errors: [], warnings, parsed };
}

/** Shows a NIK or KK number as `3204********0001`; anything not 16 characters is masked whole. */
export function maskNik(nik: string): string {
  if (nik.length !== 16) return '*'.repeat(nik.length);
  return `${nik.slice(0, 4)}${'*'.repeat(8)}${nik.slice(12)}`;
}

/**
 * For importers: true when a NIK/KK cell value looks like it passed through a spreadsheet
 * number, which keeps 15 significant digits: scientific notation (`3.20405E+15`, also with a
 * decimal comma) or 16 digits ending in 0 (optionally with a `.0` tail), where the 16th digit
 * was probably lost. A real NIK can end in 0, so this flags for review; it does not reject.
 */
export function isSuspiciousSpreadsheetNumber(raw: string): boolean {
  const s = raw.trim();
  if (/^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/.test(s)) return true;
  const digits = /^(\d{16})(?:[.,]0+)?$/.exec(s)?.[1];
  return digits !== undefined && digits.endsWith('0');
}

type Kind = 'nik' | 'kk';
type IssueFactory<C extends string> = (code: C, params?: Record<string, string | number>) => Issue<C>;

function shapeOk<C extends string>(value: string, kind: Kind, errors: Issue<C>[], issue: IssueFactory<C>): boolean {
  if (!/^\d*$/.test(value)) errors.push(issue(`${kind}_not_digits` as C));
  if (value.length !== 16) errors.push(issue(`${kind}_length` as C, { length: value.length }));
  return errors.length === 0;
}

function checkRegion<C extends string>(
  value: string,
  kind: Kind,
  errors: Issue<C>[],
  warnings: Issue<C>[],
  issue: IssueFactory<C>,
  knownRegion: NumberCheckOptions['knownRegion'],
): Pick<ParsedNik, 'provinceCode' | 'kabupatenCode' | 'kecamatanCode'> {
  const provinceCode = value.slice(0, 2);
  const kabupatenCode = `${provinceCode}.${value.slice(2, 4)}`;
  const kecamatanCode = `${kabupatenCode}.${value.slice(4, 6)}`;

  const status = provinceCodeStatus(provinceCode);
  if (status === 'never_existed') errors.push(issue(`${kind}_province_invalid` as C, { code: provinceCode }));
  if (status === 'retired') warnings.push(issue(`${kind}_province_retired` as C, { code: provinceCode }));
  const kabZero = value.slice(2, 4) === '00';
  const kecZero = value.slice(4, 6) === '00';
  if (kabZero) errors.push(issue(`${kind}_kabupaten_zero` as C));
  if (kecZero) errors.push(issue(`${kind}_kecamatan_zero` as C));

  // Only a well-formed code in an existing province is worth looking up.
  if (knownRegion && status === 'exists' && !kabZero && !kecZero) {
    for (const code of [kabupatenCode, kecamatanCode]) {
      if (knownRegion(code) === false) {
        warnings.push(issue(`${kind}_region_unknown` as C, { code }));
        break;
      }
    }
  }
  return { provinceCode, kabupatenCode, kecamatanCode };
}

/**
 * The century is not encoded. Candidates are the dates in this century and the two before
 * that exist, are not in the future and give an age of 0-120. The recorded birth date wins
 * when it is one of them (a 110-year-old stays 110); otherwise the most recent wins, so a
 * baby born this year is not read as 100 years old.
 */
function resolveBirthDate(day: number, month: number, yy: number, today: Date, recorded: string | undefined): Ymd | null {
  const now = ymdOf(today);
  const candidates = centuryCandidates(day, month, yy, now).filter((d) => ageInYears(d, now) <= MAX_AGE);
  return candidates.find((d) => formatYmd(d) === recorded) ?? candidates[0] ?? null;
}

/** A KK is recorded on a past day: the most recent century that is not in the future. */
function resolveRecordedDate(day: number, month: number, yy: number, today: Date): Ymd | null {
  return centuryCandidates(day, month, yy, ymdOf(today))[0] ?? null;
}

/** Existing, not-future dates for the two-digit year, most recent century first. */
function centuryCandidates(day: number, month: number, yy: number, now: Ymd): Ymd[] {
  const century = Math.floor(now.year / 100) * 100;
  return [century, century - 100, century - 200]
    .map((c) => ({ year: c + yy, month, day }))
    .filter((d) => dateExists(d) && compareYmd(d, now) <= 0);
}
