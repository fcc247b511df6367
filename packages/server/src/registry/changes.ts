import {
  FamilyChanges, HouseholdChanges, HouseholdIndicators, normalizeAreaCode, PersonChanges, PersonInput,
  type Permission,
} from '@slrt/core';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { RequestContext } from '../http/context.ts';
import { conflict, fieldError, notFound, parseOrThrow } from '../http/errors.ts';
import { writeHistory } from './history-queries.ts';
import { actorOf, diff, type Changes, type HistoryEntry, type RecordType, type RegistrySource } from './history.ts';
import { checkKk, checkNik } from './nik-check.ts';
import { kabupatenOf, nikExists } from './persons.ts';
import {
  closeKkHistory, insertFamily, insertKkHistory, moveHouseholdMembers, setMembersDesil, selectFamilyByKk, selectFamilyInScope,
  selectHouseholdInScope, selectPersonIdByNik, selectPersonInScope, selectVillage, setMembersKk, updateColumns,
} from './queries.ts';
import { PERSON_COLUMNS, type FamilyRecord, type PersonRecord } from './records.ts';

export interface RegistryChangeRequest {
  recordType: RecordType;
  recordId: string;
  /** Partial change in API field names (PersonChanges, HouseholdChanges or FamilyChanges). */
  changes: Record<string, unknown>;
  /** The version the change was prepared on; a different current version is a 409. */
  expectedVersion?: number;
  reason: string;
  source: RegistrySource;
  /** NIK warning codes the officer confirmed for this change. */
  confirmWarnings?: readonly string[];
  /** Scope permission; default registry.write. */
  permission?: Permission;
}

export interface RegistryChangeResult {
  version: number;
  /** The fields whose value really changed (none: no history, same version). */
  changed: string[];
}

/**
 * Applies a change to a person, household or family inside `tx`: locks the row, checks scope
 * (404) and the expected version (409 `registry.stale_version`), validates, writes the
 * changed columns, one history row with old and new values, and an audit event.
 */
export async function applyRegistryChanges(tx: Tx, ctx: RequestContext, req: RegistryChangeRequest): Promise<RegistryChangeResult> {
  const permission = req.permission ?? 'registry.write';
  switch (req.recordType) {
    case 'person': return changePerson(tx, ctx, req, permission);
    case 'household': return changeHousehold(tx, ctx, req, permission);
    case 'family': return changeFamily(tx, ctx, req, permission);
  }
}

function checkVersion(current: number, expected: number | undefined) {
  if (expected !== undefined && expected !== current) {
    throw conflict('registry.stale_version', { expected, current }, { currentVersion: current });
  }
}

async function finish(
  tx: Tx, ctx: RequestContext, req: RegistryChangeRequest,
  record: { kabCode: string; villageCode: string; version: number },
  table: 'persons' | 'households' | 'families',
  values: Record<string, unknown>,
  changes: Changes,
): Promise<RegistryChangeResult> {
  const changed = Object.keys(changes);
  if (changed.length === 0) return { version: record.version, changed };
  const version = await updateColumns(tx, table, record.kabCode, req.recordId, values);
  const entry: HistoryEntry = {
    kabCode: record.kabCode, villageCode: (values.villageCode as string | undefined) ?? record.villageCode,
    recordType: req.recordType, recordId: req.recordId, action: 'update', ...actorOf(ctx),
    reason: req.reason, source: req.source, changes,
  };
  await writeHistory(tx, [entry]);
  await ctx.auditWrite(tx, {
    action: `${req.recordType}.update`, recordType: req.recordType, recordIds: [req.recordId],
    details: { fields: changed, source: { type: req.source.type, id: req.source.id ?? null }, version },
  });
  return { version, changed };
}

const undef = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

