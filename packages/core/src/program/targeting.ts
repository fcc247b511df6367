import { z } from 'zod';
import { ShownCountValue } from '../stats/shown-count.ts';
import { ExportFormat, LangParam } from '../wire.ts';

/** Wire shapes of targeting lists (who is missed, who is included in error) and program statistics. */

export const TargetingKind = z.enum(['exclusion', 'inclusion']);
export type TargetingKind = z.infer<typeof TargetingKind>;

export const TargetingQuery = z.object({
  area: z.string().max(20).optional(),
  kind: TargetingKind.default('exclusion'),
  cursor: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type TargetingQuery = z.input<typeof TargetingQuery>;

/** `GET /programs/:code/targeting/export`: the list as a file for people, its words in `lang`. */
export const TargetingExportQuery = TargetingQuery.omit({ cursor: true, limit: true }).extend({ format: ExportFormat.default('csv'), lang: LangParam.optional() });
export type TargetingExportQuery = z.input<typeof TargetingExportQuery>;

export const TargetingItem = z.object({
  householdId: z.uuid(),
  villageCode: z.string(),
  villageName: z.string(),
  headName: z.string().nullable(),
  desil: z.number().int().nullable(),
  result: z.enum(['eligible', 'not_eligible', 'unknown']),
  enrolled: z.boolean(),
  reasons: z.array(z.string()),
});
export type TargetingItem = z.infer<typeof TargetingItem>;

export const TargetingList = z.object({
  program: z.string(),
  kind: TargetingKind,
  area: z.object({ code: z.string(), name: z.string() }),
  total: z.number().int(),
  items: z.array(TargetingItem),
  nextCursor: z.string().nullable(),
});
export type TargetingList = z.infer<typeof TargetingList>;

export const ProgramStatsRow = z.object({
  program: z.string(),
  programName: z.string(),
  households: ShownCountValue,
  eligible: ShownCountValue,
  unknown: ShownCountValue,
  enrolled: ShownCountValue,
  /** Eligible under the rule in force but not enrolled. */
  exclusion: ShownCountValue,
  /** Enrolled but not eligible under the rule in force. */
  inclusion: ShownCountValue,
});
export type ProgramStatsRow = z.infer<typeof ProgramStatsRow>;

export const ProgramStats = z.object({
  area: z.object({ code: z.string(), name: z.string() }),
  date: z.string(),
  households: ShownCountValue,
  programs: z.array(ProgramStatsRow),
  /** For readers without personal-data access (executive, village head), counts 1-4 are "<5" and counts that would reveal one "x"; null when exact. */
  suppressedBelow: z.number().int().nullable(),
});
export type ProgramStats = z.infer<typeof ProgramStats>;

/**
 * What a targeting list's rows become, in one request by the officer who owns the area: a
 * household missed (exclusion) becomes a referral to the program's delivering service (one case
 * and one need per household) or a proposal of enrolment; a household included in error
 * becomes a proposal of exit, the screening's reasons as its justification.
 */
export const TARGETING_ACTIONS = ['referral', 'enrol_proposal', 'exit_proposal'] as const;
export const TargetingAction = z.enum(TARGETING_ACTIONS);
export type TargetingAction = z.infer<typeof TargetingAction>;

/** The list each action applies to. */
export const LIST_OF_ACTION: Record<TargetingAction, TargetingKind> = { referral: 'exclusion', enrol_proposal: 'exclusion', exit_proposal: 'inclusion' };

export const TargetingActionInput = z.strictObject({
  action: TargetingAction,
  householdIds: z.array(z.uuid()).min(1).max(200),
});
export type TargetingActionInput = z.infer<typeof TargetingActionInput>;

export const TARGETING_SKIPS = ['out_of_scope', 'not_in_list', 'open_case', 'open_proposal', 'no_member', 'repeated'] as const;

/** One row's outcome: what was created, or why nothing was. */
export const TargetingActionRow = z.object({
  householdId: z.uuid(),
  outcome: z.enum(['created', 'skipped']),
  skip: z.enum(TARGETING_SKIPS).nullable(),
  caseId: z.uuid().nullable(),
  caseCode: z.string().nullable(),
  referralId: z.uuid().nullable(),
  referralNumber: z.string().nullable(),
  proposalId: z.uuid().nullable(),
  proposalCode: z.string().nullable(),
  /** The outcome in the caller's language. */
  message: z.string(),
});
export type TargetingActionRow = z.infer<typeof TargetingActionRow>;

export const TargetingActionResult = z.object({
  program: z.string(),
  action: TargetingAction,
  created: z.number().int(),
  skipped: z.number().int(),
  items: z.array(TargetingActionRow),
});
export type TargetingActionResult = z.infer<typeof TargetingActionResult>;
