import {
  mayDecideCase, mayWorkCase, needActionsFor, needHolderLevel, needLevelAfterSendBack, nextCaseLevel,
  type CaseLevel, type Decision, type NeedAction,
} from '@slrt/core';
import type { RequestContext } from '../http/context.ts';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { conflict, fieldError, forbidden, invalidTransition } from '../http/errors.ts';
import { announceCaseMove } from './announce.ts';
import { updateCase, type CaseRow } from './queries.ts';
import { decideNeeds, selectNeeds, setNeedsLevel, type NeedRow } from './need-queries.ts';
import { eventTarget, recordCaseEvent } from './service.ts';

/**
 * Need-level steps (issue 12, item 2): `POST /cases/:id/{escalate,send-back,decide}` with
 * `needIds` moves or decides only those needs; the case keeps its status and level. Authority is
 * the whole case's, at the level holding the needs (core need-holder.ts): 403 when the caller
 * may not act there, 409 with the allowed actions when the need's state does not allow it.
 * Timeline `need_<action>`, audit `case.need_<action>`, and the level receiving the needs is told.
 */
export type NeedStepInput =
  | { action: 'escalate' | 'send_back'; needIds: readonly string[]; reason: string }
  | { action: 'decide'; needIds: readonly string[]; decision: Decision; notes: string | null };

export const holdingOf = (n: Pick<NeedRow, 'level' | 'status' | 'decision'>) => ({ level: n.level, status: n.status, decision: n.decision });
export const caseHoldingOf = (c: CaseRow) => ({ status: c.status, level: c.level, villageCode: c.village_code, decision: c.decision });

export async function takeNeedAction(tx: Tx, ctx: RequestContext, c: CaseRow, step: NeedStepInput): Promise<void> {
  const needs = await selectNeeds(tx, c.id);
  const chosen = step.needIds.map((id, i) => {
    const n = needs.find((x) => x.id === id);
    if (!n) throw fieldError(`needIds.${i}`, 'case.need_not_on_case');
    return n;
  });
  const holders = new Set(chosen.map((n) => needHolderLevel(n, c)));
  if (holders.size > 1) throw fieldError('needIds', 'case.needs_at_different_levels');
  const from = [...holders][0] as CaseLevel;
  const at = { villageCode: c.village_code, level: from };
  if (!(step.action === 'decide' ? mayDecideCase(ctx.actor.grants, at) : mayWorkCase(ctx.actor.grants, at))) throw forbidden();
  for (const n of chosen) {
    const allowed = needActionsFor(ctx.actor.grants, caseHoldingOf(c), holdingOf(n));
    if (!allowed.includes(step.action as NeedAction)) throw invalidTransition(step.action, n.status, allowed);
  }

  const ids = chosen.map((n) => n.id);
  const details: Record<string, unknown> = { needIds: ids, sectors: chosen.map((n) => n.sector) };
  let to: CaseLevel = from;
  if (step.action === 'decide') {
    await decideNeeds(tx, c.id, ids, step.decision, step.notes, ctx.actor.userId);
    Object.assign(details, { decision: step.decision, notes: step.notes });
  } else {
    const next = step.action === 'escalate' ? nextCaseLevel(from) : needLevelAfterSendBack(from, c.level);
    if (step.action === 'escalate' && next === null) throw conflict('case.need_at_top');
    await setNeedsLevel(tx, c.id, ids, next, { reopen: step.action === 'escalate' });
    to = next ?? c.level;
    details.reason = step.reason;
  }
  await updateCase(tx, c.id, { firstAction: true });
  await recordCaseEvent(tx, ctx, eventTarget(c), { action: `need_${step.action}`, fromLevel: from, toLevel: to, details });
  await ctx.auditWrite(tx, {
    action: `case.need_${step.action}`, recordType: 'case', recordIds: [c.id, ...ids],
    details: { code: c.code, fromLevel: from, toLevel: to, ...(step.action === 'decide' ? { decision: step.decision } : {}) },
  });
  if (step.action !== 'decide') {
    const target = { id: c.id, code: c.code, kabCode: c.kab_code, villageCode: c.village_code, villageName: c.village_name };
    await announceCaseMove(tx, target, step.action === 'escalate' ? 'need_escalated' : 'need_sent_back', to, `case.need_${step.action}:${c.id}:${newId()}`);
  }
}

/**
 * Closing or rejecting a whole case settles every need, including those held apart: only a
 * caller who works at each of their levels may; otherwise 409 naming the needs held above.
 */
export function checkHeldNeedsSettleable(ctx: RequestContext, c: CaseRow, needs: readonly NeedRow[]): void {
  const held = needs.filter((n) => n.level !== null && (n.status === 'open' || n.status === 'in_progress'));
  const beyond = held.filter((n) => !mayWorkCase(ctx.actor.grants, { villageCode: c.village_code, level: n.level! }));
  if (beyond.length) throw conflict('case.needs_held_above', undefined, { heldNeeds: beyond.map((n) => n.id) });
}
