import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { serviceId } from '../referrals/testing.ts';
import { aDecidedCase } from './testing.ts';

/** Issue 12, item 2: one need escalated apart from its case, held, decided and referred by that level. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);
const PIP = 'Usulan Program Indonesia Pintar (PIP/KIP)';

describe('escalating one need instead of the whole case', () => {
  it('sends only the education need to the kecamatan, which decides and refers it while the village serves the health need', async () => {
    const c = await aDecidedCase(t.deps, { decision: 'handle_directly' });
    const health = c.needs.find((n) => n.sector === 'health')!;
    const education = c.needs.find((n) => n.sector === 'education')!;
    const officer = await t.as('puskesos.cinunuk');
    const coordinator = await t.as('koordinator.cinunuk');
    const supervisor = await t.as('supervisor.cileunyi');
    const manager = await t.as('kabupaten');

    expect(ids(await supervisor.get('/api/v1/cases?list=escalated'))).not.toContain(c.id);
    const up = await officer.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Desa tidak dapat membiayai sekolah.', needIds: [education.id] });
    expect(up.status).toBe(200);
    // the case stays at the village, in progress; only the education need went up
    expect(up.body).toMatchObject({ level: 'village', status: 'in_progress', holder: { level: 'village', areaName: 'Cinunuk' } });
    const upEducation = up.body.needs.find((n: { id: string }) => n.id === education.id);
    expect(upEducation).toMatchObject({ heldApart: true, holder: { level: 'kecamatan', areaCode: '32.04.05', areaName: 'Cileunyi' }, actions: [], movable: false });
    expect(up.body.needs.find((n: { id: string }) => n.id === health.id)).toMatchObject({ heldApart: false, holder: { level: 'village' }, movable: true });
    expect(up.body.timeline.at(-1)).toMatchObject({ action: 'need_escalate', fromLevel: 'village', toLevel: 'kecamatan', details: { needIds: [education.id], sectors: ['education'], reason: 'Desa tidak dapat membiayai sekolah.' } });

    // the kecamatan is told, and lists the need (not the whole case) as escalated to it and waiting for its decision
    const notes = (await supervisor.get('/api/v1/notifications')).body.items.filter((n: { recordId: string }) => n.recordId === c.id);
    expect(notes.map((n: { kind: string }) => n.kind)).toEqual(['case.need_escalated']);
    const escalated = await supervisor.get('/api/v1/cases?list=escalated');
    const row = escalated.body.items.find((i: { id: string }) => i.id === c.id);
    expect(row).toMatchObject({ level: 'village', escalatedNeeds: [{ id: education.id, sector: 'education', level: 'kecamatan', decision: null }] });
    expect(ids(await supervisor.get('/api/v1/cases?list=decide'))).toContain(c.id);
    expect(ids(await manager.get('/api/v1/cases?list=escalated'))).not.toContain(c.id);
    expect((await officer.get('/api/v1/cases?list=open')).body.items.find((i: { id: string }) => i.id === c.id).escalatedNeeds).toHaveLength(1);

    // the village can no longer act on it; the coordinator does not decide it
    expect((await coordinator.post(`/api/v1/cases/${c.id}/decide`, { decision: 'refer', needIds: [education.id] })).status).toBe(403);
    expect((await officer.post(`/api/v1/cases/${c.id}/needs/${education.id}/status`, { status: 'resolved' })).status).toBe(403);
    expect((await officer.post('/api/v1/referrals', { caseId: c.id, needId: education.id, serviceId: await serviceId(t.deps, PIP) })).status).toBe(403);
    // nor close the case over the kecamatan's need, nor resolve it while the need is open
    const close = await officer.post(`/api/v1/cases/${c.id}/close`, { reason: 'withdrawn' });
    expect(close.status).toBe(409);
    expect(close.body.error.heldNeeds).toEqual([education.id]);
    expect((await officer.post(`/api/v1/cases/${c.id}/resolve`, {})).body.error.openNeeds).toEqual([education.id]);
    // the village keeps serving the health need
    expect((await officer.post(`/api/v1/cases/${c.id}/needs/${health.id}/status`, { status: 'resolved' })).status).toBe(200);

    // the supervisor: not moved by hand before deciding; then decides "refer" and refers it
    expect((await supervisor.post(`/api/v1/cases/${c.id}/needs/${education.id}/status`, { status: 'resolved' })).status).toBe(409);
    const seen = (await supervisor.get(`/api/v1/cases/${c.id}`)).body;
    expect(seen.needs.find((n: { id: string }) => n.id === education.id).actions).toEqual(['escalate', 'send_back', 'decide']);
    const decided = await supervisor.post(`/api/v1/cases/${c.id}/decide`, { decision: 'refer', notes: 'Diusulkan PIP.', needIds: [education.id] });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'in_progress', decision: 'handle_directly', level: 'village' });
    expect(decided.body.needs.find((n: { id: string }) => n.id === education.id)).toMatchObject({
      decision: 'refer', decisionNotes: 'Diusulkan PIP.', decidedBy: { name: 'Supervisor Kecamatan Cileunyi' }, acceptsReferrals: true, status: 'open',
    });
    expect(ids(await supervisor.get('/api/v1/cases?list=decide'))).not.toContain(c.id);
    const again = await supervisor.post(`/api/v1/cases/${c.id}/decide`, { decision: 'refer', needIds: [education.id] });
    expect(again.status).toBe(409);
    const referral = await supervisor.post('/api/v1/referrals', { caseId: c.id, needId: education.id, serviceId: await serviceId(t.deps, PIP) });
    expect(referral.status).toBe(201);

    const { rows } = await t.deps.db.query<{ action: string; actor_name: string }>(
      `SELECT action, actor_name FROM audit_events WHERE $1 = ANY(record_ids) AND action IN ('case.need_escalate', 'case.need_decide', 'referral.create') ORDER BY seq`, [education.id]);
    expect(rows.map((r) => [r.action, r.actor_name])).toEqual([
      ['case.need_escalate', 'puskesos.cinunuk'], ['case.need_decide', 'supervisor.cileunyi'],
    ]);
  });

  it('goes on to the kabupaten, is decided there by the Manajer SLRT, and comes back down to the village', async () => {
    const c = await aDecidedCase(t.deps, { decision: 'handle_directly' });
    const education = c.needs.find((n) => n.sector === 'education')!;
    const officer = await t.as('puskesos.cinunuk');
    const supervisor = await t.as('supervisor.cileunyi');
    const manager = await t.as('kabupaten');
    await officer.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Di luar kemampuan desa.', needIds: [education.id] });
    const up = await supervisor.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Butuh beasiswa kabupaten.', needIds: [education.id] });
    expect(up.body.needs.find((n: { id: string }) => n.id === education.id).holder).toMatchObject({ level: 'kabupaten', areaName: 'Kabupaten Bandung' });
    expect(ids(await supervisor.get('/api/v1/cases?list=escalated'))).not.toContain(c.id);
    expect(ids(await manager.get('/api/v1/cases?list=escalated'))).toContain(c.id);
    expect((await manager.get('/api/v1/notifications')).body.items.filter((n: { recordId: string }) => n.recordId === c.id).map((n: { kind: string }) => n.kind)).toEqual(['case.need_escalated']);
    expect((await supervisor.post(`/api/v1/cases/${c.id}/decide`, { decision: 'handle_directly', needIds: [education.id] })).status).toBe(403);
    const top = await manager.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'x', needIds: [education.id] });
    expect(top.status).toBe(409);

    const decided = await manager.post(`/api/v1/cases/${c.id}/decide`, { decision: 'handle_directly', needIds: [education.id] });
    expect(decided.body.needs.find((n: { id: string }) => n.id === education.id)).toMatchObject({ status: 'in_progress', decision: 'handle_directly' });
    // bad selections: a need of another case, a repeated id
    expect((await manager.post(`/api/v1/cases/${c.id}/send-back`, { reason: 'x', needIds: ['01900000-0000-7000-8000-000000000000'] })).body.error.fields).toHaveProperty(['needIds.0']);
    expect((await manager.post(`/api/v1/cases/${c.id}/send-back`, { reason: 'x', needIds: [education.id, education.id] })).status).toBe(400);

    const down = await manager.post(`/api/v1/cases/${c.id}/send-back`, { reason: 'Kecamatan melanjutkan.', needIds: [education.id] });
    expect(down.body.needs.find((n: { id: string }) => n.id === education.id)).toMatchObject({ holder: { level: 'kecamatan' }, decision: null });
    expect((await supervisor.get('/api/v1/notifications')).body.items.filter((n: { recordId: string }) => n.recordId === c.id).map((n: { kind: string }) => n.kind))
      .toEqual(['case.need_sent_back', 'case.need_escalated']);
    const home = await supervisor.post(`/api/v1/cases/${c.id}/send-back`, { reason: 'Desa melanjutkan.', needIds: [education.id] });
    expect(home.body.needs.find((n: { id: string }) => n.id === education.id)).toMatchObject({ heldApart: false, holder: { level: 'village' } });
    expect((await officer.get('/api/v1/notifications')).body.items.filter((n: { recordId: string }) => n.recordId === c.id).map((n: { kind: string }) => n.kind)).toEqual(['case.need_sent_back']);
    // with the case again: the village may close it
    expect((await officer.post(`/api/v1/cases/${c.id}/close`, { reason: 'withdrawn' })).status).toBe(200);
  });

  it('takes a need held apart back into the case when the whole case is escalated to its level', async () => {
    const c = await aDecidedCase(t.deps, { decision: 'refer' });
    const education = c.needs.find((n) => n.sector === 'education')!;
    const officer = await t.as('puskesos.cinunuk');
    await officer.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Sekolah di luar desa.', needIds: [education.id] });
    const whole = await officer.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Seluruh kasus ke kecamatan.' });
    expect(whole.body).toMatchObject({ level: 'kecamatan' });
    expect(whole.body.needs.every((n: { heldApart: boolean; holder: { level: string } }) => !n.heldApart && n.holder.level === 'kecamatan')).toBe(true);
    // a village officer cannot escalate a need the kecamatan holds
    expect((await officer.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'x', needIds: [education.id] })).status).toBe(403);
  });
});
