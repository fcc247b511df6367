import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';
import { aCase, aDecidedCase } from './testing.ts';
import { TRACK_WRONG_PER_CLIENT, TRACK_WRONG_PER_CODE } from './tracking.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const track = (code: string, nik4?: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'GET', url: `/api/v1/public/track/${encodeURIComponent(code)}${nik4 === undefined ? '' : `?nik4=${nik4}`}`, remoteAddress })
    .then((r) => ({ status: r.statusCode, body: r.json(), headers: r.headers }));
const resetLimits = () => t.deps.db.query(`DELETE FROM rate_counters WHERE bucket LIKE 'track.%'`);

describe('public tracking (/lacak)', () => {
  it('shows status, dates and sectors for the random tracking code and the right four digits, and nothing personal', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Enok Sumarni' });
    const c = await aDecidedCase(t.deps, { person, decision: 'refer' });
    const nik4 = person.nik!.slice(-4);
    expect(c.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    const res = await track(c.trackingCode, nik4);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(res.body).sort()).toEqual(['closedAt', 'code', 'dueAt', 'level', 'needs', 'puskesos', 'registeredAt', 'resolvedAt', 'status', 'updatedAt']);
    expect(res.body).toMatchObject({ code: c.trackingCode, status: 'in_progress', level: 'village', needs: [{ sector: 'health', status: 'open' }, { sector: 'education', status: 'open' }] });
    const body = JSON.stringify(res.body);
    for (const secret of ['Enok', person.nik!, person.id, person.householdId, c.id, c.code, 'Biaya berobat', 'Koordinator']) expect(body).not.toContain(secret);
    // the way people type it: lower case, without the dash
    expect((await track(c.trackingCode.replace('-', '').toLowerCase(), nik4)).status).toBe(200);
  });

  it('says how to reach the Puskesos holding the case: its public contact from the profile, no officer', async () => {
    await t.deps.db.query(
      `UPDATE puskesos_profiles SET address = 'Kantor Desa Cinunuk, Jl. Raya Cinunuk 12', phone = '022 7800 123', opening_hours = 'Senin-Jumat 08.00-15.00' WHERE village_code = $1`,
      [CINUNUK],
    );
    const person = await aPerson(t.deps.db, { village: CINUNUK });
    const c = await aCase(t.deps, { person });
    const res = await track(c.trackingCode, person.nik!.slice(-4));
    expect(res.status).toBe(200);
    expect(res.body.puskesos).toEqual({
      villageName: 'Cinunuk', kecamatanName: 'Cileunyi', address: 'Kantor Desa Cinunuk, Jl. Raya Cinunuk 12', phone: '022 7800 123', openingHours: 'Senin-Jumat 08.00-15.00',
    });
  });

  it('answers a case number like any wrong code: 404, even with the right digits', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK });
    const c = await aCase(t.deps, { person });
    const nik4 = person.nik!.slice(-4);
    const wrongNik = String((Number(nik4) + 1) % 10_000).padStart(4, '0');
    const answers = await Promise.all([
      track(c.code, nik4),
      track(c.code.replaceAll('-', ''), nik4),
      track(c.trackingCode, wrongNik),
      track('23456-789AB', nik4),
      track(c.trackingCode),
      track('not-a-code', nik4),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body).toEqual(answers[0]!.body);
      expect(JSON.stringify(a.body)).not.toContain(c.code);
    }
    await resetLimits();
  });

  it('works with the receipt PIN for a resident without a NIK', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, nik: null });
    const c = await aCase(t.deps, { person });
    expect((await track(c.trackingCode, c.trackingPin!)).status).toBe(200);
  });

  it('limits wrong answers per code: then 429 for that code, in the error shape, whatever the address', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK });
    const c = await aCase(t.deps, { person });
    const nik4 = person.nik!.slice(-4);
    const wrong = String((Number(nik4) + 1) % 10_000).padStart(4, '0');
    // concurrent guesses from many addresses: never more than the limit are checked
    const guesses = await Promise.all(Array.from({ length: TRACK_WRONG_PER_CODE.max + 15 }, (_, i) => track(c.trackingCode, wrong, `198.51.100.${i + 1}`)));
    expect(guesses.filter((g) => g.status === 404)).toHaveLength(TRACK_WRONG_PER_CODE.max);
    const limited = guesses.find((g) => g.status === 429)!;
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', message: expect.any(String) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // the right answer too, for this code, for the rest of the window; another code is not held back
    expect((await track(c.trackingCode, nik4, '198.51.100.200')).status).toBe(429);
    const other = await aCase(t.deps, { person });
    expect((await track(other.trackingCode, nik4, '198.51.100.201')).status).toBe(200);
    await resetLimits();
  });

  it('limits wrong answers per client address, and a forged X-Forwarded-For does not escape it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= TRACK_WRONG_PER_CLIENT.max; i++) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/track/23456-789A${'BCDEFGHJKMNPQRSTUVWXYZ'[i % 22]}?nik4=0000`, remoteAddress: '203.0.113.7', headers: { 'x-forwarded-for': `192.0.2.${i}` } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, TRACK_WRONG_PER_CLIENT.max).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // another address is not held back; right answers do not count
    expect((await track('23456-789AB', '0000', '203.0.113.8')).status).toBe(404);
    await resetLimits();
  });
});
