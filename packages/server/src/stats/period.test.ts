import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aCase } from '../cases/testing.ts';
import { aReferral } from '../referrals/testing.ts';
import { aProposal } from '../proposals/testing.ts';
import { CINUNUK } from '../registry/testing.ts';

/**
 * Every statistic that counts what happened over time takes the one period (issue 12, item 16):
 * `from` and `to`, inclusive dates, default this month, 400 naming `to` when it ends before it
 * starts. One case, referral and proposal of this month; a period years away holds none of them.
 */
let t: TestApp;
const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });
const thisMonth = today.slice(0, 7);
const FAR = 'from=2031-01-01&to=2031-01-31';

beforeAll(async () => {
  t = await createTestApp();
  await aCase(t.deps);
  await aReferral(t.deps);
  await aProposal(t.deps);
});
afterAll(() => t.close());

/** The endpoints, each with a reader in scope and a path that takes `&from=..&to=..`. */
const ENDPOINTS = [
  { name: 'referral board', user: 'supervisor.cileunyi', path: '/api/v1/referrals/board?x=1' },
  { name: 'case board', user: 'supervisor.cileunyi', path: '/api/v1/cases/board?x=1' },
  { name: 'usulan progress', user: 'supervisor.cileunyi', path: '/api/v1/proposals/progress?level=village' },
  { name: 'SLRT report', user: 'koordinator.cinunuk', path: `/api/v1/reports/monthly?area=${CINUNUK}` },
] as const;

describe('the period of every statistic', () => {
  for (const e of ENDPOINTS) {
    it(`${e.name}: answers 400 naming \`to\` when the period ends before it starts`, async () => {
      const res = await (await t.as(e.user)).get(`${e.path}&from=2026-02-01&to=2026-01-31`);
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveProperty('to');
      const bad = await (await t.as(e.user)).get(`${e.path}&from=2026-02-30`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toHaveProperty('from');
    });
  }

  it('referral board: this month by default, nothing in a far period', async () => {
    const board = await (await t.as('supervisor.cileunyi')).get('/api/v1/referrals/board');
    expect(board.status).toBe(200);
    expect(board.body.period.from).toBe(`${thisMonth}-01`);
    expect(board.body.byStatus.sent).toBe(1);
    expect(board.body.partners.length).toBe(1);
    const far = await (await t.as('supervisor.cileunyi')).get(`/api/v1/referrals/board?${FAR}`);
    expect(far.body.period).toEqual({ from: '2031-01-01', to: '2031-01-31' });
    expect(far.body.byStatus.sent).toBe(0);
    expect(far.body.partners).toEqual([]);
  });

  it('case board: cases registered in the period, open ones as they stand', async () => {
    const board = await (await t.as('supervisor.cileunyi')).get('/api/v1/cases/board');
    expect(board.status, JSON.stringify(board.body)).toBe(200);
    expect(board.body.period.from).toBe(`${thisMonth}-01`);
    const cinunuk = (b: { rows: { code: string; registered: number; open: number }[] }) => b.rows.find((r) => r.code === CINUNUK)!;
    expect(cinunuk(board.body).registered).toBe(2);
    const far = await (await t.as('supervisor.cileunyi')).get(`/api/v1/cases/board?${FAR}`);
    expect(cinunuk(far.body).registered).toBe(0);
    expect(cinunuk(far.body).open).toBe(cinunuk(board.body).open);
  });

  it('usulan progress: proposals opened in the period', async () => {
    const now = await (await t.as('supervisor.cileunyi')).get('/api/v1/proposals/progress?level=village');
    expect(now.status).toBe(200);
    expect(now.body.period.from).toBe(`${thisMonth}-01`);
    expect(now.body.items.find((r: { areaCode: string }) => r.areaCode === CINUNUK)?.total).toBe(1);
    const far = await (await t.as('supervisor.cileunyi')).get(`/api/v1/proposals/progress?level=village&${FAR}`);
    expect(far.body.items).toEqual([]);
  });

  it('SLRT report: this month by default, a quarter by its dates, a custom period by its dates; not both a label and dates', async () => {
    const koordinator = await t.as('koordinator.cinunuk');
    const byDefault = await koordinator.get(`/api/v1/reports/monthly?area=${CINUNUK}`);
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.period).toMatchObject({ label: thisMonth, kind: 'month', from: `${thisMonth}-01` });
    expect(byDefault.body.cases.registered).toBe(2);
    const q4 = await koordinator.get(`/api/v1/reports/monthly?area=${CINUNUK}&from=2031-10-01&to=2031-12-31`);
    expect(q4.body.period).toEqual({ label: '2031-Q4', kind: 'quarter', from: '2031-10-01', until: '2032-01-01' });
    const custom = await koordinator.get(`/api/v1/reports/monthly?area=${CINUNUK}&from=${thisMonth}-01&to=${today}`);
    expect(custom.body.cases.registered).toBe(2);
    const far = await koordinator.get(`/api/v1/reports/monthly?area=${CINUNUK}&from=2031-01-05&to=2031-02-20`);
    expect(far.body.period).toEqual({ label: '2031-01-05_2031-02-20', kind: 'custom', from: '2031-01-05', until: '2031-02-21' });
    expect(far.body.cases.registered).toBe(0);
    const both = await koordinator.get(`/api/v1/reports/monthly?area=${CINUNUK}&period=${thisMonth}&from=${thisMonth}-01`);
    expect(both.status).toBe(400);
    expect(both.body.error.fields).toHaveProperty('period');
  });
});
