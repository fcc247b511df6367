import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aCase, aRecommendedCase } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.as('admin');
  const res = await admin.post('/api/v1/users', { username: 'supervisor.soreang', displayName: 'Supervisor Kecamatan Soreang', password: 'cukup-panjang-1', roles: [{ role: 'supervisor', areaCode: '32.04.37' }] });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
});
const asOtherSupervisor = () => t.as('supervisor.soreang', 'cukup-panjang-1');
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
    expect(seenBySupervisor.body.allowedActions).toEqual(['recommend', 'decide', 'escalate', 'send_back', 'transfer', 'close']);
    expect((await officer.post(`/api/v1/cases/${c.id}/recommend`, { recommendation: 'x' })).status).toBe(403);
    expect((await officer.post(`/api/v1/cases/${c.id}/notes`, { text: 'Warga menanyakan perkembangan.' })).status).toBe(200);
    // the coordinator no longer decides it: the level holding it does
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
    expect(history.allowedActions).toEqual(['recommend', 'decide', 'send_back', 'transfer', 'close']);
    const top = await manager.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'x' });
    expect(top.status).toBe(409);
    expect(top.body.error.allowedActions).toEqual(['recommend', 'decide', 'send_back', 'transfer', 'close']);

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

  it('lets the kecamatan decide what is escalated to it, with the same letters and audit, and send it back', async () => {
    const c = await aRecommendedCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    const supervisor = await t.as('supervisor.cileunyi');
    const otherSupervisor = await asOtherSupervisor();
    expect((await officer.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Di luar kemampuan desa.' })).status).toBe(200);
    expect(ids(await supervisor.get('/api/v1/cases?list=decide'))).toContain(c.id);
    expect((await otherSupervisor.post(`/api/v1/cases/${c.id}/decide`, { decision: 'refer' })).status).toBe(404);

    const decided = await supervisor.post(`/api/v1/cases/${c.id}/decide`, { decision: 'handle_directly', notes: 'Ditangani kecamatan.' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'in_progress', level: 'kecamatan', decision: 'handle_directly', decidedBy: { name: 'Supervisor Kecamatan Cileunyi' } });
    const letter = await supervisor.post(`/api/v1/cases/${c.id}/letters`, { kind: 'recommendation' });
    expect(letter.status).toBe(201);
    expect((await officer.post(`/api/v1/cases/${c.id}/send-back`, { reason: 'x' })).status).toBe(403);

    const back = await supervisor.post(`/api/v1/cases/${c.id}/send-back`, { reason: 'Bantuan kecamatan sudah ditetapkan; desa melanjutkan.' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ level: 'village', status: 'in_progress' });
    expect(back.body.timeline.at(-1)).toMatchObject({ action: 'send_back', fromLevel: 'kecamatan', toLevel: 'village' });
    const atVillage = (await officer.get(`/api/v1/cases/${c.id}`)).body;
    expect(atVillage.canWork).toBe(true);
    expect(atVillage.allowedActions).toContain('resolve');
    expect(atVillage.allowedActions).not.toContain('send_back');
    const { rows } = await t.deps.db.query<{ action: string; actor_name: string }>(
      `SELECT action, actor_name FROM audit_events WHERE $1 = ANY(record_ids) AND action IN ('case.decide', 'case.send_back', 'letter.issue') ORDER BY seq`, [c.id]);
    expect(rows.map((r) => [r.action, r.actor_name])).toEqual(expect.arrayContaining([['case.decide', 'supervisor.cileunyi'], ['case.send_back', 'supervisor.cileunyi']]));
  });

  it('notifies the receiving level of an escalation, the village when it comes back, and the target village of a transfer', async () => {
    const c = await aRecommendedCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    const coordinator = await t.as('koordinator.cinunuk');
    const supervisor = await t.as('supervisor.cileunyi');
    const otherSupervisor = await asOtherSupervisor();
    const manager = await t.as('kabupaten');
    const about = async (who: typeof officer) => ((await who.get('/api/v1/notifications')).body.items as Array<{ kind: string; recordId: string; message: string; link: string }>)
      .filter((n) => n.recordId === c.id).map((n) => n.kind);

    await officer.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Di luar kemampuan desa.' });
    expect(await about(supervisor)).toEqual(['case.escalated']);
    expect(await about(otherSupervisor)).toEqual([]);
    expect(await about(manager)).toEqual([]);
    const note = (await supervisor.get('/api/v1/notifications')).body.items.find((n: { recordId: string }) => n.recordId === c.id);
    expect(note).toMatchObject({ link: `/kasus/${c.id}`, message: expect.stringContaining(c.code) });
    const person = (await officer.get(`/api/v1/cases/${c.id}`)).body.person;
    expect(note.message).not.toContain(person.fullName);

    await supervisor.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Butuh koordinasi kabupaten.' });
    expect(await about(manager)).toEqual(['case.escalated']);
    await manager.post(`/api/v1/cases/${c.id}/send-back`, { reason: 'Kecamatan dapat menanganinya.' });
    expect(await about(supervisor)).toEqual(['case.sent_back', 'case.escalated']);
    await supervisor.post(`/api/v1/cases/${c.id}/send-back`, { reason: 'Desa dapat menanganinya.' });
    expect(await about(officer)).toEqual(['case.sent_back']);
    expect(await about(coordinator)).toEqual(['case.sent_back']);

    const soreang = await t.as('puskesos.soreang');
    await officer.post(`/api/v1/cases/${c.id}/transfer`, { villageCode: '32.04.37.2001', reason: 'Warga pindah domisili.' });
    expect(await about(soreang)).toEqual(['case.transferred']);
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
