import { z } from 'zod';
import { codesOf, isCode } from '../registry/code-lists.ts';
import { HOUSEHOLD_CODE_INDICATORS } from '../registry/household.ts';
import { IsoDate } from '../registry/person.ts';

/**
 * The declarative form of a program's eligibility rule: data that the kabupaten edits, never
 * code. A rule is a list of criteria that must all hold; each criterion is one of a few
 * kinds that the evaluator (`evaluate-rule.ts`) knows. Screening is advisory: a rule says who
 * the program is reported to target, the program owner decides.
 */

/** School levels by the age of a child (completed years at the screening date). */
export const SCHOOL_LEVEL_AGES = {
  primary: { min: 6, max: 12 },
  junior_secondary: { min: 13, max: 15 },
  senior_secondary: { min: 16, max: 18 },
} as const;
export const SchoolLevel = z.enum(['primary', 'junior_secondary', 'senior_secondary']);
export type SchoolLevel = z.infer<typeof SchoolLevel>;

/** A household component: what one member must be for the household to count. */
export const MemberPredicate = z.discriminatedUnion('kind', [
  /** A pregnant woman (the registry's pregnancy flag). */
  z.strictObject({ kind: z.literal('pregnant') }),
  /** A member aged min..max completed years (either bound may be left out). */
  z.strictObject({
    kind: z.literal('age'),
    min: z.number().int().min(0).max(130).optional(),
    max: z.number().int().min(0).max(130).optional(),
  }).refine((p) => p.min !== undefined || p.max !== undefined, { message: 'min or max is required.', path: ['min'] })
    .refine((p) => p.min === undefined || p.max === undefined || p.min <= p.max, { message: 'max must not be below min.', path: ['max'] }),
  /** A child of the school age of a level (SCHOOL_LEVEL_AGES). */
  z.strictObject({ kind: z.literal('schoolAge'), level: SchoolLevel }),
  /** A severe disability: a lot of difficulty, or cannot at all, in any Washington Group domain. */
  z.strictObject({ kind: z.literal('severeDisability') }),
]);
export type MemberPredicate = z.infer<typeof MemberPredicate>;

/** Household indicators a rule may test, each with its code list. */
export const INDICATOR_FIELDS = HOUSEHOLD_CODE_INDICATORS;
export type IndicatorField = keyof typeof INDICATOR_FIELDS;
const IndicatorFieldSchema = z.enum(Object.keys(INDICATOR_FIELDS) as [IndicatorField, ...IndicatorField[]]);

export const IndicatorCondition = z.strictObject({
  field: IndicatorFieldSchema,
  values: z.array(z.string().max(60)).min(1).max(20),
}).superRefine((c, ctx) => {
  c.values.forEach((v, i) => {
    if (!isCode(INDICATOR_FIELDS[c.field], v)) ctx.addIssue({ code: 'custom', path: ['values', i], message: `Not a ${c.field} code.` });
  });
});
export type IndicatorCondition = z.infer<typeof IndicatorCondition>;

const RegistryStatusCode = z.enum(['registered', 'proposed', 'not_registered', 'inactive']);
const DocumentCode = z.enum(codesOf('documents_held') as [string, ...string[]]);

export const Criterion = z.discriminatedUnion('kind', [
  /** The household's national desil is at most `max`. */
  z.strictObject({ kind: z.literal('maxDesil'), max: z.number().int().min(1).max(10) }),
  /** At least one member (living in the household) is one of the components. */
  z.strictObject({ kind: z.literal('members'), anyOf: z.array(MemberPredicate).min(1).max(12) }),
  /** Housing indicators: any (or all) of the conditions hold. */
  z.strictObject({ kind: z.literal('indicators'), match: z.enum(['any', 'all']), conditions: z.array(IndicatorCondition).min(1).max(12) }),
  /** The head of the family (or, without one, any member) has one of these registry statuses. */
  z.strictObject({ kind: z.literal('registryStatus'), statuses: z.array(RegistryStatusCode).min(1) }),
  /** The head (or every member) holds these identity documents. */
  z.strictObject({ kind: z.literal('documents'), documents: z.array(DocumentCode).min(1), who: z.enum(['head', 'every']) }),
  /** Decided by a body the data cannot replace (village deliberation, the program's own assessment): always unknown. */
  z.strictObject({ kind: z.literal('decidedBy'), body: z.enum(['village_deliberation', 'program_assessment']) }),
]);
export type Criterion = z.infer<typeof Criterion>;
export type CriterionKind = Criterion['kind'];

export const EligibilityRule = z.strictObject({ criteria: z.array(Criterion).min(1).max(20) });
export type EligibilityRule = z.infer<typeof EligibilityRule>;


/** One version of a program's rule and the dates it is in force (both inclusive; no end = open). */
export const RuleVersionInput = z.strictObject({
  rule: EligibilityRule,
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable().default(null),
  note: z.string().trim().max(500).nullable().default(null),
}).refine((v) => v.effectiveTo === null || v.effectiveTo >= v.effectiveFrom, { message: 'effectiveTo must not be before effectiveFrom.', path: ['effectiveTo'] });
export type RuleVersionInput = z.infer<typeof RuleVersionInput>;

/** True when a version is in force on `date` (all `YYYY-MM-DD`: string order is date order). */
export function inForce(version: { effectiveFrom: string; effectiveTo: string | null }, date: string): boolean {
  return version.effectiveFrom <= date && (version.effectiveTo === null || date <= version.effectiveTo);
}

/** The version in force on `date`: the latest-starting one when periods overlap. */
export function versionInForce<V extends { effectiveFrom: string; effectiveTo: string | null; version: number }>(versions: readonly V[], date: string): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (!inForce(v, date)) continue;
    if (best === null || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}
