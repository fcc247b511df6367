import {
  caseTransferTargetProblem, mayTakeCaseAction, nextCaseState, normalizeAreaCode,
  type CASE_ACTION_INPUTS, type CaseTransferResult,
} from '@slrt/core';
import type { z } from 'zod';
import type { Deps, RequestContext } from '../http/context.ts';
import type { Tx } from '../db/database.ts';
import { fieldError, forbidden, invalidTransition } from '../http/errors.ts';
import { moveReferralsOfCase } from './transfer-queries.ts';
import { moveCaseToVillage, selectCaseInScope, selectCaseUnscoped, selectVillage, type CaseRow } from './queries.ts';
import { newId } from '../db/ids.ts';
import { eventsCommitted } from '../events/bus.ts';
import { announceCaseMove } from './announce.ts';
import { buildCaseView, caseRowInScope, recordCaseEvent } from './service.ts';

export type TransferInput = z.infer<(typeof CASE_ACTION_INPUTS)['transfer']>;

/**
 * Issue 5: "transfer a case to another unit with its whole history". The case moves to
 * another village's Puskesos in the same kabupaten, with its needs, consents and referrals
 * (which follow their case's village); status, level, decision, timeline, documents and
 * letters stay as they are. The assignment is cleared. The SLA keeps running: a transfer is
 * not a first action. Whoever no longer covers the new village loses the case (404), whoever
 * covers it gains it. One `transferred` line in the timeline, `case.transfer` in the audit.
 *
 * 404 outside the caller's area (before the body is read), 409 with the allowed actions on a
 * finished case, 403 without the authority to work the case at its level, 400 naming
 * `villageCode` for a target that is not a village of the kabupaten (or the same village).
 */
export async function transferCase(deps: Deps, ctx: RequestContext, caseId: string, input: TransferInput): Promise<CaseTransferResult> {
  const result = await deps.db.transaction(async (tx): Promise<CaseTransferResult> => {
    const c = await caseRowInScope(tx, ctx, caseId, 'cases.read', { forUpdate: true });
    await transferLocked(tx, ctx, c, input);
    const moved = (await selectCaseUnscoped(tx, c.kab_code, c.id))!;
    const stillVisible = await selectCaseInScope(tx, ctx.actor, 'cases.read', c.id);
    return {
      id: moved.id, code: moved.code, villageCode: moved.village_code, villageName: moved.village_name, kecamatanName: moved.kecamatan_name,
      case: stillVisible ? await buildCaseView(tx, ctx, stillVisible) : null,
    };
  });
  eventsCommitted(deps.db);
  return result;
}

/** The transfer itself, on a locked case row. */
async function transferLocked(tx: Tx, ctx: RequestContext, c: CaseRow, input: TransferInput): Promise<void> {
  const step = nextCaseState({ status: c.status, level: c.level }, 'transfer');
  if (!step.ok) throw invalidTransition('transfer', c.status, step.allowed);
  if (!mayTakeCaseAction(ctx.actor.grants, { villageCode: c.village_code, level: c.level }, 'transfer')) throw forbidden();

  const code = normalizeAreaCode(input.villageCode);
  if (!code) throw fieldError('villageCode', 'case.transfer_not_village');
  const problem = caseTransferTargetProblem(c.village_code, code);
  if (problem) throw fieldError('villageCode', problem);
  const target = await selectVillage(tx, code);
  if (!target) throw fieldError('villageCode', 'case.transfer_unknown_village');

  await moveCaseToVillage(tx, c.id, target.code);
  const referrals = await moveReferralsOfCase(tx, c.id, target.code);
  await recordCaseEvent(tx, ctx, { id: c.id, kabCode: c.kab_code, villageCode: target.code }, {
    action: 'transferred', fromStatus: c.status, toStatus: c.status, fromLevel: c.level, toLevel: c.level,
    details: {
      reason: input.reason,
      fromVillageCode: c.village_code, fromVillageName: c.village_name, fromKecamatanName: c.kecamatan_name,
      toVillageCode: target.code, toVillageName: target.name, toKecamatanName: target.kecamatan_name,
      previousAssignee: c.assigned_to, referralsMoved: referrals,
    },
  });
  await ctx.auditWrite(tx, {
    action: 'case.transfer', recordType: 'case', recordIds: [c.id, c.person_id],
    details: { code: c.code, status: c.status, level: c.level, fromVillage: c.village_code, toVillage: target.code, referralsMoved: referrals },
  });
  // the target village is told (its staff when the case sits at the village, else the level holding it there)
  await announceCaseMove(tx, { id: c.id, code: c.code, kabCode: c.kab_code, villageCode: target.code, villageName: target.name }, 'transferred', c.level, `case.transfer:${c.id}:${newId()}`);
}
