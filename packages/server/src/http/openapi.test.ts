import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { maskForLog } from '../app/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('API description and conventions', () => {
  it('publishes every route in the OpenAPI document', async () => {
    const res = await t.anonymous().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    const missing = t.app.routeTable.map((r) => `${r.method} ${r.url}`).filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
  });

  it('serves the API browser at /api/docs', async () => {
    const res = await t.anonymous().request('GET', '/api/docs/');
    expect(res.status).toBe(200);
  });

  it('answers unknown API paths in the one error shape', async () => {
    const res = await t.anonymous().get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('reports health with the migration version', async () => {
    const res = await t.anonymous().get('/api/v1/health');
    expect(res.body).toMatchObject({ status: 'ok', database: { reachable: true } });
    expect(res.body.migration).toBeGreaterThan(0);
  });

  it('never logs a NIK in clear', () => {
    expect(maskForLog('/api/v1/persons?nik=3204054107850001')).toBe('/api/v1/persons?nik=3204********0001');
  });
});
