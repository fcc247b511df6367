import { z } from 'zod';
import { IsoDate } from '../registry/person.ts';
import { SECTORS } from '../case/case-codes.ts';
import { EligibilityRule } from './eligibility-rule.ts';

/**
 * The wire shapes of the programs domain (catalog, rule versions, screening), shared by
 * server, web and tests.
 */

/** National program codes seeded in every installation (a contract: other systems use them). */
export const NATIONAL_PROGRAM_CODES = ['PKH', 'SEMBAKO', 'PBI_JK', 'PIP', 'RTLH', 'ATENSI', 'BLT_DD'] as const;

export const ProgramCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,19}$/, { message: 'Expected 2-20 capital letters, digits or _.' });
export const ProgramScope = z.enum(['national', 'village', 'local']);
export const ProgramOwnerKind = z.enum(['ministry', 'kabupaten', 'village', 'partner']);

export const BenefitAmount = z.strictObject({ label: z.string().max(100).nullable(), amount: z.number().int().min(0) });
export const ProgramBenefit = z.strictObject({
  kind: z.enum(['cash', 'goods', 'service', 'premium']),
  description: z.string().trim().min(1).max(500),
  currency: z.literal('IDR'),
  period: z.enum(['month', 'year', 'once']).nullable(),
  unit: z.enum(['household', 'person', 'component']),
  amounts: z.array(BenefitAmount).max(12),
  /** False where the amount was seen only in secondary sources (shared/domain/programs.md). */
  amountVerified: z.boolean(),
});
export type ProgramBenefit = z.infer<typeof ProgramBenefit>;

export const RuleVersion = z.object({
  id: z.uuid(),
  version: z.number().int(),
  rule: EligibilityRule,
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type RuleVersion = z.infer<typeof RuleVersion>;

export const Program = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  scope: ProgramScope,
  ownerKind: ProgramOwnerKind,
  ownerName: z.string(),
  serviceId: z.uuid().nullable(),
  /** The need sector a screening suggestion becomes at intake. */
  sector: z.string(),
  benefit: ProgramBenefit,
  active: z.boolean(),
  /** The rule version in force today (null when none is). */
  ruleInForce: RuleVersion.nullable(),
});
export type Program = z.infer<typeof Program>;

export const ProgramDetail = Program.extend({ versions: z.array(RuleVersion) });
export type ProgramDetail = z.infer<typeof ProgramDetail>;

/** A local program the kabupaten adds (national ones are seeded). */
export const ProgramInput = z.strictObject({
  code: ProgramCode,
  name: z.string().trim().min(2).max(120),
  ownerKind: ProgramOwnerKind,
  ownerName: z.string().trim().min(2).max(120),
  serviceId: z.uuid().nullable().default(null),
  sector: z.enum(SECTORS).default('social_assistance'),
  benefit: ProgramBenefit,
});
export type ProgramInput = z.infer<typeof ProgramInput>;

/** `PATCH /programs/:code`: the directory service that delivers the program; whether a local program is active. */
export const ProgramUpdate = z.strictObject({ serviceId: z.uuid().nullable().optional(), active: z.boolean().optional() });
export type ProgramUpdate = z.infer<typeof ProgramUpdate>;

/** The path of a program's routes (`/programs/:code/...`). */
export const ProgramCodeParams = z.object({ code: ProgramCode });

export const ScreeningResultCode = z.enum(['eligible', 'not_eligible', 'unknown']);

/** One program's screening of a household: advisory, the program owner decides. */
export const ScreeningItem = z.object({
  program: z.string(),
  programName: z.string(),
  result: ScreeningResultCode,
  reasons: z.array(z.string()),
  ruleVersion: z.number().int(),
  enrolled: z.boolean(),
  serviceId: z.uuid().nullable(),
  sector: z.string(),
});
export type ScreeningItem = z.infer<typeof ScreeningItem>;

export const HouseholdScreening = z.object({
  items: z.array(ScreeningItem),
  nextCursor: z.string().nullable(),
  /** The date the rules and ages were taken at. */
  date: z.string(),
});
export type HouseholdScreening = z.infer<typeof HouseholdScreening>;

/** How many households a rule version selects, counted before it takes effect. */
export const RulePreviewInput = z.strictObject({ rule: EligibilityRule, date: IsoDate.optional(), area: z.string().max(20).optional() });
export const RulePreview = z.object({
  date: z.string(),
  households: z.number().int(),
  eligible: z.number().int(),
  notEligible: z.number().int(),
  unknown: z.number().int(),
  /** The same counts under the version in force now, for comparison (null when none). */
  current: z.object({ eligible: z.number().int(), notEligible: z.number().int(), unknown: z.number().int() }).nullable(),
});
export type RulePreview = z.infer<typeof RulePreview>;
