import {
  areaLevel, CreateCaseInput, type CaseAtResidentVillageInput, type CaseTransferRequested, type CaseTransferRequestInput,
  type CaseTransferResult, type CaseView,
} from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { conflict, fieldError } from '../http/errors.ts';
import { newId } from '../db/ids.ts';
import { eventsCommitted } from '../events/bus.ts';
import { announceCaseMove } from './announce.ts';
import { selectOpenCasesOfPerson, selectVillagePlace } from './elsewhere-queries.ts';
import { createCase } from './intake.ts';
import { selectCaseInScope, selectCaseUnscoped, selectPersonIdByNikInKabupaten } from './queries.ts';
import { buildCaseView, recordCaseEvent } from './service.ts';

/**
 * Issue 12: a resident registered in another village of the kabupaten is not a dead end. The
 * officer who met them records the keluhan, and the case starts at the Puskesos of the
 * resident's village (its staff are notified), with the intake's timeline and audit as any
 * other. The answer says where it went; it holds the case only for a caller who covers that
 * village (a supervisor of the kecamatan, the kabupaten). 400 on `nik` when the kabupaten has no
 * such resident.
 */
export async function createCaseAtResidentVillage(deps: Deps, ctx: RequestContext, input: CaseAtResidentVillageInput): Promise<CaseTransferResult> {
  const personId = await residentOf(deps, ctx, input.nik);
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

/**
 * Issue 12: "start it here anyway". The case is recorded and held at the caller's own Puskesos
 * (the one village where they record cases) for a resident registered in another village; the
 * timeline keeps the resident's village. The resident's record stays where it is.
 */
export async function createCaseHereForResident(deps: Deps, ctx: RequestContext, input: CaseAtResidentVillageInput): Promise<CaseView> {
  const own = ownVillageOf(ctx);
  const place = await selectVillagePlace(deps.db, ctx.actor.kabCode, own);
  if (!place) throw fieldError('nik', 'case.not_one_village');
  const personId = await residentOf(deps, ctx, input.nik);
  const { nik: _nik, ...rest } = input;
  const { view } = await createCase(deps, ctx, CreateCaseInput.parse({ ...rest, personId }), null, { anywhereInKabupaten: true, atVillage: place });
  return view;
}

/**
 * Issue 12: the resident's open case is held by another village; the caller's Puskesos asks for
 * it. Each open case outside the caller's area gets a timeline line (`transfer_requested`, with
 * the asking village and the reason) and its holding level is notified; the holder transfers it
 * with `POST /cases/:id/transfer`. 409 when the resident has no open case elsewhere.
 */
export async function requestCaseTransfer(deps: Deps, ctx: RequestContext, input: CaseTransferRequestInput): Promise<CaseTransferRequested> {
  const personId = await residentOf(deps, ctx, input.nik);
  const own = ownVillageOf(ctx);
  const result = await deps.db.transaction(async (tx) => {
    const place = await selectVillagePlace(tx, ctx.actor.kabCode, own);
    if (!place) throw fieldError('nik', 'case.not_one_village');
    const cases = (await selectOpenCasesOfPerson(tx, ctx.actor.kabCode, personId)).filter((c) => !ctx.actor.coversArea('cases.read', c.village_code));
    if (cases.length === 0) throw conflict('case.no_open_case_elsewhere');
    let residentVillage = '';
    for (const c of cases) {
      const row = (await selectCaseUnscoped(tx, ctx.actor.kabCode, c.id))!;
      residentVillage ||= row.village_name;
      await recordCaseEvent(tx, ctx, { id: c.id, kabCode: ctx.actor.kabCode, villageCode: c.village_code }, {
        action: 'transfer_requested', details: { toVillageCode: place.code, toVillageName: place.name, toKecamatanName: place.kecamatanName, reason: input.reason },
      });
      await ctx.auditWrite(tx, { action: 'case.transfer_request', recordType: 'case', recordIds: [c.id, personId], details: { code: c.code, toVillageCode: place.code } });
      // the holders are told which Puskesos asks (its name, no personal data)
      await announceCaseMove(tx, { id: c.id, code: c.code, kabCode: ctx.actor.kabCode, villageCode: c.village_code, villageName: place.name },
        'transfer_requested', c.level, `case.transfer_requested:${c.id}:${newId()}`);
    }
    return { villageName: residentVillage, requested: cases.length };
  });
  eventsCommitted(deps.db);
  return result;
}

/** The one village where the caller records cases (a Puskesos officer's or facilitator's own); 400 otherwise. */
function ownVillageOf(ctx: RequestContext): string {
  const villages = [...new Set(ctx.actor.grants.flatMap((g) => (g.areaCode && areaLevel(g.areaCode) === 'village' && ctx.actor.coversArea('cases.create', g.areaCode) ? [g.areaCode] : [])))];
  const [own] = villages;
  if (villages.length !== 1 || !own) throw fieldError('nik', 'case.not_one_village');
  return own;
}

async function residentOf(deps: Deps, ctx: RequestContext, nik: string): Promise<string> {
  const personId = await selectPersonIdByNikInKabupaten(deps.db, ctx.actor.kabCode, nik);
  if (!personId) throw fieldError('nik', 'case.resident_not_in_kabupaten');
  return personId;
}
