import { BLOCKING_RULES, DEFAULT_MAX_BLOCK, type BlockingRule, type BlockingStats } from './blocking.ts';
import { CandidateIndex } from './candidate-stream.ts';
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
  blocking: BlockingStats[];
  /** Comparison levels of the listed pairs (LinkedPair.candidate), COMPARISON_COUNT each: candidates scored below are not kept. */
  levels: Int8Array;
  /** Candidate pairs at or above the model's threshold, by a then b. */
  pairs: LinkedPair[];
  /**
   * blockingMs: the keys of every rule, sorted and numbered (CandidateIndex.keyingMs); comparingMs:
   * expanding the blocks, comparing and scoring each new pair as it comes; scoringMs: choosing
   * the threshold and sorting the listed pairs.
   */
  timings: { blockingMs: number; comparingMs: number; trainingMs: number; scoringMs: number };
}

/**
 * The whole deduplication of one set of records, in memory: u from random pairs, m and
 * lambda by EM (over pairs of their own, not the candidates), then blocking, each candidate
 * compared and scored as its block is expanded; only the pairs that may be listed are kept.
 * Pure: the server loads the records and stores what comes out.
 */
export function linkRecords(records: readonly LinkageRecord[], opts: LinkOptions): LinkResult {
  const n = records.length;
  const now = opts.now ?? Date.now;
  prepareHouseholds(records, (r) => r.householdId);

  let t = now();
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
  const names = new NameLevels(records);
  const one = new Int8Array(COMPARISON_COUNT);
  let levels = new Int8Array(1024 * COMPARISON_COUNT);
  let pairs: LinkedPair[] = [];
  let below = 0;
  const visit = (i: number, j: number) => {
    const a = records[i], b = records[j];
    if (!a || !b) return;
    compareRecords(a, b, one, 0, names.level(i, j));
    let w = matchWeightOf(weights, prior, one, 0);
    if (one[NAME] === NAME_EXACT) w += nameFrequencyAdjustment(model, freq[i] ?? 0, freq[j] ?? 0);
    const probability = probabilityOf(w);
    if (probability < floor) { below += probability; return; }
    const k = pairs.length;
    if ((k + 1) * COMPARISON_COUNT > levels.length) {
      const bigger = new Int8Array(levels.length * 2);
      bigger.set(levels);
      levels = bigger;
    }
    levels.set(one, k * COMPARISON_COUNT);
    pairs.push({ a: i, b: j, matchWeight: w, probability, candidate: k });
  };
  const index = new CandidateIndex(records, visit, opts.rules ?? BLOCKING_RULES, opts.maxBlock ?? DEFAULT_MAX_BLOCK, now);
  const blockingMs = index.keyingMs;
  const comparingMs = now() - t - blockingMs;

  t = now();
  if (calibrate) {
    model = { ...model, threshold: expectedF1Threshold(pairs.map((p) => p.probability), below) ?? model.threshold };
    const cut = model.threshold;
    pairs = pairs.filter((p) => p.probability >= cut);
  }
  pairs.sort((x, y) => x.a - y.a || x.b - y.b);
  const scoringMs = now() - t;
  return { model, candidateCount: index.count, blocking: index.stats, levels, pairs, timings: { blockingMs, comparingMs, trainingMs, scoringMs } };
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
