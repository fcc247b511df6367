import type { LinkageRecord } from './comparisons.ts';
import { keyHash } from './key-hash.ts';

/**
 * Blocking: only pairs that share at least one key of these rules are compared (the union).
 * Each rule is chosen for a kind of duplicate that the others miss; the benchmark measures
 * what the union keeps (docs/benchmarks.md).
 *
 * Serials start at 0001 for every issuing kecamatan, day and sex, so most NIKs share their
 * serial: a key that leaves out the date part of the NIK would put everyone of a kecamatan
 * and year in one block. The NIK rules are: the NIK without its serial (a wrong serial
 * digit), and the NIK's own date and sex with the name's initial (a wrong region digit,
 * whatever the recorded birth date says). The others find duplicates whose NIK is missing or
 * entirely different: same birth date, sex and initial; same letters of the name (any word
 * order, joined or split) and birth year; same letters, day and month (year typed wrong, or
 * day and month swapped); a word of the name, birth year, sex and kecamatan; same family card
 * and initial; birth date and sex with the village, or with the initial as written, or with a
 * word of the name.
 */
export interface BlockingRule {
  name: string;
  /** The record's key under this rule (null: none), or several keys (a record may be in several blocks). */
  key: (r: LinkageRecord) => string | null | readonly string[];
}

const initial = (r: LinkageRecord) => r.name.sorted.charAt(0);
/** The letters of the name sorted: the same for another word order and joined or split words. */
const letters = (r: LinkageRecord) => r.name.letters;
const dayMonthSet = (d: string) => {
  const a = d.slice(5, 7), b = d.slice(8, 10);
  return a < b ? a + b : b + a;
};

export const BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'nik_without_serial', key: (r) => (r.nik ? `a${r.nik.slice(0, 12)}` : null) },
  { name: 'nik_date_initial', key: (r) => (r.nik && r.name.text ? `b${r.nik.slice(6, 12)}${initial(r)}` : null) },
  {
    // a wrong digit in the NIK's date: its region with two of day (and sex), month and year, and the initial
    name: 'nik_region_date_part_initial',
    key: (r) => {
      if (!r.nik || !r.name.text) return null;
      const n = r.nik, i = initial(r), sex = Number(n.slice(6, 8)) > 40 ? 'F' : 'M';
      return [`i${n.slice(0, 10)}${i}`, `j${n.slice(0, 8)}${n.slice(10, 12)}${i}`, `k${n.slice(0, 6)}${sex}${n.slice(8, 12)}${i}`];
    },
  },
  { name: 'birth_date_sex_initial', key: (r) => (r.birthDate && r.name.text ? `c${r.birthDate}${r.sex ?? ''}${initial(r)}` : null) },
  { name: 'name_birth_year', key: (r) => (r.birthDate && r.name.text ? `d${letters(r)}|${r.birthDate.slice(0, 4)}` : null) },
  { name: 'name_day_month', key: (r) => (r.birthDate && r.name.text ? `e${letters(r)}|${dayMonthSet(r.birthDate)}` : null) },
  {
    // a word of the name in one kecamatan (the name typed wrong and the date too, no NIK)
    name: 'name_word_birth_year_kecamatan',
    key: (r) => (r.birthDate && r.villageCode && r.name.words.length > 1
      ? r.name.words.filter((w) => w.length >= 4).map((w) => `g${w}|${r.birthDate?.slice(0, 4)}${r.sex ?? ''}${r.villageCode?.slice(0, 8)}`) : null),
  },
  {
    // the name typed wrong, the year off or day and month swapped, no NIK: initial, sex, kecamatan, day and month
    name: 'initial_sex_kecamatan_day_month',
    key: (r) => (r.birthDate && r.villageCode && r.name.text ? `l${initial(r)}${r.sex ?? ''}${r.villageCode.slice(0, 8)}${dayMonthSet(r.birthDate)}` : null),
  },
  { name: 'kk_initial', key: (r) => (r.kk && r.name.text ? `f${r.kk}${initial(r)}` : null) },
  // A word of the name, sex, village and birth month (3.1 M pairs proposed at 1,000,000 people)
  // was dropped: with the three rules below it caught no true pair that no other rule caught.
  // The rules above key on the initial of the sorted words, which a joined name changes
  // ("Wiwin Mulyani" m, "Wiwinmlyani" w): at 1,000,000 people 105 of the 280 true pairs lost
  // by blocking had the same birth date and such an initial, with a NIK wrong in digits 1-12
  // or missing; 11 more shared a word and the birth date in another kecamatan.
  // The birth date, sex and village, any name (a few people a village is born each day).
  { name: 'birth_date_sex_village', key: (r) => (r.birthDate && r.villageCode ? `v${r.birthDate}${r.sex ?? ''}${r.villageCode}` : null) },
  // The birth date, sex and the first letter as written (kept by joined or split words).
  { name: 'birth_date_sex_written_initial', key: (r) => (r.birthDate && r.name.joined ? `x${r.name.joined.charAt(0)}${r.birthDate}${r.sex ?? ''}` : null) },
  // A word of the name and the birth date, anywhere (the name typed wrong and the household moved).
  { name: 'name_word_birth_date', key: (r) => (r.birthDate && r.name.words.length ? r.name.words.filter((w) => w.length >= 4).map((w) => `w${w}|${r.birthDate}`) : null) },
];

