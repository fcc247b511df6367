import { z } from 'zod';
import { isCode, type CodeListName } from './code-lists.ts';
import { HOUSEHOLD_CODE_INDICATORS, type HouseholdIndicators } from './household.ts';
import modelV1 from './local-decile-model.v1.json' with { type: 'json' };
import { IsoDate } from './person.ts';

/**
 * A local welfare estimate for a household that has no national desil yet, to help triage.
 * It is NOT the desil: the desil is BPS's national ranking, imported with its source and date
 * and never recomputed. Everything here is called "local estimate", and a result always
 * carries the model id and version it came from, so it can be shown with its provenance.
 *
 * The model is a transparent additive points table kept as a versioned data file
 * (`local-decile-model.v<N>.json`): poverty points per indicator value (higher = poorer),
 * summed with an intercept, then cut into ten groups by score thresholds. A new calibration
 * is a new file with a new version, never an edit of a published one.
 */

/** Code-valued household indicators the model may score, with the list their codes come from. */
const CODE_INDICATORS = HOUSEHOLD_CODE_INDICATORS;

// programsReceived is deliberately not scoreable: it follows from the national ranking.
const SET_INDICATORS = { assets: 'assets' } as const satisfies Partial<Record<keyof HouseholdIndicators, CodeListName>>;

type CodeIndicator = keyof typeof CODE_INDICATORS;
type SetIndicator = keyof typeof SET_INDICATORS;

const Points = z.record(z.string(), z.number());

const ModelIndicator = z.discriminatedUnion('kind', [
  z.strictObject({
    indicator: z.enum(Object.keys(CODE_INDICATORS) as [CodeIndicator, ...CodeIndicator[]]),
    kind: z.literal('code'),
    /** Points per code; a code left out scores 0. */
    points: Points,
  }),
  z.strictObject({
    indicator: z.enum(Object.keys(SET_INDICATORS) as [SetIndicator, ...SetIndicator[]]),
    kind: z.literal('set'),
    /** Points per code present in the set. */
    points: Points,
    /** Points when the set is known and empty (owns none of the listed assets). */
    whenEmpty: z.number().optional(),
  }),
  z.strictObject({
    indicator: z.literal('floorAreaM2'),
    kind: z.literal('bands'),
    /** Ascending upper bounds (inclusive); the last band has `upTo: null` and takes the rest. */
    bands: z.array(z.strictObject({ upTo: z.number().nullable(), points: z.number() })).min(1),
  }),
]);

export const LocalEstimateModel = z
  .strictObject({
    modelId: z.string().min(1),
    version: z.number().int().positive(),
    effectiveDate: IsoDate,
    description: z.string(),
    intercept: z.number(),
    /** Fewer known indicators than this gives no estimate at all. */
    minKnownIndicators: z.number().int().min(1),
    indicators: z.array(ModelIndicator).min(1),
    /** Deciles 1-9 with the lowest score that reaches them, poorest first. */
    thresholds: z.array(z.strictObject({ decile: z.number().int(), minScore: z.number() })),
    /** Decile for a score below every threshold (the least poor). */
    defaultDecile: z.literal(10),
  })
  .superRefine((model, ctx) => {
    const seen = new Set<string>();
    model.indicators.forEach((spec, i) => {
      if (seen.has(spec.indicator)) ctx.addIssue({ code: 'custom', path: ['indicators', i], message: `${spec.indicator} appears twice.` });
      seen.add(spec.indicator);
      if (spec.kind === 'bands') {
        const bounds = spec.bands.map((b) => b.upTo);
        const last = bounds.pop();
        const ascending = bounds.every((b, j) => b !== null && (j === 0 || b > (bounds[j - 1] ?? -Infinity)));
        if (last !== null || !ascending) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'bands'], message: 'Bands need ascending bounds and a last band with upTo null.' });
        return;
      }
      const list = spec.kind === 'code' ? CODE_INDICATORS[spec.indicator] : SET_INDICATORS[spec.indicator];
      for (const code of Object.keys(spec.points)) {
        if (!isCode(list, code)) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'points', code], message: `${code} is not a code of ${list}.` });
      }
    });
    const deciles = model.thresholds.map((t) => t.decile);
    const descending = model.thresholds.every((t, j) => j === 0 || t.minScore < (model.thresholds[j - 1]?.minScore ?? Infinity));
    if (deciles.join() !== '1,2,3,4,5,6,7,8,9' || !descending) {
      ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 'Thresholds must be deciles 1-9 in order with falling minimum scores.' });
    }
  });
export type LocalEstimateModel = z.infer<typeof LocalEstimateModel>;

/** The shipped model, version 1. Parsed at load so a broken data file fails loudly. */
export const LOCAL_ESTIMATE_MODEL_V1: LocalEstimateModel = LocalEstimateModel.parse(modelV1);

export type LocalEstimateContribution = { indicator: keyof HouseholdIndicators; value: string | number; points: number };

export type LocalEstimate = {
  /** 1 (poorest) to 10: a local estimate, never to be shown or stored as the desil. */
  estimate: number;
  label: 'local_estimate';
  modelId: string;
  modelVersion: number;
  /** intercept + the sum of contributions */
  score: number;
  knownIndicators: number;
  /** What made the score, largest absolute effect first. */
  contributions: LocalEstimateContribution[];
};

/**
 * Scores a household's indicators with a local estimate model; null when fewer than the
 * model's minimum number of indicators are known (an unknown field is not a poor one).
 */
export function estimateLocalDecile(
  indicators: HouseholdIndicators,
  model: LocalEstimateModel = LOCAL_ESTIMATE_MODEL_V1,
): LocalEstimate | null {
  const contributions: LocalEstimateContribution[] = [];
  let knownIndicators = 0;
  for (const spec of model.indicators) {
    switch (spec.kind) {
      case 'code': {
        const value = indicators[spec.indicator];
        if (value === undefined) break;
        knownIndicators++;
        contributions.push({ indicator: spec.indicator, value, points: spec.points[value] ?? 0 });
        break;
      }
      case 'set': {
        const values = indicators[spec.indicator];
        if (values === undefined) break;
        knownIndicators++;
        if (values.length === 0) contributions.push({ indicator: spec.indicator, value: 'none', points: spec.whenEmpty ?? 0 });
        for (const value of values) contributions.push({ indicator: spec.indicator, value, points: spec.points[value] ?? 0 });
        break;
      }
      case 'bands': {
        const value = indicators[spec.indicator];
        if (value === undefined) break;
        knownIndicators++;
        const band = spec.bands.find((b) => b.upTo === null || value <= b.upTo);
        contributions.push({ indicator: spec.indicator, value, points: band?.points ?? 0 });
        break;
      }
    }
  }
  if (knownIndicators < model.minKnownIndicators) return null;

  const score = contributions.reduce((sum, c) => sum + c.points, model.intercept);
  const estimate = model.thresholds.find((t) => score >= t.minScore)?.decile ?? model.defaultDecile;
  // Array.prototype.sort is stable: equal effects keep the model's indicator order.
  contributions.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return {
    estimate,
    label: 'local_estimate',
    modelId: model.modelId,
    modelVersion: model.version,
    score,
    knownIndicators,
    contributions,
  };
}
