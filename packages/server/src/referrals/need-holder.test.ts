import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aDecidedCase, aRecommendedCase } from '../cases/testing.ts';
import { serviceId } from './testing.ts';

/**
 * Issue 12: once a case climbed the ladder, only the level holding a need refers it. A need held
 * at the kecamatan is not referred by the village, nor one held at the village by the kecamatan.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const HEALTH = 'Bantuan biaya pengobatan';
const PIP = 'Usulan Program Indonesia Pintar (PIP/KIP)';

describe('who refers a need of an escalated case', () => {
  it('a case escalated whole to the kecamatan: the kecamatan refers, the village does not', async () => {
    const c = await aRecommendedCase(t.deps);
    const health = c.needs.find((n) => n.sector === 'health')!;
    const officer = await t.as('puskesos.cinunuk');
    const supervisor = await t.as('supervisor.cileunyi');
    expect((await officer.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Di luar kemampuan desa.' })).status).toBe(200);
    expect((await supervisor.post(`/api/v1/cases/${c.id}/decide`, { decision: 'refer', notes: 'Rujuk.' })).status).toBe(200);

    const byVillage = await officer.post('/api/v1/referrals', { caseId: c.id, needId: health.id, serviceId: await serviceId(t.deps, HEALTH) });
    expect(byVillage.status).toBe(403);
    const byKecamatan = await supervisor.post('/api/v1/referrals', { caseId: c.id, needId: health.id, serviceId: await serviceId(t.deps, HEALTH) });
    expect(byKecamatan.status).toBe(201);
  });

  it('one need held apart at the kecamatan: the kecamatan does not refer the need the village still holds', async () => {
    const c = await aDecidedCase(t.deps, { decision: 'refer' });
    const health = c.needs.find((n) => n.sector === 'health')!;
    const education = c.needs.find((n) => n.sector === 'education')!;
    const officer = await t.as('puskesos.cinunuk');
    const supervisor = await t.as('supervisor.cileunyi');
    expect((await officer.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Desa tidak dapat membiayai sekolah.', needIds: [education.id] })).status).toBe(200);
    expect((await supervisor.post(`/api/v1/cases/${c.id}/decide`, { decision: 'refer', needIds: [education.id] })).status).toBe(200);

    expect((await supervisor.post('/api/v1/referrals', { caseId: c.id, needId: health.id, serviceId: await serviceId(t.deps, HEALTH) })).status).toBe(403);
    expect((await officer.post('/api/v1/referrals', { caseId: c.id, needId: education.id, serviceId: await serviceId(t.deps, PIP) })).status).toBe(403);
    expect((await officer.post('/api/v1/referrals', { caseId: c.id, needId: health.id, serviceId: await serviceId(t.deps, HEALTH) })).status).toBe(201);
    expect((await supervisor.post('/api/v1/referrals', { caseId: c.id, needId: education.id, serviceId: await serviceId(t.deps, PIP) })).status).toBe(201);
  });
});
