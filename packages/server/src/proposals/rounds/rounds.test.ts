import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutOffDateOf, nextPeriod } from '@slrt/core';
import { createTestApp, type TestApp, type TestClient } from '../../testing/test-app.ts';
import { CILEUNYI_WETAN, CINUNUK } from '../../registry/testing.ts';
import { aProposal, aVerifiedProposal, TINY_PNG, verifyAsProposed } from '../testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const thisMonth = () => today().slice(0, 7);

/** A multipart upload through the real route. */
async function upload(c: TestClient, url: string, bytes: Buffer, name = 'berkas.png') {
  const boundary = `----slrt${Date.now()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

const roundOf = async (proposalId: string) =>
  (await t.deps.db.query<{ round_id: string }>('SELECT round_id FROM proposals WHERE id = $1', [proposalId])).rows[0]!.round_id;

describe('round rules', () => {
  it('default to cut-off day 17 in the kabupaten\'s time zone, and only the kabupaten changes them', async () => {
    const c = await t.as('puskesos.cinunuk');
    const view = await c.get('/api/v1/proposal-settings');
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ cutOffDay: 17, timeZone: 'Asia/Jakarta', separateRatifier: false, today: today() });
    expect(view.body.currentCutOffDate).toBe(cutOffDateOf(view.body.currentPeriod, 17));
    expect((await c.put('/api/v1/proposal-settings', { cutOffDay: 20, timeZone: 'Asia/Jakarta', separateRatifier: false })).status).toBe(403);
    expect((await (await t.as('supervisor.cileunyi')).put('/api/v1/proposal-settings', { cutOffDay: 20, timeZone: 'Asia/Jakarta', separateRatifier: false })).status).toBe(403);
    const bad = await (await t.as('kabupaten')).put('/api/v1/proposal-settings', { cutOffDay: 0, timeZone: 'Asia/Jakarta', separateRatifier: false });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('cutOffDay');
  });

  it('put a proposal in this month\'s round up to the cut-off day and in the next month\'s after it; open rounds follow a new cut-off', async () => {
    const kab = await t.as('kabupaten');
    const day = Number(today().slice(8, 10));
    try {
      // cut-off on the last day of the month: today belongs to this month
      await kab.put('/api/v1/proposal-settings', { cutOffDay: 31, timeZone: 'Asia/Jakarta', separateRatifier: false });
      const a = await aProposal(t.deps);
      const viewA = (await kab.get(`/api/v1/proposals/${a.id}`)).body;
      expect(viewA.roundPeriod).toBe(thisMonth());
      expect(viewA.cutOffDate).toBe(cutOffDateOf(thisMonth(), 31));
      if (day > 1) {
        // cut-off yesterday: today already belongs to next month
        await kab.put('/api/v1/proposal-settings', { cutOffDay: day - 1, timeZone: 'Asia/Jakarta', separateRatifier: false });
        const b = await aProposal(t.deps);
        expect((await kab.get(`/api/v1/proposals/${b.id}`)).body.roundPeriod).toBe(nextPeriod(thisMonth()));
        // the open round of this month moved its cut-off to yesterday: A is now overdue
        const again = (await kab.get(`/api/v1/proposals/${a.id}`)).body;
        expect(again).toMatchObject({ cutOffDate: cutOffDateOf(thisMonth(), day - 1), overdue: true, daysToCutOff: -1 });
        expect((await kab.get('/api/v1/proposals/worklist')).body.overdue).toBeGreaterThan(0);
        expect((await kab.get('/api/v1/proposals?overdue=true&limit=200')).body.items.map((i: { id: string }) => i.id)).toContain(a.id);
      }
    } finally {
      await kab.put('/api/v1/proposal-settings', { cutOffDay: 17, timeZone: 'Asia/Jakarta', separateRatifier: false });
    }
  });
});

describe('the village round', () => {
  it('is sent with the minutes and attendance list of the deliberation; unvisited proposals move on', async () => {
    const verified = await aVerifiedProposal(t.deps);
    const waiting = await aProposal(t.deps);
    const roundId = await roundOf(verified.id);
    expect(await roundOf(waiting.id)).toBe(roundId);
    const c = await t.as('koordinator.cinunuk');

    const listed = await c.get(`/api/v1/proposal-rounds?area=${CINUNUK}`);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(roundId);
    const round = (await c.get(`/api/v1/proposal-rounds/${roundId}`)).body;
    expect(round).toMatchObject({ villageCode: CINUNUK, villageName: 'Cinunuk', status: 'open', documents: [] });
    expect(round.counts.verified).toBeGreaterThanOrEqual(1);

    const early = await c.post(`/api/v1/proposal-rounds/${roundId}/submit`, { basis: 'musdes', basisDate: today() });
    expect(early.status).toBe(409);
    expect(early.body.error.missing).toEqual(['minutes', 'attendance']);

    const minutes = await upload(c, `/api/v1/proposal-rounds/${roundId}/documents?kind=minutes`, TINY_PNG, 'berita-acara.png');
    expect(minutes.status).toBe(201);
    expect(minutes.body).toMatchObject({ kind: 'minutes', mimeType: 'image/png' });
    const notImage = await upload(c, `/api/v1/proposal-rounds/${roundId}/documents?kind=attendance`, Buffer.from('<html>hi</html>'), 'x.html');
    expect(notImage.status).toBe(415);
    expect((await upload(c, `/api/v1/proposal-rounds/${roundId}/documents?kind=attendance`, Buffer.concat([TINY_PNG, Buffer.from('daftar hadir')]))).status).toBe(201);
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/proposal-rounds/${roundId}`)).status).toBe(404);

    const future = await c.post(`/api/v1/proposal-rounds/${roundId}/submit`, { basis: 'musdes', basisDate: '2999-01-01' });
    expect(future.status).toBe(400);
    const sent = await c.post(`/api/v1/proposal-rounds/${roundId}/submit`, { basis: 'musdes', basisDate: today(), note: 'Musdes 15 warga' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'submitted', basis: 'musdes', submittedByName: 'Koordinator Puskesos Cinunuk' });
    expect(sent.body.documents.map((d: { kind: string }) => d.kind).sort()).toEqual(['attendance', 'minutes']);

    // the unvisited proposal moved to the next open round, the visited one stayed
    expect(await roundOf(verified.id)).toBe(roundId);
    const moved = await roundOf(waiting.id);
    expect(moved).not.toBe(roundId);
    const steps = (await c.get(`/api/v1/proposals/${waiting.id}`)).body.steps;
    expect(steps.at(-1)).toMatchObject({ action: 'carry-over', details: { fromRound: round.period } });
    // a sent round takes no more documents and is not sent twice
    expect((await upload(c, `/api/v1/proposal-rounds/${roundId}/documents?kind=photo`, Buffer.concat([TINY_PNG, Buffer.from('foto')]))).status).toBe(409);
    expect((await c.post(`/api/v1/proposal-rounds/${roundId}/submit`, { basis: 'musdes', basisDate: today() })).status).toBe(409);
    // proposals entering now join the next round, since this month's has gone
    const later = await aProposal(t.deps);
    expect(await roundOf(later.id)).not.toBe(roundId);

    // the supervisor reviews the whole round at once
    expect((await (await t.as('puskesos.cinunuk')).post(`/api/v1/proposal-rounds/${roundId}/review`, {})).status).toBe(403);
    const reviewed = await (await t.as('supervisor.cileunyi')).post(`/api/v1/proposal-rounds/${roundId}/review`, { note: 'Lengkap' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ round: { status: 'reviewed', reviewNote: 'Lengkap', reviewedByName: 'Supervisor Kecamatan Cileunyi' }, stale: 0 });
    expect(reviewed.body.reviewed).toBeGreaterThanOrEqual(1);
    expect((await t.deps.db.query('SELECT status FROM proposals WHERE id = $1', [verified.id])).rows[0]).toEqual({ status: 'reviewed' });
    // a re-verified proposal of a sent round is reviewed on its own
    await verifyAsProposed(t.deps, waiting.id);
  });

  it('may rest on a signed SPTJM instead of a deliberation, and is not sent empty', async () => {
    // another village of the kecamatan, whose round holds only this proposal
    const p = await aProposal(t.deps, { village: CILEUNYI_WETAN, as: 'supervisor.cileunyi' });
    const roundId = await roundOf(p.id);
    const c = await t.as('supervisor.cileunyi');
    expect((await upload(c, `/api/v1/proposal-rounds/${roundId}/documents?kind=sptjm`, Buffer.concat([TINY_PNG, Buffer.from('sptjm')]))).status).toBe(201);
    const empty = await c.post(`/api/v1/proposal-rounds/${roundId}/submit`, { basis: 'sptjm', basisDate: today() });
    expect(empty.status).toBe(409);
    expect(empty.body.error.message).toMatch(/no verified proposal/);
    // the Cinunuk facilitator cannot visit another village
    await expect(verifyAsProposed(t.deps, p.id)).rejects.toMatchObject({ code: 'not_found' });
    const made = await (await t.as('admin')).post('/api/v1/users', {
      username: 'fasilitator.wetan', displayName: 'Fasilitator Cileunyi Wetan', password: 'a-long-password-1', roles: [{ role: 'facilitator', areaCode: CILEUNYI_WETAN }],
    });
    expect(made.status).toBe(201);
    await verifyAsProposed(t.deps, p.id, { as: 'fasilitator.wetan' });
    expect((await c.post(`/api/v1/proposal-rounds/${roundId}/submit`, { basis: 'sptjm', basisDate: today() })).body.status).toBe('submitted');
  });

  it('keeps proposal evidence with the proposal and records it in its lineage', async () => {
    const p = await aProposal(t.deps);
    const fas = await t.as('fasilitator.cinunuk');
    const photo = await upload(fas, `/api/v1/proposals/${p.id}/documents?kind=photo`, Buffer.concat([TINY_PNG, Buffer.from('rumah')]), 'rumah.png');
    expect(photo.status).toBe(201);
    const view = (await fas.get(`/api/v1/proposals/${p.id}`)).body;
    expect(view.documents).toEqual([expect.objectContaining({ id: photo.body.id, kind: 'photo' })]);
    expect(view.steps.at(-1)).toMatchObject({ action: 'document.attached', details: { kind: 'photo' } });
    const file = await fas.get(`/api/v1/proposals/${p.id}/documents/${photo.body.id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/proposals/${p.id}/documents/${photo.body.id}`)).status).toBe(404);
    expect((await upload(fas, `/api/v1/proposals/${p.id}/documents?kind=selfie`, TINY_PNG)).status).toBe(400);
  });
});
