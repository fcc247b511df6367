import { BLOCKING_RULES, DEFAULT_MAX_BLOCK, type BlockingRule, type BlockingStats } from './blocking.ts';
import { expandRule, keyRule, keyWritersOf, packBlocks, type PackedBlocks, type RuleBlocks } from './candidate-stream.ts';
import { COMPARISONS, COMPARISON_COUNT, type LinkageRecord } from './comparisons.ts';
import { defaultLinkageModel, levelWeights, nameFrequencyAdjustment, nameFrequencyOf, priorWeight, probabilityOf, type LinkageModel } from './fellegi-sunter.ts';
import { prepareHouseholds } from './household-members.ts';
import { NameLevels } from './name-levels.ts';
import { F_NAME, ROW, tableOfRecords, type RecordTable } from './record-table.ts';
import { compareRows } from './table-comparisons.ts';
import { trainDataOfTable, trainOn, type TrainData } from './train.ts';

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
 * Pure: the server loads the records and stores what comes out. The records are linked as a
 * RecordTable (linkTable): the same pairs and levels as on the objects.
 */
export function linkRecords(records: readonly LinkageRecord[], opts: LinkOptions): LinkResult {
  // the records' own households too (callers compare records afterwards)
  prepareHouseholds(records, (r) => r.householdId);
  return linkTable(tableOfRecords(records), opts);
}

/** The model a run scores with: learned from the table unless told not to (trainingMs its time). */
export function learnModel(data: TrainData, opts: LinkOptions): LinkageModel {
  const start = opts.start ?? defaultLinkageModel();
  const threshold = typeof opts.threshold === 'number' ? opts.threshold : start.threshold;
  let model = isPlausibleModel(start) ? { ...start, threshold } : { ...defaultLinkageModel(), threshold };
  if (opts.train !== false && data.n > 1) {
    const learned = { ...trainOn(data, model, { random: opts.random, uSamples: opts.uSamples ?? 100_000 }), threshold: model.threshold };
    if (isPlausibleModel(learned)) model = learned;
  }
  return model;
}

/** What a share of the blocks gave: the pairs kept (probability at least the floor), the probability summed over the others, counts per rule. */
export interface LinkChunk {
  count: number;
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
  probability: Float64Array;
  /** COMPARISON_COUNT a pair. */
  levels: Int8Array;
  below: number;
  proposed: number[];
  added: number[];
}

/** The probability from which a pair is kept while the blocks are expanded. */
export function keepFloor(model: LinkageModel, opts: Pick<LinkOptions, 'threshold'>): number {
  return opts.threshold === 'expected-f1' ? Math.min(CALIBRATION_FLOOR, model.threshold) : model.threshold;
}

/**
 * Expands share `part` of `parts` of every rule's blocks (expandRule), compares each new pair
 * (compareRows) and scores it; keeps the pairs at or above `floor`. Pure: a worker thread runs
 * it on its share of the blocks, over the same shared table and blocks.
 */
export function linkBlocks(t: RecordTable, rules: readonly RuleBlocks[], model: LinkageModel, floor: number, names: NameLevels, part = 0, parts = 1, pack: PackedBlocks = packBlocks(rules, t.n)): LinkChunk {
  const weights = levelWeights(model);
  const prior = priorWeight(model);
  // the weights as one flat array (matchWeightOf's sum, in its order)
  const flat = new Float64Array(COMPARISON_COUNT * 8);
  weights.forEach((ws, c) => ws.forEach((w, l) => { if (l < 8) flat[c * 8 + l] = w; }));
  // the share of each name (term-frequency adjustment of an exact name)
  const freq = new Float64Array(t.names.length);
  for (let x = 0; x < t.names.length; x++) freq[x] = nameFrequencyOf(model, t.names[x]?.sorted ?? '') ?? 0;
  const rows = t.cols.rows;
  const one = new Int8Array(COMPARISON_COUNT);
  let cap = 1024;
  let a = new Int32Array(cap), b = new Int32Array(cap), weight = new Float64Array(cap), probability = new Float64Array(cap), levels = new Int8Array(cap * COMPARISON_COUNT);
  let count = 0, below = 0;
  const visit = (i: number, j: number) => {
    compareRows(t, i, j, one, 0, names.level(i, j));
    let w = prior;
    for (let c = 0; c < COMPARISON_COUNT; c++) {
      const l = one[c] as number;
      if (l >= 0) w += flat[c * 8 + l] as number;
    }
    if (one[NAME] === NAME_EXACT) w += nameFrequencyAdjustment(model, freq[rows[i * ROW + F_NAME] as number] ?? 0, freq[rows[j * ROW + F_NAME] as number] ?? 0);
    const p = probabilityOf(w);
    if (p < floor) { below += p; return; }
    if (count === cap) {
      cap *= 2;
      const g = <T extends Int32Array | Float64Array | Int8Array>(x: T, size: number): T => {
        const y = new (x.constructor as new (n: number) => T)(size);
        y.set(x);
        return y;
      };
      a = g(a, cap); b = g(b, cap); weight = g(weight, cap); probability = g(probability, cap); levels = g(levels, cap * COMPARISON_COUNT);
    }
    a[count] = i; b[count] = j; weight[count] = w; probability[count] = p;
    levels.set(one, count * COMPARISON_COUNT);
    count++;
  };
  const proposed: number[] = [], added: number[] = [];
  for (let r = 0; r < rules.length; r++) {
    const x = expandRule(rules, r, visit, part, parts, pack);
    proposed.push(x.proposed);
    added.push(x.added);
  }
  return { count, a, b, weight, probability, levels, below, proposed, added };
}

