import { F_DATE, F_KECAMATAN, F_KK_HI, F_KK_LO, F_NAME, F_NIK_DATE, F_NIK_REGION, F_SEX, F_VILLAGE, ROW, type NameColumns, type RecordTable } from './record-table.ts';

/**
 * BLOCKING_RULES (blocking.ts) on a RecordTable: the same rules, by the same names, each key
 * a hash of the numbers the rule's key string is made of (the NIK's parts, the date, ids of
 * the name's letters and words, of the village and kecamatan), so no string is built per
 * record and rule. Two records share a key here exactly when they share the rule's key
 * string (a hash collision adds a pair, never loses one); a test holds the pairs equal.
 */
export interface TableRule {
  name: string;
  /** Writes the key hashes of row i into `out` (at most its length); returns how many. */
  write: (t: RecordTable, nc: NameColumns, i: number, out: Float64Array) => number;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** 53-bit hash of a rule's tag and up to four numbers (each at most 2^31). */
export function intKey(tag: number, a: number, b = 0, c = 0, d = 0): number {
  let h1 = Math.imul(tag, 0x9e3779b1) ^ 0x811c9dc5;
  let h2 = Math.imul(tag, 0x7feb352d) ^ 0x01000193;
  h1 = fmix(h1 ^ a); h2 = fmix(Math.imul(h2 ^ a, 0x27d4eb2f));
  h1 = fmix(h1 ^ b); h2 = fmix(Math.imul(h2 ^ b, 0x27d4eb2f));
  h1 = fmix(h1 ^ c); h2 = fmix(Math.imul(h2 ^ c, 0x27d4eb2f));
  h1 = fmix(h1 ^ d); h2 = fmix(Math.imul(h2 ^ d, 0x27d4eb2f));
  return (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff);
}

const year = (d: number) => Math.floor(d / 10000);
/** The day and month as a set (min * 100 + max): the same for a swapped day and month. */
const dayMonthSet = (d: number) => {
  const m = Math.floor(d / 100) % 100, day = d % 100;
  return m < day ? m * 100 + day : day * 100 + m;
};
/** sex code as the key strings write it: M, F or nothing. */
const sexOf = (t: RecordTable, i: number) => (t.cols.rows[i * ROW + F_SEX] as number) < 0 ? 2 : (t.cols.rows[i * ROW + F_SEX] as number);

export const TABLE_RULES: readonly TableRule[] = [
  {
    name: 'nik_without_serial',
    write: (t, _nc, i, out) => {
      const r = t.cols.rows[i * ROW + F_NIK_REGION] as number;
      if (r < 0) return 0;
      out[0] = intKey(1, r, t.cols.rows[i * ROW + F_NIK_DATE] as number);
      return 1;
    },
  },
  {
    name: 'nik_date_initial',
    write: (t, nc, i, out) => {
      const init = nc.initial[t.cols.rows[i * ROW + F_NAME] as number] as number;
      if ((t.cols.rows[i * ROW + F_NIK_REGION] as number) < 0 || init === 0) return 0;
      out[0] = intKey(2, t.cols.rows[i * ROW + F_NIK_DATE] as number, init);
      return 1;
    },
  },
  {
    name: 'nik_region_date_part_initial',
    write: (t, nc, i, out) => {
      const r = t.cols.rows[i * ROW + F_NIK_REGION] as number;
      const init = nc.initial[t.cols.rows[i * ROW + F_NAME] as number] as number;
      if (r < 0 || init === 0) return 0;
      const d = t.cols.rows[i * ROW + F_NIK_DATE] as number; // DDMMYY
      const dd = Math.floor(d / 10000);
      out[0] = intKey(3, r, Math.floor(d / 100), init);
      out[1] = intKey(4, r, dd, d % 100, init);
      out[2] = intKey(5, r, dd > 40 ? 1 : 0, d % 10000, init);
      return 3;
    },
  },
  {
    name: 'birth_date_sex_initial',
    write: (t, nc, i, out) => {
      const d = t.cols.rows[i * ROW + F_DATE] as number, init = nc.initial[t.cols.rows[i * ROW + F_NAME] as number] as number;
      if (d < 0 || init === 0) return 0;
      out[0] = intKey(6, d, sexOf(t, i), init);
      return 1;
    },
  },
  {
    name: 'name_birth_year',
    write: (t, nc, i, out) => {
      const d = t.cols.rows[i * ROW + F_DATE] as number, x = t.cols.rows[i * ROW + F_NAME] as number;
      if (d < 0 || nc.initial[x] === 0) return 0;
      out[0] = intKey(7, nc.lettersId[x] as number, year(d));
      return 1;
    },
  },
  {
    name: 'name_day_month',
    write: (t, nc, i, out) => {
      const d = t.cols.rows[i * ROW + F_DATE] as number, x = t.cols.rows[i * ROW + F_NAME] as number;
      if (d < 0 || nc.initial[x] === 0) return 0;
      out[0] = intKey(8, nc.lettersId[x] as number, dayMonthSet(d));
      return 1;
    },
  },
  {
    name: 'name_word_birth_year_kecamatan',
    write: (t, nc, i, out) => {
      const d = t.cols.rows[i * ROW + F_DATE] as number, x = t.cols.rows[i * ROW + F_NAME] as number, k = t.cols.rows[i * ROW + F_KECAMATAN] as number;
      if (d < 0 || k < 0 || (nc.wordCount[x] as number) <= 1) return 0;
      const s = nc.wordStart[x] as number, e = Math.min(nc.wordStart[x + 1] as number, s + out.length);
      const y = year(d), sex = sexOf(t, i);
      for (let w = s; w < e; w++) out[w - s] = intKey(9, nc.longWords[w] as number, y, sex, k);
      return e - s;
    },
  },
  {
    name: 'initial_sex_kecamatan_day_month',
    write: (t, nc, i, out) => {
      const d = t.cols.rows[i * ROW + F_DATE] as number, init = nc.initial[t.cols.rows[i * ROW + F_NAME] as number] as number, k = t.cols.rows[i * ROW + F_KECAMATAN] as number;
      if (d < 0 || k < 0 || init === 0) return 0;
      out[0] = intKey(10, init * 4 + sexOf(t, i), k, dayMonthSet(d));
      return 1;
    },
  },
  {
    name: 'kk_initial',
    write: (t, nc, i, out) => {
      const hi = t.cols.rows[i * ROW + F_KK_HI] as number, init = nc.initial[t.cols.rows[i * ROW + F_NAME] as number] as number;
      if (hi < 0 || init === 0) return 0;
      out[0] = intKey(11, hi, t.cols.rows[i * ROW + F_KK_LO] as number, init);
      return 1;
    },
  },
  {
    name: 'birth_date_sex_village',
    write: (t, _nc, i, out) => {
      const d = t.cols.rows[i * ROW + F_DATE] as number, v = t.cols.rows[i * ROW + F_VILLAGE] as number;
      if (d < 0 || v < 0) return 0;
      out[0] = intKey(12, d, sexOf(t, i), v);
      return 1;
    },
  },
  {
    name: 'birth_date_sex_written_initial',
    write: (t, nc, i, out) => {
      const d = t.cols.rows[i * ROW + F_DATE] as number, w = nc.written[t.cols.rows[i * ROW + F_NAME] as number] as number;
      if (d < 0 || w === 0) return 0;
      out[0] = intKey(13, w, d, sexOf(t, i));
      return 1;
    },
  },
  {
    name: 'name_word_birth_date',
    write: (t, nc, i, out) => {
      const d = t.cols.rows[i * ROW + F_DATE] as number, x = t.cols.rows[i * ROW + F_NAME] as number;
      if (d < 0 || (nc.wordCount[x] as number) === 0) return 0;
      const s = nc.wordStart[x] as number, e = Math.min(nc.wordStart[x + 1] as number, s + out.length);
      for (let w = s; w < e; w++) out[w - s] = intKey(14, nc.longWords[w] as number, d);
      return e - s;
    },
  },
];

/** The table rule of each blocking rule, by name. */
export function tableRulesOf(names: readonly string[]): TableRule[] {
  return names.map((name) => {
    const rule = TABLE_RULES.find((r) => r.name === name);
    if (!rule) throw new Error(`no table blocking rule named ${name}`);
    return rule;
  });
}
