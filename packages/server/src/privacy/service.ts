import { auditActionLabel, auditPurposeLabel, auditRolesLabel, type AccessLogEntry, type Locale, type PrivacyPerson } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { fieldError, notFound } from '../http/errors.ts';
import * as q from './queries.ts';

/**
 * "Who saw my data": a person's access log (every audit event of their data, with who, role,
 * organization, when, why), the DPO's look-up by NIK, and restrictions as the registry's search
 * applies them. Readers: the DPO and the auditor (their area), and the officers holding one of
 * the person's cases; anyone else gets 404, as for a record outside their scope.
 */

/** The person, if the caller may read their access log; 404 otherwise. */
export async function subjectForLog(deps: Deps, ctx: RequestContext, personId: string): Promise<q.SubjectRow> {
  const person = await q.selectSubject(deps.db, ctx.actor.kabCode, personId);
  if (!person) throw notFound();
  if (ctx.actor.coversArea('privacy.oversee', person.village_code)) return person;
  if (await q.holdsCaseOf(deps.db, ctx.actor, person.id)) return person;
  throw notFound();
}

function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^\d{1,18}$/.test(cursor)) throw fieldError('cursor', 'field.invalid');
  return Number(cursor);
}

/** One event as the reader reads it: the action and roles by label in their language, the codes kept for machines. */
export function toAccessLogEntry(locale: Locale, r: q.AccessLogRow): AccessLogEntry {
  return {
    at: r.at.toISOString(),
    actor: r.display_name ?? r.actor_name ?? '-',
    role: r.actor_roles,
    roleLabel: r.actor_roles ? auditRolesLabel(locale, r.actor_roles) : null,
    organization: r.organization,
    action: r.action,
    actionLabel: auditActionLabel(locale, r.action),
    purpose: r.purpose,
    purposeLabel: r.purpose ? auditPurposeLabel(locale, r.purpose) : null,
  };
}

/** One page of the log, newest first; the read itself is recorded (it shows in the log). */
export async function accessLog(
  deps: Deps, ctx: RequestContext, personId: string, page: { cursor?: string | undefined; limit: number }, purpose = 'privacy.access_log',
): Promise<{ person: q.SubjectRow; items: AccessLogEntry[]; nextCursor: string | null }> {
  const person = await subjectForLog(deps, ctx, personId);
  const beforeSeq = decodeCursor(page.cursor);
  const rows = await q.selectAccessLog(deps.db, person.kab_code, person, { limit: page.limit, beforeSeq });
  const shown = rows.slice(0, page.limit);
  await ctx.auditRead({ action: 'person.access_log', recordType: 'person', recordIds: [person.id], purpose });
  return {
    person,
    items: shown.map((r) => toAccessLogEntry(ctx.locale, r)),
    nextCursor: rows.length > page.limit && shown.length ? String(shown.at(-1)!.seq) : null,
  };
}

/** The DPO finds a resident by NIK (the resident at the desk, a letter naming their NIK). */
export async function findPersonByNik(deps: Deps, ctx: RequestContext, nik: string): Promise<PrivacyPerson> {
  const person = await q.selectSubjectByNik(deps.db, ctx.actor.kabCode, nik);
  if (!person || !ctx.actor.coversArea('privacy.oversee', person.village_code)) throw notFound();
  const restriction = await q.selectActiveRestriction(deps.db, person.id);
  await ctx.auditRead({ action: 'person.lookup', recordType: 'person', recordIds: [person.id], purpose: 'privacy.request' });
  return {
    id: person.id, fullName: person.full_name, nik: person.nik ?? '', villageCode: person.village_code,
    restriction: restriction ? { reason: restriction.reason, since: restriction.restricted_at.toISOString() } : null,
  };
}

/**
 * For the registry's search: which of the found persons the caller may not see because their
 * processing is restricted (everyone except the officers holding one of their cases), and the
 * reason for the ones the caller may still see.
 */
export async function restrictionsForSearch(deps: Deps, ctx: RequestContext, personIds: readonly string[]): Promise<{ hidden: Set<string>; reasons: Map<string, string> }> {
  const rows = await q.selectRestrictionsAmong(deps.db, ctx.actor, personIds);
  const hidden = new Set<string>();
  const reasons = new Map<string, string>();
  for (const r of rows) {
    if (r.holder) reasons.set(r.person_id, r.reason);
    else hidden.add(r.person_id);
  }
  return { hidden, reasons };
}
