import {
  normalizeAreaCode, PersonInput, HouseholdIndicators, RESIDENT_ELSEWHERE_ACTIONS,
  type CreatePersonInput, type Permission,
} from '@slrt/core';
import { pgErrorCode, PG_UNIQUE_VIOLATION, type Queryable, type Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { RequestContext } from '../http/context.ts';
import { conflict, fieldError, notFound, parseOrThrow } from '../http/errors.ts';
import { actorOf, diff, type HistoryEntry, type RegistrySource } from './history.ts';
import { writeHistory } from './history-queries.ts';
import { checkKk, checkNik } from './nik-check.ts';
import {
  insertFamily, insertHousehold, insertPerson, selectFamilyByKk, selectFamilyInScope, selectHouseholdInScope,
  selectPersonIdByNik, selectPersonInScope, selectPersonUnscoped, selectVillage,
} from './queries.ts';
import type { FamilyRecord, HouseholdRecord, PersonRecord } from './records.ts';

type ScopeOpts = { permission?: Permission };

/**
 * The person with every field, when it lies in the caller's area for `permission`
 * (default registry.read); otherwise 404, whether or not it exists. Does not audit: the
 * caller audits what it returns.
 */
export async function getPersonInScope(q: Queryable, ctx: Pick<RequestContext, 'actor'>, id: string, opts: ScopeOpts = {}): Promise<PersonRecord> {
  const person = await selectPersonInScope(q, ctx.actor, opts.permission ?? 'registry.read', id);
  if (!person) throw notFound();
  return person;
}

/** The household, when it lies in the caller's area for `permission`; otherwise 404. */
export async function getHouseholdInScope(q: Queryable, ctx: Pick<RequestContext, 'actor'>, id: string, opts: ScopeOpts = {}): Promise<HouseholdRecord> {
  const household = await selectHouseholdInScope(q, ctx.actor, opts.permission ?? 'registry.read', id);
  if (!household) throw notFound();
  return household;
}

/** A create source may also carry the reason written into the history. */
export type CreateSource = RegistrySource & { reason?: string | null };

const PERSON_PART_KEYS = ['householdId', 'familyId', 'household', 'confirmWarnings'] as const;

/**
 * Adds a resident who is not in the national data: registry status `not_registered` (or
 * `proposed`; `registered` only from an import or the seed). Joins the given household or
 * family, the family of an existing KK number, or a new household. Validates the NIK (errors
 * reject; warnings need `confirmWarnings`), refuses a NIK already in the kabupaten (409),
 * writes history for every record it creates and an audit event.
 */
export async function createPerson(
  tx: Tx,
  ctx: RequestContext,
  input: CreatePersonInput,
  source: CreateSource,
  opts: ScopeOpts & { /** Where the person sits in the request body (intake: `newPerson.`), for the NIK's warnings and errors. */ fieldPrefix?: string } = {},
): Promise<PersonRecord> {
  const permission = opts.permission ?? 'registry.write';
  const prefix = opts.fieldPrefix ?? '';
  const personPart = Object.fromEntries(Object.entries(input).filter(([k]) => !(PERSON_PART_KEYS as readonly string[]).includes(k)));
  const person = parseOrThrow(PersonInput, personPart);
  const status = person.registryStatus ?? 'not_registered';
  if (status === 'inactive' || (status === 'registered' && source.type !== 'import' && source.type !== 'seed')) {
    throw fieldError('registryStatus', 'registry.status_not_for_new');
  }
  const kabCode = ctx.actor.kabCode;

  let nikWarnings: string[] = [];
  if (person.nik !== undefined) {
    nikWarnings = await checkNik(tx, person.nik, { birthDate: person.birthDate ?? null, sex: person.sex }, { confirmed: input.confirmWarnings ?? [], locale: ctx.locale, field: `${prefix}nik` });
    const existing = await selectPersonIdByNik(tx, kabCode, person.nik);
    if (existing) throw nikExists(ctx, permission, existing);
  }
  if (person.kk !== undefined) await checkKk(tx, person.kk, `${prefix}kk`);

  const history: HistoryEntry[] = [];
  const who = actorOf(ctx);
  const entry = (recordType: HistoryEntry['recordType'], recordId: string, villageCode: string, changes: HistoryEntry['changes']): HistoryEntry => ({
    kabCode, villageCode, recordType, recordId, action: 'create', ...who, reason: source.reason ?? null, source, changes,
  });

  // Where the person lives: an existing family, household, the family of the KK, or a new household.
  let family: FamilyRecord | null = null;
  let household: { id: string; villageCode: string };
  if (input.familyId) {
    family = await selectFamilyInScope(tx, ctx.actor, permission, input.familyId);
    if (!family) throw notFound();
    if (input.householdId && input.householdId !== family.householdId) throw fieldError('familyId', 'registry.family_other_household');
    if (person.kk !== undefined && family.kk !== null && family.kk !== person.kk) throw fieldError('kk', 'registry.kk_other_family');
  } else if (person.kk !== undefined) {
    family = await selectFamilyByKk(tx, kabCode, person.kk);
    if (family && !ctx.actor.coversArea(permission, family.villageCode)) throw conflict('registry.kk_elsewhere');
    if (family && input.householdId && input.householdId !== family.householdId) throw fieldError('kk', 'registry.kk_other_household');
  }
  if (family) {
    household = { id: family.householdId, villageCode: family.villageCode };
  } else if (input.householdId) {
    const h = await selectHouseholdInScope(tx, ctx.actor, permission, input.householdId);
    if (!h) throw notFound();
    household = { id: h.id, villageCode: h.villageCode };
  } else if (input.household) {
    const villageCode = normalizeAreaCode(input.household.villageCode);
    if (!villageCode || !(await selectVillage(tx, kabupatenOf(ctx), villageCode))) {
      throw fieldError('household.villageCode', 'registry.village_unknown');
    }
    if (!ctx.actor.coversArea(permission, villageCode)) throw fieldError('household.villageCode', 'registry.village_outside_scope');
    const indicators = input.household.indicators ? parseOrThrow(HouseholdIndicators, input.household.indicators) : {};
    const id = newId();
    await insertHousehold(tx, { id, kabCode, villageCode, address: input.household.address ?? null, rt: input.household.rt ?? null, rw: input.household.rw ?? null, indicators });
    history.push(entry('household', id, villageCode, diff(null, { villageCode, address: input.household.address, rt: input.household.rt, rw: input.household.rw, indicators })));
    household = { id, villageCode };
  } else {
    throw fieldError('household', 'registry.household_required');
  }
  if (!family) {
    const id = newId();
    family = { id, kabCode, villageCode: household.villageCode, householdId: household.id, kk: person.kk ?? null, version: 1 };
    await insertFamily(tx, family, { type: source.type, id: source.id ?? null, reason: source.reason ?? null });
    history.push(entry('family', id, household.villageCode, diff(null, { kk: family.kk, householdId: household.id })));
  }

  const id = newId();
  const values = { ...person, kk: family.kk ?? undefined, registryStatus: status, nikWarnings: nikWarnings.length ? nikWarnings : undefined };
  try {
    await insertPerson(tx, { ...values, id, kabCode, villageCode: household.villageCode, householdId: household.id, familyId: family.id });
  } catch (err) {
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw conflict('registry.nik_exists');
    throw err;
  }
  const changes = diff(null, { ...values, householdId: household.id, familyId: family.id, villageCode: household.villageCode });
  if (input.confirmWarnings?.length) changes.confirmedWarnings = { old: null, new: input.confirmWarnings };
  history.push(entry('person', id, household.villageCode, changes));
  await writeHistory(tx, history);
  await ctx.auditWrite(tx, {
    action: 'person.create', recordType: 'person', recordIds: [id],
    details: { householdId: household.id, familyId: family.id, source: { type: source.type, id: source.id ?? null }, confirmedWarnings: input.confirmWarnings ?? [] },
  });
  const created = await selectPersonUnscoped(tx, kabCode, id);
  if (!created) throw new Error('created person not found');
  return created;
}

/**
 * 409 for a NIK already in the registry; names the existing person only when in scope. A
 * resident of another village (issue 12) is not a dead end: the answer says which village (its
 * name only) and what the officer can do from the NIK search (`elsewhere.actions`).
 */
export function nikExists(ctx: Pick<RequestContext, 'actor'>, permission: Permission, existing: { id: string; village_code: string; village_name: string }) {
  const visible = ctx.actor.coversArea(permission, existing.village_code) || ctx.actor.coversArea('registry.read', existing.village_code);
  if (visible) return conflict('registry.nik_exists', undefined, { personId: existing.id });
  const err = conflict('registry.nik_exists_elsewhere', { village: existing.village_name }, {
    elsewhere: { villageCode: existing.village_code, villageName: existing.village_name, actions: [...RESIDENT_ELSEWHERE_ACTIONS] },
  });
  // the answer tells where the resident is registered: audited when sent (the refused transaction rolls back)
  err.disclosed = { action: 'person.nik_elsewhere', recordType: 'person', recordIds: [existing.id], purpose: permission, details: { villageCode: existing.village_code } };
  return err;
}

/** The deployment kabupaten of an actor, dotted (`32.04`). */
export function kabupatenOf(ctx: Pick<RequestContext, 'actor'>): string {
  const k = ctx.actor.kabCode;
  return `${k.slice(0, 2)}.${k.slice(2)}`;
}
