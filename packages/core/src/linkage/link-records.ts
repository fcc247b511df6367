import { BLOCKING_RULES, DEFAULT_MAX_BLOCK, candidatePairs, type BlockingRule, type BlockingStats } from './blocking.ts';
import { COMPARISONS, COMPARISON_COUNT, compareRecords, type LinkageRecord } from './comparisons.ts';
import { defaultLinkageModel, levelWeights, matchWeightOf, nameFrequencyAdjustment, nameFrequencyOf, priorWeight, probabilityOf, type LinkageModel } from './fellegi-sunter.ts';
import { prepareHouseholds } from './household-members.ts';
import { NameLevels } from './name-levels.ts';
import { trainLinkageModel } from './train.ts';

const NAME = COMPARISONS.findIndex((c) => c.key === 'name');
const NAME_EXACT = 4;

export interface LinkOptions {
  /** The model to start from (default: defaultLinkageModel()); its threshold is kept. */
  start?: LinkageModel;
  /** Learn u from random pairs and m and lambda by EM (default true); false scores with `start` as is. */
  train?: boolean;
  /** Uniform [0, 1): the random pairs for u. Seeded by the caller so a run is reproducible. */
  random: () => number;
  uSamples?: number;
  rules?: readonly BlockingRule[];
  maxBlock?: number;
  /**
   * Match probability from which a pair is listed (default: the start model's), or
   * 'expected-f1': the one where the model's own probabilities expect the best F1.
   */
  threshold?: number | 'expected-f1';
  /** Clock for the timings (milliseconds); default Date.now. */
  now?: () => number;
}

export interface LinkedPair {
  a: number;
  b: number;
  matchWeight: number;
  probability: number;
  /** Index into LinkResult.levels / COMPARISON_COUNT. */
  candidate: number;
}

export interface LinkResult {
  model: LinkageModel;
  candidateCount: number;
  /** The candidate pairs, i * n + j (i < j), sorted: index p is the pair of levels at p * COMPARISON_COUNT. */
  candidates: Float64Array;
  blocking: BlockingStats[];
  /** Comparison levels of every candidate pair, COMPARISON_COUNT each. */
  levels: Int8Array;
  /** Candidate pairs at or above the model's threshold. */
  pairs: LinkedPair[];
  timings: { blockingMs: number; comparingMs: number; trainingMs: number; scoringMs: number };
}

/**
 * The whole deduplication of one set of records, in memory: blocking, comparisons, u from
 * random pairs, m and lambda by EM over the candidate pairs, scores. Pure: the server loads
 * the records and stores what comes out.
 */
export function linkRecords(records: readonly LinkageRecord[], opts: LinkOptions): LinkResult {
  const n = records.length;
  const now = opts.now ?? Date.now;
  let t = now();
  prepareHouseholds(records, (r) => r.householdId);
  const cand = candidatePairs(records, opts.rules ?? BLOCKING_RULES, opts.maxBlock ?? DEFAULT_MAX_BLOCK);
  const blockingMs = now() - t;

  t = now();
  const levels = new Int8Array(cand.count * COMPARISON_COUNT);
  const names = new NameLevels(records);
  for (let p = 0; p < cand.count; p++) {
    const code = cand.pairs[p] ?? 0;
    const i = Math.floor(code / n);
    const j = code - i * n;
    const a = records[i];
    const b = records[j];
    if (a && b) compareRecords(a, b, levels, p * COMPARISON_COUNT, names.level(i, j));
  }
  const comparingMs = now() - t;

  t = now();
  const start = opts.start ?? defaultLinkageModel();
  const threshold = typeof opts.threshold === 'number' ? opts.threshold : start.threshold;
  let model = isPlausibleModel(start) ? { ...start, threshold } : { ...defaultLinkageModel(), threshold };
  if (opts.train !== false && n > 1) {
    const learned = { ...trainLinkageModel(records, model, { random: opts.random, uSamples: opts.uSamples ?? 100_000 }), threshold: model.threshold };
    if (isPlausibleModel(learned)) model = learned;
  }
  const trainingMs = now() - t;

  t = now();
  const weights = levelWeights(model);
  const prior = priorWeight(model);
  // the share of each record's name (term-frequency adjustment of an exact name)
  const freq = new Float64Array(n);
  const byName = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const s = records[i]?.name.sorted ?? '';
    let f = byName.get(s);
    if (f === undefined) { f = nameFrequencyOf(model, s) ?? 0; byName.set(s, f); }
    freq[i] = f;
  }
  const calibrate = opts.threshold === 'expected-f1';
  const floor = calibrate ? Math.min(CALIBRATION_FLOOR, model.threshold) : model.threshold;
  let pairs: LinkedPair[] = [];
  let below = 0;
  for (let p = 0; p < cand.count; p++) {
    const code = cand.pairs[p] ?? 0;
    const i = Math.floor(code / n);
    const j = code - i * n;
    let w = matchWeightOf(weights, prior, levels, p * COMPARISON_COUNT);
    if (levels[p * COMPARISON_COUNT + NAME] === NAME_EXACT) w += nameFrequencyAdjustment(model, freq[i] ?? 0, freq[j] ?? 0);
    const probability = probabilityOf(w);
    if (probability < floor) { below += probability; continue; }
    pairs.push({ a: i, b: j, matchWeight: w, probability, candidate: p });
  }
  if (calibrate) {
    model = { ...model, threshold: expectedF1Threshold(pairs.map((p) => p.probability), below) ?? model.threshold };
    const cut = model.threshold;
    pairs = pairs.filter((p) => p.probability >= cut);
  }
  const scoringMs = now() - t;
  return { model, candidateCount: cand.count, candidates: cand.pairs.subarray(0, cand.count), blocking: cand.stats, levels, pairs, timings: { blockingMs, comparingMs, trainingMs, scoringMs } };
}

