import { randomInt } from 'node:crypto';
import {
  ACTIONS_OF_SIDE, caseAcceptsReferrals, endOfLocalDay, mayReferNeed, needAcceptsReferrals, localDateIn, areaTimeZone, NEED_DONE_STATUSES, referralActionsFor,
  referralDueDate, referralTransition, t,
  type CancelReferralInput, type CompleteReferralInput, type CreateReferralInput, type DeclineReferralInput,
  type ReferralAction, type ReferralCreated, type ReferralPriority, type ReferralSide, type ReferralStatus, type ReferralView,
  type ServiceSector, type Urgency,
} from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { pgErrorCode, PG_UNIQUE_VIOLATION, type Queryable, type Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { subjectsOf } from '../audit/audit-event.ts';
import { conflict, fieldError, forbidden, invalidTransition, notFound } from '../http/errors.ts';
import { eventsCommitted } from '../events/bus.ts';
import { getCaseInScope } from '../cases/service.ts';
import { getService } from '../directory/public.ts';
import { allDocumentsOf, listDocuments } from '../documents/service.ts';
import { actingOf, outcomeNote, reflectOnCase, type Acting } from './acting.ts';
import { announceReferral, type ReferralHappening } from './announce.ts';
import * as q from './queries.ts';
import { toListItem, toReferralView, viewerOf, type Viewer } from './view.ts';

export const REFERRAL_OWNER_TYPE = 'referral';

const PRIORITY_OF_URGENCY: Record<Urgency, ReferralPriority> = { emergency: 'emergency', high: 'urgent', normal: 'routine' };
const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 characters of Crockford's base32 (80 bits): unguessable, easy to read aloud. */
function newTrackingCode(): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += TRACKING_ALPHABET[randomInt(32)];
  return s;
}

function formatReferralNumber(kabCode: string, year: number, serial: number): string {
  return `RUJ-${kabCode}-${year}-${String(serial).padStart(5, '0')}`;
}

/** The sides the caller stands on for this referral (which buttons it gets). */
function sidesOf(ctx: RequestContext, r: q.ReferralRow): ReferralSide[] {
  const sides: ReferralSide[] = [];
  if (ctx.actor.coversArea('referrals.create', r.village_code)) sides.push('referrer');
  if (ctx.actor.organizationsFor('referrals.respond').includes(r.organization_id)) sides.push('partner');
  return sides;
}

async function buildView(db: Queryable, r: q.ReferralRow, viewer: Viewer, sides: ReferralSide[]): Promise<ReferralView> {
  const [subject, events, documents] = [
    await q.selectSubject(db, r.kab_code, r.person_id),
    await q.selectReferralEvents(db, r.id),
    await listDocuments(db, r.kab_code, REFERRAL_OWNER_TYPE, r.id),
  ];
  return toReferralView(r, viewer, subject, { events, evidence: documents.map((d) => ({ id: d.id, fileName: d.fileName })), actions: sides });
}

/** A referral the caller may see (staff by area, partner by organization), else 404. Not audited. */
export async function referralInScope(db: Queryable, ctx: Pick<RequestContext, 'actor'>, id: string, permission: 'referrals.read' | 'referrals.respond' | 'referrals.create' = 'referrals.read', forUpdate = false) {
  const r = await q.selectReferral(db, ctx.actor, permission, id, { forUpdate });
  if (!r) throw notFound();
  return r;
}

/** `GET /referrals/:id`: the referral as the caller may see it; audited (it names the resident). */
export async function readReferral(deps: Deps, ctx: RequestContext, id: string): Promise<ReferralView> {
  const r = await referralInScope(deps.db, ctx, id);
  const view = await buildView(deps.db, r, viewerOf(ctx.actor, r), sidesOf(ctx, r));
  await ctx.auditRead({
    action: 'referral.read', recordType: 'referral', recordIds: [r.id, r.person_id], purpose: 'referral.handling',
    details: { sharedFields: r.shared_fields },
  });
  return view;
}

