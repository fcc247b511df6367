import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('areas', () => {
  it('holds every area of Indonesia', async () => {
    const { rows } = await t.deps.db.query<{ level: string; n: number }>('SELECT level, count(*)::int AS n FROM areas GROUP BY level');
    const n = Object.fromEntries(rows.map((r) => [r.level, r.n]));
    expect(n.province).toBe(38);
    expect(n.kabupaten).toBe(514);
    expect(n.village).toBeGreaterThan(83_000);
  });

  it('lists the 31 kecamatan of Kabupaten Bandung and its 280 villages', async () => {
    const c = await t.as('puskesos.cinunuk');
    const kec = await c.get('/api/v1/areas?parent=32.04');
    expect(kec.status).toBe(200);
    expect(kec.body.items).toHaveLength(31);
    expect(kec.body.items.every((a: { level: string }) => a.level === 'kecamatan')).toBe(true);
    const villages = await t.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas WHERE code LIKE '32.04.%' AND level = 'village'`);
    expect(villages.rows[0]?.n).toBe(280);
  });

  it('keys villages by code: Mekarsari appears more than once in Kabupaten Bandung', async () => {
    const { rows } = await t.deps.db.query<{ code: string; kecamatan: string }>(
      `SELECT v.code, k.name AS kecamatan FROM areas v JOIN areas k ON k.code = v.parent_code WHERE v.code LIKE '32.04.%' AND v.name = 'Mekarsari'`);
    expect(rows.length).toBeGreaterThan(1);
    expect(new Set(rows.map((r) => r.kecamatan)).size).toBe(rows.length);
  });

  it('shows one area with its parents, and accepts the undotted code', async () => {
    const c = await t.as('eksekutif');
    const res = await c.get('/api/v1/areas/32.04.05.2004');
    expect(res.body).toMatchObject({ code: '32.04.05.2004', name: 'Cinunuk', level: 'village', parentCode: '32.04.05' });
    expect(res.body.parents.map((p: { code: string }) => p.code)).toEqual(['32', '32.04', '32.04.05']);
    expect((await c.get('/api/v1/areas/3204052004')).body.code).toBe('32.04.05.2004');
    expect((await c.get('/api/v1/areas/32.04.05.9999')).status).toBe(404);
    const bad = await c.get('/api/v1/areas?parent=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('parent');
  });
});
