import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortEquity, type EquityRow } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aCase } from '../cases/testing.ts';
import { anOfficer, CINUNUK } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const WETAN = '32.04.05.2002';

describe('equity view', () => {
  it('computes each village\'s figures from its profile, funding, officers, training and cases', async () => {
    const kab = await t.as('kabupaten');
    const year = new Date().getFullYear();
    await kab.put(`/api/v1/puskesos/${CINUNUK}`, { status: 'active', host: 'own_building', population: 20000, facilities: [{ item: 'building', condition: 'good' }, { item: 'vehicle', condition: 'good' }] });
    await kab.put(`/api/v1/puskesos/${WETAN}`, { status: 'forming', host: 'none', population: 10000 });
    const line = await kab.post(`/api/v1/puskesos/${CINUNUK}/funding`, { year, source: 'dana_desa', kind: 'budget', category: 'operational', amount: 30_000_000 });
    await kab.post(`/api/v1/puskesos/${CINUNUK}/funding`, { year, source: 'csr', kind: 'budget', category: 'equipment', amount: 99_000_000 }); // entered, not confirmed: not counted
    await (await t.as('supervisor.cileunyi')).post(`/api/v1/puskesos-funding/${line.body.id}/confirm`);
    await anOfficer(t.deps, { name: 'A', position: 'koordinator', paid: true });
    await anOfficer(t.deps, { name: 'B', position: 'front_office', paid: false, monthlyHonorarium: 0 });
    await anOfficer(t.deps, { name: 'C', position: 'front_office', paid: false, monthlyHonorarium: 0, village: WETAN });
    await aCase(t.deps);
    await aCase(t.deps);
    await aCase(t.deps);

    const res = await kab.get(`/api/v1/puskesos/equity?area=32.04.05&year=${year}`);
    expect(res.status).toBe(200);
    expect(res.body.villages).toHaveLength(6);
    const cinunuk = res.body.villages.find((v: EquityRow) => v.code === CINUNUK);
    expect(cinunuk).toMatchObject({
      host: 'own_building', population: 20000, funding: 30_000_000, fundingPerResident: 1500, fundingPerCase: 10_000_000,
      officers: 2, officersPer1000: 0.1, volunteersShare: 0.5, trainingCoverage: 1, cases: 3, casesPerOfficer: 1.5,
    });
    expect(cinunuk.facilitiesIndex).toBeCloseTo(2 / 9, 3);
    const wetan = res.body.villages.find((v: EquityRow) => v.code === WETAN);
    expect(wetan).toMatchObject({ host: 'none', funding: 0, fundingPerResident: 0, fundingPerCase: null, officers: 1, volunteersShare: 1, cases: 0, casesPerOfficer: 0, facilitiesIndex: 0 });
    const kec = res.body.kecamatan[0];
    expect(kec).toMatchObject({ code: '32.04.05', name: 'Cileunyi', population: 30000, funding: 30_000_000, officers: 3, cases: 3, fundingPerResident: 1000 });

    expect(sortEquity(res.body.villages, 'fundingPerResident', 'desc')[0]!.code).toBe(CINUNUK);
    expect(sortEquity(res.body.villages, 'volunteersShare', 'asc').at(-1)!.fundingPerResident).toBeNull();
  });

  it('answers within the scope', async () => {
    expect((await (await t.as('supervisor.cileunyi')).get('/api/v1/puskesos/equity?area=32.04.37')).status).toBe(404);
    expect((await (await t.as('supervisor.cileunyi')).get('/api/v1/puskesos/equity')).body.area.code).toBe('32.04.05');
    expect((await (await t.as('eksekutif')).get('/api/v1/puskesos/equity')).body.villages).toHaveLength(280);
    const kades = (await (await t.as('kades.cinunuk')).get('/api/v1/puskesos/equity')).body;
    expect(kades.villages.map((v: EquityRow) => v.code)).toEqual([CINUNUK]);
    expect((await (await t.as('mitra.dinkes')).get('/api/v1/puskesos/equity')).status).toBe(403);
    expect((await (await t.as('kabupaten')).get('/api/v1/puskesos/equity?area=abc')).status).toBe(400);
  });
});
