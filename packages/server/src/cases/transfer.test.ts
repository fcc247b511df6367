import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as t_ } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { CILEUNYI_WETAN, CINUNUK, SOREANG } from '../registry/testing.ts';
import { aReferral } from '../referrals/testing.ts';
import { aCase, aCaseDocument, aRecommendedCase } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const REASON = 'Warga pindah domisili ke Soreang.';
const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);

describe('transferring a case to another village (issue 5)', () => {
  it('moves the case with its needs, referrals and whole timeline: the source officer loses it, the target officer gains it', async () => {
    const r = await aReferral(t.deps);
    await aCaseDocument(t.deps, r.caseId);
    const officer = await t.as('puskesos.cinunuk');
    const soreang = await t.as('puskesos.soreang');
    const partner = await t.as('mitra.dinkes');
    await officer.post(`/api/v1/cases/${r.caseId}/assign`, { assigneeId: null });
    const before = (await officer.get(`/api/v1/cases/${r.caseId}`)).body;
    expect(before.allowedActions).toContain('transfer');
    expect((await soreang.get(`/api/v1/cases/${r.caseId}`)).status).toBe(404);

    const res = await officer.post(`/api/v1/cases/${r.caseId}/transfer`, { villageCode: SOREANG, reason: REASON });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: r.caseId, code: before.code, villageCode: SOREANG, villageName: expect.stringMatching(/soreang/i), case: null });

    // the source officer no longer reaches the case nor, through its referral, the resident
    expect((await officer.get(`/api/v1/cases/${r.caseId}`)).status).toBe(404);
    expect(ids(await officer.get('/api/v1/cases?list=all&limit=200'))).not.toContain(r.caseId);
    expect((await officer.post(`/api/v1/cases/${r.caseId}/notes`, { text: 'x' })).status).toBe(404);
    expect((await officer.get(`/api/v1/referrals/${r.id}`)).status).toBe(404);

    // the target officer works it, with the whole history
    const after = await soreang.get(`/api/v1/cases/${r.caseId}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ villageCode: SOREANG, status: before.status, level: before.level, decision: 'refer', canWork: true, acceptsReferrals: true, assignedTo: null });
    // the needs move as they were; the office holding them is now Soreang's
    const withoutHolder = (needs: Array<Record<string, unknown>>) => needs.map(({ holder: _holder, ...n }) => n);
    expect(withoutHolder(after.body.needs)).toEqual(withoutHolder(before.needs));
    for (const n of after.body.needs) expect(n.holder).toMatchObject({ level: 'village', areaCode: SOREANG });
    expect(after.body.documents).toEqual(before.documents);
    expect(after.body.letters).toEqual(before.letters);
    expect(after.body.timeline.slice(0, before.timeline.length)).toEqual(before.timeline);
    expect(after.body.timeline.at(-1)).toMatchObject({
      action: 'transferred', fromStatus: 'in_progress', toStatus: 'in_progress', actor: { name: 'Petugas Puskesos Cinunuk' },
      details: { reason: REASON, fromVillageCode: CINUNUK, toVillageCode: SOREANG, referralsMoved: 1 },
    });
    expect(after.body.firstActionAt).toBe(before.firstActionAt);
    expect(ids(await soreang.get('/api/v1/cases?list=all&limit=200'))).toContain(r.caseId);
    expect((await soreang.post(`/api/v1/cases/${r.caseId}/notes`, { text: 'Diterima dari Cinunuk.' })).status).toBe(200);

    // the referral stays linked to the case and follows it: Soreang now refers (and may revoke), the partner still serves it
    expect(ids(await soreang.get(`/api/v1/referrals?caseId=${r.caseId}`))).toEqual([r.id]);
    const referral = await soreang.get(`/api/v1/referrals/${r.id}`);
    expect(referral.body).toMatchObject({ caseId: r.caseId, status: 'sent', allowedActions: ['cancel'] });
    expect((await partner.get(`/api/v1/referrals/${r.id}`)).status).toBe(200);

    const { rows: needs } = await t.deps.db.query<{ village_code: string }>('SELECT village_code FROM case_needs WHERE case_id = $1', [r.caseId]);
    expect(needs.map((n) => n.village_code)).toEqual(needs.map(() => SOREANG));
    const { rows: audit } = await t.deps.db.query<{ action: string; actor_name: string; details: Record<string, unknown> }>(
      `SELECT action, actor_name, details FROM audit_events WHERE action = 'case.transfer' AND $1 = ANY(record_ids)`, [r.caseId]);
    expect(audit).toEqual([{ action: 'case.transfer', actor_name: 'puskesos.cinunuk', details: expect.objectContaining({ fromVillage: CINUNUK, toVillage: SOREANG }) }]);

    // Soreang is told of the case, and the partner's answer about the referral reaches Soreang, not the old sender
    const about = async (who: typeof officer, id: string) => ((await who.get('/api/v1/notifications')).body.items as Array<{ kind: string; recordId: string }>)
      .filter((n) => n.recordId === id).map((n) => n.kind);
    expect(await about(soreang, r.caseId)).toEqual(['case.transferred']);
    expect((await partner.post(`/api/v1/referrals/${r.id}/accept`, {})).status).toBe(200);
    expect(await about(soreang, r.id)).toEqual(['referral.accepted']);
    expect(await about(officer, r.id)).toEqual([]);
  });

  it('answers with the case when the caller still covers the target (a supervisor within the kecamatan)', async () => {
    const c = await aCase(t.deps);
    const res = await (await t.as('supervisor.cileunyi')).post(`/api/v1/cases/${c.id}/transfer`, { villageCode: CILEUNYI_WETAN, reason: 'Alamat warga ternyata di Cileunyi Wetan.' });
    expect(res.status).toBe(200);
    expect(res.body.case).toMatchObject({ id: c.id, villageCode: CILEUNYI_WETAN, status: 'registered' });
    expect(res.body.case.timeline.at(-1)).toMatchObject({ action: 'transferred', actor: { name: 'Supervisor Kecamatan Cileunyi' } });
  });

  it('refuses a role without cases.work (403) and a village officer on a case escalated above the village (403)', async () => {
    const c = await aRecommendedCase(t.deps);
    for (const who of ['eksekutif', 'mitra.dinkes', 'auditor']) {
      expect((await (await t.as(who)).post(`/api/v1/cases/${c.id}/transfer`, { villageCode: SOREANG, reason: REASON })).status, who).toBe(403);
    }
    const officer = await t.as('puskesos.cinunuk');
    expect((await officer.post(`/api/v1/cases/${c.id}/escalate`, { reason: 'Di luar kemampuan desa.' })).status).toBe(200);
    const res = await officer.post(`/api/v1/cases/${c.id}/transfer`, { villageCode: SOREANG, reason: REASON });
    expect(res.status).toBe(403);
    expect((await (await t.as('kabupaten')).get(`/api/v1/cases/${c.id}`)).body.villageCode).toBe(CINUNUK);
  });

  it('answers 404 outside the caller\'s area, whatever the body', async () => {
    const c = await aCase(t.deps);
    const soreang = await t.as('puskesos.soreang');
    expect((await soreang.post(`/api/v1/cases/${c.id}/transfer`, { villageCode: SOREANG, reason: REASON })).status).toBe(404);
    expect((await soreang.post(`/api/v1/cases/${c.id}/transfer`, {})).status).toBe(404);
    expect((await soreang.post('/api/v1/cases/01900000-0000-7000-8000-000000000000/transfer', { villageCode: SOREANG, reason: REASON })).status).toBe(404);
  });

  it('answers 400 naming villageCode for a target that is not another village of the kabupaten', async () => {
    const c = await aCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    const cases: Array<[unknown, string | null]> = [
      [{ reason: REASON }, null],
      [{ villageCode: '32.04.05', reason: REASON }, 'case.transfer_not_village'],
      [{ villageCode: 'Soreang', reason: REASON }, 'case.transfer_not_village'],
      [{ villageCode: '32.73.01.1001', reason: REASON }, 'case.transfer_other_kabupaten'],
      [{ villageCode: CINUNUK, reason: REASON }, 'case.transfer_same_village'],
      [{ villageCode: '32.04.05.2999', reason: REASON }, 'case.transfer_unknown_village'],
    ];
    for (const [body, key] of cases) {
      const res = await officer.post(`/api/v1/cases/${c.id}/transfer`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields, JSON.stringify(body)).toHaveProperty('villageCode');
      if (key) expect([t_('id', key), t_('en', key)], JSON.stringify(body)).toContain(res.body.error.fields.villageCode);
    }
    const noReason = await officer.post(`/api/v1/cases/${c.id}/transfer`, { villageCode: SOREANG });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toHaveProperty('reason');
    // undotted digits are read as the code
    expect((await officer.post(`/api/v1/cases/${c.id}/transfer`, { villageCode: SOREANG.replaceAll('.', ''), reason: REASON })).body.villageCode).toBe(SOREANG);
  });

  it('answers 409 with the allowed actions for a closed or resolved case, and moves nothing', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const c = await aCase(t.deps);
    await officer.post(`/api/v1/cases/${c.id}/close`, { reason: 'withdrawn' });
    const res = await officer.post(`/api/v1/cases/${c.id}/transfer`, { villageCode: SOREANG, reason: REASON });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'invalid_transition', status: 'closed', allowedActions: [] });
    const still = (await officer.get(`/api/v1/cases/${c.id}`)).body;
    expect(still.villageCode).toBe(CINUNUK);
    expect(still.timeline.map((e: { action: string }) => e.action)).not.toContain('transferred');
  });
});
