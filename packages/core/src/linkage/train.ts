import { keyHash } from './key-hash.ts';
import { COMPARISON_COUNT, COMPARISONS, NULL_LEVEL, compareNikBirthDate, compareRecords, type LinkageRecord } from './comparisons.ts';
import { compareHouseholdMembers, householdShares } from './household-members.ts';
import { estimateU, nameFrequencyOfCounts, patternsOf, trainEm, type LinkageModel } from './fellegi-sunter.ts';
import { NameLevels } from './name-levels.ts';
import { F_DATE, F_NAME, ROW, type RecordTable } from './record-table.ts';
import { compareHouseholdRows, compareRows, householdSize, nikBirthDateRows, nikDateDisagrees } from './table-comparisons.ts';

/**
 * Learning the weights from the kabupaten's own records, as Splink does:
 *
 * - u from pairs drawn at random (nearly all non-matches): how often unrelated people agree.
 * - m by EM over the pairs born the same day (as Splink's training sessions do with a
 *   blocking rule): the birth date is left out there (every pair agrees on it), and the
 *   other comparisons of non-matches still behave as between random people, so u stays
 *   fixed at its random-pair value and EM learns m of name, sex and place.
 * - m of the NIK by EM over the pairs of one name born the same day (namesakes and
 *   duplicates): there the NIK's serial is as random as between any two people.
 * - Where the data cannot identify m, it stays at the stated prior (defaultLinkageModel):
 *   the NIK's date against the recorded one (defined only where recorded dates disagree), the birth date (every session that leaves it free is dominated by namesakes and
 *   relatives) and the family card, which weighs nothing (m = u): members of one family
 *   share it, and often a name and a village, so as evidence it would count those again.
 * - lambda (the chance that two random records are the same person) from the matches EM found
 *   in the birth-date session, divided by the share of matches that agree on the birth date.
 *
 * Scores are then on the scale of random pairs: blocking only leaves out pairs that would
 * have scored low.
 */
export interface TrainOptions {
  random: () => number;
  uSamples?: number;
  /** Most pairs per session (blocks are sampled at random beyond it). */
  sessionPairs?: number;
  maxBlock?: number;
}

/**
 * What training reads of the records, by index: LinkageRecords (trainDataOfRecords) or the
 * columns of a RecordTable (trainDataOfTable) give the same values, so the same model.
 */
export interface TrainData {
  n: number;
  /** compareRecords of records i and j into `out` at `off`. */
  compare: (i: number, j: number, out: Int8Array, off: number) => void;
  /** compareNikBirthDate of records i and j. */
  nikBirthDate: (i: number, j: number) => number;
  /** Whether record i's NIK encodes another date than its recorded birth date. */
  nikDateOdd: (i: number) => boolean;
  /** `YYYY-MM-DD` or null. */
  birthDate: (i: number) => string | null;
  /** The normalised name, words sorted ('' when none). */
  sortedName: (i: number) => string;
  /** How many records bear each sorted name. */
  nameCounts: () => Map<string, number>;
  /** Members of record i's household (0: none), and the household level of two records. */
  householdSize: (i: number) => number;
  household: (i: number, j: number) => number;
  hasHouseholds: boolean;
}

export function trainDataOfRecords(records: readonly LinkageRecord[]): TrainData {
  const names = new NameLevels(records);
  const r = (i: number) => records[i] as LinkageRecord;
  return {
    n: records.length,
    compare: (i, j, out, off) => { compareRecords(r(i), r(j), out, off, names.level(i, j)); },
    nikBirthDate: (i, j) => compareNikBirthDate(r(i), r(j)),
    nikDateOdd: (i) => { const x = r(i); return Boolean(x.nikDateKey && x.birthKey && x.nikDateKey !== x.birthKey); },
    birthDate: (i) => r(i).birthDate,
    sortedName: (i) => r(i).name.sorted,
    nameCounts: () => {
      const m = new Map<string, number>();
      for (const x of records) m.set(x.name.sorted, (m.get(x.name.sorted) ?? 0) + 1);
      return m;
    },
    householdSize: (i) => r(i).household?.size ?? 0,
    household: (i, j) => compareHouseholdMembers(r(i), r(j)),
    hasHouseholds: records.some((x) => x.household),
  };
}

