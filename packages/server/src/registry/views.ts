import {
  estimateLocalDecile, maskNik, SPECIFIC_PERSON_FIELDS, type HouseholdIndicators, type HouseholdView, type LocalEstimate, type PersonSummary,
  type PersonView,
} from '@slrt/core';
import type { RequestContext } from '../http/context.ts';
import type { FamilyRecord, HouseholdRecord, PersonRecord } from './records.ts';

/**
 * The registry's answers, built from its records. The shapes (response allowlists) are core's
 * `PersonSummary`, `PersonView` and `HouseholdView`, shared with the web and the tests.
 */

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
