import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOf, ReferralListItem } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { seedDemoCases } from '../cases/demo.ts';
import { seedDemoReferrals } from './demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo referrals', () => {
  it('are off in tests, and when on refer the demo cases decided "refer" once, one accepted by Dinas Kesehatan', async () => {
    await seedDemoReferrals(t.deps);
    expect((await t.deps.db.query('SELECT 1 FROM referrals')).rows).toHaveLength(0);
    const deps = { ...t.deps, config: { ...t.deps.config, demoPopulation: true } };
    await seedDemoCases(deps);
    await seedDemoReferrals(deps);
    const count = async () => (await t.deps.db.query('SELECT 1 FROM referrals')).rows.length;
    const first = await count();
    expect(first).toBeGreaterThan(0);
    await seedDemoReferrals(deps);
    expect(await count()).toBe(first);
    const inbox = (await (await t.as('mitra.dinkes')).get('/api/v1/referrals?limit=50', listOf(ReferralListItem))).body.items;
    expect(inbox.length).toBeGreaterThan(0);
    expect(inbox.some((r) => r.status === 'accepted')).toBe(true);
    // issue 12: one need's referral was declined and the need sent again to another partner
    const { rows } = await t.deps.db.query<{ need_id: string; statuses: string[] }>(
      `SELECT need_id, array_agg(status ORDER BY created_at) AS statuses FROM referrals GROUP BY need_id HAVING count(*) > 1`);
    expect(rows).toEqual([{ need_id: expect.any(String), statuses: ['declined', 'sent'] }]);
  });
});
