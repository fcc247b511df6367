import type { Deps } from '../http/context.ts';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { eventsCommitted, publishEvent } from '../events/bus.ts';
import { notify } from '../notifications/service.ts';
import { supervisorsOf } from '../notifications/public.ts';
import { actingSystem, reflectOnCase } from './acting.ts';
import { announceReferral } from './announce.ts';
import * as q from './queries.ts';
import type { Col, Cols, NotNull } from '../db/rows.ts';

/** Marks the record overdue for this deadline; false when a scan marked it already (or meanwhile). */
async function markOverdue(tx: Tx, recordType: 'referral' | 'case', r: { id: string; due_at: Date; kab_code: string; village_code: string }): Promise<boolean> {
  const mark = await tx.query(
    `INSERT INTO overdue_marks (record_type, record_id, due_at, kab_code, village_code) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [recordType, r.id, r.due_at, r.kab_code, r.village_code],
  );
  return mark.rowCount > 0;
}

/**
 * The escalation scan, run by the scheduler (app/background.ts) every minute on every
 * server process. An event is "this referral (or case) passed this deadline": the
 * overdue_marks row named by (type, id, deadline) is inserted once, whoever gets there
 * first, and only the transaction that inserted it notifies. So the responsible officer and
 * the supervisor hear of it once, even when two processes scan at the same moment (the
 * second insert waits for the first's commit, then finds the row and does nothing).
 *
 * - A referral still open (sent, accepted, in service) after its due date ends is marked
 *   overdue (referrals.overdue_at), noted in its and its case's timeline, announced to the
 *   officer who sent it and the kecamatan supervisor, and to the partner's webhook.
 * - A case with no first action past its deadline (cases.due_at, the SLA of the intake
 *   issue) is announced to its assignee (or the officer who registered it) and the
 *   supervisor. The cases tables are only read.
 */
export async function scanOverdue(deps: Deps, batch = 200): Promise<{ referrals: number; cases: number }> {
  let referrals = 0;
  let cases = 0;

  await deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<NotNull<Cols<'referrals', 'id' | 'kab_code' | 'village_code' | 'due_at'>, 'due_at'>>(
      `SELECT id, kab_code, village_code, due_at FROM referrals
       WHERE status IN ('sent', 'accepted', 'in_service') AND overdue_at IS NULL AND due_at <= now()
       ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batch],
    );
    for (const row of rows) {
      if (!(await markOverdue(tx, 'referral', row))) continue;
      await tx.query('UPDATE referrals SET overdue_at = now(), updated_at = now() WHERE id = $1', [row.id]);
      const r = (await q.selectReferralUnscoped(tx, row.id))!;
      const who = actingSystem(deps, r.kab_code);
      await q.insertReferralEvent(tx, {
        id: newId(), kabCode: r.kab_code, villageCode: r.village_code, referralId: r.id, actorId: null, actorName: who.actorName,
        actorKind: 'system', action: 'overdue', fromStatus: r.status, toStatus: r.status, details: { dueDate: r.due_date },
      });
      await reflectOnCase(tx, who, r, { action: 'referral_overdue', details: { dueDate: r.due_date } });
      await who.auditWrite(tx, { action: 'referral.overdue', recordType: 'referral', recordIds: [r.id, r.case_id], details: { number: r.number, dueDate: r.due_date } });
      await announceReferral(tx, r, 'overdue', r.status, `referral.overdue:${r.id}:${row.due_at.toISOString()}`);
      referrals++;
    }
  });

  await deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<Cols<'cases', 'id' | 'code' | 'kab_code' | 'village_code' | 'due_at'> & { responsible: Col<'cases', 'assigned_to'> }>(
      `SELECT c.id, c.code, c.kab_code, c.village_code, c.due_at, coalesce(c.assigned_to, c.registered_by) AS responsible
       FROM cases c
       WHERE c.status NOT IN ('resolved', 'closed') AND c.first_action_at IS NULL AND c.due_at <= now()
         AND NOT EXISTS (SELECT 1 FROM overdue_marks m WHERE m.record_type = 'case' AND m.record_id = c.id AND m.due_at = c.due_at)
       ORDER BY c.due_at LIMIT $1`,
      [batch],
    );
    for (const c of rows) {
      if (!(await markOverdue(tx, 'case', c))) continue;
      const who = actingSystem(deps, c.kab_code);
      await notify(tx, {
        kabCode: c.kab_code, userIds: [c.responsible, ...(await supervisorsOf(tx, c.kab_code, c.village_code))],
        eventKey: `case.overdue:${c.id}:${c.due_at.toISOString()}`, kind: 'case.overdue', messageKey: 'notify.case_overdue',
        params: { number: c.code }, link: `/kasus/${c.id}`, recordType: 'case', recordId: c.id,
      });
      await publishEvent(tx, { kabCode: c.kab_code, type: 'case.overdue', permission: 'cases.read', villageCode: c.village_code, payload: { caseId: c.id } });
      await who.auditWrite(tx, { action: 'case.overdue_escalated', recordType: 'case', recordIds: [c.id], details: { dueAt: c.due_at.toISOString() } });
      cases++;
    }
  });

  if (referrals || cases) eventsCommitted(deps.db);
  return { referrals, cases };
}