export async function listReferralsFor(deps: Deps, ctx: RequestContext, query: {
  status?: ReferralStatus[] | undefined; overdue?: boolean | undefined; organizationId?: string | undefined;
  caseId?: string | undefined; sector?: ServiceSector | undefined; cursor?: string | undefined; limit: number;
}) {
  let after: [Date, string] | null = null;
  if (query.cursor) {
    const [at, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
    const d = new Date(at ?? '');
    if (!Number.isNaN(d.getTime()) && /^[0-9a-f-]{36}$/.test(id ?? '')) after = [d, id!];
  }
  const rows = await q.listReferrals(deps.db, ctx.actor, {
    statuses: query.status, overdue: query.overdue, organizationId: query.organizationId, caseId: query.caseId, sector: query.sector, after, limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const items = page.map((r) => toListItem(r, viewerOf(ctx.actor, r), sidesOf(ctx, r)));
  if (page.length) {
    await ctx.auditRead({ action: 'referral.list', recordType: 'referral', recordIds: page.map((r) => r.id), purpose: 'referral.handling' });
  } else {
    ctx.noPersonalData(); // an empty page names no one
  }
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString('base64url') : null };
}

/**
 * Refers one need of a case to one service. The case must be decided for referral and in
 * progress; the need must be open and without another referral in progress; the service
 * active. What the partner will see is the service's declared fields, or fewer if the
 * officer narrows them, never more. The need moves to in_progress.
 */
export async function createReferral(deps: Deps, ctx: RequestContext, input: CreateReferralInput): Promise<ReferralCreated> {
  const id = newId();
  let created: ReferralCreated;
  try {
    created = await deps.db.transaction((tx) => referIn(tx, ctx, input, id));
  } catch (err) {
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw conflict('referrals.need_has_open_referral');
    throw err;
  }
  eventsCommitted(deps.db);
  return created;
}

/**
 * The referral inside the caller's transaction (`createReferral`'s rules; a bulk action from a
 * targeting list refers several needs at once). The caller calls `eventsCommitted` after COMMIT.
 */
export async function referIn(tx: Tx, ctx: RequestContext, input: CreateReferralInput, id: string = newId()): Promise<ReferralCreated> {
  const who = actingOf(ctx);
  const c = await getCaseInScope(tx, ctx, input.caseId, { permission: 'referrals.create', forUpdate: true });
  const need = c.needs.find((n) => n.id === input.needId);
  if (!need) throw fieldError('needId', 'field.invalid');
  // once the case climbed the ladder, only the level holding the need refers it (issue 12)
  if (!mayReferNeed(ctx.actor.grants, c, need)) throw forbidden();
  if (NEED_DONE_STATUSES.includes(need.status) && (need.level || caseAcceptsReferrals(c))) throw conflict('referrals.need_not_open');
  if (!needAcceptsReferrals(c, need)) throw conflict('referrals.case_not_referable');
  if (await q.needHasOpenReferral(tx, need.id)) throw conflict('referrals.need_has_open_referral');

  const service = await getService(tx, c.kabCode, input.serviceId);
  if (!service) throw fieldError('serviceId', 'field.invalid');
  if (service.status !== 'active' || !service.organization_active) throw conflict('referrals.service_not_active');
  // the resident withdrew their consent to share with partners, or with this one (UU 27/2022 art. 9)
  if (await q.sharingWithdrawn(tx, c.id, service.organization_id)) throw conflict('referrals.consent_withdrawn');
  const shared = input.sharedFields ?? service.shared_fields;
  shared.forEach((f, i) => {
    if (!service.shared_fields.includes(f)) throw fieldError(`sharedFields.${i}`, 'referrals.shared_field_not_declared', { field: f });
  });

  const now = new Date();
  const year = Number(localDateIn(now, areaTimeZone(c.kabCode)).slice(0, 4));
  const number = formatReferralNumber(c.kabCode, year, await q.nextReferralSerial(tx, c.kabCode, year));
  const dueDate = referralDueDate(now, service.response_days, c.kabCode);
  await q.insertReferral(tx, {
    id, kabCode: c.kabCode, villageCode: c.villageCode, number, trackingCode: newTrackingCode(), caseId: c.id, needId: need.id,
    personId: need.personId, serviceId: service.id, organizationId: service.organization_id, sector: need.sector,
    priority: input.priority ?? PRIORITY_OF_URGENCY[need.urgency], reason: input.reason?.trim() || need.request,
    sharedFields: [...new Set(shared)], contactPhone: input.contactPhone ?? null, dueDate, dueAt: endOfLocalDay(dueDate, c.kabCode),
    createdBy: ctx.actor.userId, createdByName: ctx.actor.displayName,
  });
  const r = (await q.selectReferralUnscoped(tx, id))!;
  await q.insertReferralEvent(tx, {
    id: newId(), kabCode: r.kab_code, villageCode: r.village_code, referralId: id, actorId: who.actorId, actorName: who.actorName,
    actorKind: who.kind, action: 'sent', toStatus: 'sent', details: { serviceId: service.id, sharedFields: r.shared_fields },
  });
  // the case is locked since getCaseInScope above: not read again
  await reflectOnCase(tx, who, r, { action: 'referral_sent', needStatus: 'in_progress', details: { dueDate } }, c);
  await ctx.auditWrite(tx, {
    action: 'referral.create', recordType: 'referral', recordIds: [id, c.id, need.personId],
    details: {
      number, serviceId: service.id, organizationId: service.organization_id, sharedFields: r.shared_fields,
      ...subjectsOf([{ personId: need.personId, householdId: c.householdId }]),
    },
  });
  await announceReferral(tx, r, 'created', 'sent', `referral.created:${id}`);
  return { id, number, status: 'sent' as const, dueDate };
}

const HAPPENING: Record<ReferralAction, ReferralHappening> = {
  accept: 'accepted', decline: 'declined', start: 'started', complete: 'completed', cancel: 'cancelled',
};

export type ActionInput =
  | { action: 'accept' | 'start'; notes?: string | undefined }
  | { action: 'decline'; input: DeclineReferralInput }
  | { action: 'complete'; input: CompleteReferralInput }
  | { action: 'cancel'; input: CancelReferralInput };

/**
 * Applies one step of the state machine for `side`, inside `tx`, with everything it entails:
 * the referral row and its timeline, the case (timeline, need status), the audit trail, and
 * the announcements (notifications, live event, webhooks). Shared by users, partner systems
 * (bearer tokens) and signed links.
 */
export async function stepReferral(tx: Tx, who: Acting, side: ReferralSide, r: q.ReferralRow, step: ActionInput): Promise<ReferralStatus> {
  const action = step.action;
  const allowedForSide: readonly ReferralAction[] = ACTIONS_OF_SIDE[side];
  const next = referralTransition(r.status, action);
  if (!next.ok || !allowedForSide.includes(action)) throw invalidTransition(action, r.status, referralActionsFor(r.status, side));
  const to = next.to;

  let note: string | null;
  const fields: Parameters<typeof q.updateReferralStatus>[3] = {};
  const caseStep: { needStatus?: 'resolved' | 'open'; returned?: boolean; note?: string; details: Record<string, unknown> } = { details: {} };
  if (step.action === 'decline') {
    note = step.input.reason;
    fields.declineReason = step.input.reason;
    caseStep.details = { reason: step.input.reason };
    // the need goes back to the referring office: open again, in its "returned" worklist
    Object.assign(caseStep, { needStatus: 'open', returned: true, note: step.input.reason });
  } else if (step.action === 'cancel') {
    note = step.input.reason;
    fields.cancelReason = step.input.reason;
    caseStep.details = { reason: step.input.reason };
  } else if (step.action === 'complete') {
    const { outcome, notes, documentIds } = step.input;
    if (documentIds?.length) {
      if (!(await allDocumentsOf(tx, REFERRAL_OWNER_TYPE, r.id, documentIds))) throw fieldError('documentIds', 'referrals.evidence_not_found');
    }
    note = notes ?? null;
    fields.outcome = outcome;
    fields.outcomeNotes = notes ?? null;
    const label = t('id', `referral.outcome.${outcome}`);
    caseStep.details = { outcome, notes: notes ?? null, documentIds: documentIds ?? [] };
    caseStep.note = outcomeNote(r, label, notes);
    // a fulfilled referral settles the need; otherwise the back office decides (re-refer or close)
    if (outcome === 'fulfilled') caseStep.needStatus = 'resolved';
  } else {
    note = step.notes ?? null;
  }

  await q.updateReferralStatus(tx, r.id, to, fields);
  await q.insertReferralEvent(tx, {
    id: newId(), kabCode: r.kab_code, villageCode: r.village_code, referralId: r.id, actorId: who.actorId, actorName: who.actorName,
    actorPosition: who.actorPosition, actorKind: who.kind, action, fromStatus: r.status, toStatus: to, note,
    details: step.action === 'complete' ? { outcome: step.input.outcome, documentIds: step.input.documentIds ?? [] } : null,
  });
  await reflectOnCase(tx, who, r, { action: `referral_${HAPPENING[action]}`, ...caseStep });
  await who.auditWrite(tx, {
    action: `referral.${action}`, recordType: 'referral', recordIds: [r.id, r.case_id],
    details: { number: r.number, from: r.status, to, ...(step.action === 'complete' ? { outcome: step.input.outcome } : {}) },
  });
  await announceReferral(tx, r, HAPPENING[action], to, `referral.${HAPPENING[action]}:${r.id}`);
  return to;
}

/**
 * A signed-in user's (or partner system's) step. Partner steps need the referral to be sent
 * to one of the caller's organizations (referrals.respond); the referring office's cancel
 * needs its area (referrals.create). Anything else answers 404.
 */
export async function actOnReferral(deps: Deps, ctx: RequestContext, id: string, step: ActionInput): Promise<ReferralView> {
  const side: ReferralSide = step.action === 'cancel' ? 'referrer' : 'partner';
  const permission = side === 'referrer' ? 'referrals.create' : 'referrals.respond';
  await deps.db.transaction(async (tx) => {
    const r = await referralInScope(tx, ctx, id, permission, true);
    await stepReferral(tx, actingOf(ctx), side, r, step);
  });
  eventsCommitted(deps.db);
  const r = await referralInScope(deps.db, ctx, id);
  return buildView(deps.db, r, viewerOf(ctx.actor, r), sidesOf(ctx, r));
}
