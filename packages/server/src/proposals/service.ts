import {
  CreateProposalInput, checkProposalChanges, defaultOrigin, isProgramProposal, normalizeAreaCode, proposalTargetKind, proposedFields, t,
  type ProgressRow, type ProposalTargetKind, type ProposalDetail, type ProposalSummary, type WorklistCounts,
} from '@slrt/core';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { periodFor } from '../http/period.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { AppError, conflict, fieldError, fieldErrors, notFound, parseOrThrow, type Msg } from '../http/errors.ts';
import { listDocuments } from '../documents/service.ts';
import { caseRowInScope, casesNeedingRegistryProposal, linkRegistryProposal } from '../cases/service.ts';
import { checkMerged, checkNumbers } from './checks.ts';
import { insertStep, lastActorOf, selectRegistryChangesOf, selectSteps, selectVerifications } from './lineage-queries.ts';
import {
  countQueues, familyInHousehold, insertProposal, listProposals, nextHumanCode, progressByArea, selectActiveMemberIds, selectOpenProposalOn,
  selectProposal, selectVillageFacilitator, selectVillageOfKabupaten, type ProposalFilter,
} from './queries.ts';
import { roundForEntry, settingsOf, todayIn } from './rounds/calendar.ts';
import { selectSubmissionOfProposal } from './submissions/queries.ts';
import { readTarget } from './targets.ts';
import { checkProgramProposal } from './program-proposals.ts';
import { householdInKabupaten, residentInKabupaten } from '../registry/service.ts';
import { toDetail, toSummary } from './views.ts';
import { decodeKeysetCursor, encodeKeysetCursor } from '../http/cursor.ts';

/** Proposals: entering one, reading one, the lists and worklists, the progress board. */

export const PROPOSAL_DOCUMENT_OWNER_TYPE = 'proposal';

/** Record ids an audit event of the proposal names: the proposal and the registry records it concerns. */
export function auditIds(p: { id: string; person_id?: string | null; household_id?: string | null }): string[] {
  return [p.id, ...(p.person_id ? [p.person_id] : []), ...(p.household_id ? [p.household_id] : [])];
}

function issuesToFields(issues: ReadonlyArray<{ path: (string | number)[]; message: string }>): Record<string, Msg> {
  const fields: Record<string, Msg> = {};
  for (const i of issues) {
    const field = i.path.join('.');
    if (!fields[field]) fields[field] = i.message.includes('.') && !i.message.includes(' ') ? { key: i.message, params: { field } } : { key: 'field.invalid', params: { field } };
  }
  return fields;
}

/**
 * The place in the workflow of a proposal leaving draft: the kabupaten's today, the village's
 * open round for it, and the village facilitator it is assigned to (unless already assigned).
 */
export async function entryFields(tx: Tx, p: { kabCode: string; villageCode: string; assignedTo: string | null }) {
  const settings = await settingsOf(tx, p.kabCode);
  const enteredOn = todayIn(settings);
  const round = await roundForEntry(tx, settings, { kabCode: p.kabCode, villageCode: p.villageCode, enteredOn });
  const assignedTo = p.assignedTo ?? (await selectVillageFacilitator(tx, p.villageCode));
  return { enteredOn, roundId: round.id, period: round.period, assignedTo };
}

/**
 * The case a proposal comes from must exist in the caller's area (an unknown case and one
 * outside the area answer alike, so that neither is revealed) and concern the same person or
 * household as the proposal.
 */
async function checkCaseReference(tx: Tx, ctx: RequestContext, caseId: string, target: { personId: string | null; householdId: string | null }) {
  const row = await caseRowInScope(tx, ctx, caseId, 'proposals.create').catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') throw fieldError('caseId', 'proposal.case_unknown');
    throw err;
  });
  const samePerson = target.personId !== null && row.person_id === target.personId;
  const sameHousehold = target.householdId !== null && row.household_id === target.householdId;
  if ((target.personId !== null || target.householdId !== null) && !samePerson && !sameHousehold) throw fieldError('caseId', 'proposal.case_other_person');
}

