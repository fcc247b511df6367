import { BREAK_GLASS_MINUTES, type BreakGlassGrant } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { newId } from '../db/ids.ts';
import { conflict, fieldError, notFound } from '../http/errors.ts';
import { notify } from '../notifications/service.ts';
import * as gq from './break-glass-queries.ts';
import * as q from './queries.ts';
import { dpoUsersOf } from './request-queries.ts';

/**
 * Break-glass: in an emergency a user opens one person's record outside their scope by stating
 * a reason. The grant lasts BREAK_GLASS_MINUTES, is recorded, notified to the DPO, and reviewed
 * by them (approved or flagged). The registry's person read honours a live grant.
 */

function toGrant(r: gq.GrantRow): BreakGlassGrant {
  return {
    id: r.id, user: r.username, personId: r.person_id, personName: r.person_name, reason: r.reason,
    grantedAt: r.granted_at.toISOString(), expiresAt: r.expires_at.toISOString(), review: r.review, reviewNote: r.review_note,
  };
}

export async function breakGlass(deps: Deps, ctx: RequestContext, input: { personId: string; reason: string }): Promise<{ id: string; expiresAt: string }> {
  const person = await q.selectSubject(deps.db, ctx.actor.kabCode, input.personId);
  if (!person) throw fieldError('personId', 'privacy.person_not_found');
  const id = newId();
  const expiresAt = new Date(Date.now() + BREAK_GLASS_MINUTES * 60_000);
  await deps.db.transaction(async (tx) => {
    await gq.insertGrant(tx, { id, kabCode: person.kab_code, userId: ctx.actor.userId, personId: person.id, reason: input.reason, expiresAt });
    await ctx.auditWrite(tx, { action: 'break_glass.grant', recordType: 'person', recordIds: [person.id, id], purpose: 'privacy.break_glass', details: { grantId: id, reason: input.reason } });
    await notify(tx, {
      kabCode: person.kab_code, userIds: await dpoUsersOf(tx, person.kab_code), eventKey: `break_glass:${id}`, kind: 'break_glass.granted',
      messageKey: 'notify.break_glass', params: { user: ctx.actor.username }, link: '/privasi/akses-darurat', recordType: 'break_glass', recordId: id,
    });
  });
  return { id, expiresAt: expiresAt.toISOString() };
}

/** For the registry's person read: the caller's live grant on this person, if any. */
export async function liveBreakGlass(deps: Deps, ctx: RequestContext, personId: string): Promise<string | null> {
  return (await gq.selectLiveGrant(deps.db, ctx.actor.userId, personId, new Date()))?.id ?? null;
}

export async function listBreakGlass(deps: Deps, ctx: RequestContext, query: { unreviewed?: boolean | undefined; cursor?: string | undefined; limit: number }) {
  const offset = query.cursor === undefined ? 0 : Number(query.cursor);
  if (!Number.isInteger(offset) || offset < 0) throw fieldError('cursor', 'field.invalid');
  const rows = await gq.selectGrants(deps.db, ctx.actor.kabCode, query.unreviewed === true, { limit: query.limit, offset });
  const page = rows.slice(0, query.limit);
  if (page.length) await ctx.auditRead({ action: 'break_glass.list', recordType: 'person', recordIds: [...new Set(page.map((r) => r.person_id))], purpose: 'privacy.break_glass' });
  else ctx.noPersonalData(); // an empty page names no one
  return { items: page.map(toGrant), nextCursor: rows.length > query.limit ? String(offset + query.limit) : null };
}

export async function reviewBreakGlass(deps: Deps, ctx: RequestContext, id: string, input: { review: 'approved' | 'flagged'; note?: string | undefined }): Promise<BreakGlassGrant> {
  const grant = await gq.selectGrant(deps.db, ctx.actor.kabCode, id);
  if (!grant) throw notFound();
  await deps.db.transaction(async (tx) => {
    if ((await gq.reviewGrant(tx, id, input.review, input.note ?? null, ctx.actor.userId)) === 0) throw conflict('privacy.already_reviewed');
    await ctx.auditWrite(tx, { action: 'break_glass.review', recordType: 'person', recordIds: [grant.person_id, id], purpose: 'privacy.break_glass', details: { review: input.review } });
  });
  return toGrant((await gq.selectGrant(deps.db, ctx.actor.kabCode, id))!);
}
