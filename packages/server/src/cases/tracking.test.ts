import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';
import { aCase, aDecidedCase } from './testing.ts';
import { TRACK_RATE } from './routes.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('public tracking (/lacak)', () => {
  it('shows status, dates and sectors with the right four digits, and nothing personal', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Enok Sumarni' });
    const c = await aDecidedCase(t.deps, { person, decision: 'refer' });
    const nik4 = person.nik!.slice(-4);
    const res = await t.anonymous().get(`/api/v1/public/track/${c.code}?nik4=${nik4}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(res.body).sort()).toEqual(['closedAt', 'code', 'dueAt', 'level', 'needs', 'registeredAt', 'resolvedAt', 'status', 'updatedAt']);
    expect(res.body).toMatchObject({ code: c.code, status: 'in_progress', level: 'village', needs: [{ sector: 'health', status: 'open' }, { sector: 'education', status: 'open' }] });
    const body = JSON.stringify(res.body);
    for (const secret of ['Enok', person.nik!, person.id, person.householdId, c.id, 'Biaya berobat', 'Koordinator']) expect(body).not.toContain(secret);
    // the way people type it
    expect((await t.anonymous().get(`/api/v1/public/track/${c.code.replaceAll('-', '')}?nik4=${nik4}`)).status).toBe(200);
  });

  it('answers a wrong code and a wrong NIK the same, without personal data', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK });
    const c = await aCase(t.deps, { person });
    const nik4 = person.nik!.slice(-4);
    const wrongNik = String((Number(nik4) + 1) % 10_000).padStart(4, '0');
    const serial = Number(c.code.slice(-6));
    const wrongCode = `${c.code.slice(0, 10)}${String(serial + 500).padStart(6, '0')}`;
    const answers = await Promise.all([
      t.anonymous().get(`/api/v1/public/track/${c.code}?nik4=${wrongNik}`),
      t.anonymous().get(`/api/v1/public/track/${wrongCode}?nik4=${nik4}`),
      t.anonymous().get(`/api/v1/public/track/${c.code}`),
      t.anonymous().get(`/api/v1/public/track/not-a-code?nik4=${nik4}`),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body).toEqual(answers[0]!.body);
      expect(JSON.stringify(a.body)).not.toContain(c.code);
    }
  });

  it('works with the receipt PIN for a resident without a NIK', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, nik: null });
    const c = await aCase(t.deps, { person });
    expect((await t.anonymous().get(`/api/v1/public/track/${c.code}?nik4=${c.trackingPin}`)).status).toBe(200);
  });

  it('is rate-limited per client address', async () => {
    const anon = t.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i <= TRACK_RATE.max; i++) {
      statuses.push((await anon.request('GET', '/api/v1/public/track/3204-2601-000001?nik4=0000', undefined, { 'x-forwarded-for': '203.0.113.7' })).status);
    }
    expect(statuses.slice(0, TRACK_RATE.max).every((s) => s === 404)).toBe(true);
    const limited = await anon.request('GET', '/api/v1/public/track/3204-2601-000001?nik4=0000', undefined, { 'x-forwarded-for': '203.0.113.7' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    // another address is not held back
    expect((await anon.request('GET', '/api/v1/public/track/3204-2601-000001?nik4=0000', undefined, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(404);
  });
});
