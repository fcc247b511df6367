import type { NormalizedName } from './person-name.ts';
import { nameSimilarity, normalizePersonNameForMatching } from './person-name.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { compareHouseholdMembers, memberKeysOf, type HouseholdMember } from './household-members.ts';

/** What the linkage compares of a person: the registry fields, prepared once per record. */
export interface LinkageRecord extends HouseholdMember {
  /** The household the person lives in (the household members comparison; null: unknown). */
  householdId: string | null;
  nik: string | null;
  name: NormalizedName;
  /** `YYYY-MM-DD` */
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  /** Dotted Kemendagri village code `32.04.05.2004` */
  villageCode: string | null;
  kk: string | null;
  /** The birth date as `YYMMDD`, and the one NIK digits 7-12 encode (women's day less 40): compared apart. */
  birthKey: string | null;
  nikDateKey: string | null;
  /** Prepared once per record for the comparisons: the birth date as YYYYMMDD (-1 none), the kecamatan code, the NIK serial. */
  dateNum: number;
  kecamatan: string | null;
  nikSerial: string | null;
}

/**
 * The comparisons, each with its levels from "disagree" (0) up to "agree exactly". A level
 * of -1 means a value is missing: it adds no evidence either way. Data, so that the weights
 * shown to the kabupaten say what each level means.
 *
 * NIK: digits 1-12 repeat other fields: the issuing kecamatan (mostly where the person
 * lives), the birth date and the sex; the serial (13-16) restarts for every kecamatan, day
 * and sex. Two different people born the same day in the same kecamatan so have NIKs one
 * digit apart, and a NIK edit distance counts the birth date and the place a second time
 * (Splink's precision fell to 0.12 on that: issue 18's trap). So each part of the NIK is
 * compared once:
 * - `nik`: the whole NIK the same, else the serial alone (the same, one edit apart, other):
 *   the serial says nothing about the date or the place, so its weight adds to theirs.
 * - `nikBirthDate`: only where the recorded birth dates disagree, the date one record's NIK
 *   encodes against the other record's recorded date (a birth date typed wrong once, whose
 *   NIK still carries the right one). Where the recorded dates agree it is missing (the
 *   birth date comparison has counted that date already).
 * A NIK mistyped in digits 1-12 is found through the fields those digits repeat (birth date,
 * sex, place), each compared once; blocking finds it through the NIK without its serial.
 *
 * `household`: how many of the other members of one record's household have a counterpart in
 * the other's (household-members.ts): a family registered twice brings its members along,
 * namesakes do not.
 */
export const COMPARISONS = [
  { key: 'nik', levels: ['different', 'serial_one_edit', 'serial_exact', 'exact'] },
  { key: 'name', levels: ['different', 'jw_080', 'jw_088', 'jw_095', 'exact'] },
  { key: 'birthDate', levels: ['different', 'year_off_by_one', 'day_month_swapped', 'exact'] },
  { key: 'nikBirthDate', levels: ['different', 'exact'] },
  { key: 'sex', levels: ['different', 'exact'] },
  { key: 'village', levels: ['different', 'same_kecamatan', 'same_village'] },
  { key: 'kk', levels: ['different', 'exact'] },
  { key: 'household', levels: ['counterpart_elsewhere', 'none_agree', 'one_agrees', 'two_or_more_agree'] },
] as const;

export type ComparisonKey = (typeof COMPARISONS)[number]['key'];
export const COMPARISON_COUNT = COMPARISONS.length;
export const NULL_LEVEL = -1;

/** One substitution or one transposition of adjacent characters (strings of equal length). */
export function oneEditApart(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let first = -1;
  let diffs = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      if (++diffs > 2) return false;
      if (first < 0) first = i;
    }
  }
  if (diffs === 1) return true;
  // two differences: adjacent and swapped
  return a.charCodeAt(first) === b.charCodeAt(first + 1) && a.charCodeAt(first + 1) === b.charCodeAt(first) && a[first + 1] !== b[first + 1];
}

