import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { seedDemo } from '../demo/seed.ts';
import { DEMO_CINUNUK, DEMO_HOUSEHOLDS, DEMO_POPULATION, DEMO_SOREANG, demoNik } from './demo.ts';
import { HouseholdView, PersonSearchPage, RegistryHistoryPage } from '@slrt/core';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demoPopulation: true });
});
afterAll(() => t.close());

describe('registry demo seed', () => {
  it('loads the synthetic population with some hundreds in Cinunuk and Soreang, once', async () => {
    const count = async () => (await t.deps.db.query<{ n: number; cinunuk: number; soreang: number; villages: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE village_code = $1)::int AS cinunuk,
              count(*) FILTER (WHERE village_code = $2)::int AS soreang, count(DISTINCT village_code)::int AS villages FROM persons`,
      [DEMO_CINUNUK, DEMO_SOREANG],
    )).rows[0]!;
    const first = await count();
    const handMade = DEMO_HOUSEHOLDS.reduce((s, h) => s + h.members.length, 0);
    expect(first.n).toBe(DEMO_POPULATION + handMade);
    expect(first.cinunuk).toBeGreaterThan(200);
    expect(first.soreang).toBeGreaterThan(200);
    expect(first.villages).toBeGreaterThan(100);
    await seedDemo(t.deps);
    expect(await count()).toEqual(first);
  });

  it('has the recognisable residents of the README, searchable by the Cinunuk officer', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const ujang = DEMO_HOUSEHOLDS[0]!.members[0]!;
    const byNik = await officer.get(`/api/v1/persons?nik=${demoNik(ujang)}`, PersonSearchPage);
    expect(byNik.body.items[0]).toMatchObject({ fullName: 'Ujang Suparman', desil: 2, desilDate: '2025-10-01' });
    const byName = await officer.get(`/api/v1/persons?q=${encodeURIComponent('ujang soeparman')}&area=${DEMO_CINUNUK}`, PersonSearchPage);
    expect(byName.body.items[0]!.fullName).toBe('Ujang Suparman');
    const household = await officer.get(`/api/v1/households/${byNik.body.items[0]!.householdId}`, HouseholdView);
    expect(household.body.families[0]!.members.map((m: { fullName: string }) => m.fullName)).toEqual(['Ujang Suparman', 'Euis Komariah', 'Rizki Ramdani', 'Siti Nurhaliza']);
    const neneng = await officer.get(`/api/v1/persons?nik=${demoNik(DEMO_HOUSEHOLDS[1]!.members[0]!)}`, PersonSearchPage);
    const hh = await officer.get(`/api/v1/households/${neneng.body.items[0]!.householdId}`, HouseholdView);
    expect(hh.body.desil).toBeNull();
    expect(hh.body.localEstimate).toMatchObject({ label: 'local_estimate' });
    const history = await officer.get(`/api/v1/households/${neneng.body.items[0]!.householdId}/history`, RegistryHistoryPage);
    expect(history.body.items.map((i: { sourceType: string }) => i.sourceType)).toContain('seed');
  });
});
