import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreakGlassCreated, BreakGlassGrant, listOf, PersonView } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';

/** Break-glass through the API: a reason opens a record outside the scope for a short time; the DPO is told and reviews. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('break-glass', () => {
  it('opens a record outside the caller\'s scope only with a reason, for a short time, and the DPO reviews it', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Mamat Rahmat' });
    const soreang = await t.as('puskesos.soreang');
    expect((await soreang.get(`/api/v1/persons/${p.id}`)).status).toBe(404);

    const short = await soreang.post('/api/v1/break-glass', { personId: p.id, reason: 'darurat' });
    expect(short.status).toBe(400);
    expect(Object.keys(short.error?.fields ?? {})).toEqual(['reason']);
    const grant = await soreang.post('/api/v1/break-glass', { personId: p.id, reason: 'Warga pingsan di loket Soreang, perlu data BPJS-nya.' }, BreakGlassCreated);
    expect(grant.status, JSON.stringify(grant.body)).toBe(201);
    const minutes = (Date.parse(grant.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);

    const opened = await soreang.get(`/api/v1/persons/${p.id}`, PersonView);
    expect(opened.status).toBe(200);
    expect(opened.body.fullName).toBe('Mamat Rahmat');
    const read = await t.deps.db.query<{ purpose: string; details: { breakGlass: string } }>(
      `SELECT purpose, details FROM audit_events WHERE action = 'person.read' AND actor_name = 'puskesos.soreang' AND $1 = ANY(record_ids) ORDER BY seq DESC LIMIT 1`, [p.id],
    );
    expect(read.rows[0]).toMatchObject({ purpose: 'privacy.break_glass', details: { breakGlass: grant.body.id } });

    // the DPO is told, sees it among the unreviewed, and flags it
    const dpo = await t.as('dpo');
    const notes = await dpo.get<{ items: Array<{ kind: string; recordId: string }> }>('/api/v1/notifications');
    expect(notes.body.items.some((n) => n.kind === 'break_glass.granted' && n.recordId === grant.body.id)).toBe(true);
    const list = await dpo.get('/api/v1/break-glass?unreviewed=true', listOf(BreakGlassGrant));
    expect(list.body.items.find((g) => g.id === grant.body.id)).toMatchObject({ user: 'puskesos.soreang', personName: 'Mamat Rahmat', review: null });
    const flagged = await dpo.post(`/api/v1/break-glass/${grant.body.id}/review`, { review: 'flagged', note: 'Tidak ada catatan kejadian di loket.' }, BreakGlassGrant);
    expect(flagged.status).toBe(200);
    expect(flagged.body.review).toBe('flagged');
    expect((await dpo.post(`/api/v1/break-glass/${grant.body.id}/review`, { review: 'approved' })).status).toBe(409);

    // the grant ends
    await t.deps.db.query(`UPDATE break_glass_grants SET expires_at = now() - interval '1 minute' WHERE id = $1`, [grant.body.id]);
    expect((await soreang.get(`/api/v1/persons/${p.id}`)).status).toBe(404);
  });

  it('is refused to roles without it (403) and for an unknown person (400 naming personId)', async () => {
    for (const who of ['auditor', 'eksekutif', 'mitra.dinkes']) {
      expect((await (await t.as(who)).post('/api/v1/break-glass', { personId: '01900000-0000-7000-8000-000000000000', reason: 'Alasan yang cukup panjang.' })).status, who).toBe(403);
    }
    const res = await (await t.as('puskesos.soreang')).post('/api/v1/break-glass', { personId: '01900000-0000-7000-8000-000000000000', reason: 'Alasan yang cukup panjang.' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.error?.fields ?? {})).toEqual(['personId']);
  });
});