async function changePerson(tx: Tx, ctx: RequestContext, req: RegistryChangeRequest, permission: Permission) {
  const current = await selectPersonInScope(tx, ctx.actor, permission, req.recordId, { forUpdate: true });
  if (!current) throw notFound();
  checkVersion(current.version, req.expectedVersion);
  const changes = parseOrThrow(PersonChanges, req.changes);

  // The whole record after the change must still hold together (PersonInput's rules).
  const fieldNames = Object.keys(changes).filter((k) => k !== 'familyId');
  const merged: Record<string, unknown> = {};
  for (const key of PERSON_INPUT_KEYS) merged[key] = undef(key in changes ? (changes as Record<string, unknown>)[key] : current[key as keyof PersonRecord]);
  parseOrThrow(PersonInput, Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)));

  const values: Record<string, unknown> = {};
  for (const key of fieldNames) {
    if (key === 'kk') continue;
    values[key] = (changes as Record<string, unknown>)[key] ?? null;
  }

  // NIK checks when the NIK, birth date or sex changes.
  const nik = (merged.nik as string | undefined) ?? null;
  const nikChanged = 'nik' in changes && changes.nik !== current.nik;
  if (nik && (nikChanged || 'birthDate' in changes || 'sex' in changes)) {
    const warnings = await checkNik(tx, nik, { birthDate: (merged.birthDate as string | undefined) ?? null, sex: merged.sex as 'M' | 'F' }, {
      confirmed: req.confirmWarnings ?? [], alreadyAcknowledged: nikChanged ? [] : current.nikWarnings, locale: ctx.locale,
    });
    values.nikWarnings = warnings;
    if (nikChanged) {
      const existing = await selectPersonIdByNik(tx, current.kabCode, nik);
      if (existing && existing.id !== current.id) throw nikExists(ctx, permission, existing);
    }
  } else if (nikChanged && !nik) {
    values.nikWarnings = [];
  }

  // Moving: to another family (familyId) or onto the family of a KK number (kk).
  let target: FamilyRecord | null = null;
  if (changes.familyId !== undefined && changes.familyId !== current.familyId) {
    target = await selectFamilyInScope(tx, ctx.actor, permission, changes.familyId);
    if (!target) throw notFound();
    if (changes.kk !== undefined && changes.kk !== target.kk) throw fieldError('kk', 'registry.kk_other_family');
  } else if (changes.kk !== undefined && changes.kk !== current.kk) {
    if (changes.kk === null) throw fieldError('kk', 'registry.kk_clear_family');
    await checkKk(tx, changes.kk);
    target = await selectFamilyByKk(tx, current.kabCode, changes.kk);
    if (target && !ctx.actor.coversArea(permission, target.villageCode)) throw conflict('registry.kk_elsewhere');
    if (!target) {
      // A new KK number for this person alone (pecah KK): a new family in the same household.
      target = { id: newId(), kabCode: current.kabCode, villageCode: current.villageCode, householdId: current.householdId, kk: changes.kk, version: 1 };
      await insertFamily(tx, target, { type: req.source.type, id: req.source.id ?? null, reason: req.reason });
      await writeHistory(tx, [{
        kabCode: target.kabCode, villageCode: target.villageCode, recordType: 'family', recordId: target.id, action: 'create',
        ...actorOf(ctx), reason: req.reason, source: req.source, changes: diff(null, { kk: target.kk, householdId: target.householdId }),
      }]);
    }
  }
  if (target) Object.assign(values, { familyId: target.id, householdId: target.householdId, villageCode: target.villageCode, kk: target.kk });

  const record: Record<string, unknown> = { ...current };
  const result = diff(record, values);
  if (req.confirmWarnings?.length && Object.keys(result).length) result.confirmedWarnings = { old: null, new: [...req.confirmWarnings] };
  return finish(tx, ctx, req, current, 'persons', pick(values, Object.keys(diff(record, values))), result);
}

// The national decile is not a PersonInput field: it only arrives through imports and is
// checked on its own, so it stays out of the whole-record check.
const PERSON_INPUT_KEYS = Object.keys(PERSON_COLUMNS).filter(
  (k) => !['nikWarnings', 'householdId', 'familyId', 'villageCode', 'desil', 'desilSource', 'desilDate'].includes(k),
);

function pick(values: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, values[k]]));
}

