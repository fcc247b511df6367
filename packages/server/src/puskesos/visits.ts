import { areaToday, type VisitInput, type VisitView } from '@slrt/core';
import type { z } from 'zod';
import { listDocuments, scopedOwner } from '../documents/service.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { fieldError } from '../http/errors.ts';
import { newId } from '../db/ids.ts';
import * as q from './queries.ts';
import { profileOrNotFound, recordChange } from './scope.ts';

/**
 * The supervisor's visit (`puskesos.supervise`): the facilities checklist as found on a day,
 * photos attached as documents of the visit. Items marked confirmed update the inventory's
 * condition and its confirmation date.
 */

export const VISIT_DOCUMENTS = scopedOwner({
  type: 'puskesos_visit',
  kinds: ['photo'],
  readPermission: 'puskesos.read',
  writePermission: 'puskesos.supervise',
  select: (q0, actor, permission, id) => q.selectVisitVillage(q0, actor, permission, id),
  changeUnder: 'puskesos.supervise',
  // a photo attached or removed is a change of the Puskesos: its history says so
  onChange: (tx, ctx, row, change, id) =>
    recordChange(tx, ctx, row, { entity: 'visit', entityId: id, action: `photo_${change.action}`, changes: { documentId: change.document.id, fileName: change.document.fileName } }),
});

async function toVisitView(deps: Deps, kabCode: string, r: q.VisitRow): Promise<VisitView> {
  const photos = await listDocuments(deps.db, kabCode, VISIT_DOCUMENTS.type, r.id);
  return {
    id: r.id, visitDate: r.visit_date, checklist: r.checklist.map((c) => ({ item: c.item as VisitView['checklist'][number]['item'], condition: c.condition, confirmed: c.confirmed })),
    note: r.note, visitedByName: r.visited_by_name, photos: photos.map((p) => ({ id: p.id, fileName: p.fileName, mimeType: p.mimeType })),
  };
}

export async function recordVisit(deps: Deps, ctx: RequestContext, villageCode: string, input: z.infer<typeof VisitInput>): Promise<VisitView> {
  if (new Set(input.checklist.map((c) => c.item)).size !== input.checklist.length) throw fieldError('checklist', 'puskesos.facility_twice');
  if (input.visitDate > areaToday(villageCode)) throw fieldError('visitDate', 'puskesos.date_in_future');
  const row: q.VisitRow = { id: newId(), village_code: villageCode, visit_date: input.visitDate, checklist: input.checklist, note: input.note || null, visited_by_name: ctx.actor.displayName };
  const kab = await deps.db.transaction(async (tx) => {
    const profile = await profileOrNotFound(tx, ctx, 'puskesos.supervise', villageCode, true);
    await q.insertVisit(tx, { ...row, kab_code: profile.kab_code, visited_by: ctx.actor.userId });
    for (const c of input.checklist.filter((x) => x.confirmed)) {
      await q.confirmFacility(tx, profile.kab_code, villageCode, c.item, c.condition, input.visitDate, ctx.actor.userId);
    }
    await recordChange(tx, ctx, profile, { entity: 'visit', entityId: row.id, action: 'create', changes: { visitDate: input.visitDate, checklist: input.checklist } });
    await ctx.auditWrite(tx, { action: 'puskesos.visit', recordType: 'puskesos_visit', recordIds: [row.id], details: { village: villageCode, visitDate: input.visitDate } });
    return profile.kab_code;
  });
  return toVisitView(deps, kab, row);
}

export async function listVisits(deps: Deps, ctx: RequestContext, villageCode: string): Promise<VisitView[]> {
  const profile = await profileOrNotFound(deps.db, ctx, 'puskesos.read', villageCode);
  const rows = await q.selectVisits(deps.db, villageCode);
  return Promise.all(rows.map((r) => toVisitView(deps, profile.kab_code, r)));
}
