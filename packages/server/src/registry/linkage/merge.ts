import type { MERGEABLE_FIELDS, MergeRequest, MergeView } from '@slrt/core';
import { pgErrorCode, PG_UNIQUE_VIOLATION, type Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { Deps, RequestContext } from '../../http/context.ts';
import { conflict, fieldError, invalidTransition, notFound } from '../../http/errors.ts';
import { applyRegistryChanges } from '../changes.ts';
import { getPersonInScope } from '../persons.ts';
import type { PersonRecord } from '../records.ts';
import * as mq from './merge-queries.ts';
import { PERSON_REFERENCES } from './person-references.ts';
import { selectPairInScope, setPairStatus } from './queries.ts';

const PERMISSION = 'registry.duplicates.review' as const;
const CONFIRM_ALL = ['nik_region_unknown', 'nik_province_retired', 'nik_birth_date_mismatch', 'nik_sex_mismatch'];

type Field = (typeof MERGEABLE_FIELDS)[number];

function toMergeView(m: mq.MergeRow): MergeView {
  return {
    id: m.id, pairId: m.pair_id, survivorId: m.survivor_id, mergedId: m.merged_id, status: m.status,
    survivorChanges: m.survivor_changes, moved: m.moved, mergedAt: m.merged_at.toISOString(), undoneAt: m.undone_at?.toISOString() ?? null,
  };
}

/** A change of the person's own fields, through the registry (history, version, audit). */
async function change(tx: Tx, ctx: RequestContext, id: string, changes: Record<string, unknown>, mergeId: string, reason: string) {
  if (!Object.keys(changes).length) return;
  await applyRegistryChanges(tx, ctx, {
    recordType: 'person', recordId: id, changes, reason, source: { type: 'officer', id: mergeId }, confirmWarnings: CONFIRM_ALL, permission: PERMISSION,
  });
}

/**
 * Merges a pair: the kept person survives and takes the chosen field values of the other;
 * every record that points at the other (PERSON_REFERENCES) moves to the survivor; the other
 * becomes a tombstone (inactive, reason duplicate, merged_into the survivor) whose NIK still
 * finds the survivor. When the survivor takes the other's NIK, the two swap NIKs, so the
 * tombstone keeps the number that was replaced. All in one transaction, all in the history.
 */
export async function mergePair(deps: Deps, ctx: RequestContext, pairId: string, req: MergeRequest): Promise<MergeView> {
  return deps.db.transaction(async (tx) => {
    const pair = await selectPairInScope(tx, ctx.actor, PERMISSION, pairId, { forUpdate: true });
    if (!pair) throw notFound();
    if (pair.kab_code !== pair.kab_code_b) throw conflict('linkage.cross_kabupaten');
    if (pair.status !== 'open') throw invalidTransition('merge', pair.status, []);
    const ids = [pair.person_a_id, pair.person_b_id];
    if (!ids.includes(req.keepPersonId)) throw fieldError('keepPersonId', 'linkage.not_in_pair');
    for (const [field, id] of Object.entries(req.fields)) if (!ids.includes(id)) throw fieldError(`fields.${field}`, 'linkage.not_in_pair');
    const survivorId = req.keepPersonId;
    const mergedId = ids.find((id) => id !== survivorId) ?? '';
    const survivor = await getPersonInScope(tx, ctx, survivorId, { permission: PERMISSION });
    const merged = await getPersonInScope(tx, ctx, mergedId, { permission: PERMISSION });
    const mergeId = newId();
    const reason = 'linkage.merge';

    const survivorChanges: Record<string, { old: unknown; new: unknown }> = {};
    for (const [field, id] of Object.entries(req.fields) as [Field, string][]) {
      if (id !== mergedId) continue;
      const from = survivor[field as keyof PersonRecord] ?? null;
      const to = merged[field as keyof PersonRecord] ?? null;
      if (from !== to) survivorChanges[field] = { old: from, new: to };
    }
    const moved: mq.MergeRow['moved'] = [];
    for (const ref of PERSON_REFERENCES) {
      if (ref.action !== 'move') continue;
      // both enrolled in one program (a unique current enrollment): the reviewer ends one first
      const rows = await mq.moveReference(tx, ref, mergedId, survivorId).catch((err: unknown) => {
        throw pgErrorCode(err) === PG_UNIQUE_VIOLATION ? conflict('linkage.merge_unique', { table: ref.table }) : err;
      });
      if (rows.length) moved.push({ table: ref.table, column: ref.column, ids: rows });
    }
    const tombstone = { registryStatus: 'inactive', inactiveReason: 'duplicate' };
    const { nik: nikChange, ...fieldChanges } = survivorChanges;
    const plain = Object.fromEntries(Object.entries(fieldChanges).map(([k, v]) => [k, v.new]));
    if (nikChange) {
      // swap: the tombstone gives its NIK up first (NIKs are unique), then takes the survivor's old one
      await change(tx, ctx, mergedId, { ...tombstone, nik: null }, mergeId, reason);
      await change(tx, ctx, survivorId, { ...plain, nik: nikChange.new }, mergeId, reason);
      if (nikChange.old) await change(tx, ctx, mergedId, { nik: nikChange.old }, mergeId, reason);
    } else {
      await change(tx, ctx, survivorId, plain, mergeId, reason);
      await change(tx, ctx, mergedId, tombstone, mergeId, reason);
    }
    await mq.setMergedInto(tx, mergedId, survivorId);
    await setPairStatus(tx, pair.id, 'merged', ctx.actor.userId);
    const row = {
      id: mergeId, kab_code: pair.kab_code, village_code: survivor.villageCode, pair_id: pair.id, survivor_id: survivorId, merged_id: mergedId,
      survivor_changes: survivorChanges, moved,
      merged_before: { registryStatus: merged.registryStatus, inactiveReason: merged.inactiveReason ?? null, nik: merged.nik },
    };
    await mq.insertMerge(tx, { ...row, mergedBy: ctx.actor.userId });
    await ctx.auditWrite(tx, {
      action: 'person.merge', recordType: 'person', recordIds: [survivorId, mergedId],
      details: { mergeId, pairId: pair.id, fields: Object.keys(survivorChanges), moved: moved.map((m) => ({ table: m.table, count: m.ids.length })) },
    });
    const stored = await mq.selectMerge(tx, pair.kab_code, mergeId);
    if (!stored) throw new Error('merge not stored');
    return toMergeView(stored);
  });
}

/**
 * Undoes a merge: moves back exactly the records it moved, gives the survivor its old values
 * and the tombstone its NIK and status, and opens the pair again. A later merge that involves
 * either person must be undone first (409).
 */
export async function undoMerge(deps: Deps, ctx: RequestContext, mergeId: string): Promise<MergeView> {
  return deps.db.transaction(async (tx) => {
    const merge = await mq.selectMerge(tx, ctx.actor.kabCode, mergeId, { forUpdate: true });
    if (!merge) throw notFound();
    const pair = await selectPairInScope(tx, ctx.actor, PERMISSION, merge.pair_id, { forUpdate: true });
    if (!pair) throw notFound();
    if (merge.status !== 'merged') throw invalidTransition('undo', merge.status, []);
    if (await mq.selectLaterMerges(tx, merge)) throw conflict('linkage.undo_later_first');
    const survivorId = merge.survivor_id;
    const mergedId = merge.merged_id;
    const reason = 'linkage.unmerge';
    for (const group of merge.moved) {
      const ref = PERSON_REFERENCES.find((r) => r.table === group.table && r.column === group.column);
      if (ref) await mq.moveBack(tx, ref, group.ids, mergedId);
    }
    await mq.setMergedInto(tx, mergedId, null);
    const before = merge.merged_before;
    const restore = { registryStatus: before.registryStatus, inactiveReason: before.inactiveReason ?? null };
    const { nik: nikChange, ...fieldChanges } = merge.survivor_changes;
    const old = Object.fromEntries(Object.entries(fieldChanges).map(([k, v]) => [k, v.old]));
    if (nikChange) {
      await change(tx, ctx, mergedId, { nik: null }, mergeId, reason);
      await change(tx, ctx, survivorId, { ...old, nik: nikChange.old }, mergeId, reason);
      await change(tx, ctx, mergedId, { ...restore, nik: before.nik ?? null }, mergeId, reason);
    } else {
      await change(tx, ctx, survivorId, old, mergeId, reason);
      await change(tx, ctx, mergedId, restore, mergeId, reason);
    }
    await setPairStatus(tx, pair.id, 'open', ctx.actor.userId);
    await mq.markMergeUndone(tx, mergeId, ctx.actor.userId);
    await ctx.auditWrite(tx, {
      action: 'person.unmerge', recordType: 'person', recordIds: [survivorId, mergedId],
      details: { mergeId, pairId: pair.id, moved: merge.moved.map((m) => ({ table: m.table, count: m.ids.length })) },
    });
    const stored = await mq.selectMerge(tx, pair.kab_code, mergeId);
    if (!stored) throw new Error('merge not stored');
    return toMergeView(stored);
  });
}