/** Pairs down to this probability are kept while the threshold is chosen from the model. */
const CALIBRATION_FLOOR = 0.01;

/**
 * The threshold at which the model expects the best F1, from its own match probabilities
 * (not from labels): listing the k likeliest pairs, it expects sum(p) of them true and the
 * sum of every candidate's p to be true in all, so E[F1] = 2 * sum(p of the k) / (k + sum(p
 * of all)). `belowMass` is the summed probability of the candidates not in `probabilities`.
 * Returns the probability of the last pair listed at the best k (null: no pair to list). For
 * calibrated probabilities it sits near half the F1 expected there.
 */
export function expectedF1Threshold(probabilities: readonly number[], belowMass = 0): number | null {
  const sorted = Float64Array.from(probabilities).sort().reverse();
  const total = sorted.reduce((s, p) => s + p, belowMass);
  let best = 0, bestAt = -1, tp = 0;
  for (let k = 0; k < sorted.length; k++) {
    tp += sorted[k] ?? 0;
    const f1 = (2 * tp) / (k + 1 + total);
    if (f1 > best) { best = f1; bestAt = k; }
  }
  return bestAt < 0 ? null : (sorted[bestAt] ?? null);
}

/** Connected components of the pairs: cluster number per record index (records in no pair: -1). */
export function clustersOf(n: number, pairs: readonly { a: number; b: number }[]): Int32Array {
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] ?? r;
    while (parent[x] !== r) { const next = parent[x] ?? r; parent[x] = r; x = next; }
    return r;
  };
  for (const p of pairs) {
    const ra = find(p.a), rb = find(p.b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const cluster = new Int32Array(n).fill(-1);
  for (const p of pairs) { cluster[p.a] = find(p.a); cluster[p.b] = find(p.b); }
  return cluster;
}

/** The comparisons whose full agreement must count for a match in any sane model. */
const MUST_AGREE = ['name', 'birthDate', 'village'];

/**
 * EM on a small registry with few duplicates can settle where agreeing is strong evidence
 * against a match (seen on the demo's 3,000 people: an exact name and the same village weighed
 * -8 and -15 bits). Such a model is not used: the run keeps the one it started from.
 */
export function isPlausibleModel(model: LinkageModel): boolean {
  return MUST_AGREE.every((key) => {
    const c = model.comparisons.find((x) => x.key === key);
    const top = c ? c.m.length - 1 : -1;
    // a little below zero is honest where most people share the value (a test registry of one
    // village); four times less likely for a match than for strangers is EM gone astray
    return c !== undefined && (c.m[top] ?? 0) >= 0.25 * (c.u[top] ?? 1);
  });
}
