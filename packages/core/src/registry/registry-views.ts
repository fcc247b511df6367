import { z } from 'zod';
import { listOf } from '../wire.ts';
import { PersonElsewhere } from './registry-api.ts';

/**
 * What the registry API answers (persons, households, history, imports). Each schema is the
 * response allowlist of its routes, so an internal column never leaks; the web and the tests
 * read the same types. Dates are `YYYY-MM-DD`, timestamps ISO strings.
 */

const RegistryStatus = z.enum(['registered', 'proposed', 'not_registered', 'inactive']);
const Sex = z.enum(['M', 'F']);

/** A person in a list: NIK and KK masked. */
export const PersonSummary = z.object({
  id: z.uuid(),
  nik: z.string().nullable(),
  kk: z.string().nullable(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  sex: Sex,
  relationship: z.string().nullable(),
  villageCode: z.string(),
  villageName: z.string(),
  kecamatanCode: z.string(),
  kecamatanName: z.string(),
  householdId: z.uuid(),
  familyId: z.uuid().nullable(),
  registryStatus: RegistryStatus,
  desil: z.number().int().nullable(),
  desilSource: z.string().nullable(),
  desilDate: z.string().nullable(),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

/** A search hit: a name search adds its score; a restricted record says why. */
export const PersonSearchItem = PersonSummary.extend({ score: z.number().optional(), restrictionReason: z.string().optional() });
export type PersonSearchItem = z.infer<typeof PersonSearchItem>;

/** `GET /persons`: the hits, and where a NIK outside the caller's area lives. */
export const PersonSearchPage = listOf(PersonSearchItem).extend({ elsewhere: PersonElsewhere.nullable().optional() });
export type PersonSearchPage = z.infer<typeof PersonSearchPage>;

/** A person in full: the NIK in clear; the specific fields only for registry.read_specific. */
export const PersonView = PersonSummary.extend({
  birthPlace: z.string().nullable(),
  maritalStatus: z.string().nullable(),
  presence: z.string().nullable(),
  documentsHeld: z.array(z.string()).nullable(),
  schoolParticipation: z.string().nullable(),
  educationLevel: z.string().nullable(),
  workStatus: z.string().nullable(),
  workSector: z.string().nullable(),
  pipKip: z.boolean().nullable(),
  dukcapilMatch: z.string().nullable(),
  inactiveReason: z.string().nullable(),
  nikWarnings: z.array(z.string()),
  /** False when the caller may not see specific personal data: those fields are then absent. */
  specificShown: z.boolean(),
  pregnant: z.boolean().nullable().optional(),
  disability: z.record(z.string(), z.string()).nullable().optional(),
  chronicIllnesses: z.array(z.string()).nullable().optional(),
  healthInsurance: z.array(z.string()).nullable().optional(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonView = z.infer<typeof PersonView>;

const Contribution = z.object({ indicator: z.string(), value: z.union([z.string(), z.number()]), points: z.number() });

/** Never the desil: a triage aid computed from the indicators, always labelled. */
export const LocalEstimateView = z.object({
  estimate: z.number().int(),
  label: z.literal('local_estimate'),
  modelId: z.string(),
  modelVersion: z.number().int(),
  score: z.number(),
  knownIndicators: z.number().int(),
  contributions: z.array(Contribution),
});
export type LocalEstimateView = z.infer<typeof LocalEstimateView>;

const KkHistoryItem = z.object({ kk: z.string(), validFrom: z.string(), validTo: z.string().nullable(), reason: z.string().nullable(), sourceType: z.string() });

export const FamilyView = z.object({
  id: z.uuid(),
  kk: z.string().nullable(),
  version: z.number().int(),
  kkHistory: z.array(KkHistoryItem),
  members: z.array(PersonSummary),
});
export type FamilyView = z.infer<typeof FamilyView>;

export const HouseholdView = z.object({
  id: z.uuid(),
  villageCode: z.string(),
  villageName: z.string(),
  kecamatanCode: z.string(),
  kecamatanName: z.string(),
  address: z.string().nullable(),
  rt: z.string().nullable(),
  rw: z.string().nullable(),
  indicators: z.record(z.string(), z.unknown()),
  desil: z.number().int().nullable(),
  desilSource: z.string().nullable(),
  desilDate: z.string().nullable(),
  /** Only when there is no national desil. */
  localEstimate: LocalEstimateView.nullable(),
  families: z.array(FamilyView),
  /** Members not on any family (met at the Puskesos without a KK). */
  membersWithoutFamily: z.array(PersonSummary),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HouseholdView = z.infer<typeof HouseholdView>;

/** Where a registry change came from. */
const REGISTRY_SOURCE_TYPES = ['import', 'proposal', 'officer', 'seed'] as const;

/** One entry of a person's or household's history: who changed what, when, why, old and new. */
export const RegistryHistoryItem = z.object({
  id: z.uuid(),
  at: z.string(),
  action: z.enum(['create', 'update']),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  sourceType: z.enum(REGISTRY_SOURCE_TYPES),
  sourceId: z.string().nullable(),
  changes: z.record(z.string(), z.object({ old: z.unknown(), new: z.unknown() })),
});
export type RegistryHistoryItem = z.infer<typeof RegistryHistoryItem>;
export const RegistryHistoryPage = listOf(RegistryHistoryItem);

/** An officer's edit of a person, household or family: the new version and the fields that changed. */
export const RegistryChangeResult = z.object({ version: z.number().int(), changed: z.array(z.string()) });
export type RegistryChangeResult = z.infer<typeof RegistryChangeResult>;

/** The phases of an import, in order: rows read, checked, staged; then the apply and the index build. */
export const IMPORT_PHASES = ['read', 'check', 'stage', 'apply', 'index'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];
/** One phase's progress: rows (read, check, stage) or steps (apply, index). */
export const ImportPhaseView = z.object({ phase: z.enum(IMPORT_PHASES), done: z.number().int(), total: z.number().int().nullable() });
export type ImportPhaseView = z.infer<typeof ImportPhaseView>;

/** A registry import: its progress and, when done, the rejected rows' report. */
export const ImportStatusView = z.object({
  id: z.uuid(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  fileName: z.string(),
  rowsTotal: z.number().int().nullable(),
  rowsDone: z.number().int(),
  rowsOk: z.number().int(),
  rowsRejected: z.number().int(),
  errorReportUrl: z.string().nullable(),
  error: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The phase under way while running (null otherwise, or when another process runs it and has not said). */
  phase: z.enum(IMPORT_PHASES).nullable(),
  /** Every phase's progress while running in this process; empty otherwise. */
  phases: z.array(ImportPhaseView),
  /** Estimated seconds left, while running; null when not known yet. */
  secondsLeft: z.number().int().nullable(),
});
export type ImportStatusView = z.infer<typeof ImportStatusView>;

/** How an import file's header row maps onto the canonical columns (the preview). */
export const HeaderMappingView = z.object({
  headers: z.array(z.object({ header: z.string(), column: z.string().nullable(), how: z.enum(['synonym', 'mapping', 'none']) })),
  missingRequired: z.array(z.string()),
  duplicates: z.array(z.string()),
  canonicalColumns: z.array(z.string()),
  /** Columns a file must have; `village_code_bps` stands in for `village_code`. */
  requiredColumns: z.array(z.string()),
});
export type HeaderMappingView = z.infer<typeof HeaderMappingView>;
