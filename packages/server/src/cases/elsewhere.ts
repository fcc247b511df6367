import { CreateCaseInput, type CaseAtResidentVillageInput, type CaseTransferResult } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { fieldError } from '../http/errors.ts';
import { newId } from '../db/ids.ts';
import { eventsCommitted } from '../events/bus.ts';
import { announceCaseMove } from './announce.ts';
import { createCase } from './intake.ts';
import { selectCaseInScope, selectCaseUnscoped, selectPersonIdByNikInKabupaten } from './queries.ts';
import { buildCaseView } from './service.ts';

/**
 * Issue 12: a resident registered in another village of the kabupaten is not a dead end. The
 * officer who met them records the keluhan, and the case starts at the Puskesos of the
 * resident's village (its staff are notified), with the intake's timeline and audit as any
 * other. The answer says where it went; it holds the case only for a caller who covers that
 * village (a supervisor of the kecamatan, the kabupaten). 400 on `nik` when the kabupaten has no
 * such resident.
 */
export async function createCaseAtResidentVillage(deps: Deps, ctx: RequestContext, input: CaseAtResidentVillageInput): Promise<CaseTransferResult> {
  const personId = await selectPersonIdByNikInKabupaten(deps.db, ctx.actor.kabCode, input.nik);
  if (!personId) throw fieldError('nik', 'case.resident_not_in_kabupaten');
  const { nik: _nik, ...rest } = input;
  const { view } = await createCase(deps, ctx, CreateCaseInput.parse({ ...rest, personId }), null, {
    anywhereInKabupaten: true,
    onCreated: (tx, c) => announceCaseMove(tx, c, 'started_for_village', 'village', `case.started_for_village:${c.id}:${newId()}`),
  });
  eventsCommitted(deps.db);
  const row = (await selectCaseUnscoped(deps.db, ctx.actor.kabCode, view.id))!;
  const visible = await selectCaseInScope(deps.db, ctx.actor, 'cases.read', view.id);
  return {
    id: row.id, code: row.code, villageCode: row.village_code, villageName: row.village_name, kecamatanName: row.kecamatan_name,
    case: visible ? await buildCaseView(deps.db, ctx, visible) : null,
  };
}
