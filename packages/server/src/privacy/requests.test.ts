import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataRequest } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';
import { aCase } from '../cases/testing.ts';
import { scanOverdueRequests } from './requests.ts';

/**
 * Data-subject requests through the API: the 3 x 24 hour clock, overdue marks and the DPO's
 * notification, refusals with their ground, and a restriction that hides the person from
 * another officer's search.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const HOUR = 3_600_000;

async function request(body: Record<string, unknown>) {
  return (await t.as('dpo')).post('/api/v1/data-requests', body);
}

describe('POST /api/v1/data-requests', () => {
  it('records a request with dueAt 72 hours after receipt for access, correction and restriction', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK });
    for (const kind of ['access', 'correction', 'restriction'] as const) {
      const before = Date.now();
      const res = await request({ personId: p.id, kind, channel: 'walk_in', details: 'Ingin tahu data saya.', identityCheck: 'KTP asli diperlihatkan' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(['dueAt', 'id', 'status']);
      expect(res.body.status).toBe('received');
      const due = Date.parse(res.body.dueAt!);
      expect(due - before).toBeGreaterThanOrEqual(72 * HOUR - 1000);
      expect(due - Date.now()).toBeLessThanOrEqual(72 * HOUR);
      const row = (await t.deps.db.query<{ received_at: Date; due_at: Date }>('SELECT received_at, due_at FROM data_requests WHERE id = $1', [res.body.id])).rows[0]!;
      expect(row.due_at.getTime() - row.received_at.getTime()).toBe(72 * HOUR);
    }
    for (const kind of ['objection', 'deletion', 'consent_withdrawal'] as const) {
      const res = await request({ personId: p.id, kind, channel: 'letter', details: 'Surat permintaan.' });
      expect(res.status).toBe(201);
      expect(res.body.dueAt).toBeNull();
    }
  });

  it('answers 400 naming the field for a bad kind, channel, missing details or unknown person; 403 for others', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK });
    const base = { personId: p.id, kind: 'access', channel: 'phone', details: 'x' };
    for (const [field, body] of [
      ['kind', { ...base, kind: 'erase' }], ['channel', { ...base, channel: 'whatsapp' }], ['details', { ...base, details: '' }],
      ['personId', { ...base, personId: 'nope' }], ['personId', { ...base, personId: '01900000-0000-7000-8000-000000000000' }],
    ] as const) {
      const res = await request(body);
      expect(res.status, field).toBe(400);
      expect(Object.keys(res.body.error.fields), field).toEqual([field]);
    }
    for (const who of ['auditor', 'puskesos.cinunuk', 'kabupaten', 'eksekutif']) {
      expect((await (await t.as(who)).post('/api/v1/data-requests', base)).status, who).toBe(403);
    }
  });
});

describe('the DPO\'s worklist and the clock', () => {
  it('marks a request overdue once its 72 hours pass, and notifies the DPO once', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Asep Saepudin' });
    const created = await request({ personId: p.id, kind: 'access', channel: 'walk_in', details: 'Minta salinan data.' });
    const dpo = await t.as('dpo');
    const list = async () => (await dpo.get<{ items: DataRequest[] }>('/api/v1/data-requests?status=open&limit=200')).body.items;
    expect((await list()).find((r) => r.id === created.body.id)).toMatchObject({ overdue: false, personName: 'Asep Saepudin', status: 'received' });
    // 73 hours later
    await t.deps.db.query(`UPDATE data_requests SET received_at = received_at - interval '73 hours', due_at = due_at - interval '73 hours' WHERE id = $1`, [created.body.id]);
    const mine = (await list()).find((r) => r.id === created.body.id)!;
    expect(mine.overdue).toBe(true);
    expect((await list())[0]!.id).toBe(created.body.id);
    expect(await scanOverdueRequests(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await scanOverdueRequests(t.deps)).toBe(0);
    const notes = await dpo.get<{ items: Array<{ kind: string; recordId: string; message: string }> }>('/api/v1/notifications');
    const note = notes.body.items.filter((n) => n.kind === 'data_request.overdue' && n.recordId === created.body.id);
    expect(note).toHaveLength(1);
    expect(note[0]!.message).toContain('3 x 24');
    // the auditor oversees (reads), the DPO answers
    expect((await (await t.as('auditor')).get(`/api/v1/data-requests/${created.body.id}`)).status).toBe(200);
    expect((await (await t.as('auditor')).post(`/api/v1/data-requests/${created.body.id}/answer`, { action: 'answer', answer: 'x' })).status).toBe(403);
  });
});

describe('POST /api/v1/data-requests/:id/answer', () => {
  it('refuses a deletion on the public-interest ground (art. 15) and records it; refuses that ground for access and correction', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK });
    const dpo = await t.as('dpo');
    const deletion = await request({ personId: p.id, kind: 'deletion', channel: 'letter', details: 'Hapus semua data saya.' });
    const refused = await dpo.post<DataRequest>(`/api/v1/data-requests/${deletion.body.id}/answer`, {
      action: 'refuse', ground: 'public_interest_law', answer: 'Data diproses untuk melaksanakan Peraturan tentang SLRT dan DTSEN.',
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', refusalGround: 'public_interest_law', overdue: false });
    expect(refused.body.closedAt).toBeTruthy();
    const audit = await t.deps.db.query<{ details: { ground: string } }>(`SELECT details FROM audit_events WHERE action = 'data_request.refuse' AND $1 = ANY(record_ids)`, [deletion.body.id]);
    expect(audit.rows[0]?.details.ground).toBe('public_interest_law');
    // closed: no second answer
    const again = await dpo.post(`/api/v1/data-requests/${deletion.body.id}/answer`, { action: 'answer', answer: 'Sudah dihapus.' });
    expect(again.status).toBe(409);

    for (const kind of ['access', 'correction'] as const) {
      const r = await request({ personId: p.id, kind, channel: 'walk_in', details: 'Permintaan.' });
      const res = await dpo.post(`/api/v1/data-requests/${r.body.id}/answer`, { action: 'refuse', ground: 'public_interest_law', answer: 'Tidak.' });
      expect(res.status, kind).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['ground']);
      expect(res.body.error.fields.ground).toMatch(/Pasal 15|art\. 15/);
    }
  });

  it('a granted restriction hides the person from another officer\'s search, not from the officer holding the case', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Euis Komariah' });
    await aCase(t.deps, { person: p });
    const manager = await t.as('kabupaten');
    const search = async (who: typeof manager, q: string) => (await who.get<{ items: Array<{ id: string; restrictionReason?: string }> }>(`/api/v1/persons?${q}`)).body.items;
    expect((await search(manager, `nik=${p.nik}`)).map((x) => x.id)).toEqual([p.id]);

    const r = await request({ personId: p.id, kind: 'restriction', channel: 'walk_in', details: 'Jangan proses data saya selama sengketa.' });
    const dpo = await t.as('dpo');
    const missingReason = await dpo.post(`/api/v1/data-requests/${r.body.id}/answer`, { action: 'answer', answer: 'Dibatasi.' });
    expect(missingReason.status).toBe(400);
    expect(Object.keys(missingReason.body.error.fields)).toEqual(['restrictionReason']);
    const answered = await dpo.post<DataRequest>(`/api/v1/data-requests/${r.body.id}/answer`, {
      action: 'answer', answer: 'Pemrosesan dibatasi.', restrictionReason: 'Sengketa data, permintaan warga 2026',
    });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('answered');

    expect(await search(manager, `nik=${p.nik}`)).toEqual([]);
    expect((await search(manager, 'q=Euis Komariah')).map((x) => x.id)).not.toContain(p.id);
    const holder = await search(await t.as('puskesos.cinunuk'), `nik=${p.nik}`);
    expect(holder.map((x) => x.id)).toEqual([p.id]);
    expect(holder[0]!.restrictionReason).toBe('Sengketa data, permintaan warga 2026');
    const lookup = await dpo.get(`/api/v1/privacy/persons?nik=${p.nik}`);
    expect(lookup.body.restriction.reason).toBe('Sengketa data, permintaan warga 2026');
  });
});
