import {
  isOverdue, mayRefuse, requestDueAt,
  type AnswerDataRequest, type CreateDataRequest, type DataRequest, type DataRequestKind, type DataRequestStatus, type RefusalGround,
} from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { newId } from '../db/ids.ts';
import { conflict, fieldError, notFound } from '../http/errors.ts';
import { notify } from '../notifications/service.ts';
import * as q from './queries.ts';
import * as rq from './request-queries.ts';

/**
 * Data-subject requests (UU 27/2022 arts. 5-15): recorded by the DPO from any channel with the
 * identity check noted; access, correction and restriction run on a 3 x 24 hour clock; the
 * answer closes the request (a restriction takes effect in the data); a refusal names its
 * ground, and art. 15 (public-interest law) cannot refuse access or correction.
 */

export function toDataRequest(r: rq.DataRequestRow, now: Date = new Date()): DataRequest {
  const status = r.status as DataRequestStatus;
  const dueAt = r.due_at?.toISOString() ?? null;
  return {
    id: r.id, personId: r.person_id, personName: r.person_name, villageCode: r.village_code,
    kind: r.kind as DataRequestKind, channel: r.channel as DataRequest['channel'], details: r.details, identityCheck: r.identity_check,
    status, receivedAt: r.received_at.toISOString(), dueAt, overdue: isOverdue({ status, dueAt }, now),
    closedAt: r.closed_at?.toISOString() ?? null, answer: r.answer, refusalGround: r.refusal_ground as RefusalGround | null,
  };
}

export async function createDataRequest(deps: Deps, ctx: RequestContext, input: CreateDataRequest): Promise<{ id: string; status: DataRequestStatus; dueAt: string | null }> {
  const person = await q.selectSubject(deps.db, ctx.actor.kabCode, input.personId);
  if (!person || !ctx.actor.coversArea('privacy.manage', person.village_code)) throw fieldError('personId', 'privacy.person_not_found');
  const id = newId();
  const receivedAt = new Date();
  const dueAt = requestDueAt(input.kind, receivedAt);
  await deps.db.transaction(async (tx) => {
    await rq.insertDataRequest(tx, {
      id, kabCode: person.kab_code, villageCode: person.village_code, personId: person.id, kind: input.kind, channel: input.channel,
      details: input.details, identityCheck: input.identityCheck ?? null, receivedAt, dueAt, userId: ctx.actor.userId,
    });
    await ctx.auditWrite(tx, {
      action: 'data_request.create', recordType: 'person', recordIds: [person.id, id], purpose: 'privacy.request',
      details: { requestId: id, kind: input.kind, channel: input.channel },
    });
  });
  return { id, status: 'received', dueAt: dueAt?.toISOString() ?? null };
}

export async function listDataRequests(deps: Deps, ctx: RequestContext, query: { status: 'open' | 'closed' | 'all'; cursor?: string | undefined; limit: number }) {
  const offset = query.cursor === undefined ? 0 : Number(query.cursor);
  if (!Number.isInteger(offset) || offset < 0) throw fieldError('cursor', 'field.invalid');
  const rows = await rq.selectDataRequests(deps.db, ctx.actor.kabCode, query.status, { limit: query.limit, offset });
  const page = rows.slice(0, query.limit);
  const now = new Date();
  if (page.length) {
    await ctx.auditRead({ action: 'data_request.list', recordType: 'person', recordIds: [...new Set(page.map((r) => r.person_id))], purpose: 'privacy.request' });
  } else {
    ctx.noPersonalData(); // an empty page names no one
  }
  return { items: page.map((r) => toDataRequest(r, now)), nextCursor: rows.length > query.limit ? String(offset + query.limit) : null };
}

export async function getDataRequest(deps: Deps, ctx: RequestContext, id: string): Promise<rq.DataRequestRow> {
  const row = await rq.selectDataRequest(deps.db, ctx.actor.kabCode, id);
  if (!row || !ctx.actor.coversArea('privacy.oversee', row.village_code)) throw notFound();
  return row;
}

/**
 * Closes a request: answered (a restriction starts here, with its reason) or refused with a
 * ground the kind allows. A closed request cannot be answered again (409).
 */
export async function answerDataRequest(deps: Deps, ctx: RequestContext, id: string, input: AnswerDataRequest): Promise<DataRequest> {
  await deps.db.transaction(async (tx) => {
    const row = await rq.selectDataRequest(tx, ctx.actor.kabCode, id, true);
    if (!row || !ctx.actor.coversArea('privacy.manage', row.village_code)) throw notFound();
    if (row.status !== 'received') throw conflict('privacy.request_closed');
    const kind = row.kind as DataRequestKind;
    if (input.action === 'refuse') {
      if (!mayRefuse(kind, input.ground)) throw fieldError('ground', 'privacy.ground_not_allowed');
      await rq.closeDataRequest(tx, { id, status: 'refused', answer: input.answer, ground: input.ground, userId: ctx.actor.userId });
    } else {
      if (kind === 'restriction') {
        if (!input.restrictionReason) throw fieldError('restrictionReason', 'field.required');
        await q.insertRestriction(tx, { id: newId(), kabCode: row.kab_code, personId: row.person_id, requestId: id, reason: input.restrictionReason, userId: ctx.actor.userId });
      }
      await rq.closeDataRequest(tx, { id, status: 'answered', answer: input.answer, ground: null, userId: ctx.actor.userId });
    }
    await ctx.auditWrite(tx, {
      action: input.action === 'refuse' ? 'data_request.refuse' : 'data_request.answer', recordType: 'person', recordIds: [row.person_id, id],
      purpose: 'privacy.request', details: { requestId: id, kind, ...(input.action === 'refuse' ? { ground: input.ground } : {}) },
    });
  });
  return toDataRequest((await rq.selectDataRequest(deps.db, ctx.actor.kabCode, id))!);
}

/**
 * The minute scan: requests whose 3 x 24 hours ran out notify the kabupaten's DPOs once
 * (the worklist marks them overdue from the due time on anyway).
 */
export async function scanOverdueRequests(deps: Deps, now: Date = new Date()): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const rows = await rq.claimOverdueRequests(tx, now);
    for (const r of rows) {
      await notify(tx, {
        kabCode: r.kab_code, userIds: await rq.dpoUsersOf(tx, r.kab_code), eventKey: `data_request.overdue:${r.id}`, kind: 'data_request.overdue',
        messageKey: 'notify.data_request_overdue', params: { kind: r.kind }, link: `/privasi/permintaan/${r.id}`, recordType: 'data_request', recordId: r.id,
      });
    }
    return rows.length;
  });
}
