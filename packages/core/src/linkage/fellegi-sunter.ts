import { z } from 'zod';
import { COMPARISONS, COMPARISON_COUNT, NULL_LEVEL } from './comparisons.ts';

/**
 * Fellegi-Sunter: each comparison level has m (its probability among true matches) and u
 * (among non-matches); a pair's match weight is log2 of the prior odds plus, for every
 * comparison that is not missing, log2(m/u) of its level. The kabupaten sees these numbers,
 * so the model is data (stored with the run that learned it), never code.
 */
export const LinkageComparisonParams = z.object({
  key: z.string(),
  levels: z.array(z.string()),
  m: z.array(z.number()),
  u: z.array(z.number()),
});
export type LinkageComparisonParams = z.infer<typeof LinkageComparisonParams>;

/**
 * How often each name occurs in the kabupaten (share of its people, by the normalised name
 * with its words sorted): the most common names, and one share for every other name (that
 * of the least common name kept). The exact-name weight of a pair uses the share of its name
 * (Splink's term-frequency adjustment): two "Siti Aminah" agreeing say less than two
 * "Sjarifudin Hasibuan".
 */
export const NameFrequency = z.object({ top: z.record(z.string(), z.number()), rest: z.number() });
export type NameFrequency = z.infer<typeof NameFrequency>;

export const LinkageModel = z.object({
  version: z.literal(1),
  /** Prior probability that a candidate pair is a match. */
  lambda: z.number(),
  comparisons: z.array(LinkageComparisonParams),
  /** Match probability from which a pair is listed for review. */
  threshold: z.number(),
  trainedOn: z.object({ pairs: z.number(), iterations: z.number(), converged: z.boolean() }).nullable(),
  /** Name frequencies for the exact-name level (absent: the level's own u for every name). */
  nameFrequency: NameFrequency.optional(),
});
export type LinkageModel = z.infer<typeof LinkageModel>;

const FLOOR = 1e-6;
const log2 = Math.log2;

/**
 * The starting point before any data: m high at the exact level, u from how often unrelated
 * people agree. EM (below) replaces both with what the kabupaten's own data says.
 */
export function defaultLinkageModel(): LinkageModel {
  const m: Record<string, number[]> = {
    nik: [0.2, 0.15, 0.45, 0.2], name: [0.02, 0.03, 0.1, 0.25, 0.6], birthDate: [0.06, 0.04, 0.02, 0.88],
    // where the recorded dates disagree, a duplicate's NIK mostly still carries the true date
    nikBirthDate: [0.25, 0.75],
    sex: [0.02, 0.98], village: [0.1, 0.1, 0.8], kk: [0.3, 0.7],
    // a family registered twice mostly brings two or more of its other members along
    household: [0.01, 0.24, 0.25, 0.5],
  };
  const u: Record<string, number[]> = {
    nik: [0.6, 0.15, 0.249999, 0.000001], name: [0.9, 0.07, 0.02, 0.009, 0.001], birthDate: [0.9996, 0.0001, 0.0001, 0.0002],
    nikBirthDate: [0.99999, 0.00001],
    sex: [0.5, 0.5], village: [0.9, 0.07, 0.03], kk: [0.9999, 0.0001],
    household: [0.001, 0.9988, 0.00015, 0.00005],
  };
  return {
    version: 1,
    lambda: 1e-6,
    comparisons: COMPARISONS.map((c) => ({ key: c.key, levels: [...c.levels], m: m[c.key] ?? [], u: u[c.key] ?? [] })),
    threshold: 0.7,
    trainedOn: null,
  };
}

export interface Contribution {
  key: string;
  /** The level's name, or null when a value was missing. */
  level: string | null;
  /** log2(m/u): positive is evidence for a match. */
  weight: number;
}

/** Match weights per comparison and level, computed once per model. */
export function levelWeights(model: LinkageModel): number[][] {
  return model.comparisons.map((c) => c.m.map((m, l) => log2(Math.max(m, FLOOR) / Math.max(c.u[l] ?? 0, FLOOR))));
}

export function priorWeight(model: LinkageModel): number {
  return log2(model.lambda / (1 - model.lambda));
}

