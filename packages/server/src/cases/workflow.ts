import {
  allowedCaseActions, areaTimeZone, fieldVisitDateProblem, localDateIn, mayMoveNeed, mayTakeCaseAction, mayWorkCase, needHolderLevel, nextCaseState, ROLE_PERMISSIONS,
  type CASE_ACTION_INPUTS, type CaseAction, type CaseView, type Permission, type Role, type RoleGrant,
} from '@slrt/core';
import type { z } from 'zod';
import type { Deps, RequestContext } from '../http/context.ts';
import type { Queryable, Tx } from '../db/database.ts';
import { AppError, conflict, fieldError, forbidden, invalidTransition } from '../http/errors.ts';
import { newId } from '../db/ids.ts';
import { eventsCommitted } from '../events/bus.ts';
import { announceCaseMove } from './announce.ts';
import { caseHoldingOf, checkHeldNeedsSettleable, holdingOf, takeNeedAction, type NeedStepInput } from './need-workflow.ts';
import { selectAreaStaff, updateCase, type CaseChange, type CaseRow } from './queries.ts';
import { rejoinNeedsAtCaseLevel, selectNeeds, settleOpenNeeds, startNeedsWithCase, updateNeedRecommendation } from './need-queries.ts';
import { buildCaseView, caseRowInScope, eventTarget, recordCaseEvent, setNeedStatus } from './service.ts';
import { selectRegistryStanding } from '../registry/service.ts';
import { displayNameOf } from '../users/public.ts';

type ActionInput<A extends CaseAction> = z.infer<(typeof CASE_ACTION_INPUTS)[A]>;

/** The permission each action's route declares: deciding is cases.decide, the rest cases.work. */
export function permissionOfAction(action: CaseAction): Permission {
  return action === 'decide' ? 'cases.decide' : 'cases.work';
}

const WORK_ROLES = (Object.entries(ROLE_PERMISSIONS) as Array<[Role, readonly Permission[]]>)
  .filter(([, perms]) => perms.includes('cases.work'))
  .map(([role]) => role);

/** Staff who may work this case now (for assignment): `cases.work` covering the village at the case's level. */
export async function assigneesOf(q: Queryable, c: Pick<CaseRow, 'kab_code' | 'village_code' | 'level'>) {
  const staff = await selectAreaStaff(q, c.kab_code, c.village_code, WORK_ROLES);
  return staff
    .map((s) => ({ ...s, grantList: s.grants.map((g): RoleGrant => ({ role: g.role as Exclude<Role, 'partner_officer'>, areaCode: g.area_code })) }))
    .filter((s) => mayWorkCase(s.grantList, { villageCode: c.village_code, level: c.level }))
    .map((s) => ({ id: s.id, name: s.display_name, roles: [...new Set(s.grantList.map((g: RoleGrant) => g.role))] }));
}

async function checkAssignee(q: Queryable, c: CaseRow, assigneeId: string, field: string) {
  const ok = (await assigneesOf(q, c)).some((a) => a.id === assigneeId);
  if (!ok) throw fieldError(field, 'case.assignee_invalid');
}

/**
 * One workflow step on a case: 404 outside the caller's scope, 409 with the allowed actions
 * when the status does not allow it, 403 when the caller may not take it at the case's level
 * (e.g. a village coordinator deciding a kabupaten case). Written to the timeline and the
 * audit trail in the same transaction. Returns the case as the caller now sees it.
 */
export async function applyCaseAction<A extends CaseAction>(deps: Deps, ctx: RequestContext, caseId: string, action: A, input: ActionInput<A>): Promise<CaseView> {
  const view = await deps.db.transaction(async (tx) => {
    const c = await caseRowInScope(tx, ctx, caseId, 'cases.read', { forUpdate: true });
    await takeAction(tx, ctx, c, action, input);
    return buildCaseView(tx, ctx, await caseRowInScope(tx, ctx, caseId, 'cases.read'));
  });
  eventsCommitted(deps.db);
  return view;
}