async function changeHousehold(tx: Tx, ctx: RequestContext, req: RegistryChangeRequest, permission: Permission) {
  const current = await selectHouseholdInScope(tx, ctx.actor, permission, req.recordId, { forUpdate: true });
  if (!current) throw notFound();
  checkVersion(current.version, req.expectedVersion);
  const changes = parseOrThrow(HouseholdChanges, req.changes);
  const values: Record<string, unknown> = { ...changes };
  if ((changes.desil !== undefined || changes.desilSource !== undefined || changes.desilDate !== undefined) && req.source.type !== 'import') {
    throw fieldError('desil', 'registry.desil_import_only');
  }
  const desil = changes.desil !== undefined ? changes.desil : current.desil;
  const desilDate = changes.desilDate !== undefined ? changes.desilDate : current.desilDate;
  const desilSource = changes.desilSource !== undefined ? changes.desilSource : current.desilSource;
  if (desil !== null && (desilDate === null || desilSource === null)) throw fieldError('desilDate', 'registry.desil_needs_date');
  if (changes.indicators !== undefined) values.indicators = parseOrThrow(HouseholdIndicators, changes.indicators);
  if (changes.villageCode !== undefined) {
    const villageCode = normalizeAreaCode(changes.villageCode);
    if (!villageCode || !(await selectVillage(tx, kabupatenOf(ctx), villageCode))) throw fieldError('villageCode', 'registry.village_unknown');
    if (!ctx.actor.coversArea(permission, villageCode)) throw fieldError('villageCode', 'registry.village_outside_scope');
    values.villageCode = villageCode;
  }
  const changed = diff({ ...current }, values);
  const result = await finish(tx, ctx, req, current, 'households', pick(values, Object.keys(changed)), changed);
  if (changed.villageCode) await moveHouseholdMembers(tx, current.kabCode, current.id, values.villageCode as string);
  if (changed.desil || changed.desilSource || changed.desilDate) await setMembersDesil(tx, current.id, { desil, desilSource, desilDate });
  return result;
}

async function changeFamily(tx: Tx, ctx: RequestContext, req: RegistryChangeRequest, permission: Permission) {
  const current = await selectFamilyInScope(tx, ctx.actor, permission, req.recordId, { forUpdate: true });
  if (!current) throw notFound();
  checkVersion(current.version, req.expectedVersion);
  const changes = parseOrThrow(FamilyChanges, req.changes);
  const values: Record<string, unknown> = {};
  let householdId = current.householdId;
  let villageCode = current.villageCode;
  if (changes.householdId !== undefined && changes.householdId !== current.householdId) {
    const h = await selectHouseholdInScope(tx, ctx.actor, permission, changes.householdId);
    if (!h) throw notFound();
    householdId = h.id;
    villageCode = h.villageCode;
    Object.assign(values, { householdId, villageCode });
  }
  const newKk = changes.kk;
  const kkChanged = newKk !== undefined && newKk !== current.kk;
  if (kkChanged) {
    if (newKk === null) throw fieldError('kk', 'field.required');
    if (!changes.kkReason) throw fieldError('kkReason', 'field.required');
    await checkKk(tx, newKk);
    const other = await selectFamilyByKk(tx, current.kabCode, newKk);
    if (other && other.id !== current.id) throw conflict('registry.kk_exists');
    values.kk = newKk;
  }
  const changed = diff({ ...current }, values);
  if (kkChanged && changes.kkReason) changed.kkReason = { old: null, new: changes.kkReason };
  const result = await finish(tx, ctx, req, current, 'families', pick(values, Object.keys(diff({ ...current }, values))), changed);
  if (kkChanged && newKk) {
    await closeKkHistory(tx, current.id);
    await insertKkHistory(tx, { kabCode: current.kabCode, villageCode, familyId: current.id, kk: newKk, reason: changes.kkReason ?? null, sourceType: req.source.type, sourceId: req.source.id ?? null });
  }
  if (result.changed.length) await setMembersKk(tx, current.id, (values.kk as string | undefined) ?? current.kk, householdId, villageCode);
  return result;
}