/**
 * Enters a proposal inside `tx` (see `createProposal`). Exported for other domains through
 * `createProposalDraft` (intake); the registry records are read in the caller's scope for
 * proposals.create.
 */
export async function createProposalIn(tx: Tx, ctx: RequestContext, raw: CreateProposalInput): Promise<{ id: string; status: 'draft' | 'awaiting_verification'; code: string }> {
  const input = parseOrThrow(CreateProposalInput, raw);
  const kind = proposalTargetKind(input);
  const checked = checkProposalChanges(input.type, kind, input.changes);
  if (!checked.ok) throw fieldErrors(issuesToFields(checked.issues));
  const changes = checked.changes;
  const permission = 'proposals.create';

  let villageCode: string;
  let personId: string | null = null;
  let householdId: string | null = null;
  if (input.type === 'move') return createMoveIn(tx, ctx, input, changes);
  const target = await readTarget(tx, ctx, { type: input.type, targetKind: kind, personId: input.personId ?? null, householdId: input.householdId ?? null }, proposedFields(changes), permission);
  if (kind === 'person' && target.person) {
    const person = target.person;
    if (input.householdId && input.householdId !== person.householdId) throw fieldError('householdId', 'proposal.household_mismatch');
    if (input.type !== 'new' && person.registryStatus === 'inactive') throw conflict('proposal.person_inactive');
    if (input.type === 'new' && (person.registryStatus === 'registered' || person.registryStatus === 'proposed')) throw conflict('proposal.already_registered');
    const open = await selectOpenProposalOn(tx, person.id, input.type);
    if (open) throw conflict('proposal.open_exists', undefined, { proposalId: open });
    villageCode = person.villageCode;
    personId = person.id;
    householdId = person.householdId;
  } else if (kind === 'household' && target.household) {
    villageCode = target.household.villageCode;
    householdId = target.household.id;
    if (input.type === 'deactivate' && (await selectActiveMemberIds(tx, householdId)).length === 0) throw conflict('proposal.household_inactive');
    if (isProgramProposal(input.type)) await checkProgramProposal(tx, ctx, input.type, householdId, String(changes.program));
    if (input.type === 'new' && typeof changes.familyId === 'string') {
      if (!(await familyInHousehold(tx, target.household.kabCode, changes.familyId, householdId))) throw fieldError('changes.familyId', 'proposal.family_other_household');
    }
  } else {
    const code = normalizeAreaCode(String(changes.villageCode));
    const kabupaten = `${ctx.actor.kabCode.slice(0, 2)}.${ctx.actor.kabCode.slice(2)}`;
    if (!code || !(await selectVillageOfKabupaten(tx, kabupaten, code))) throw fieldError('changes.villageCode', 'proposal.village_unknown');
    if (!ctx.actor.coversArea(permission, code)) throw fieldError('changes.villageCode', 'proposal.village_outside_scope');
    villageCode = code;
  }
  if (!ctx.actor.coversArea(permission, villageCode)) throw notFound();
  if (input.caseId) await checkCaseReference(tx, ctx, input.caseId, { personId, householdId });

  const confirmWarnings = input.confirmWarnings ?? [];
  await checkNumbers(tx, ctx, { type: input.type, kind, changes, person: target.person, confirmWarnings }, 'changes.');
  checkMerged({ type: input.type, kind, changes }, target, 'changes.');
  return insertEntered(tx, ctx, input, { kind, villageCode, personId, householdId, changes, confirmWarnings });
}

/**
 * A move (pindah) proposed by the village the resident now lives in: the resident (by id or by
 * NIK; the NIK search shows this village only the village they are registered in) or their
 * household is read across the kabupaten; the destination must be a village of the caller's
 * area, other than the one they are registered in. The proposal belongs to the destination
 * village: its facilitator verifies it at the new home, its round carries it.
 */
