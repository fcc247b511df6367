import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aCase, aRecommendedCase } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);

describe('escalation: village -> kecamatan -> kabupaten', () => {
  it('moves a Cinunuk case into the supervisor\'s and then the kabupaten\'s worklist with its history', async () => {
    const c = await aRecommendedCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    const supervisor = await t.as('supervisor.cileunyi');
    const manager = await t.as('kabupaten');
    const coordinator = await t.as('koordinator.cinunuk');

    expect(ids(await supervisor.get('/api/v1/cases?list=escalated'))).not.toContain(c.id);
    const up1 = await officer.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Biaya di atas kemampuan desa.' });
    expect(up1.status).toBe(200);
    expect(up1.body).toMatchObject({ level: 'kecamatan', status: 'recommended', villageCode: '32.04.05.2004' });
    // the village staff follow the case but no longer work it
    expect(up1.body.allowedActions).toEqual([]);
    expect(up1.body.canWork).toBe(false);

    const atKecamatan = await supervisor.get('/api/v1/cases?list=escalated');
    expect(ids(atKecamatan)).toContain(c.id);
    expect(ids(await manager.get('/api/v1/cases?list=escalated'))).not.toContain(c.id);
    const seenBySupervisor = await supervisor.get(`/api/v1/cases/${c.id}`);
    expect(seenBySupervisor.body.allowedActions).toEqual(['recommend', 'escalate', 'transfer', 'close']);
    expect((await officer.post(`/api/v1/cases/${c.id}/recommend`, { recommendation: 'x' })).status).toBe(403);
    expect((await officer.post(`/api/v1/cases/${c.id}/notes`, { text: 'Warga menanyakan perkembangan.' })).status).toBe(200);
    // nobody at the kecamatan decides: the Manajer SLRT does, the coordinator no longer
    expect((await coordinator.post(`/api/v1/cases/${c.id}/decide`, { decision: 'refer' })).status).toBe(403);

    const up2 = await supervisor.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Butuh koordinasi dengan RSUD.' });
    expect(up2.body).toMatchObject({ level: 'kabupaten' });
    expect(ids(await supervisor.get('/api/v1/cases?list=escalated'))).not.toContain(c.id);
    const atKabupaten = await manager.get('/api/v1/cases?list=escalated');
    expect(ids(atKabupaten)).toContain(c.id);
    expect(ids(await manager.get('/api/v1/cases?list=decide'))).toContain(c.id);
    expect(ids(await coordinator.get('/api/v1/cases?list=decide'))).not.toContain(c.id);

    const history = (await manager.get(`/api/v1/cases/${c.id}`)).body;
    const escalations = history.timeline.filter((e: { action: string }) => e.action === 'escalate');
    expect(escalations).toEqual([
      expect.objectContaining({ fromLevel: 'village', toLevel: 'kecamatan', actor: expect.objectContaining({ name: 'Petugas Puskesos Cinunuk' }), details: expect.objectContaining({ reason: 'Biaya di atas kemampuan desa.' }) }),
      expect.objectContaining({ fromLevel: 'kecamatan', toLevel: 'kabupaten', actor: expect.objectContaining({ name: 'Supervisor Kecamatan Cileunyi' }), details: expect.objectContaining({ reason: 'Butuh koordinasi dengan RSUD.' }) }),
    ]);
    expect(history.timeline.map((e: { action: string }) => e.action)).toEqual(['register', 'check_registry', 'recommend', 'escalate', 'note', 'escalate']);
    expect(history.allowedActions).toEqual(['recommend', 'decide', 'transfer', 'close']);
    const top = await manager.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'x' });
    expect(top.status).toBe(409);
    expect(top.body.error.allowedActions).toEqual(['recommend', 'decide', 'transfer', 'close']);

    const decided = await manager.post(`/api/v1/cases/${c.id}/decide`, { decision: 'refer', notes: 'Dirujuk ke RSUD Soreang' });
    expect(decided.body).toMatchObject({ status: 'in_progress', decidedBy: { name: 'Manajer SLRT Kabupaten Bandung' } });
    const { rows } = await t.deps.db.query<{ action: string; actor_name: string }>(
      `SELECT action, actor_name FROM audit_events WHERE $1 = ANY(record_ids) AND action LIKE 'case.%' AND action <> 'case.read' AND action <> 'case.list' ORDER BY seq`, [c.id]);
    expect(rows).toEqual([
      { action: 'case.create', actor_name: 'puskesos.cinunuk' },
      { action: 'case.check_registry', actor_name: 'puskesos.cinunuk' },
      { action: 'case.recommend', actor_name: 'puskesos.cinunuk' },
      { action: 'case.escalate', actor_name: 'puskesos.cinunuk' },
      { action: 'case.note', actor_name: 'puskesos.cinunuk' },
      { action: 'case.escalate', actor_name: 'supervisor.cileunyi' },
      { action: 'case.decide', actor_name: 'kabupaten' },
    ]);
  });

  it('escalates a selection in bulk, reporting each case', async () => {
    const a = await aCase(t.deps);
    const b = await aCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    await officer.post(`/api/v1/cases/${b.id}/close`, { reason: 'duplicate' });
    const res = await officer.post('/api/v1/cases/bulk/escalate', { ids: [a.id, b.id, '01900000-0000-7000-8000-000000000000'], reason: 'Di luar kemampuan desa' });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: a.id, ok: true },
      { id: b.id, ok: false, error: { code: 'invalid_transition', message: expect.stringContaining('escalate') } },
      { id: '01900000-0000-7000-8000-000000000000', ok: false, error: { code: 'not_found', message: expect.any(String) } },
    ]);
    expect((await officer.get(`/api/v1/cases/${a.id}`)).body.level).toBe('kecamatan');
  });
});