/** The step itself, on a locked case row (shared by the bulk actions). */
export async function takeAction<A extends CaseAction>(tx: Tx, ctx: RequestContext, c: CaseRow, action: A, input: ActionInput<A>): Promise<void> {
  const needIds = (input as { needIds?: string[] }).needIds;
  if (needIds && (action === 'escalate' || action === 'send_back' || action === 'decide')) {
    // need-level steps (issue 12, item 2): only those needs move or are decided
    const step: NeedStepInput = action === 'decide'
      ? { action: 'decide', needIds, decision: (input as ActionInput<'decide'>).decision, notes: (input as ActionInput<'decide'>).notes ?? null }
      : { action: action === 'escalate' ? 'escalate' : 'send_back', needIds, reason: (input as ActionInput<'escalate'>).reason };
    return takeNeedAction(tx, ctx, c, step);
  }
  const state = { status: c.status, level: c.level };
  const decision = action === 'decide' ? (input as ActionInput<'decide'>).decision : undefined;
  const step = nextCaseState(state, action, decision);
  if (!step.ok) throw invalidTransition(action, c.status, step.allowed);
  if (!mayTakeCaseAction(ctx.actor.grants, { villageCode: c.village_code, level: c.level }, action)) throw forbidden();

  const now = new Date();
  const change: CaseChange = { firstAction: true };
  if (step.status !== c.status) change.status = step.status;
  const details: Record<string, unknown> = {};

  switch (action) {
    case 'close_at_front_office': {
      const i = input as ActionInput<'close_at_front_office'>;
      Object.assign(change, { closeReason: 'answered_at_front_office', closedAt: now });
      details.feedback = i.feedback;
      checkHeldNeedsSettleable(ctx, c, await selectNeeds(tx, c.id));
      await settleOpenNeeds(tx, c.id, 'closed', null);
      break;
    }
    case 'check_registry': {
      const i = input as ActionInput<'check_registry'>;
      const r = await selectRegistryStanding(tx, c.kab_code, c.person_id);
      Object.assign(details, { notes: i.notes ?? null, registryStatus: r?.registry_status ?? null, desil: r?.household_desil ?? r?.desil ?? null, desilDate: r?.household_desil_date ?? null });
      if (r?.registry_status === 'not_registered' && !c.needs_registry_proposal) change.needsRegistryProposal = true;
      break;
    }
    case 'request_verification': {
      const i = input as ActionInput<'request_verification'>;
      if (i.assigneeId) {
        await checkAssignee(tx, c, i.assigneeId, 'assigneeId');
        change.assignedTo = i.assigneeId;
      }
      Object.assign(details, { notes: i.notes ?? null, assigneeId: i.assigneeId ?? null });
      break;
    }
    case 'record_verification': {
      const i = input as ActionInput<'record_verification'>;
      if (i.visitedOn) {
        const tz = areaTimeZone(c.kab_code);
        const problem = fieldVisitDateProblem(i.visitedOn, localDateIn(now, tz), localDateIn(c.registered_at, tz));
        if (problem) throw fieldError('visitedOn', problem);
      }
      Object.assign(details, { outcome: i.outcome, notes: i.notes, visitedOn: i.visitedOn ?? null });
      if (i.outcome === 'registry_update_needed' && !c.needs_registry_proposal) change.needsRegistryProposal = true;
      break;
    }
    case 'recommend': {
      const i = input as ActionInput<'recommend'>;
      change.recommendation = i.recommendation;
      for (const [n, item] of (i.needs ?? []).entries()) {
        if (!(await updateNeedRecommendation(tx, c.id, item.needId, item.recommendation))) throw fieldError(`needs.${n}.needId`, 'case.need_not_on_case');
      }
      Object.assign(details, { recommendation: i.recommendation, needs: i.needs ?? [] });
      break;
    }
    case 'decide': {
      const i = input as ActionInput<'decide'>;
      Object.assign(change, { decision: i.decision, decisionNotes: i.notes ?? null, decidedBy: ctx.actor.userId, decidedAt: now });
      if (i.decision === 'reject') {
        checkHeldNeedsSettleable(ctx, c, await selectNeeds(tx, c.id));
        Object.assign(change, { closeReason: 'rejected', closedAt: now });
        await settleOpenNeeds(tx, c.id, 'closed', null);
      }
      if (i.decision === 'handle_directly') await startNeedsWithCase(tx, c.id);
      Object.assign(details, { decision: i.decision, notes: i.notes ?? null });
      break;
    }
    case 'escalate': {
      const i = input as ActionInput<'escalate'>;
      Object.assign(change, { level: step.level, escalatedAt: now });
      // whoever held it at the lower level cannot work it up there
      if (c.assigned_to) change.assignedTo = null;
      // needs held apart at the case's new level (or below) are held with it again
      await rejoinNeedsAtCaseLevel(tx, c.id, step.level);
      Object.assign(details, { reason: i.reason, previousAssignee: c.assigned_to });
      break;
    }
    case 'send_back': {
      const i = input as ActionInput<'send_back'>;
      Object.assign(change, { level: step.level });
      // the upper level's assignee does not hold it down there
      if (c.assigned_to) change.assignedTo = null;
      Object.assign(details, { reason: i.reason, previousAssignee: c.assigned_to });
      break;
    }
    case 'transfer':
      // moves the case out of the caller's area and answers differently: transfer.ts
      throw new AppError('internal', { key: 'error.internal' });
    case 'resolve': {
      const i = input as ActionInput<'resolve'>;
      const needs = await selectNeeds(tx, c.id);
      // a case handled directly resolves the needs it holds; those held apart must be done by their level first
      const blocking = needs.filter((n) => (n.status === 'open' || n.status === 'in_progress') && (c.decision !== 'handle_directly' || n.level !== null));
      if (blocking.length) throw conflict('case.needs_open', undefined, { openNeeds: blocking.map((n) => n.id) });
      await settleOpenNeeds(tx, c.id, 'resolved', i.notes ?? null, { heldApart: false });
      Object.assign(change, { resolvedAt: now });
      details.notes = i.notes ?? null;
      break;
    }
    case 'close': {
      const i = input as ActionInput<'close'>;
      checkHeldNeedsSettleable(ctx, c, await selectNeeds(tx, c.id));
      Object.assign(change, { closeReason: i.reason, closedAt: now });
      await settleOpenNeeds(tx, c.id, 'closed', null);
      Object.assign(details, { reason: i.reason, notes: i.notes ?? null });
      break;
    }
    default:
      throw new AppError('internal', { key: 'error.internal' });
  }

  await updateCase(tx, c.id, change);
  await recordCaseEvent(tx, ctx, eventTarget(c), {
    action, fromStatus: c.status, toStatus: step.status, fromLevel: c.level, toLevel: step.level, details,
  });
  await ctx.auditWrite(tx, {
    action: `case.${action}`, recordType: 'case', recordIds: [c.id, c.person_id],
    details: { code: c.code, from: c.status, to: step.status, fromLevel: c.level, toLevel: step.level, ...(decision ? { decision } : {}) },
  });
  if (action === 'escalate' || action === 'send_back') {
    const target = { id: c.id, code: c.code, kabCode: c.kab_code, villageCode: c.village_code, villageName: c.village_name };
    await announceCaseMove(tx, target, action === 'escalate' ? 'escalated' : 'sent_back', step.level, `case.${action}:${c.id}:${newId()}`);
  }
}

