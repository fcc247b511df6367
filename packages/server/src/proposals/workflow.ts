import {
  VerificationInput, actionNeedsReason, checkProposalChanges, confirmedChanges, fieldVisitDateProblem, correctedFields, isVersionChecked, localDateIn,
  HOUSING_INDICATORS, newHouseholdVisitProblems, proposalActionPermission, proposalTransition, proposalUserActions, t,
  type BulkStepResult, type ProposalAction, type ProposalStatus, type ProposalStepResult, type ProposalUserAction,
} from '@slrt/core';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { AppError, conflict, fieldError, fieldErrors, forbidden, invalidTransition, notFound, parseOrThrow, type Msg } from '../http/errors.ts';
import { withSavepoint } from '../db/transactions.ts';
import { listDocuments } from '../documents/service.ts';
import { applyProposal } from './apply.ts';
import { checkMerged, checkNumbers } from './checks.ts';
import { insertStep, insertVerification, lastActorOf } from './lineage-queries.ts';
import { selectProposal, setConfirmWarnings, updateProposal, type ProposalRow, type ProposalUpdate } from './queries.ts';
import { settingsOf, todayIn } from './rounds/calendar.ts';
import { auditIds, entryFields, PROPOSAL_DOCUMENT_OWNER_TYPE } from './service.ts';
import { movedRecords, readTarget } from './targets.ts';
import { allowedFor } from './views.ts';

/**
 * The steps of a proposal (`POST /api/v1/proposals/:id/<action>`), each in one transaction:
 * lock the proposal in the caller's read scope (404), check the status allows the step (409
 * listing what is allowed), the caller's permission for this stage over the proposal's village
 * (403), then do the step, record it in proposal_steps and the audit trail.
 *
 * Every step between the field visit and the registry (review, verify-kabupaten, ratify) first
 * compares the target records' versions with those the facilitator saw: a record changed since
 * sends the proposal to `needs_review` (answer `stale: true`) instead of overwriting the newer
 * change. Ratification applies the change to the registry in the same transaction.
 */

export interface StepBody {
  reason?: string | undefined;
}

const CHECKED_ACTIONS = new Set<ProposalUserAction>(['review', 'verify-kabupaten', 'ratify']);

/** The registry refusals that send a proposal back for review instead of failing the step. */
const APPLY_REFUSALS = new Set(['conflict', 'validation', 'not_found']);

function result(ctx: RequestContext, row: ProposalRow, status: ProposalStatus, stale: boolean): ProposalStepResult {
  return { id: row.id, status, allowedActions: allowedFor(ctx, { ...row, status }), stale };
}

async function record(
  tx: Tx,
  ctx: RequestContext,
  row: ProposalRow,
  s: { action: ProposalAction; to: ProposalStatus; fields?: ProposalUpdate; reason?: string | null; verificationId?: string | null; details?: Record<string, unknown> },
) {
  await updateProposal(tx, row.id, s.to, s.fields ?? {});
  await insertStep(tx, newId(), {
    kabCode: row.kab_code, villageCode: row.village_code, proposalId: row.id, action: s.action, fromStatus: row.status, toStatus: s.to,
    actorId: ctx.actor.userId, actorName: ctx.actor.displayName, reason: s.reason ?? null, verificationId: s.verificationId ?? null, details: s.details ?? null,
  });
  await ctx.auditWrite(tx, {
    action: `proposal.${s.action}`, recordType: 'proposal', recordIds: auditIds(row),
    details: { code: row.code, from: row.status, to: s.to, ...(s.details ?? {}) },
  });
}

/** Sends a proposal whose records moved (or that the registry refused) back for review. */
async function markStale(tx: Tx, ctx: RequestContext, row: ProposalRow, attempted: ProposalUserAction, why: { key: string; details: Record<string, unknown> }) {
  const to = proposalTransition(row.status, 'stale');
  if (!to.ok) throw invalidTransition(attempted, row.status, proposalUserActions(row.status));
  await record(tx, ctx, row, { action: 'stale', to: to.to, fields: { staleReason: why.key }, reason: t(ctx.locale, why.key), details: { attempted, ...why.details } });
  return result(ctx, row, to.to, true);
}

