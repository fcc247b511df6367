import {
  type CaseLevel, type CaseStatus, type CaseView, type Decision, type NeedStatus, type Permission,
  type Sector, type Urgency,
} from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import type { Queryable, Tx } from '../db/database.ts';
import { subjectsOf } from '../audit/audit-event.ts';
import { newId } from '../db/ids.ts';
import { conflict, notFound } from '../http/errors.ts';
import { listDocuments } from '../documents/service.ts';
import { listLetters } from '../letters/service.ts';
import { toCaseView } from './case-view.ts';
import { selectCaseInScope, selectCaseUnscoped, selectConsents, setRegistryProposal, type CaseRow } from './queries.ts';
import { selectNeedForUpdate, selectNeeds, setNeedReturned, updateNeedStatus, type NeedRow } from './need-queries.ts';
import { insertCaseEvent, selectCaseEvents } from './event-queries.ts';
import { selectCasesNeedingRegistryProposal } from './workflow-queries.ts';

/**
 * The cases service: what other domains call (referrals, proposals, the household view) and
 * the shared pieces of the case use cases (intake.ts, workflow.ts, worklists.ts).
 *
 * For other domains:
 * - `getCaseInScope(q, ctx, id, { permission? })` the case with its needs, or 404.
 * - `setNeedStatus(tx, ctx, needId, status, note, { permission?, trusted?, locked? })` moves one need
 *   (referrals do this as they are accepted, served, completed); timeline + audit. `locked`:
 *   the case, already locked and checked by the caller (`lockedCase(row)`), is not read again.
 * - `caseOffersResolve(q, caseId)` true when the case runs and every need is resolved/closed.
 * - `recordCaseEvent(tx, ctx, case, { action, details })` a line in the case's timeline
 *   (e.g. `referral_sent`), inside the caller's transaction.
 * - `casesNeedingRegistryProposal(q, ctx)` / `linkRegistryProposal(tx, ctx, caseId, proposalId)`
 *   the hook for registry proposals (issue 6): intake flags residents missing from the
 *   national data with `needsRegistryProposal`; the proposals domain opens the draft and links it.
 */

export const CASE_OWNER_TYPE = 'case';

export interface CaseNeed {
  id: string;
  position: number;
  sector: Sector;
  urgency: Urgency;
  request: string;
  status: NeedStatus;
  /** Who the need is for: the case's person or a member of the household. */
  personId: string;
  /** Held apart from the case at this level (escalated alone), or null: with the case. */
  level: CaseLevel | null;
  /** The decision of the level holding it apart. */
  decision: Decision | null;
}

export interface CaseRecord {
  id: string;
  kabCode: string;
  villageCode: string;
  code: string;
  personId: string;
  householdId: string;
  status: CaseStatus;
  level: CaseLevel;
  decision: Decision | null;
  urgency: Urgency;
  fastTrack: boolean;
  needsRegistryProposal: boolean;
  registryProposalId: string | null;
  needs: CaseNeed[];
}

function toRecord(c: CaseRow, needs: NeedRow[]): CaseRecord {
  return {
    id: c.id, kabCode: c.kab_code, villageCode: c.village_code, code: c.code, personId: c.person_id, householdId: c.household_id,
    status: c.status, level: c.level, decision: c.decision, urgency: c.urgency, fastTrack: c.fast_track,
    needsRegistryProposal: c.needs_registry_proposal, registryProposalId: c.registry_proposal_id,
    needs: needs.map((n) => ({ id: n.id, position: n.position, sector: n.sector, urgency: n.urgency, request: n.request, status: n.status, personId: n.person_id, level: n.level, decision: n.decision })),
  };
}

/**
 * The case with its needs when it lies in the caller's area for `permission` (default
 * cases.read); otherwise 404, whether or not it exists. Does not audit.
 */
export async function getCaseInScope(q: Queryable, ctx: Pick<RequestContext, 'actor'>, id: string, opts: { permission?: Permission; forUpdate?: boolean } = {}): Promise<CaseRecord> {
  const row = await selectCaseInScope(q, ctx.actor, opts.permission ?? 'cases.read', id, { forUpdate: opts.forUpdate ?? false });
  if (!row) throw notFound();
  return toRecord(row, await selectNeeds(q, id));
}

export async function caseRowInScope(q: Queryable, ctx: Pick<RequestContext, 'actor'>, id: string, permission: Permission, opts: { forUpdate?: boolean } = {}): Promise<CaseRow> {
  const row = await selectCaseInScope(q, ctx.actor, permission, id, opts);
  if (!row) throw notFound();
  return row;
}

/** A line in the case's timeline, written in the caller's transaction. */
export async function recordCaseEvent(
  tx: Tx,
  ctx: Pick<RequestContext, 'actor'>,
  c: { id: string; kabCode: string; villageCode: string },
  e: { action: string; fromStatus?: CaseStatus | null; toStatus?: CaseStatus | null; fromLevel?: CaseLevel | null; toLevel?: CaseLevel | null; details?: Record<string, unknown> | null },
): Promise<void> {
  await insertCaseEvent(tx, {
    id: newId(), kabCode: c.kabCode, villageCode: c.villageCode, caseId: c.id, actorId: ctx.actor.userId, actorName: ctx.actor.displayName, ...e,
  });
}

export const eventTarget = (c: CaseRow) => ({ id: c.id, kabCode: c.kab_code, villageCode: c.village_code });

