import { z } from 'zod';
import { LinkageModel } from './fellegi-sunter.ts';

/** Wire shapes of the record-linkage API (server, web and tests import these). */

export const DuplicateRunStatus = z.enum(['running', 'done', 'failed']);
export type DuplicateRunStatus = z.infer<typeof DuplicateRunStatus>;

export const BlockingRuleStat = z.object({ rule: z.string(), pairs: z.number(), oversizedBlocks: z.number(), added: z.number().optional() });

export const DuplicateRunView = z.object({
  id: z.uuid(),
  status: DuplicateRunStatus,
  trigger: z.enum(['request', 'nightly']),
  pairsFound: z.number().int(),
  personsCompared: z.number().int().nullable(),
  candidatePairs: z.number().int().nullable(),
  clusters: z.number().int().nullable(),
  requestedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The weights and threshold the run learned and used: shown to the kabupaten. */
  model: LinkageModel.nullable(),
  blocking: z.array(BlockingRuleStat).nullable(),
  timings: z.record(z.string(), z.number()).nullable(),
  error: z.string().nullable(),
});
export type DuplicateRunView = z.infer<typeof DuplicateRunView>;

/** A person as the review screen compares it. NIK in clear: the reviewer must compare it. */
export const LinkagePerson = z.object({
  id: z.uuid(),
  nik: z.string().nullable(),
  kk: z.string().nullable(),
  fullName: z.string(),
  birthPlace: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.enum(['M', 'F']),
  villageCode: z.string(),
  householdId: z.uuid(),
  relationship: z.string().nullable(),
  maritalStatus: z.string().nullable(),
  registryStatus: z.string(),
  version: z.number().int(),
});
export type LinkagePerson = z.infer<typeof LinkagePerson>;

export const PairContribution = z.object({ key: z.string(), level: z.string().nullable(), weight: z.number() });

export const DuplicatePairStatus = z.enum(['open', 'dismissed', 'merged', 'national']);
export type DuplicatePairStatus = z.infer<typeof DuplicatePairStatus>;

export const DuplicatePairView = z.object({
  id: z.uuid(),
  personA: LinkagePerson,
  personB: LinkagePerson,
  /** Match probability (0-1). */
  score: z.number(),
  matchWeight: z.number(),
  status: DuplicatePairStatus,
  source: z.enum(['run', 'import', 'intake', 'proposal']),
  runId: z.uuid().nullable(),
  clusterKey: z.uuid().nullable(),
  crossKabupaten: z.boolean(),
  /** Which comparisons agreed and what each weighed. */
  explanation: z.array(PairContribution),
  /** Fields whose values differ between the two (camelCase). */
  differingFields: z.array(z.string()),
  /** The merge of this pair, when it was merged (for undo). */
  mergeId: z.uuid().nullable(),
});
export type DuplicatePairView = z.infer<typeof DuplicatePairView>;

export const DuplicatePairQuery = z.object({
  runId: z.uuid().optional(),
  status: DuplicatePairStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DuplicatePairQuery = z.infer<typeof DuplicatePairQuery>;

/** The person fields a merge may take from either record. */
export const MERGEABLE_FIELDS = ['nik', 'fullName', 'birthPlace', 'birthDate', 'sex', 'relationship', 'maritalStatus'] as const;
export type MergeableField = (typeof MERGEABLE_FIELDS)[number];

export const MergeRequest = z.strictObject({
  keepPersonId: z.uuid(),
  /** Field -> the id of the person whose value survives; fields left out keep the survivor's. */
  fields: z.partialRecord(z.enum(MERGEABLE_FIELDS), z.uuid()).default({}),
});
export type MergeRequest = z.infer<typeof MergeRequest>;

export const MovedRecords = z.array(z.object({ table: z.string(), column: z.string(), ids: z.array(z.string()) }));

export const MergeView = z.object({
  id: z.uuid(),
  pairId: z.uuid(),
  survivorId: z.uuid(),
  mergedId: z.uuid(),
  status: z.enum(['merged', 'undone']),
  survivorChanges: z.record(z.string(), z.object({ old: z.unknown(), new: z.unknown() })),
  moved: MovedRecords,
  mergedAt: z.string(),
  undoneAt: z.string().nullable(),
});
export type MergeView = z.infer<typeof MergeView>;

/** Likely matches of a person about to be created (intake, usulan): the officer chooses. */
export const LikelyMatch = z.object({ person: LinkagePerson, score: z.number(), explanation: z.array(PairContribution) });
export type LikelyMatch = z.infer<typeof LikelyMatch>;
export const LikelyMatchList = z.object({ items: z.array(LikelyMatch) });

/** A person about to be created, checked against the registry first. */
export const DuplicateCheckRequest = z.strictObject({
  nik: z.string().regex(/^\d{16}$/).nullable().default(null),
  fullName: z.string().trim().min(1).max(200),
  birthDate: z.iso.date().nullable().default(null),
  sex: z.enum(['M', 'F']),
  villageCode: z.string().max(20),
  kk: z.string().regex(/^\d{16}$/).nullable().default(null),
});
export type DuplicateCheckRequest = z.infer<typeof DuplicateCheckRequest>;