/** Assigns the case to an officer who may work it, or clears the assignment. */
export async function assignCase(deps: Deps, ctx: RequestContext, caseId: string, assigneeId: string | null): Promise<CaseView> {
  const { view, c } = await deps.db.transaction(async (tx) => {
    const c = await caseRowInScope(tx, ctx, caseId, 'cases.read', { forUpdate: true });
    await assignLocked(tx, ctx, c, assigneeId);
    return { c, view: await buildCaseView(tx, ctx, await caseRowInScope(tx, ctx, caseId, 'cases.read')) };
  });
  // the same assignee again writes nothing, but the answer is the case: a read, audited as one
  if (assigneeId === c.assigned_to) await ctx.auditRead({ action: 'case.read', recordType: 'case', recordIds: [c.id, c.person_id], purpose: 'case.handling' });
  return view;
}

export async function assignLocked(tx: Tx, ctx: RequestContext, c: CaseRow, assigneeId: string | null): Promise<void> {
  if (c.status === 'resolved' || c.status === 'closed') throw invalidTransition('assign', c.status, allowedCaseActions({ status: c.status, level: c.level }));
  if (!mayWorkCase(ctx.actor.grants, { villageCode: c.village_code, level: c.level })) throw forbidden();
  if (assigneeId) await checkAssignee(tx, c, assigneeId, 'assigneeId');
  if (assigneeId === c.assigned_to) return;
  await updateCase(tx, c.id, { assignedTo: assigneeId });
  const name = assigneeId ? await displayNameOf(tx, assigneeId) : null;
  await recordCaseEvent(tx, ctx, eventTarget(c), { action: 'assign', details: { assigneeId, assigneeName: name, previousAssignee: c.assigned_to } });
  await ctx.auditWrite(tx, { action: 'case.assign', recordType: 'case', recordIds: [c.id, ...(assigneeId ? [assigneeId] : [])], details: { from: c.assigned_to, to: assigneeId } });
}

/** A note on the timeline: anyone who may read the case and holds cases.work (village staff follow escalated cases too). */
export async function addNote(deps: Deps, ctx: RequestContext, caseId: string, text: string): Promise<CaseView> {
  return deps.db.transaction(async (tx) => {
    const c = await caseRowInScope(tx, ctx, caseId, 'cases.work', { forUpdate: true });
    await recordCaseEvent(tx, ctx, eventTarget(c), { action: 'note', details: { text } });
    await ctx.auditWrite(tx, { action: 'case.note', recordType: 'case', recordIds: [c.id] });
    await updateCase(tx, c.id, {});
    return buildCaseView(tx, ctx, await caseRowInScope(tx, ctx, caseId, 'cases.read'));
  });
}

/** An officer moves one need (a case handled directly, a need settled without a referral). */
export async function changeNeedStatus(deps: Deps, ctx: RequestContext, caseId: string, needId: string, status: Parameters<typeof setNeedStatus>[3], note: string | null): Promise<CaseView> {
  return deps.db.transaction(async (tx) => {
    const c = await caseRowInScope(tx, ctx, caseId, 'cases.read', { forUpdate: true });
    const need = (await selectNeeds(tx, c.id)).find((n) => n.id === needId);
    if (!need) throw fieldError('needId', 'case.need_not_on_case');
    // the level holding the need moves it (issue 12): the case's, or the one it was escalated to
    if (!mayWorkCase(ctx.actor.grants, { villageCode: c.village_code, level: needHolderLevel(need, c) })) throw forbidden();
    if (!mayMoveNeed(ctx.actor.grants, caseHoldingOf(c), holdingOf(need))) throw conflict(need.level ? 'case.need_not_decided' : 'case.needs_move_in_progress');
    await setNeedStatus(tx, ctx, needId, status, note);
    return buildCaseView(tx, ctx, await caseRowInScope(tx, ctx, caseId, 'cases.read'));
  });
}
