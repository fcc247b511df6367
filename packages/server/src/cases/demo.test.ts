import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { DEMO_CASES, seedDemoCases } from './demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo cases', () => {
  it('are off in tests, and when on fill every worklist of the Cinunuk and Cileunyi demo users, once', async () => {
    expect((await t.deps.db.query('SELECT 1 FROM cases')).rows).toHaveLength(0);
    const deps = { ...t.deps, config: { ...t.deps.config, demoPopulation: true } };
    await seedDemoCases(deps);
    await seedDemoCases(deps);
    const { rows } = await t.deps.db.query<{ status: string; level: string }>('SELECT status, level FROM cases ORDER BY registered_at');
    // and issue 12's three: decided at the kecamatan (a need for the wife), a need escalated alone, referred to be declined and sent again
    expect(rows).toHaveLength(DEMO_CASES.length + 3);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['registered', 'recommended', 'in_progress', 'registry_checked', 'closed', 'resolved']));

    const officer = await t.as('puskesos.cinunuk');
    const counts = (await officer.get('/api/v1/cases/counts')).body;
    expect(counts.new).toBeGreaterThan(0);
    expect(counts.overdue).toBeGreaterThan(0);
    expect((await (await t.as('koordinator.cinunuk')).get('/api/v1/cases/counts')).body.decide).toBe(1);
    const supervisor = await t.as('supervisor.cileunyi');
    expect((await supervisor.get('/api/v1/cases/counts')).body.escalated).toBe(3);
    const escalated = (await supervisor.get('/api/v1/cases?list=escalated')).body.items as Array<{ id: string; status: string; level: string; escalatedNeeds: unknown[] }>;
    expect(escalated.find((i) => i.level === 'village')?.escalatedNeeds).toEqual([expect.objectContaining({ sector: 'education', level: 'kecamatan', decision: null })]);
    const atKecamatan = escalated.find((i) => i.status === 'in_progress' && i.level === 'kecamatan')!;
    const decided = (await supervisor.get(`/api/v1/cases/${atKecamatan.id}`)).body;
    expect(decided).toMatchObject({ level: 'kecamatan', decidedBy: { name: 'Supervisor Kecamatan Cileunyi' }, person: { fullName: 'Asep Saepudin' } });
    expect(decided.needs[0].person.fullName).toBe('Dewi Lestari');
    const referred = (await officer.get('/api/v1/cases?list=open')).body.items.find((i: { decision: string | null }) => i.decision === 'refer');
    const detail = (await officer.get(`/api/v1/cases/${referred.id}`)).body;
    expect(detail.letters).toHaveLength(1);
    expect(detail.acceptsReferrals).toBe(true);
  });
});
