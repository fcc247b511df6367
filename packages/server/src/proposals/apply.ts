import type { CreatePersonInput } from '@slrt/core';
import type { Tx } from '../db/database.ts';
import type { RequestContext } from '../http/context.ts';
import { applyRegistryChanges, createPerson, getHouseholdInScope, moveHousehold, movePerson, type PersonRecord } from '../registry/service.ts';
import type { ProposalRow } from './queries.ts';
import { isIndicatorField, PLACE_FIELDS } from './targets.ts';
import { applyProgramProposal } from './program-proposals.ts';

/**
 * What approval does to the registry, inside the ratification's transaction, always through
 * the registry service (history with old and new values, versions, audit) with the source
 * `{ type: 'proposal', id }`. Each write of an existing record carries the version the
 * facilitator saw, so the registry itself refuses a stale overwrite (409 registry.stale_version).
 *
 * - new, person: the person already in the working copy becomes `proposed` (with corrections);
 * - new, household: the new member is created `proposed` in the household (or its family);
 * - new, new household: the household, its family and members are created `proposed`;
 * - change: the person's fields, or the household's address and indicators (merged);
 * - deactivate: the person, or every active member of the household, becomes `inactive` with
 *   the reason (and presence `deceased` when the reason is death);
 * - move (pindah): the household moves to the new village and address with its members and
 *   families; a person alone moves into a new household (and family) there.
 *
 * - enrol / exit: the household's enrolment in the program starts, or ends with the reason
 *   (programs domain, `program-proposals.ts`).
 *
 * `registered` comes only with the national side's answer (submissions/answer.ts).
 */

export interface AppliedRecord {
  recordType: 'person' | 'household' | 'family' | 'enrollment';
  recordId: string;
  action: 'create' | 'update';
  version: number | null;
}

const APPROVE = 'proposals.approve' as const;

function personFields(values: Record<string, unknown>): Record<string, unknown> {
  const { familyId: _familyId, ...rest } = values;
  return rest;
}

export async function applyProposal(tx: Tx, ctx: RequestContext, p: ProposalRow): Promise<{ applied: AppliedRecord[]; personId?: string; householdId?: string }> {
  const changes = p.confirmed_changes ?? p.changes;
  const versions = p.verified_versions ?? {};
  const source = { type: 'proposal' as const, id: p.id };
  const reason = `${p.code}: ${p.reason}`;
  const applied: AppliedRecord[] = [];

  const update = async (recordType: 'person' | 'household', recordId: string, values: Record<string, unknown>) => {
    const expectedVersion = versions[recordId];
    const r = await applyRegistryChanges(tx, ctx, {
      recordType, recordId, changes: values, reason, source, permission: APPROVE, confirmWarnings: p.confirm_warnings,
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    });
    applied.push({ recordType, recordId, action: 'update', version: r.version });
  };
  const create = async (input: CreatePersonInput): Promise<PersonRecord> => {
    const person = await createPerson(tx, ctx, { ...input, registryStatus: 'proposed', confirmWarnings: p.confirm_warnings as CreatePersonInput['confirmWarnings'] }, { ...source, reason }, { permission: APPROVE });
    applied.push({ recordType: 'person', recordId: person.id, action: 'create', version: person.version });
    return person;
  };
  const deactivation = (values: Record<string, unknown>) => ({
    registryStatus: 'inactive', inactiveReason: values.inactiveReason, ...(values.inactiveReason === 'deceased' ? { presence: 'deceased' } : {}),
  });

  switch (p.type) {
    case 'new': {
      if (p.target_kind === 'person' && p.person_id) {
        await update('person', p.person_id, { ...changes, registryStatus: 'proposed' });
        return { applied };
      }
      if (p.target_kind === 'household' && p.household_id) {
        const familyId = typeof changes.familyId === 'string' ? changes.familyId : undefined;
        const person = await create({ ...personFields(changes), householdId: p.household_id, ...(familyId ? { familyId } : {}) } as CreatePersonInput);
        return { applied, personId: person.id };
      }
      const { members, villageCode, address, rt, rw, kk, ...rest } = changes as Record<string, unknown> & { members: Array<Record<string, unknown>> };
      const indicators = Object.fromEntries(Object.entries(rest).filter(([k]) => isIndicatorField(k)));
      let first: PersonRecord | null = null;
      for (const member of members) {
        const memberKk = (member.kk as string | undefined) ?? (kk as string | undefined);
        const where = first === null
          ? { household: { villageCode: String(villageCode), ...(address ? { address } : {}), ...(rt ? { rt } : {}), ...(rw ? { rw } : {}), indicators } }
          : memberKk ? { householdId: first.householdId } : { familyId: first.familyId ?? undefined, householdId: first.householdId };
        const person: PersonRecord = await create({ ...member, ...(memberKk ? { kk: memberKk } : {}), ...where } as CreatePersonInput);
        first ??= person;
      }
      if (!first) throw new Error('a new household proposal without members passed validation');
      applied.unshift({ recordType: 'household', recordId: first.householdId, action: 'create', version: 1 });
      return { applied, householdId: first.householdId };
    }
    case 'change': {
      if (p.target_kind === 'person' && p.person_id) {
        await update('person', p.person_id, changes);
        return { applied };
      }
      if (p.household_id) {
        const household = await getHouseholdInScope(tx, ctx, p.household_id, { permission: APPROVE });
        const values: Record<string, unknown> = {};
        for (const f of PLACE_FIELDS) if (f in changes) values[f] = changes[f];
        const indicatorChanges = Object.entries(changes).filter(([k]) => isIndicatorField(k));
        if (indicatorChanges.length) values.indicators = { ...household.indicators, ...Object.fromEntries(indicatorChanges) };
        await update('household', p.household_id, values);
      }
      return { applied };
    }
    case 'deactivate': {
      if (p.target_kind === 'person' && p.person_id) {
        await update('person', p.person_id, deactivation(changes));
        return { applied };
      }
      // The members the facilitator saw (their versions); one who joined since makes the proposal stale before this.
      for (const memberId of Object.keys(versions)) await update('person', memberId, deactivation(changes));
      return { applied };
    }
    case 'enrol':
    case 'exit': {
      const enrollmentId = await applyProgramProposal(tx, ctx, p, changes);
      applied.push({ recordType: 'enrollment', recordId: enrollmentId, action: p.type === 'enrol' ? 'create' : 'update', version: null });
      return { applied };
    }
    case 'move': {
      const move = {
        villageCode: String(changes.villageCode), address: String(changes.address), rt: (changes.rt as string | undefined) ?? null, rw: (changes.rw as string | undefined) ?? null,
        reason, source, permission: APPROVE,
      };
      if (p.target_kind === 'person' && p.person_id) {
        const moved = await movePerson(tx, ctx, p.person_id, { ...move, expectedVersion: versions[p.person_id] });
        applied.push(
          { recordType: 'household', recordId: moved.householdId, action: 'create', version: 1 },
          { recordType: 'family', recordId: moved.familyId, action: 'create', version: 1 },
          { recordType: 'person', recordId: p.person_id, action: 'update', version: moved.version },
        );
        return { applied, householdId: moved.householdId };
      }
      if (p.household_id) {
        const r = await moveHousehold(tx, ctx, p.household_id, { ...move, expectedVersion: versions[p.household_id] });
        applied.push({ recordType: 'household', recordId: p.household_id, action: 'update', version: r.version });
      }
      return { applied };
    }
  }
}