async function createMoveIn(tx: Tx, ctx: RequestContext, input: CreateProposalInput, changes: Record<string, unknown>) {
  const permission = 'proposals.create';
  const person = input.personId || input.nik ? await residentInKabupaten(tx, ctx, { personId: input.personId ?? null, nik: input.nik ?? null }) : null;
  if (!person && input.nik) throw fieldError('nik', 'proposal.move_unknown_resident');
  if (!person && input.personId) throw notFound();
  const household = await householdInKabupaten(tx, ctx, person?.householdId ?? input.householdId ?? '');
  if (!household) throw notFound();
  if (person && input.householdId && input.householdId !== person.householdId) throw fieldError('householdId', 'proposal.household_mismatch');
  const kind = person && !input.wholeHousehold ? 'person' as const : 'household' as const;
  const code = normalizeAreaCode(String(changes.villageCode));
  const kabupaten = `${ctx.actor.kabCode.slice(0, 2)}.${ctx.actor.kabCode.slice(2)}`;
  if (!code || !(await selectVillageOfKabupaten(tx, kabupaten, code))) throw fieldError('changes.villageCode', 'proposal.village_unknown');
  if (!ctx.actor.coversArea(permission, code)) throw fieldError('changes.villageCode', 'proposal.village_outside_scope');
  if (household.villageCode === code) throw conflict('proposal.move_same_village');
  if (person && kind === 'person') {
    if (person.registryStatus === 'inactive') throw conflict('proposal.person_inactive');
    const open = await selectOpenProposalOn(tx, person.id, 'move');
    if (open) throw conflict('proposal.open_exists', undefined, { proposalId: open });
  } else if ((await selectActiveMemberIds(tx, household.id)).length === 0) {
    throw conflict('proposal.household_inactive');
  }
  const personId = kind === 'person' && person ? person.id : null;
  if (input.caseId) await checkCaseReference(tx, ctx, input.caseId, { personId: person?.id ?? null, householdId: household.id });
  return insertEntered(tx, ctx, input, { kind, villageCode: code, personId, householdId: household.id, changes: { ...changes, villageCode: code }, confirmWarnings: [] });
}

/** Writes an entered proposal: the row (in its round unless a draft), the first step, the audit event. */
async function insertEntered(
  tx: Tx, ctx: RequestContext, input: CreateProposalInput,
  e: { kind: ProposalTargetKind; villageCode: string; personId: string | null; householdId: string | null; changes: Record<string, unknown>; confirmWarnings: CreateProposalInput['confirmWarnings'] & {} },
): Promise<{ id: string; status: 'draft' | 'awaiting_verification'; code: string }> {
  const { kind, villageCode, personId, householdId, changes, confirmWarnings } = e;
  const kabCode = ctx.actor.kabCode;
  const status = input.draft ? 'draft' as const : 'awaiting_verification' as const;
  const entry = status === 'draft' ? null : await entryFields(tx, { kabCode, villageCode, assignedTo: null });
  const settings = await settingsOf(tx, kabCode);
  const code = await nextHumanCode(tx, kabCode, 'proposal', Number(todayIn(settings).slice(0, 4)));
  const id = newId();
  await insertProposal(tx, {
    id, kabCode, villageCode, code, type: input.type, targetKind: kind, personId, householdId,
    channel: input.channel, origin: input.origin ?? defaultOrigin(input), caseId: input.caseId ?? null,
    reason: input.reason, changes, confirmWarnings, status,
    roundId: entry?.roundId ?? null, assignedTo: entry?.assignedTo ?? null, enteredOn: entry?.enteredOn ?? null, createdBy: ctx.actor.userId,
  });
  await insertStep(tx, newId(), {
    kabCode, villageCode, proposalId: id, action: 'create', fromStatus: null, toStatus: status,
    actorId: ctx.actor.userId, actorName: ctx.actor.displayName, reason: input.reason,
    details: { type: input.type, targetKind: kind, channel: input.channel, fields: proposedFields(changes), ...(entry ? { round: entry.period } : {}) },
  });
  await ctx.auditWrite(tx, {
    action: 'proposal.create', recordType: 'proposal', recordIds: auditIds({ id, person_id: personId, household_id: householdId }),
    details: { code, type: input.type, targetKind: kind, status, villageCode, fields: proposedFields(changes), caseId: input.caseId ?? null },
  });
  return { id, status, code };
}