/** NIK: 3 the same, 2 the serial (digits 13-16) the same, 1 the serials one edit apart, 0 other. */
export function compareNik(a: string | null, b: string | null): number {
  if (!a || !b) return NULL_LEVEL;
  if (a === b) return 3;
  const sa = a.slice(12), sb = b.slice(12);
  if (sa === sb) return 2;
  return oneEditApart(sa, sb) ? 1 : 0;
}

/** `YYMMDD` of a `YYYY-MM-DD` date. */
export function birthKeyOf(date: string | null): string | null {
  return date && date.length >= 10 ? date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10) : null;
}

/** `YYMMDD` that NIK digits 7-12 encode (`DDMMYY`, women's day plus 40). */
export function nikDateKeyOf(nik: string | null): string | null {
  if (!nik || nik.length !== 16) return null;
  const day = Number(nik.slice(6, 8));
  if (!Number.isInteger(day)) return null;
  const d = day > 40 ? day - 40 : day;
  return nik.slice(10, 12) + nik.slice(8, 10) + String(d).padStart(2, '0');
}

/**
 * The date one record's NIK encodes against the other's recorded birth date, only where the
 * recorded dates disagree (else missing: the birth date comparison counted them) and a record's
 * NIK disagrees with its own recorded date (else missing: a NIK that carries its own record's
 * date says nothing the dates have not said): 1 such a NIK carries the other's date, 0 not.
 */
export function compareNikBirthDate(a: Pick<LinkageRecord, 'birthDate' | 'birthKey' | 'nikDateKey'>, b: Pick<LinkageRecord, 'birthDate' | 'birthKey' | 'nikDateKey'>): number {
  if (!a.birthDate || !b.birthDate || a.birthDate === b.birthDate) return NULL_LEVEL;
  const aOwn = a.nikDateKey !== null && a.nikDateKey !== a.birthKey;
  const bOwn = b.nikDateKey !== null && b.nikDateKey !== b.birthKey;
  if (!aOwn && !bOwn) return NULL_LEVEL;
  return (aOwn && a.nikDateKey === b.birthKey) || (bOwn && b.nikDateKey === a.birthKey) ? 1 : 0;
}

export const NAME_THRESHOLDS = [0.8, 0.88, 0.95] as const;

export function compareNameSimilarity(similarity: number): number {
  if (similarity >= 1) return 4;
  if (similarity >= NAME_THRESHOLDS[2]) return 3;
  if (similarity >= NAME_THRESHOLDS[1]) return 2;
  if (similarity >= NAME_THRESHOLDS[0]) return 1;
  return 0;
}

export function compareName(a: NormalizedName, b: NormalizedName): number {
  if (!a.text || !b.text) return NULL_LEVEL;
  return compareNameSimilarity(nameSimilarity(a, b, jaroWinkler));
}

export function compareBirthDate(a: string | null, b: string | null): number {
  if (!a || !b) return NULL_LEVEL;
  if (a === b) return 3;
  const ya = a.slice(0, 4), ma = a.slice(5, 7), da = a.slice(8, 10);
  const yb = b.slice(0, 4), mb = b.slice(5, 7), db = b.slice(8, 10);
  if (ya === yb && ma === db && da === mb) return 2;
  if (ma === mb && da === db && Math.abs(Number(ya) - Number(yb)) === 1) return 1;
  return 0;
}

export function compareSex(a: string | null, b: string | null): number {
  if (!a || !b) return NULL_LEVEL;
  return a === b ? 1 : 0;
}

export function compareVillage(a: string | null, b: string | null): number {
  if (!a || !b) return NULL_LEVEL;
  if (a === b) return 2;
  // 32.04.05.2004: the kecamatan is the first eight characters
  return a.slice(0, 8) === b.slice(0, 8) ? 1 : 0;
}

export function compareKk(a: string | null, b: string | null): number {
  if (!a || !b) return NULL_LEVEL;
  return a === b ? 1 : 0;
}

