import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOf, ReferralListItem, UnreadCount } from '@slrt/core';
import type { Deps } from '../http/context.ts';
import { aCase } from '../cases/testing.ts';
import { backgroundRunner } from '../app/background.ts';
import { twoProcesses, type TwoProcesses } from '../jobs/testing.ts';
import { aReferral } from './testing.ts';
import { scanOverdue } from './overdue.ts';

/**
 * Escalation happens once per event, also when two server processes on one PostgreSQL
 * database run the scheduler at the same moment.
 */
let p: TwoProcesses;
beforeAll(async () => {
  p = await twoProcesses();
});
afterAll(() => p.close());

async function userId(deps: Deps, username: string) {
  return (await deps.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]!.id;
}

async function notificationsOf(deps: Deps, username: string, kind: string, recordId: string) {
  const { rows } = await deps.db.query('SELECT id FROM notifications WHERE user_id = $1 AND kind = $2 AND record_id = $3', [await userId(deps, username), kind, recordId]);
  return rows.length;
}

async function pastDue(deps: Deps, referralId: string) {
  await deps.db.query(`UPDATE referrals SET due_date = (now() - interval '2 days')::date, due_at = now() - interval '1 day' WHERE id = $1`, [referralId]);
}

describe('overdue escalation', () => {
  it('marks a referral past its due date overdue and notifies the sender and the supervisor exactly once, across two processes', async () => {
    const r = await aReferral(p.a.deps);
    const fresh = await aReferral(p.a.deps);
    await pastDue(p.a.deps, r.id);

    // both processes scan at once, several times over
    for (let round = 0; round < 3; round++) await Promise.all([scanOverdue(p.a.deps), scanOverdue(p.b.deps), scanOverdue(p.a.deps), scanOverdue(p.b.deps)]);

    expect(await notificationsOf(p.a.deps, 'puskesos.cinunuk', 'referral.overdue', r.id)).toBe(1);
    expect(await notificationsOf(p.a.deps, 'supervisor.cileunyi', 'referral.overdue', r.id)).toBe(1);
    expect(await notificationsOf(p.a.deps, 'supervisor.cileunyi', 'referral.overdue', fresh.id)).toBe(0);
    const counts = await p.a.deps.db.query<{ marks: number; events: number; audits: number; caseEvents: number }>(
      `SELECT (SELECT count(*) FROM overdue_marks WHERE record_id = $1)::int AS marks,
              (SELECT count(*) FROM referral_events WHERE referral_id = $1 AND action = 'overdue')::int AS events,
              (SELECT count(*) FROM audit_events WHERE action = 'referral.overdue' AND $2 = ANY(record_ids))::int AS audits,
              (SELECT count(*) FROM case_events WHERE case_id = $3 AND action = 'referral_overdue')::int AS "caseEvents"`,
      [r.id, r.id, r.caseId]);
    expect(counts.rows[0]).toEqual({ marks: 1, events: 1, audits: 1, caseEvents: 1 });

    const row = await p.b.deps.db.query<{ overdue_at: Date | null }>('SELECT overdue_at FROM referrals WHERE id = $1', [r.id]);
    expect(row.rows[0]!.overdue_at).not.toBeNull();
  });

  it('escalates a case past its service deadline once to its officer and the supervisor, reading the cases tables only', async () => {
    const c = await aCase(p.a.deps);
    await p.a.deps.db.query(`UPDATE cases SET due_at = now() - interval '1 hour' WHERE id = $1`, [c.id]);
    await Promise.all([scanOverdue(p.a.deps), scanOverdue(p.b.deps)]);
    await Promise.all([scanOverdue(p.b.deps), scanOverdue(p.a.deps)]);
    expect(await notificationsOf(p.a.deps, 'puskesos.cinunuk', 'case.overdue', c.id)).toBe(1);
    expect(await notificationsOf(p.a.deps, 'supervisor.cileunyi', 'case.overdue', c.id)).toBe(1);
    expect(await notificationsOf(p.a.deps, 'puskesos.soreang', 'case.overdue', c.id)).toBe(0);
  });

  it('runs the recurring scan on one process per period when both schedulers tick together', async () => {
    const r = await aReferral(p.a.deps);
    await pastDue(p.a.deps, r.id);
    const runnerA = backgroundRunner(p.a.deps);
    const runnerB = backgroundRunner(p.b.deps);
    await p.a.deps.db.query(`UPDATE job_schedules SET next_run_at = now() - interval '1 second'`);
    const [ra, rb] = await Promise.all([runnerA.tick(), runnerB.tick()]);
    const ran = [...ra.schedules, ...rb.schedules].filter((s) => s === 'referrals.overdue');
    expect(ran).toHaveLength(1);
    expect(await notificationsOf(p.a.deps, 'supervisor.cileunyi', 'referral.overdue', r.id)).toBe(1);
    // the next period is a minute away: neither runs it again now
    const [again1, again2] = await Promise.all([runnerA.tick(), runnerB.tick()]);
    expect([...again1.schedules, ...again2.schedules]).not.toContain('referrals.overdue');
    const { rows } = await p.a.deps.db.query<{ last_run_by: string }>(`SELECT last_run_by FROM job_schedules WHERE name = 'referrals.overdue'`);
    expect([runnerA.workerId, runnerB.workerId]).toContain(rows[0]!.last_run_by);
  });

  it('shows overdue referrals in the back office list and the sender\'s notification as unread', async () => {
    const r = await aReferral(p.a.deps);
    await pastDue(p.a.deps, r.id);
    await scanOverdue(p.b.deps);
    const login = await p.a.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'puskesos.cinunuk', password: 'slrt-demo' } });
    const cookie = `slrt_session=${/slrt_session=([^;]+)/.exec(String(login.headers['set-cookie']))![1]}`;
    const list = await p.a.app.inject({ method: 'GET', url: '/api/v1/referrals?overdue=true&limit=200', headers: { cookie } });
    expect(listOf(ReferralListItem).parse(list.json()).items.map((x) => x.id)).toContain(r.id);
    const count = await p.a.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: { cookie } });
    expect(UnreadCount.parse(count.json()).count).toBeGreaterThan(0);
  });
});
