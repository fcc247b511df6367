import { HouseholdIndicatorFields, isProgramProposal, isSpecificPersonField, type Permission, type ProposalTargetKind, type ProposalType } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { RequestContext } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import {
  getHouseholdInScope, getPersonInScope, householdInKabupaten, residentInKabupaten, type HouseholdRecord, type PersonRecord,
} from '../registry/service.ts';
import { selectRecordVersions } from './lineage-queries.ts';
import { selectActiveMemberIds } from './queries.ts';

/**
 * The registry records a proposal concerns: what the facilitator compares the proposed values
 * with, and the versions that a later step checks before anything is overwritten.
 */

const INDICATOR_FIELDS = new Set(Object.keys(HouseholdIndicatorFields.shape));
const PLACE_FIELDS = ['address', 'rt', 'rw'] as const;

export function isIndicatorField(field: string): boolean {
  return INDICATOR_FIELDS.has(field);
}

/** A household's values as a proposal names them: address, RT/RW and the flat indicator fields. */
function householdValues(h: HouseholdRecord): Record<string, unknown> {
  return { address: h.address, rt: h.rt, rw: h.rw, ...h.indicators };
}

export interface ProposalTargetRef {
  type: ProposalType;
  targetKind: ProposalTargetKind;
  personId: string | null;
  householdId: string | null;
}

export interface TargetState {
  person: PersonRecord | null;
  household: HouseholdRecord | null;
  /** The registry's values of the proposed fields (null where nothing exists yet). */
  current: Record<string, unknown> | null;
  /** { recordId: version } of every record the approval would overwrite. */
  versions: Record<string, number>;
}

/**
 * Reads the target in the caller's scope for `permission` (404 outside it) and the versions the
 * approval depends on. A new member or a new household overwrites nothing: no versions.
 */
export async function readTarget(q: Queryable, ctx: RequestContext, ref: ProposalTargetRef, fields: readonly string[], permission: Permission): Promise<TargetState> {
  if (ref.type === 'move') return readMoveTarget(q, ctx, ref);
  if (ref.targetKind === 'person' && ref.personId) {
    const person = await getPersonInScope(q, ctx, ref.personId, { permission });
    const values: Record<string, unknown> = { ...person };
    const current = Object.fromEntries(fields.map((f) => [f, values[f] ?? null]));
    if (ref.type !== 'change') current.registryStatus = person.registryStatus;
    return { person, household: null, current, versions: { [person.id]: person.version } };
  }
  if (ref.targetKind === 'household' && ref.householdId) {
    const household = await getHouseholdInScope(q, ctx, ref.householdId, { permission });
    // a new member, or an enrolment/exit: nothing of the registry is overwritten
    if (ref.type === 'new' || isProgramProposal(ref.type)) return { person: null, household, current: null, versions: {} };
    if (ref.type === 'deactivate') {
      const members = await selectActiveMemberIds(q, household.id);
      const versions = await selectRecordVersions(q, household.kabCode, members);
      return { person: null, household, current: { activeMembers: members.length }, versions: Object.fromEntries(versions) };
    }
    const values = householdValues(household);
    return { person: null, household, current: Object.fromEntries(fields.map((f) => [f, values[f] ?? null])), versions: { [household.id]: household.version } };
  }
  return { person: null, household: null, current: null, versions: {} };
}

/**
 * A move's target lives in the village it leaves, outside the area of the village that proposes
 * (and verifies) the move: it is read across the kabupaten. The current values are where it is
 * registered now (village, address, RT/RW); the version is the moving record's.
 */
async function readMoveTarget(q: Queryable, ctx: RequestContext, ref: ProposalTargetRef): Promise<TargetState> {
  const person = ref.targetKind === 'person' ? await residentInKabupaten(q, ctx, { personId: ref.personId }) : null;
  const householdId = person?.householdId ?? ref.householdId;
  const household = householdId ? await householdInKabupaten(q, ctx, householdId) : null;
  if (!household || (ref.targetKind === 'person' && !person)) throw notFound();
  const current = { villageCode: household.villageCode, address: household.address, rt: household.rt, rw: household.rw };
  return person
    ? { person, household, current, versions: { [person.id]: person.version } }
    : { person: null, household, current, versions: { [household.id]: household.version } };
}

/**
 * The records whose versions moved since the facilitator saw them (or that appeared or went):
 * empty when the proposal may still be applied as verified.
 */
export async function movedRecords(q: Queryable, kabCode: string, ref: ProposalTargetRef, seen: Record<string, number>): Promise<Array<{ recordId: string; seen: number | null; now: number | null }>> {
  const ids = Object.keys(seen);
  if (ref.type === 'deactivate' && ref.targetKind === 'household' && ref.householdId) {
    for (const id of await selectActiveMemberIds(q, ref.householdId)) if (!ids.includes(id)) ids.push(id);
  }
  const now = await selectRecordVersions(q, kabCode, ids);
  return ids
    .filter((id) => seen[id] !== now.get(id))
    .map((id) => ({ recordId: id, seen: seen[id] ?? null, now: now.get(id) ?? null }));
}

/** Values the caller may see: specific personal data (health, disability) only with registry.read_specific. */
export function visibleValues(ctx: RequestContext, values: Record<string, unknown> | null, villageCode: string): Record<string, unknown> | null {
  if (values === null || ctx.actor.coversArea('registry.read_specific', villageCode)) return values;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (isSpecificPersonField(k)) continue;
    out[k] = k === 'members' && Array.isArray(v)
      ? v.map((m) => (m && typeof m === 'object' ? Object.fromEntries(Object.entries(m as Record<string, unknown>).filter(([f]) => !isSpecificPersonField(f))) : m))
      : v;
  }
  return out;
}

export { PLACE_FIELDS };
