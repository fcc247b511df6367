import { normalizeAreaCode, type Permission } from '@slrt/core';
import type { Queryable, Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { RequestContext } from '../http/context.ts';
import { fieldError, notFound } from '../http/errors.ts';
import { applyRegistryChanges, type RegistryChangeResult } from './changes.ts';
import { actorOf, diff, type RegistrySource } from './history.ts';
import { writeHistory } from './history-queries.ts';
import { kabupatenOf } from './persons.ts';
import {
  insertFamily, insertHousehold, selectHouseholdUnscoped, selectPersonIdByNik, selectPersonInScope, selectPersonUnscoped, selectVillage,
} from './queries.ts';
import type { HouseholdRecord, PersonRecord } from './records.ts';

/**
 * A resident moving to another village of the kabupaten (pindah, issue 12 item 13). The village
 * the resident now lives in proposes the move; it does not see the resident's record (another
 * village's), so the proposal reads the resident across the kabupaten here, and approval moves
 * the person (into a new household at the new address) or the whole household.
 */

/**
 * The resident of the caller's kabupaten by id or NIK, whatever their village: for a move
 * proposal only (the caller names the resident; the proposal shows the village they leave).
 */
export async function residentInKabupaten(q: Queryable, ctx: Pick<RequestContext, 'actor'>, by: { personId?: string | null; nik?: string | null }): Promise<PersonRecord | null> {
  let id = by.personId ?? null;
  if (!id && by.nik) id = (await selectPersonIdByNik(q, ctx.actor.kabCode, by.nik))?.id ?? null;
  return id ? selectPersonUnscoped(q, ctx.actor.kabCode, id) : null;
}

/** A household of the caller's kabupaten, whatever its village (for a move proposal). */
export async function householdInKabupaten(q: Queryable, ctx: Pick<RequestContext, 'actor'>, id: string): Promise<HouseholdRecord | null> {
  return selectHouseholdUnscoped(q, ctx.actor.kabCode, id);
}

export interface MoveRequest {
  villageCode: string;
  address: string;
  rt?: string | null | undefined;
  rw?: string | null | undefined;
  /** The version the move was verified on; a different current version is a 409. */
  expectedVersion?: number | undefined;
  reason: string;
  source: RegistrySource;
  permission: Permission;
}

async function checkVillage(tx: Tx, ctx: RequestContext, code: string, permission: Permission): Promise<string> {
  const villageCode = normalizeAreaCode(code);
  if (!villageCode || !(await selectVillage(tx, kabupatenOf(ctx), villageCode))) throw fieldError('villageCode', 'registry.village_unknown');
  if (!ctx.actor.coversArea(permission, villageCode)) throw fieldError('villageCode', 'registry.village_outside_scope');
  return villageCode;
}

/**
 * Moves a whole household to a village of the kabupaten at a new address: its members and
 * families follow (one history row for the household, the area codes of every member updated).
 */
export async function moveHousehold(tx: Tx, ctx: RequestContext, householdId: string, m: MoveRequest): Promise<RegistryChangeResult> {
  const villageCode = await checkVillage(tx, ctx, m.villageCode, m.permission);
  return applyRegistryChanges(tx, ctx, {
    recordType: 'household', recordId: householdId, permission: m.permission, reason: m.reason, source: m.source,
    changes: { villageCode, address: m.address, rt: m.rt ?? null, rw: m.rw ?? null },
    ...(m.expectedVersion !== undefined ? { expectedVersion: m.expectedVersion } : {}),
  });
}

/**
 * Moves one person out of their household into a new household (and a new family, without a KK
 * number until the civil registry issues one) at the new address. History rows for the new
 * household and family and for the person (village, household, family: old and new).
 */
export async function movePerson(tx: Tx, ctx: RequestContext, personId: string, m: MoveRequest): Promise<{ householdId: string; familyId: string; version: number }> {
  const current = await selectPersonInScope(tx, ctx.actor, m.permission, personId, { forUpdate: true });
  if (!current) throw notFound();
  const villageCode = await checkVillage(tx, ctx, m.villageCode, m.permission);
  const household = { id: newId(), kabCode: current.kabCode, villageCode, address: m.address, rt: m.rt ?? null, rw: m.rw ?? null };
  await insertHousehold(tx, { ...household, indicators: {} });
  const family = { id: newId(), kabCode: current.kabCode, villageCode, householdId: household.id, kk: null };
  await insertFamily(tx, family, { type: m.source.type, id: m.source.id ?? null, reason: m.reason });
  const who = actorOf(ctx);
  await writeHistory(tx, [
    { kabCode: current.kabCode, villageCode, recordType: 'household', recordId: household.id, action: 'create', ...who, reason: m.reason, source: m.source,
      changes: diff(null, { villageCode, address: household.address, rt: household.rt, rw: household.rw }) },
    { kabCode: current.kabCode, villageCode, recordType: 'family', recordId: family.id, action: 'create', ...who, reason: m.reason, source: m.source,
      changes: diff(null, { kk: null, householdId: household.id }) },
  ]);
  const r = await applyRegistryChanges(tx, ctx, {
    recordType: 'person', recordId: personId, permission: m.permission, reason: m.reason, source: m.source, changes: { familyId: family.id },
    ...(m.expectedVersion !== undefined ? { expectedVersion: m.expectedVersion } : {}),
  });
  await ctx.auditWrite(tx, {
    action: 'household.create', recordType: 'household', recordIds: [household.id, family.id, personId],
    details: { villageCode, reason: 'move', source: { type: m.source.type, id: m.source.id ?? null } },
  });
  return { householdId: household.id, familyId: family.id, version: r.version };
}