/** compareBirthDate on dates prepared as YYYYMMDD numbers (-1: none). */
export function compareDateNum(a: number, b: number): number {
  if (a < 0 || b < 0) return NULL_LEVEL;
  if (a === b) return 3;
  const ya = (a / 10000) | 0, ma = ((a / 100) | 0) % 100, da = a % 100;
  const yb = (b / 10000) | 0, mb = ((b / 100) | 0) % 100, db = b % 100;
  if (ya === yb && ma === db && da === mb) return 2;
  if (ma === mb && da === db && (ya - yb === 1 || yb - ya === 1)) return 1;
  return 0;
}

/**
 * Writes the comparison levels of a pair into `out` at `offset` (COMPARISON_COUNT values):
 * the functions above, on the values each record prepared once (the run compares millions).
 * `nameLevel`: compareName of the two, when the caller knows it already (NameLevels).
 */
export function compareRecords(a: LinkageRecord, b: LinkageRecord, out: Int8Array | number[] = new Int8Array(COMPARISON_COUNT), offset = 0, nameLevel?: number): Int8Array | number[] {
  if (a.nik === null || b.nik === null) out[offset] = NULL_LEVEL;
  else if (a.nik === b.nik) out[offset] = 3;
  else if (a.nikSerial === b.nikSerial) out[offset] = 2;
  else out[offset] = oneEditApart(a.nikSerial ?? '', b.nikSerial ?? '') ? 1 : 0;
  out[offset + 1] = nameLevel ?? compareName(a.name, b.name);
  out[offset + 2] = compareDateNum(a.dateNum, b.dateNum);
  out[offset + 3] = compareNikBirthDate(a, b);
  out[offset + 4] = a.sex === null || b.sex === null ? NULL_LEVEL : a.sex === b.sex ? 1 : 0;
  out[offset + 5] = a.villageCode === null || b.villageCode === null ? NULL_LEVEL : a.villageCode === b.villageCode ? 2 : a.kecamatan === b.kecamatan ? 1 : 0;
  out[offset + 6] = compareKk(a.kk, b.kk);
  out[offset + 7] = compareHouseholdMembers(a, b);
  return out;
}

// Names repeat (a few thousand distinct among a million people): normalise each once.
const nameCache = new Map<string, NormalizedName>();

function normalizedOnce(fullName: string): NormalizedName {
  let n = nameCache.get(fullName);
  if (!n) {
    if (nameCache.size >= 500_000) nameCache.clear();
    n = normalizePersonNameForMatching(fullName);
    nameCache.set(fullName, n);
  }
  return n;
}

/**
 * The linkage view of a registry person. With a household id, the household members
 * comparison needs prepareHouseholds over all the records before pairs are compared.
 */
export function linkageRecordOf(p: { nik: string | null; fullName: string; birthDate: string | null; sex: string | null; villageCode: string | null; kk: string | null; householdId?: string | null }): LinkageRecord {
  const name = normalizedOnce(p.fullName);
  const birthDate = p.birthDate || null;
  const sex = p.sex === 'M' || p.sex === 'F' ? p.sex : null;
  return {
    nik: p.nik || null,
    birthKey: birthKeyOf(p.birthDate || null),
    nikDateKey: nikDateKeyOf(p.nik || null),
    dateNum: p.birthDate && p.birthDate.length >= 10 ? Number(p.birthDate.slice(0, 4)) * 10000 + Number(p.birthDate.slice(5, 7)) * 100 + Number(p.birthDate.slice(8, 10)) : -1,
    kecamatan: p.villageCode ? p.villageCode.slice(0, 8) : null,
    nikSerial: p.nik && p.nik.length === 16 ? p.nik.slice(12) : null,
    name,
    birthDate,
    sex,
    villageCode: p.villageCode || null,
    kk: p.kk || null,
    householdId: p.householdId ?? null,
    memberKeys: memberKeysOf({ letters: name.letters, initial: name.sorted.charAt(0), birthDate, sex }),
    household: null,
    householdSlot: 0,
  };
}
