import { areaToday, type OutreachInput, type OutreachView } from '@slrt/core';
import type { z } from 'zod';
import { newId } from '../db/ids.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { fieldError } from '../http/errors.ts';
import * as oq from './outreach-queries.ts';
import { profileOrNotFound, recordChange } from './scope.ts';

/**
 * The outreach log (sosialisasi): date, place, audience, number reached, by whom (officers or
 * PSKS volunteers: TKSK, PSM, Karang Taruna). Any village staff may log it (`outreach.write`);
 * the monthly report counts it.
 */

const toView = (r: oq.OutreachRow): OutreachView => ({
  id: r.id, villageCode: r.village_code, heldOn: r.held_on, place: r.place, audience: r.audience, reached: r.reached,
  byName: r.by_name, byKind: r.by_kind as OutreachView['byKind'], note: r.note,
});

export async function logOutreach(deps: Deps, ctx: RequestContext, villageCode: string, input: z.infer<typeof OutreachInput>): Promise<OutreachView> {
  if (input.heldOn > areaToday(villageCode)) throw fieldError('heldOn', 'puskesos.date_in_future');
  const row: oq.OutreachRow = {
    id: newId(), village_code: villageCode, held_on: input.heldOn, place: input.place, audience: input.audience, reached: input.reached,
    by_name: input.byName, by_kind: input.byKind, note: input.note || null,
  };
  await deps.db.transaction(async (tx) => {
    const profile = await profileOrNotFound(tx, ctx, 'outreach.write', villageCode);
    await oq.insertOutreach(tx, profile.kab_code, row, ctx.actor.userId);
    await recordChange(tx, ctx, profile, { entity: 'outreach', entityId: row.id, action: 'create', changes: { heldOn: row.held_on, reached: row.reached, byKind: row.by_kind } });
    await ctx.auditWrite(tx, { action: 'puskesos.outreach', recordType: 'puskesos_outreach', recordIds: [row.id], details: { village: villageCode, reached: row.reached } });
  });
  return toView(row);
}

export async function listOutreach(deps: Deps, ctx: RequestContext, villageCode: string, limit: number, cursor: string | undefined) {
  await profileOrNotFound(deps.db, ctx, 'puskesos.read', villageCode);
  const before = cursor && /^[0-9a-f-]{36}$/.test(cursor) ? cursor : null;
  const rows = await oq.selectOutreach(deps.db, villageCode, limit + 1, before);
  const items = rows.slice(0, limit).map(toView);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