/** Takes one step inside `tx`. */
export async function stepIn(tx: Tx, ctx: RequestContext, id: string, action: ProposalUserAction, body: StepBody | VerificationInput): Promise<ProposalStepResult> {
  const row = await selectProposal(tx, ctx.actor, 'proposals.read', id, { forUpdate: true });
  if (!row) throw notFound();
  const visit = action === 'verify' ? parseOrThrow(VerificationInput, body) : null;
  const machineAction: ProposalAction = visit?.verdict === 'invalid' ? 'invalidate' : action;
  const next = proposalTransition(row.status, machineAction);
  if (!next.ok) throw invalidTransition(action, row.status, proposalUserActions(row.status));
  if (!ctx.actor.coversArea(proposalActionPermission(action, row.status), row.village_code)) throw forbidden();
  const reason = 'reason' in body && body.reason ? body.reason : null;
  if (actionNeedsReason(action) && !reason) throw fieldError('reason', 'proposal.reason_required');

  // Refusals that change nothing come before the version check (which does change the status).
  if (action === 'review' && row.round_status === 'open') throw conflict('proposal.round_not_submitted');
  if (action === 'ratify') {
    const settings = await settingsOf(tx, row.kab_code);
    if (settings.separateRatifier && (await lastActorOf(tx, row.id, 'verify-kabupaten')) === ctx.actor.userId) throw conflict('proposal.same_ratifier');
  }

  if (CHECKED_ACTIONS.has(action) && isVersionChecked(row.status)) {
    const moved = await movedRecords(tx, row.kab_code, { type: row.type, targetKind: row.target_kind, personId: row.person_id, householdId: row.household_id }, row.verified_versions ?? {});
    if (moved.length) return markStale(tx, ctx, row, action, { key: 'proposal.stale_version', details: { moved } });
  }

  switch (action) {
    case 'submit': {
      const entry = await entryFields(tx, { kabCode: row.kab_code, villageCode: row.village_code, assignedTo: row.assigned_to });
      await record(tx, ctx, row, { action, to: next.to, fields: { roundId: entry.roundId, enteredOn: entry.enteredOn, assignedTo: entry.assignedTo }, details: { round: entry.period } });
      break;
    }
    case 'verify': {
      const verified = await verify(tx, ctx, row, visit!);
      await record(tx, ctx, row, {
        action: machineAction, to: next.to, reason: visit!.reason ?? null, verificationId: verified.verificationId,
        fields: { verifiedVersions: verified.versions, confirmedChanges: verified.confirmed, staleReason: null },
        details: { verdict: visit!.verdict, visitDate: visit!.visitDate, corrected: correctedFields(visit!.items), versions: verified.versions },
      });
      break;
    }
    case 'review':
      await record(tx, ctx, row, { action, to: next.to, reason });
      break;
    case 'verify-kabupaten':
      await record(tx, ctx, row, { action, to: next.to, reason });
      break;
    case 'ratify': {
      let outcome: Awaited<ReturnType<typeof applyProposal>>;
      try {
        outcome = await withSavepoint(tx, 'proposal_apply', () => applyProposal(tx, ctx, row));
      } catch (err) {
        if (!(err instanceof AppError && APPLY_REFUSALS.has(err.code))) throw err;
        const fields = err.fields ? Object.fromEntries(Object.entries(err.fields).map(([f, m]) => [f, m.key])) : undefined;
        return markStale(tx, ctx, row, action, { key: err.msg.key === 'error.validation' ? 'proposal.apply_invalid' : err.msg.key, details: { error: err.code, key: err.msg.key, ...(fields ? { fields } : {}) } });
      }
      await record(tx, ctx, row, {
        action, to: next.to, reason,
        fields: { applied: outcome.applied, ...(outcome.personId ? { personId: outcome.personId } : {}), ...(outcome.householdId ? { householdId: outcome.householdId } : {}) },
        details: { applied: outcome.applied },
      });
      break;
    }
    case 'return':
      await record(tx, ctx, row, {
        action, to: next.to, reason,
        fields: { confirmedChanges: null, verifiedVersions: null, ...(row.assigned_to ? {} : { assignedTo: (await entryFields(tx, { kabCode: row.kab_code, villageCode: row.village_code, assignedTo: null })).assignedTo }) },
      });
      break;
    case 'cancel':
    case 'reject':
      await record(tx, ctx, row, { action, to: next.to, reason });
      break;
  }
  return result(ctx, row, next.to, false);
}

/**
 * The field visit: the date in the kabupaten's calendar (not in the future, not before the
 * proposal), every proposed field confirmed or corrected for a valid verdict, the corrected values
 * checked like new ones, and the current values and versions of the records kept with the visit.
 */