/** `POST /api/v1/proposals`: 201 `{ id, status, code }`. */
export async function createProposal(deps: Deps, ctx: RequestContext, input: CreateProposalInput) {
  return deps.db.transaction((tx) => createProposalIn(tx, ctx, input));
}

/**
 * For intake: a new person captured at intake opens a registry proposal draft inside the
 * caller's transaction, linked to the case (`linkRegistryProposal` of the cases domain).
 * Defaults: type `new` (register the person in the national data), channel `walk_in`, origin
 * `intake`; the draft waits for the officer to complete and submit it.
 */
export async function createProposalDraft(
  tx: Tx,
  ctx: RequestContext,
  draft: {
    caseId: string;
    personId?: string;
    householdId?: string;
    type?: CreateProposalInput['type'];
    channel?: CreateProposalInput['channel'];
    reason: string;
    changes?: Record<string, unknown>;
  },
) {
  return createProposalIn(tx, ctx, {
    type: draft.type ?? 'new',
    ...(draft.personId ? { personId: draft.personId } : {}),
    ...(draft.householdId ? { householdId: draft.householdId } : {}),
    channel: draft.channel ?? 'walk_in',
    origin: 'intake',
    caseId: draft.caseId,
    reason: draft.reason,
    changes: draft.changes ?? {},
    draft: true,
  }).then(async (created) => {
    await linkRegistryProposal(tx, ctx, draft.caseId, created.id);
    return created;
  });
}

/**
 * Opens a draft for every resident captured at intake in the caller's area who is not in the
 * national data and has no proposal yet (the cases domain flags them), each linked to its case.
 */
export async function openIntakeDrafts(deps: Deps, ctx: RequestContext): Promise<{ opened: Array<{ caseId: string; proposalId: string; code: string }> }> {
  const pending = (await casesNeedingRegistryProposal(deps.db, ctx)).filter((c) => ctx.actor.coversArea('proposals.create', c.villageCode));
  const opened: Array<{ caseId: string; proposalId: string; code: string }> = [];
  for (const c of pending) {
    const created = await deps.db.transaction((tx) => createProposalDraft(tx, ctx, {
      caseId: c.caseId, personId: c.personId, reason: t(ctx.locale, 'proposal.intake_reason'),
    }));
    opened.push({ caseId: c.caseId, proposalId: created.id, code: created.code });
  }
  if (opened.length === 0) await ctx.auditRead({ action: 'proposal.intake_drafts', recordType: 'proposal', purpose: 'proposals.create', details: { opened: 0 } });
  return { opened };
}

/** `GET /api/v1/proposals/:id`: the proposal with current values, visits, steps and lineage. */
export async function getProposal(deps: Deps, ctx: RequestContext, id: string): Promise<ProposalDetail> {
  const row = await selectProposal(deps.db, ctx.actor, 'proposals.read', id);
  if (!row) throw notFound();
  const settings = await settingsOf(deps.db, row.kab_code);
  const today = todayIn(settings);
  let current: Record<string, unknown> | null = null;
  let currentVersions: Record<string, number> | null = null;
  try {
    const state = await readTarget(deps.db, ctx, { type: row.type, targetKind: row.target_kind, personId: row.person_id, householdId: row.household_id }, proposedFields(row.changes), 'proposals.read');
    current = state.current;
    currentVersions = state.versions;
  } catch (err) {
    // The record moved out of the caller's area since (a household moved village): no current values.
    if (!(err instanceof AppError && err.code === 'not_found')) throw err;
  }
  const [verifications, steps, history, documents, submission] = [
    await selectVerifications(deps.db, id),
    await selectSteps(deps.db, id),
    await selectRegistryChangesOf(deps.db, row.kab_code, id),
    await listDocuments(deps.db, row.kab_code, PROPOSAL_DOCUMENT_OWNER_TYPE, id),
    await selectSubmissionOfProposal(deps.db, id),
  ];
  let mayRatify = true;
  if (row.status === 'kab_verified' && settings.separateRatifier) mayRatify = (await lastActorOf(deps.db, id, 'verify-kabupaten')) !== ctx.actor.userId;
  await ctx.auditRead({ action: 'proposal.read', recordType: 'proposal', recordIds: auditIds(row), purpose: 'proposals.read' });
  return toDetail(ctx, row, settings, today, {
    current, currentVersions, verifications, steps, documents, submission, mayRatify,
    registryChanges: history.map((h) => ({ id: h.id, recordType: h.record_type, recordId: h.record_id, action: h.action, at: h.at.toISOString(), actorName: h.actor_name, changes: h.changes })),
  });
}