export function trainDataOfTable(t: RecordTable, names: NameLevels = NameLevels.ofTable(t)): TrainData {
  const c = t.cols;
  const dates = new Map<number, string>();
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  return {
    n: t.n,
    compare: (i, j, out, off) => compareRows(t, i, j, out, off, names.level(i, j)),
    nikBirthDate: (i, j) => nikBirthDateRows(c, i, j),
    nikDateOdd: (i) => nikDateDisagrees(c, i),
    birthDate: (i) => {
      const d = c.rows[i * ROW + F_DATE] as number;
      if (d < 0) return null;
      let s = dates.get(d);
      if (s === undefined) { s = `${pad(Math.floor(d / 10000), 4)}-${pad(Math.floor(d / 100) % 100, 2)}-${pad(d % 100, 2)}`; dates.set(d, s); }
      return s;
    },
    sortedName: (i) => t.names[c.rows[i * ROW + F_NAME] as number]?.sorted ?? '',
    nameCounts: () => {
      const byId = new Int32Array(t.names.length);
      for (let i = 0; i < t.n; i++) {
        const x = c.rows[i * ROW + F_NAME] as number;
        byId[x] = (byId[x] as number) + 1;
      }
      const m = new Map<string, number>();
      t.names.forEach((name, x) => { if (byId[x]) m.set(name.sorted, (m.get(name.sorted) ?? 0) + (byId[x] as number)); });
      return m;
    },
    householdSize: (i) => householdSize(c, i),
    household: (i, j) => compareHouseholdRows(c, i, j),
    hasHouseholds: t.households > 0,
  };
}

interface Session {
  levels: Int8Array;
  count: number;
  /** Share of all the pairs sharing the key that the session compared. */
  fraction: number;
}

/** Pairs sharing `key` exactly (blocks sampled when there are more than `limit` pairs). */
function sessionOf(data: TrainData, key: (i: number) => string | null, leaveOut: readonly number[], opts: TrainOptions): Session {
  const n = data.n;
  const idxBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const idxSpace = 2 ** idxBits;
  const hashSpace = 2 ** (53 - idxBits);
  const keyed = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = key(i);
    if (v !== null) keyed[k++] = (keyHash(v) % hashSpace) * idxSpace + i;
  }
  const sorted = keyed.subarray(0, k).sort();
  const blocks: [number, number][] = [];
  let total = 0;
  const maxBlock = opts.maxBlock ?? 400;
  for (let s = 0; s < k;) {
    const h = Math.floor((sorted[s] ?? 0) / idxSpace);
    let e = s + 1;
    while (e < k && Math.floor((sorted[e] ?? 0) / idxSpace) === h) e++;
    const size = e - s;
    if (size > 1 && size <= maxBlock) {
      blocks.push([s, e]);
      total += (size * (size - 1)) / 2;
    }
    s = e;
  }
  const limit = opts.sessionPairs ?? 300_000;
  const keep = total > limit ? limit / total : 1;
  const levels = new Int8Array(Math.ceil(Math.min(total, limit * 1.2) + 1000) * COMPARISON_COUNT);
  let count = 0;
  let compared = 0;
  for (const [s, e] of blocks) {
    if (keep < 1 && opts.random() >= keep) continue;
    for (let x = s; x < e; x++) {
      for (let y = x + 1; y < e; y++) {
        if ((count + 1) * COMPARISON_COUNT > levels.length) break;
        data.compare((sorted[x] ?? 0) % idxSpace, (sorted[y] ?? 0) % idxSpace, levels, count * COMPARISON_COUNT);
        for (const c of leaveOut) levels[count * COMPARISON_COUNT + c] = NULL_LEVEL;
        count++;
      }
    }
    compared += ((e - s) * (e - s - 1)) / 2;
  }
  return { levels, count, fraction: total > 0 ? Math.min(1, compared / total) : 1 };
}

const BIRTH_DATE = COMPARISONS.findIndex((c) => c.key === 'birthDate');
const KK = COMPARISONS.findIndex((c) => c.key === 'kk');
const NIK = COMPARISONS.findIndex((c) => c.key === 'nik');
const NAME = COMPARISONS.findIndex((c) => c.key === 'name');
const NIK_BIRTH_DATE = COMPARISONS.findIndex((c) => c.key === 'nikBirthDate');
const HOUSEHOLD = COMPARISONS.findIndex((c) => c.key === 'household');

/**
 * u of the NIK's date against the other's recorded date: that comparison exists only when a
 * record's NIK disagrees with its own date (about one record in a hundred), so random pairs
 * seldom reach it; its u comes from pairs of such a record with a random other record.
 */
function nikBirthDateU(data: TrainData, model: LinkageModel, samples: number, random: () => number): LinkageModel {
  const n = data.n;
  const odd: number[] = [];
  for (let i = 0; i < n; i++) if (data.nikDateOdd(i)) odd.push(i);
  if (!odd.length) return model;
  const counts = [1, 1]; // add-one: no level is impossible
  for (let s = 0; s < samples; s++) {
    const i = odd[Math.floor(random() * odd.length)] ?? 0;
    let j = Math.floor(random() * (n - 1));
    if (j >= i) j++;
    const l = data.nikBirthDate(i, j);
    if (l !== NULL_LEVEL) counts[l] = (counts[l] ?? 0) + 1;
  }
  const total = (counts[0] ?? 0) + (counts[1] ?? 0);
  return { ...model, comparisons: model.comparisons.map((c, k) => (k === NIK_BIRTH_DATE ? { ...c, u: counts.map((x) => x / total) } : c)) };
}