export const probabilityOf = (matchWeight: number): number => {
  const odds = 2 ** matchWeight;
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
};

/** Match weight of one comparison vector (at `offset` in `levels`). */
export function matchWeightOf(weights: number[][], prior: number, levels: ArrayLike<number>, offset = 0): number {
  let w = prior;
  for (let c = 0; c < weights.length; c++) {
    const l = levels[offset + c] ?? NULL_LEVEL;
    if (l !== NULL_LEVEL) w += weights[c]?.[l] ?? 0;
  }
  return w;
}

const NAME = COMPARISONS.findIndex((c) => c.key === 'name');
const NAME_EXACT = 4;

/** Share of the kabupaten's people with this name (sorted words), as the model stores it. */
export function nameFrequencyOf(model: LinkageModel, sortedName: string): number | null {
  const f = model.nameFrequency;
  if (!f) return null;
  return f.top[sortedName] ?? f.rest;
}

/**
 * Term-frequency adjustment of an exact name agreement (bits added to the level's weight):
 * log2(u of the level / share of the name), the commoner of the two names' shares.
 */
export function nameFrequencyAdjustment(model: LinkageModel, freqA: number | null, freqB: number | null): number {
  const f = Math.max(freqA ?? 0, freqB ?? 0);
  const u = model.comparisons[NAME]?.u[NAME_EXACT];
  if (!(f > 0) || !u) return 0;
  return log2(Math.max(u, FLOOR) / Math.max(f, FLOOR));
}

/**
 * Counts the names (sorted words) of a population into the model's frequency table: the
 * `top` commonest with their share, every other name at the share of the last kept.
 */
export function nameFrequencyTable(sortedNames: Iterable<string>, top = 2000): NameFrequency {
  const counts = new Map<string, number>();
  for (const s of sortedNames) if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  return nameFrequencyOfCounts(counts, top);
}

/** nameFrequencyTable from the count of people of each name (names counted elsewhere, e.g. by their ids). */
export function nameFrequencyOfCounts(counts: ReadonlyMap<string, number>, top = 2000): NameFrequency {
  let n = 0;
  for (const [s, c] of counts) if (s) n += c;
  if (n === 0) return { top: {}, rest: 0 };
  const sorted = [...counts].filter(([s]) => s).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = sorted.slice(0, top);
  const rest = sorted.length > top ? (kept[kept.length - 1]?.[1] ?? 1) / n : 1 / n;
  return { top: Object.fromEntries(kept.map(([k, c]) => [k, c / n])), rest };
}

/**
 * The explanation shown beside a pair: what each comparison found and what it weighed.
 * `names` (the two sorted normalised names) adjusts an exact name to its frequency.
 */
export function explain(model: LinkageModel, levels: ArrayLike<number>, names?: readonly [string, string]): { matchWeight: number; probability: number; contributions: Contribution[] } {
  const weights = levelWeights(model);
  const contributions = model.comparisons.map((c, i) => {
    const l = levels[i] ?? NULL_LEVEL;
    return { key: c.key, level: l === NULL_LEVEL ? null : (c.levels[l] ?? null), weight: l === NULL_LEVEL ? 0 : (weights[i]?.[l] ?? 0) };
  });
  let matchWeight = matchWeightOf(weights, priorWeight(model), levels);
  const name = contributions[NAME];
  if (names && name && levels[NAME] === NAME_EXACT) {
    const adj = nameFrequencyAdjustment(model, nameFrequencyOf(model, names[0]), nameFrequencyOf(model, names[1]));
    name.weight += adj;
    matchWeight += adj;
  }
  return { matchWeight, probability: probabilityOf(matchWeight), contributions };
}

/** Distinct comparison vectors with how many pairs share each: EM works on these. */
export interface Pattern {
  levels: number[];
  count: number;
}

/** Groups `n` comparison vectors stored one after another in `levels` (COMPARISON_COUNT each). */
export function patternsOf(levels: Int8Array, n: number): Pattern[] {
  const map = new Map<number, Pattern>();
  for (let i = 0; i < n; i++) {
    let key = 0;
    for (let c = 0; c < COMPARISON_COUNT; c++) key = key * 8 + ((levels[i * COMPARISON_COUNT + c] ?? NULL_LEVEL) + 1);
    const p = map.get(key);
    if (p) p.count++;
    else map.set(key, { levels: Array.from(levels.subarray(i * COMPARISON_COUNT, (i + 1) * COMPARISON_COUNT)), count: 1 });
  }
  return [...map.values()];
}

