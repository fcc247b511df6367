import { z } from 'zod';
import { estimateLocalDecile, maskNik, SPECIFIC_PERSON_FIELDS, type HouseholdIndicators, type LocalEstimate } from '@slrt/core';
import type { RequestContext } from '../http/context.ts';
import type { FamilyRecord, HouseholdRecord, PersonRecord } from './records.ts';

/**
 * The registry's JSON shapes. Each schema is the response allowlist of its routes, so an
 * internal column never leaks. Dates are `YYYY-MM-DD`, timestamps ISO strings.
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

/** The fields of a person that a list shows (what the search queries read). */
export type PersonSummaryRecord = Pick<PersonRecord,
  'id' | 'nik' | 'kk' | 'fullName' | 'birthDate' | 'sex' | 'relationship' | 'villageCode' | 'villageName' | 'kecamatanCode'
  | 'kecamatanName' | 'householdId' | 'familyId' | 'registryStatus' | 'desil' | 'desilSource' | 'desilDate'>;

export function toPersonSummary(p: PersonSummaryRecord): PersonSummary {
  return {
    id: p.id,
    nik: p.nik === null ? null : maskNik(p.nik),
    kk: p.kk === null ? null : maskNik(p.kk),
    fullName: p.fullName,
    birthDate: p.birthDate,
    sex: p.sex,
    relationship: p.relationship,
    villageCode: p.villageCode,
    villageName: p.villageName,
    kecamatanCode: p.kecamatanCode,
    kecamatanName: p.kecamatanName,
    householdId: p.householdId,
    familyId: p.familyId,
    registryStatus: p.registryStatus,
    desil: p.desil,
    desilSource: p.desilSource,
    desilDate: p.desilDate,
  };
}

/** True when the caller may see specific personal data (health, disability). */
export function mayReadSpecific(ctx: Pick<RequestContext, 'actor'>): boolean {
  return ctx.actor.can('registry.read_specific');
}

export function toPersonView(p: PersonRecord, ctx: Pick<RequestContext, 'actor'>): PersonView {
  const showSpecific = mayReadSpecific(ctx);
  const view: PersonView = {
    ...toPersonSummary(p),
    nik: p.nik,
    kk: p.kk,
    birthPlace: p.birthPlace,
    maritalStatus: p.maritalStatus,
    presence: p.presence,
    documentsHeld: p.documentsHeld,
    schoolParticipation: p.schoolParticipation,
    educationLevel: p.educationLevel,
    workStatus: p.workStatus,
    workSector: p.workSector,
    pipKip: p.pipKip,
    dukcapilMatch: p.dukcapilMatch,
    inactiveReason: p.inactiveReason,
    nikWarnings: p.nikWarnings,
    specificShown: showSpecific,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
  if (showSpecific) {
    for (const field of SPECIFIC_PERSON_FIELDS) Object.assign(view, { [field]: p[field] });
  }
  return view;
}

const Contribution = z.object({ indicator: z.string(), value: z.union([z.string(), z.number()]), points: z.number() });

/** Never the desil: a triage aid computed from the indicators, always labelled. */
const LocalEstimateView = z.object({
  estimate: z.number().int(),
  label: z.literal('local_estimate'),
  modelId: z.string(),
  modelVersion: z.number().int(),
  score: z.number(),
  knownIndicators: z.number().int(),
  contributions: z.array(Contribution),
});

const KkHistoryItem = z.object({ kk: z.string(), validFrom: z.string(), validTo: z.string().nullable(), reason: z.string().nullable(), sourceType: z.string() });

const FamilyView = z.object({
  id: z.uuid(),
  kk: z.string().nullable(),
  version: z.number().int(),
  kkHistory: z.array(KkHistoryItem),
  members: z.array(PersonSummary),
});

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

function localEstimateOf(h: Pick<HouseholdRecord, 'desil' | 'indicators'>): LocalEstimate | null {
  if (h.desil !== null) return null;
  return estimateLocalDecile(h.indicators as HouseholdIndicators);
}

export function toHouseholdView(
  h: HouseholdRecord,
  families: ReadonlyArray<FamilyRecord & { kkHistory: Array<{ kk: string; valid_from: string; valid_to: string | null; reason: string | null; source_type: string }> }>,
  members: readonly PersonRecord[],
): HouseholdView {
  return {
    id: h.id,
    villageCode: h.villageCode,
    villageName: h.villageName,
    kecamatanCode: h.kecamatanCode,
    kecamatanName: h.kecamatanName,
    address: h.address,
    rt: h.rt,
    rw: h.rw,
    indicators: h.indicators,
    desil: h.desil,
    desilSource: h.desilSource,
    desilDate: h.desilDate,
    localEstimate: localEstimateOf(h),
    families: families.map((f) => ({
      id: f.id,
      kk: f.kk,
      version: f.version,
      kkHistory: f.kkHistory.map((k) => ({
        kk: k.kk, validFrom: new Date(k.valid_from).toISOString(), validTo: k.valid_to ? new Date(k.valid_to).toISOString() : null,
        reason: k.reason, sourceType: k.source_type,
      })),
      members: members.filter((m) => m.familyId === f.id).map(toPersonSummary),
    })),
    membersWithoutFamily: members.filter((m) => m.familyId === null).map(toPersonSummary),
    version: h.version,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}