/**
 * A case its caller holds locked (FOR UPDATE) in its transaction: what a need's move reads of
 * it, so that a caller that has just read it (a referral's step) does not read it again.
 */
export type LockedCase = Pick<CaseRecord, 'id' | 'kabCode' | 'villageCode' | 'status' | 'personId' | 'householdId'>;

export const lockedCase = (c: CaseRow): LockedCase => ({
  id: c.id, kabCode: c.kab_code, villageCode: c.village_code, status: c.status, personId: c.person_id, householdId: c.household_id,
});

/** The full view of a case for the caller; does not audit (the caller does). */
export async function buildCaseView(q: Queryable, ctx: Pick<RequestContext, 'actor'>, row: CaseRow): Promise<CaseView> {
  const [needs, events, consents, documents, letters] = [
    await selectNeeds(q, row.id),
    await selectCaseEvents(q, row.kab_code, row.id),
    await selectConsents(q, row.id),
    await listDocuments(q, row.kab_code, CASE_OWNER_TYPE, row.id),
    await listLetters(q, row.kab_code, CASE_OWNER_TYPE, row.id),
  ];
  return toCaseView(row, { needs, events, consents, documents, letters }, ctx.actor);
}

/**
 * `GET /cases/:id`: the case, its person (name, masked NIK), needs, timeline, documents and
 * letters; audited. `inScope`: the case as the route's scope check has just read it under
 * cases.read (not read again).
 */
export async function readCase(deps: Deps, ctx: RequestContext, id: string, inScope: CaseRow | null = null): Promise<CaseView> {
  const row = inScope?.id === id ? inScope : await caseRowInScope(deps.db, ctx, id, 'cases.read');
  const view = await buildCaseView(deps.db, ctx, row);
  await ctx.auditRead({
    action: 'case.read', recordType: 'case', recordIds: [id, row.person_id], purpose: 'case.handling',
    details: subjectsOf([{ personId: row.person_id, householdId: row.household_id }]),
  });
  return view;
}

/**
 * Moves one need. Scoped by `permission` (default cases.work) unless `trusted` (a caller that
 * checked access its own way, e.g. a partner reporting a referral's outcome). A need of a
 * finished case cannot move (409).
 */
export async function setNeedStatus(
  tx: Tx,
  ctx: RequestContext,
  needId: string,
  status: NeedStatus,
  note: string | null,
  opts: { permission?: Permission; trusted?: boolean; locked?: LockedCase } = {},
): Promise<CaseNeed> {
  const need = await selectNeedForUpdate(tx, ctx.actor.kabCode, needId);
  if (!need) throw notFound();
  // the caller's locked case, when the need is of it; else read here (and locked), scoped unless trusted
  let c: LockedCase | null;
  if (opts.locked?.id === need.case_id) c = opts.locked;
  else {
    const row = opts.trusted
      ? await selectCaseUnscoped(tx, ctx.actor.kabCode, need.case_id, { forUpdate: true })
      : await selectCaseInScope(tx, ctx.actor, opts.permission ?? 'cases.work', need.case_id, { forUpdate: true });
    c = row && lockedCase(row);
  }
  if (!c) throw notFound();
  if (c.status === 'resolved' || c.status === 'closed') throw conflict('case.finished');
  if (need.status !== status) {
    await updateNeedStatus(tx, needId, status, note);
    await recordCaseEvent(tx, ctx, c, { action: 'need_status', details: { needId, sector: need.sector, from: need.status, to: status, note } });
    await ctx.auditWrite(tx, {
      action: 'case.need_status', recordType: 'case', recordIds: [c.id, needId],
      details: { from: need.status, to: status, ...subjectsOf([{ personId: c.personId, householdId: c.householdId }]) },
    });
  }
  return { id: need.id, position: need.position, sector: need.sector, urgency: need.urgency, request: need.request, status, personId: need.person_id, level: need.level, decision: need.decision };
}

/**
 * A declined referral hands its need back to the referring office: the need (open again)
 * is marked returned, lists in the office's `returned` worklist, and public tracking says the
 * service is being arranged again. Any later move of the need clears the mark.
 */
export async function markNeedReturned(tx: Tx, needId: string): Promise<void> {
  await setNeedReturned(tx, needId);
}

/** Cases in the caller's area whose resident needs a registry proposal not yet opened. */
export async function casesNeedingRegistryProposal(q: Queryable, ctx: Pick<RequestContext, 'actor'>): Promise<Array<{ caseId: string; personId: string; villageCode: string }>> {
  const rows = await selectCasesNeedingRegistryProposal(q, ctx.actor);
  return rows.map((r) => ({ caseId: r.id, personId: r.person_id, villageCode: r.village_code }));
}

/** Records on the case the registry proposal opened for its resident (timeline + audit). */
export async function linkRegistryProposal(tx: Tx, ctx: RequestContext, caseId: string, proposalId: string): Promise<void> {
  const c = await caseRowInScope(tx, ctx, caseId, 'cases.read', { forUpdate: true });
  await setRegistryProposal(tx, caseId, proposalId);
  await recordCaseEvent(tx, ctx, eventTarget(c), { action: 'registry_proposal_linked', details: { proposalId } });
  await ctx.auditWrite(tx, { action: 'case.link_proposal', recordType: 'case', recordIds: [caseId, proposalId] });
}