export interface EmOptions {
  maxIterations?: number;
  /** Stop when no parameter moves more than this. */
  tolerance?: number;
  /** Keep u as given (estimated from random pairs), learn m and lambda only, as Splink does by default. */
  fixU?: boolean;
  /** Learn m only for these comparisons (by index); the others keep theirs. Default: all. */
  freeM?: readonly number[];
}

/**
 * Expectation-maximisation of m, u (unless fixed) and lambda over the comparison patterns of
 * the candidate pairs (Fellegi-Sunter under conditional independence).
 */
export function trainEm(patterns: readonly Pattern[], start: LinkageModel, opts: EmOptions = {}): LinkageModel {
  const maxIterations = opts.maxIterations ?? 200;
  const tolerance = opts.tolerance ?? 1e-6;
  let model: LinkageModel = JSON.parse(JSON.stringify(start)) as LinkageModel;
  const total = patterns.reduce((s, p) => s + p.count, 0);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const weights = levelWeights(model);
    const prior = priorWeight(model);
    const mSum = model.comparisons.map((c) => c.m.map(() => 0));
    const uSum = model.comparisons.map((c) => c.u.map(() => 0));
    let matches = 0;
    for (const p of patterns) {
      const prob = probabilityOf(matchWeightOf(weights, prior, p.levels));
      const pm = prob * p.count;
      const pu = (1 - prob) * p.count;
      matches += pm;
      for (let c = 0; c < p.levels.length; c++) {
        const l = p.levels[c] ?? NULL_LEVEL;
        if (l === NULL_LEVEL) continue;
        const ms = mSum[c];
        const us = uSum[c];
        if (ms) ms[l] = (ms[l] ?? 0) + pm;
        if (us) us[l] = (us[l] ?? 0) + pu;
      }
    }
    const normalise = (xs: number[]) => {
      const s = xs.reduce((a, b) => a + b, 0);
      return xs.map((x) => Math.max(s > 0 ? x / s : 1 / xs.length, FLOOR));
    };
    const next: LinkageModel = {
      ...model,
      lambda: Math.min(Math.max(matches / total, FLOOR), 1 - FLOOR),
      comparisons: model.comparisons.map((c, i) => ({
        ...c,
        m: !opts.freeM || opts.freeM.includes(i) ? normalise(mSum[i] ?? []) : c.m,
        u: opts.fixU ? c.u : normalise(uSum[i] ?? []),
      })),
    };
    let delta = Math.abs(next.lambda - model.lambda);
    next.comparisons.forEach((c, i) => {
      const prev = model.comparisons[i];
      c.m.forEach((v, l) => { delta = Math.max(delta, Math.abs(v - (prev?.m[l] ?? 0))); });
      c.u.forEach((v, l) => { delta = Math.max(delta, Math.abs(v - (prev?.u[l] ?? 0))); });
    });
    model = next;
    converged = delta < tolerance;
  }
  return { ...model, trainedOn: { pairs: total, iterations, converged } };
}

/**
 * u from pairs drawn at random among all records (nearly all non-matches): how often
 * unrelated people agree at each level. `pairLevels` gives the levels of the i-th random pair.
 */
export function estimateU(model: LinkageModel, samples: Int8Array, n: number): LinkageModel {
  const counts = model.comparisons.map((c) => c.u.map(() => 1)); // add-one: no level is impossible
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < COMPARISON_COUNT; c++) {
      const l = samples[i * COMPARISON_COUNT + c] ?? NULL_LEVEL;
      const row = counts[c];
      if (l !== NULL_LEVEL && row) row[l] = (row[l] ?? 0) + 1;
    }
  }
  return {
    ...model,
    comparisons: model.comparisons.map((c, i) => {
      const row = counts[i] ?? [];
      const s = row.reduce((a, b) => a + b, 0);
      return { ...c, u: row.map((x) => x / s) };
    }),
  };
}