/**
 * The household's `counterpart_elsewhere` (one of the pair has its own copy among the other's
 * household mates) can only count against a match. Among pairs born the same day it is
 * commoner than among random pairs for non-matches too (a twin of one shares the other's
 * birth date), and EM with u fixed at the random pairs' value gave it to the matches (+6 bits
 * at 1,000,000 people): its m is kept at most its u, the rest given to "none".
 */
function againstOnly(m: number[], u: number[]): number[] {
  const cap = u[0] ?? 0;
  const excess = Math.max(0, (m[0] ?? 0) - cap);
  return m.map((x, l) => (l === 0 ? x - excess : l === 1 ? x + excess : x));
}

/** u of the household comparison from its own draws (householdLevelShares). */
function householdU(data: TrainData, model: LinkageModel, samples: number, random: () => number): LinkageModel {
  if (!data.hasHouseholds) return model;
  const u = householdShares(data.n, data.householdSize, data.household, samples, random);
  return { ...model, comparisons: model.comparisons.map((c, k) => (k === HOUSEHOLD ? { ...c, u } : c)) };
}

export function trainLinkageModel(records: readonly LinkageRecord[], start: LinkageModel, opts: TrainOptions): LinkageModel {
  return trainOn(trainDataOfRecords(records), start, opts);
}

/** trainLinkageModel on records as TrainData (a RecordTable's columns: trainDataOfTable). */
export function trainOn(data: TrainData, start: LinkageModel, opts: TrainOptions): LinkageModel {
  const n = data.n;
  if (n < 2) return start;
  // u from random pairs
  const samples = Math.min(opts.uSamples ?? 100_000, (n * (n - 1)) / 2);
  const sampled = new Int8Array(samples * COMPARISON_COUNT);
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(opts.random() * n);
    let j = Math.floor(opts.random() * (n - 1));
    if (j >= i) j++;
    data.compare(i, j, sampled, s * COMPARISON_COUNT);
  }
  const withU = householdU(data, nikBirthDateU(data, estimateU(start, sampled, samples), samples, opts.random), samples * 5, opts.random);


  // m of name, sex, place and family card among the pairs born the same day
  const byDate = sessionOf(data, data.birthDate, [BIRTH_DATE, NIK, NIK_BIRTH_DATE, KK], opts);
  if (byDate.count === 0) return { ...withU, nameFrequency: nameFrequencyOfCounts(data.nameCounts()) };
  const dateModel = trainEm(patternsOf(byDate.levels, byDate.count), { ...withU, lambda: 0.05 }, { fixU: true });
  // The family card is shared by a family, whose members often share a name and always a
  // village: as evidence it would count those again. It is shown, and weighs nothing (m = u).
  const comparisons = withU.comparisons.map((c, i) => ({
    ...c,
    m: i === KK ? c.u : i === NIK || i === BIRTH_DATE || i === NIK_BIRTH_DATE ? c.m : i === HOUSEHOLD ? againstOnly(dateModel.comparisons[i]?.m ?? c.m, c.u) : (dateModel.comparisons[i]?.m ?? c.m),
  }));
  // m of the NIK among namesakes born the same day (the other m as learned above)
  const byName = sessionOf(data, (i) => {
    const d = data.birthDate(i), s = data.sortedName(i);
    return d && s ? `${s}|${d}` : null;
  }, [NAME, BIRTH_DATE, NIK_BIRTH_DATE, KK], opts);
  if (byName.count > 0) {
    const nameModel = trainEm(patternsOf(byName.levels, byName.count), { ...withU, comparisons, lambda: 0.3 }, { fixU: true, freeM: [NIK] });
    const nik = comparisons[NIK];
    const learned = nameModel.comparisons[NIK];
    if (nik && learned) comparisons[NIK] = { ...nik, m: learned.m };
  }
  // The birth date's m cannot be identified from these data: every session that leaves the
  // birth date free is dominated by namesakes and relatives whose other fields agree for
  // reasons of their own (a common name, one family, one village). It stays at the prior of
  // the start model (stated in defaultLinkageModel and shown with the weights).
  const final = { ...withU, comparisons };
  const exactDate = final.comparisons[BIRTH_DATE]?.m[3] ?? 1;
  const matchesInDateSession = (dateModel.lambda * byDate.count) / byDate.fraction;
  const allPairs = (n * (n - 1)) / 2;
  const lambda = Math.min(0.5, Math.max(1e-12, matchesInDateSession / Math.max(exactDate, 1e-3) / allPairs));
  return {
    ...final,
    lambda,
    nameFrequency: nameFrequencyOfCounts(data.nameCounts()),
    trainedOn: {
      pairs: byDate.count,
      iterations: dateModel.trainedOn?.iterations ?? 0,
      converged: Boolean(dateModel.trainedOn?.converged),
    },
  };
}