/**
 * The run's result from the chunks of every share: the threshold chosen from the model
 * (expected-f1) or given, the pairs at or above it sorted by a then b, their levels.
 */
export function finishLink(model: LinkageModel, rules: readonly RuleBlocks[], chunks: readonly LinkChunk[], calibrate: boolean, timings: Omit<LinkResult['timings'], 'scoringMs'>, now: () => number = Date.now): LinkResult {
  const t = now();
  let below = 0;
  for (const c of chunks) below += c.below;
  if (calibrate) {
    const probabilities: number[] = [];
    for (const c of chunks) for (let k = 0; k < c.count; k++) probabilities.push(c.probability[k] as number);
    model = { ...model, threshold: expectedF1Threshold(probabilities, below) ?? model.threshold };
  }
  const cut = model.threshold;
  const pairs: LinkedPair[] = [];
  for (const c of chunks) {
    for (let k = 0; k < c.count; k++) {
      const p = c.probability[k] as number;
      if (p >= cut) pairs.push({ a: c.a[k] as number, b: c.b[k] as number, matchWeight: c.weight[k] as number, probability: p, candidate: -1 });
    }
  }
  // the levels of the listed pairs, in their order
  pairs.sort((x, y) => x.a - y.a || x.b - y.b);
  const levels = new Int8Array(pairs.length * COMPARISON_COUNT);
  const at = new Map<number, number>();
  pairs.forEach((p, k) => { p.candidate = k; at.set(p.a * 4294967296 + p.b, k); });
  for (const c of chunks) {
    for (let k = 0; k < c.count; k++) {
      const to = at.get((c.a[k] as number) * 4294967296 + (c.b[k] as number));
      if (to !== undefined) levels.set(c.levels.subarray(k * COMPARISON_COUNT, (k + 1) * COMPARISON_COUNT), to * COMPARISON_COUNT);
    }
  }
  const blocking: BlockingStats[] = rules.map((r, i) => ({
    rule: r.name,
    pairs: chunks.reduce((s, c) => s + (c.proposed[i] ?? 0), 0),
    oversizedBlocks: r.oversized,
    added: chunks.reduce((s, c) => s + (c.added[i] ?? 0), 0),
  }));
  const candidateCount = blocking.reduce((s, x) => s + (x.added ?? 0), 0);
  return { model, candidateCount, blocking, levels, pairs, timings: { ...timings, scoringMs: now() - t } };
}

/** The blocks of every rule on a table (keyRule), in this thread. */
export function keyTable(t: RecordTable, rules: readonly BlockingRule[] = BLOCKING_RULES, maxBlock = DEFAULT_MAX_BLOCK): RuleBlocks[] {
  return keyWritersOf(t, rules).map((w) => keyRule(w.name, t.n, w.write, maxBlock));
}

/** linkRecords on a RecordTable, in this thread (the server's run splits the same steps over worker threads). */
export function linkTable(t: RecordTable, opts: LinkOptions): LinkResult {
  const now = opts.now ?? Date.now;
  let s = now();
  const names = NameLevels.ofTable(t);
  const model = learnModel(trainDataOfTable(t, names), opts);
  const trainingMs = now() - s;
  s = now();
  const rules = keyTable(t, opts.rules ?? BLOCKING_RULES, opts.maxBlock ?? DEFAULT_MAX_BLOCK);
  const blockingMs = now() - s;
  s = now();
  const chunk = linkBlocks(t, rules, model, keepFloor(model, opts), names);
  const comparingMs = now() - s;
  return finishLink(model, rules, [chunk], opts.threshold === 'expected-f1', { blockingMs, comparingMs, trainingMs }, now);
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
