import type { LinkHolder, NeedStatus } from '@slrt/core';
import { subjectsOf, type AuditContext, type AuditInput } from '../audit/audit-event.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { insertCaseEvent, lockNeedStatus, selectCaseUnscoped, touchCase, updateNeedStatus } from '../cases/public.ts';
import { lockedCase, markNeedReturned, recordCaseEvent, setNeedStatus, type LockedCase } from '../cases/service.ts';
import type { ReferralRow } from './queries.ts';

/**
 * Who acts on a referral: a signed-in user, a partner system with a bearer token, a signed
 * link (no account), or the scheduler. Users act through their RequestContext (the cases
 * service records them by name); links and the scheduler are recorded as what they are.
 */
export interface Acting {
  kind: 'user' | 'token' | 'link' | 'system';
  actorId: string | null;
  actorName: string | null;
  /** The position a link's holder typed with their name. */
  actorPosition?: string | null;
  ctx: RequestContext | null;
  auditWrite(tx: Tx, input: AuditInput): Promise<void>;
}

export function actingOf(ctx: RequestContext): Acting {
  return {
    kind: ctx.actor.via === 'token' ? 'token' : 'user',
    actorId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    ctx,
    auditWrite: (tx, input) => ctx.auditWrite(tx, input),
  };
}

/**
 * A signed link, acting as the person holding it: recorded in the referral's and the case's
 * timelines by the name (and position) they typed, audited as `<name> (link:<link id>)` with
 * role `link` (the audit context the caller built).
 */
export function actingLink(deps: Deps, audit: AuditContext, holder: LinkHolder, onAudit: () => void): Acting {
  return {
    kind: 'link',
    actorId: null,
    actorName: holder.name,
    actorPosition: holder.position ?? null,
    ctx: null,
    async auditWrite(tx, input) {
      onAudit();
      await deps.auditLog.record(tx, audit, input);
    },
  };
}

export function actingSystem(deps: Deps, kabCode: string): Acting {
  const audit: AuditContext = { kabCode, actorId: null, actorName: 'system:scheduler', actorRoles: 'system', clientAddr: null, requestId: null };
  return { kind: 'system', actorId: null, actorName: 'system:scheduler', ctx: null, auditWrite: (tx, input) => deps.auditLog.record(tx, audit, input) };
}

/**
 * What a referral step means for its case: a line in the case's timeline and, where the
 * step settles the need, the need's new status. A finished case keeps its needs as they are.
 */
export async function reflectOnCase(
  tx: Tx, who: Acting, r: ReferralRow, step: { action: string; needStatus?: NeedStatus; returned?: boolean; note?: string | null; details: Record<string, unknown> },
  /** The referral's case when the caller holds it locked already (sending a referral): not read again. */
  locked?: LockedCase,
): Promise<void> {
  let c: LockedCase | null = locked?.id === r.case_id ? locked : null;
  if (!c) {
    const row = await selectCaseUnscoped(tx, r.kab_code, r.case_id, { forUpdate: true });
    c = row && lockedCase(row);
  }
  if (!c) return;
  const finished = c.status === 'resolved' || c.status === 'closed';
  // a link's holder has no account: the case's timeline keeps the name they typed in the event's details
  const holder = who.kind === 'link' ? { actedBy: who.actorName, ...(who.actorPosition ? { actedByPosition: who.actorPosition } : {}) } : {};
  const details = { referralId: r.id, number: r.number, organization: r.organization_name, service: r.service_name, ...step.details, ...holder };
  if (who.ctx) {
    if (step.needStatus && !finished) await setNeedStatus(tx, who.ctx, r.need_id, step.needStatus, step.note ?? null, { trusted: true, locked: c });
    await recordCaseEvent(tx, who.ctx, c, { action: step.action, details });
  } else {
    const need = await lockNeedStatus(tx, r.need_id);
    const base = { kabCode: c.kabCode, villageCode: c.villageCode, caseId: c.id, actorId: null, actorName: who.actorName };
    if (need && step.needStatus && !finished && need.status !== step.needStatus) {
      await updateNeedStatus(tx, r.need_id, step.needStatus, step.note ?? null);
      await insertCaseEvent(tx, { ...base, id: newId(), action: 'need_status', details: { needId: r.need_id, sector: need.sector, from: need.status, to: step.needStatus, note: step.note ?? null } });
      await who.auditWrite(tx, {
        action: 'case.need_status', recordType: 'case', recordIds: [c.id, r.need_id],
        details: { from: need.status, to: step.needStatus, ...subjectsOf([{ personId: c.personId, householdId: c.householdId }]) },
      });
    }
    await insertCaseEvent(tx, { ...base, id: newId(), action: step.action, details });
  }
  if (step.returned && !finished) await markNeedReturned(tx, r.need_id);
  await touchCase(tx, c.id);
}

/** "RUJ-3204-2026-00012: Terpenuhi — Pasien sudah dirawat." for the need's status note. */
export function outcomeNote(r: Pick<ReferralRow, 'number'>, outcomeLabel: string, notes: string | null | undefined): string {
  return notes ? `${r.number}: ${outcomeLabel}. ${notes}` : `${r.number}: ${outcomeLabel}.`;
}