/** `GET /api/v1/proposals`: what the caller may see, by queue and filters, audited. */
export async function listProposalsFor(deps: Deps, ctx: RequestContext, query: ProposalFilter & { cursor?: string | undefined; limit: number }): Promise<{ items: ProposalSummary[]; nextCursor: string | null }> {
  const settings = await settingsOf(deps.db, ctx.actor.kabCode);
  const today = todayIn(settings);
  const { cursor, limit, ...filter } = query;
  if (filter.area && !normalizeAreaCode(filter.area)) throw fieldError('area', 'field.invalid_format');
  const area = filter.area ? normalizeAreaCode(filter.area) ?? undefined : undefined;
  const { rows, sort } = await listProposals(deps.db, ctx.actor, { ...filter, area }, { limit, after: decodeKeysetCursor(cursor) }, today);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const items = page.map((r) => toSummary(ctx, r, settings, today));
  if (items.length) {
    await ctx.auditRead({ action: 'proposal.list', recordType: 'proposal', recordIds: page.flatMap(auditIds), purpose: 'proposals.read', details: { queue: filter.queue ?? null } });
  } else {
    ctx.noPersonalData(); // an empty page names no one
  }
  return { items, nextCursor: rows.length > limit && last ? encodeKeysetCursor(last[`${sort}_key`], last.id) : null };
}

/** `GET /api/v1/proposals/worklist`: how many wait for each of the caller's steps. */
export async function worklistFor(deps: Deps, ctx: RequestContext): Promise<WorklistCounts> {
  const settings = await settingsOf(deps.db, ctx.actor.kabCode);
  const queues = await countQueues(deps.db, ctx.actor, todayIn(settings));
  const fromIntake = (await casesNeedingRegistryProposal(deps.db, ctx)).filter((c) => ctx.actor.coversArea('proposals.create', c.villageCode)).length;
  const counts = { ...queues, fromIntake };
  await ctx.auditRead({ action: 'proposal.worklist', recordType: 'proposal', purpose: 'proposals.read', details: { counts } });
  return counts;
}

/**
 * `GET /api/v1/proposals/progress`: counts per village or kecamatan in the caller's scope of the
 * proposals opened in the period (`from`..`to`, inclusive; default this month), by where they stand now.
 */
export async function progressFor(
  deps: Deps, ctx: RequestContext, q: { level: 'village' | 'kecamatan'; area?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<{ items: ProgressRow[]; today: string; period: { from: string; to: string } }> {
  const settings = await settingsOf(deps.db, ctx.actor.kabCode);
  const today = todayIn(settings);
  const area = q.area ? normalizeAreaCode(q.area) : null;
  if (q.area && !area) throw fieldError('area', 'field.invalid_format');
  const period = periodFor(ctx.actor.kabCode, q);
  const rows = await progressByArea(deps.db, ctx.actor, q.level, area, today, period);
  await ctx.auditRead({ action: 'proposal.progress', recordType: 'proposal', purpose: 'proposals.read', details: { level: q.level, area, from: period.from, to: period.to } });
  const byArea = new Map<string, ProgressRow>();
  for (const r of rows) {
    const item = byArea.get(r.area_code) ?? { areaCode: r.area_code, areaName: r.area_name, counts: {}, overdue: 0, total: 0 };
    item.counts[r.status] = r.n;
    item.overdue += r.overdue;
    item.total += r.n;
    byArea.set(r.area_code, item);
  }
  return { items: [...byArea.values()], today, period: { from: period.from, to: period.to } };
}