async function verify(tx: Tx, ctx: RequestContext, row: ProposalRow, v: VerificationInput) {
  const settings = await settingsOf(tx, row.kab_code);
  const visitProblem = fieldVisitDateProblem(v.visitDate, todayIn(settings), localDateIn(row.created_at, settings.timeZone));
  if (visitProblem) throw fieldError('visitDate', visitProblem);
  const target = await readTarget(tx, ctx, { type: row.type, targetKind: row.target_kind, personId: row.person_id, householdId: row.household_id }, Object.keys(row.changes), 'proposals.verify');
  const newHousehold = row.type === 'new' && row.target_kind === 'new_household';
  if (newHousehold) {
    const photos = (await listDocuments(tx, row.kab_code, PROPOSAL_DOCUMENT_OWNER_TYPE, row.id)).filter((d) => d.kind === 'photo').length;
    const problems = newHouseholdVisitProblems(v, { photos, gps: v.gps, landmark: v.landmark });
    if (Object.keys(problems).length) {
      throw fieldErrors(Object.fromEntries(Object.entries(problems).map(([field, m]) => [field, { key: m.key, params: { ...m.params, field } }])));
    }
  }
  let confirmed: Record<string, unknown> | null = null;
  if (v.verdict === 'valid') {
    const c = confirmedChanges(row.changes, v.items, newHousehold ? HOUSING_INDICATORS : []);
    if (!c.ok) {
      const fields: Record<string, Msg> = {};
      if (c.missing.length) fields.items = { key: 'proposal.items_missing', params: { field: 'items', fields: c.missing.join(', ') } };
      else fields.items = { key: 'proposal.items_unknown', params: { field: 'items', fields: c.unknown.join(', ') } };
      throw fieldErrors(fields);
    }
    const checked = checkProposalChanges(row.type, row.target_kind, c.changes);
    if (!checked.ok) {
      const fields: Record<string, Msg> = {};
      for (const issue of checked.issues) {
        const index = v.items.findIndex((i) => i.field === issue.path[1]);
        const field = index >= 0 ? `items.${index}.correctedValue` : 'items';
        fields[field] ??= { key: 'proposal.correction_invalid', params: { field, name: String(issue.path[1] ?? '') } };
      }
      throw fieldErrors(fields);
    }
    confirmed = checked.changes;
    const confirmWarnings = [...new Set([...row.confirm_warnings, ...(v.confirmWarnings ?? [])])];
    await checkNumbers(tx, ctx, { type: row.type, kind: row.target_kind, changes: confirmed, person: target.person, confirmWarnings }, 'confirmed.');
    checkMerged({ type: row.type, kind: row.target_kind, changes: confirmed }, target, 'confirmed.');
    if (v.confirmWarnings?.length) await setConfirmWarnings(tx, row.id, confirmWarnings);
  }
  const verificationId = newId();
  await insertVerification(tx, {
    id: verificationId, kabCode: row.kab_code, villageCode: row.village_code, proposalId: row.id,
    verifierId: ctx.actor.userId, verifierName: ctx.actor.displayName, visitDate: v.visitDate, metName: v.metName, metRole: v.metRole,
    verdict: v.verdict, reason: v.reason ?? null, items: v.items, currentValues: target.current, recordVersions: target.versions, gps: v.gps ?? null,
    landmark: v.landmark ?? null,
  });
  return { verificationId, versions: target.versions, confirmed };
}

/** One step in its own transaction. */
export async function takeStep(deps: Deps, ctx: RequestContext, id: string, action: ProposalUserAction, body: StepBody | VerificationInput): Promise<ProposalStepResult> {
  return deps.db.transaction((tx) => stepIn(tx, ctx, id, action, body));
}

/** The actions that may be taken on many proposals at once (the field visit may not). */
export const BULK_ACTIONS = ['submit', 'review', 'return', 'reject', 'verify-kabupaten', 'ratify'] as const satisfies readonly ProposalUserAction[];
export type BulkAction = (typeof BULK_ACTIONS)[number];

/**
 * A step on many proposals (approving or rejecting a batch): each in its own transaction, so one
 * stale or refused proposal stops only itself. Answers per proposal.
 */
export async function takeBulkStep(deps: Deps, ctx: RequestContext, ids: readonly string[], action: BulkAction, body: StepBody): Promise<BulkStepResult> {
  if (actionNeedsReason(action) && !body.reason) throw fieldError('reason', 'proposal.reason_required');
  const results: BulkStepResult['results'] = [];
  for (const id of new Set(ids)) {
    try {
      const r = await takeStep(deps, ctx, id, action, body);
      results.push({ id, ok: !r.stale, status: r.status, stale: r.stale, error: null });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      results.push({ id, ok: false, status: null, stale: false, error: { code: err.code, message: t(ctx.locale, err.msg.key, err.msg.params) } });
    }
  }
  // each step taken audited itself; when none was taken nothing was written, and the answer
  // (ids and refusals) names no resident
  if (!results.some((r) => r.ok)) ctx.noPersonalData();
  return { results };
}