/** Keys shared by more records than this are not expanded (all-pairs would explode). */
export const DEFAULT_MAX_BLOCK = 400;

export interface BlockingStats {
  rule: string;
  /** Pairs this rule proposed (before the union removed the ones other rules found too). */
  pairs: number;
  /** Keys held by more than maxBlock records and so not expanded. */
  oversizedBlocks: number;
  /** Pairs no earlier rule had proposed (CandidateIndex; candidatePairs leaves it out). */
  added?: number;
}

export interface CandidatePairs {
  /** Pair (i, j), i < j, encoded as i * n + j, sorted and distinct. */
  pairs: Float64Array;
  count: number;
  stats: BlockingStats[];
}

/**
 * The candidate pairs of `records`: for every rule, records sorted by the hash of their key;
 * each run of equal hashes gives all its pairs. A hash collision only adds a pair that the
 * comparisons then reject.
 */
export function candidatePairs(records: readonly LinkageRecord[], rules: readonly BlockingRule[] = BLOCKING_RULES, maxBlock = DEFAULT_MAX_BLOCK): CandidatePairs {
  const n = records.length;
  let out = new Float64Array(Math.max(1024, n * 2));
  let count = 0;
  const push = (v: number) => {
    if (count === out.length) {
      const bigger = new Float64Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    out[count++] = v;
  };
  const stats: BlockingStats[] = [];
  // record index in the low bits, key hash in the high bits: one native numeric sort groups
  // equal keys (a shorter hash only makes rare collisions, which add pairs, never lose them)
  const idxBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const hashSpace = 2 ** (53 - idxBits);
  const idxSpace = 2 ** idxBits;
  let keyed = new Float64Array(n);
  for (const rule of rules) {
    let k = 0;
    for (let i = 0; i < n; i++) {
      const r = records[i];
      const key = r ? rule.key(r) : null;
      if (key === null) continue;
      if (typeof key === 'string') {
        keyed[k++] = (keyHash(key) % hashSpace) * idxSpace + i;
        continue;
      }
      if (k + key.length > keyed.length) {
        const bigger = new Float64Array(keyed.length * 2 + key.length);
        bigger.set(keyed);
        keyed = bigger;
      }
      for (const one of key) keyed[k++] = (keyHash(one) % hashSpace) * idxSpace + i;
    }
    const sorted = keyed.subarray(0, k).sort();
    let pairs = 0;
    let oversized = 0;
    for (let s = 0; s < k;) {
      const hs = Math.floor((sorted[s] ?? 0) / idxSpace);
      let e = s + 1;
      while (e < k && Math.floor((sorted[e] ?? 0) / idxSpace) === hs) e++;
      const size = e - s;
      if (size > maxBlock) oversized++;
      else if (size > 1) {
        for (let x = s; x < e; x++) {
          const a = (sorted[x] ?? 0) % idxSpace;
          for (let y = x + 1; y < e; y++) {
            const b = (sorted[y] ?? 0) % idxSpace;
            if (a === b) continue; // one record under two equal keys of a rule
            push(a < b ? a * n + b : b * n + a);
            pairs++;
          }
        }
      }
      s = e;
    }
    stats.push({ rule: rule.name, pairs, oversizedBlocks: oversized });
  }
  const all = out.subarray(0, count).sort();
  let distinct = 0;
  for (let i = 0; i < all.length; i++) {
    if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i] ?? 0;
  }
  return { pairs: all.subarray(0, distinct), count: distinct, stats };
}

/** The two record indexes of an encoded pair. */
export function decodePair(code: number, n: number): [number, number] {
  const i = Math.floor(code / n);
  return [i, code - i * n];
}
