import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { seedDemoCases } from '../cases/demo.ts';
import { seedDemoProposals } from './demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // the hand-made demo residents are there; the sample cases and proposals need the demo population switch
  const deps = { ...t.deps, config: { ...t.deps.config, demoPopulation: true } };
  await seedDemoCases(deps);
  await seedDemoProposals(deps);
  await seedDemoProposals(deps);
});
afterAll(() => t.close());

describe('demo proposals', () => {
  it('are in Cinunuk in different states, once however often the seeder runs', async () => {
    const { rows } = await t.deps.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM proposals WHERE village_code = '32.04.05.2004' GROUP BY status ORDER BY status`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.status, r.n]))).toEqual({ awaiting_verification: 1, invalid: 1, kab_verified: 1, sent: 1, verified: 1 });
  });

  it('give every role something in its worklist, and link the intake case to its proposal', async () => {
    expect((await (await t.as('fasilitator.cinunuk')).get('/api/v1/proposals/worklist')).body).toMatchObject({ toVerify: 1, fromIntake: 0 });
    const kab = (await (await t.as('kabupaten')).get('/api/v1/proposals/worklist')).body;
    expect(kab).toMatchObject({ toRatify: 1, waitingNational: 1 });
    const registration = (await (await t.as('fasilitator.cinunuk')).get('/api/v1/proposals?queue=to_verify')).body;
    const { rows } = await t.deps.db.query<{ registry_proposal_id: string | null }>(
      `SELECT c.registry_proposal_id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.full_name = 'Neneng Sumarni'`,
    );
    expect(rows[0]!.registry_proposal_id).toEqual(expect.any(String));
    expect(registration.items.map((i: { id: string }) => i.id)).toContain(rows[0]!.registry_proposal_id);
  });

  it('show the stale check live: ratifying the roof turns the verified water change stale at its review', async () => {
    const kab = await t.as('kabupaten');
    const toRatify = (await kab.get('/api/v1/proposals?queue=to_ratify')).body.items;
    expect((await kab.post(`/api/v1/proposals/${toRatify[0].id}/ratify`, {})).body.status).toBe('approved');
    const verified = (await kab.get('/api/v1/proposals?status=verified')).body.items[0];
    const view = (await kab.get(`/api/v1/proposals/${verified.id}`)).body;
    expect(view.currentVersions).not.toEqual(view.verifiedVersions);
    // its round is not sent yet: the review is refused and changes nothing
    expect((await (await t.as('supervisor.cileunyi')).post(`/api/v1/proposals/${verified.id}/review`, {})).status).toBe(409);
    expect((await kab.get(`/api/v1/proposals/${verified.id}`)).body.status).toBe('verified');
  });
});
