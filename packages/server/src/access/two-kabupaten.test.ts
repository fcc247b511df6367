import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_AREA_LEVEL, roleHasPermission, ROLES, StatsOverview, type Permission, type Role, type RoleGrantInput } from '@slrt/core';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/seed.ts';
import { newId } from '../db/ids.ts';
import { createUserDirect } from '../users/service.ts';
import { hashPassword } from '../auth/password.ts';
import { villagesOf } from '../areas/public.ts';
import { generateHouseholds } from '../registry/synthetic/generator.ts';
import { loadSynthetic } from '../registry/synthetic/load.ts';
import { aPerson } from '../registry/testing.ts';
import { aCase } from '../cases/testing.ts';
import { OpenApiSampler } from '../testing/openapi-sample.ts';
import { sendPlausible } from '../testing/plausible-request.ts';
import { NOT_AREA_SCOPED, SCOPE_FIXTURES } from '../testing/scope-fixtures.ts';
import type { RouteEntry } from '../app/app.ts';

/**
 * One installation serving two kabupaten (Kabupaten Bandung 32.04 with the demo, Kota Bandung
 * 32.73 with a synthetic population and a user of every role): no route lets a user of one
 * reach a row of the other, and the province office (Dinas Sosial Provinsi) sees both in
 * aggregates only. Personal rows are recognised by their ids and NIKs, read from the database.
 */
let t: TestApp;
let sampler: OpenApiSampler;
const KOTA = '32.73';
let kotaKec = '';
let kotaVillage = '';
const clientsA = new Map<Role, TestClient>();
const clientsB = new Map<Role, TestClient>();
let province: TestClient;

/** The ids and NIK/KK numbers of a kabupaten's personal rows. */
async function personalTokens(kab: string): Promise<Set<string>> {
  return t.asOwner(async (tx) => {
    const { rows } = await tx.query<{ token: string }>(
      `SELECT id::text AS token FROM persons WHERE kab_code = $1 UNION SELECT nik FROM persons WHERE kab_code = $1 AND nik IS NOT NULL
       UNION SELECT id::text FROM households WHERE kab_code = $1 UNION SELECT id::text FROM cases WHERE kab_code = $1
       UNION SELECT tracking_code FROM cases WHERE kab_code = $1 UNION SELECT id::text FROM referrals WHERE kab_code = $1
       UNION SELECT id::text FROM proposals WHERE kab_code = $1 UNION SELECT id::text FROM organizations WHERE kab_code = $1`,
      [kab],
    );
    return new Set(rows.map((r) => r.token));
  });
}

/** The tokens of `body` (uuids, 16-digit numbers, tracking codes) that belong to `foreign`. */
function leaks(body: unknown, foreign: Set<string>): string[] {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const found = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{16}|[A-Z0-9]{3,}-[A-Z0-9-]{4,}/g) ?? [];
  return [...new Set(found.filter((x) => foreign.has(x)))];
}

beforeAll(async () => {
  t = await createTestApp({ kabupatenCodes: ['32.04', KOTA] });
  sampler = new OpenApiSampler(t.app);
  const villages = (await villagesOf(t.deps.db, KOTA)).map((v) => v.code).sort();
  kotaVillage = villages[0]!;
  kotaKec = kotaVillage.split('.').slice(0, 3).join('.');
  // residents on both sides, NIKs issued in their own kecamatan or in Bandung Barat (never in the other)
  await loadSynthetic(t.deps.db, generateHouseholds({ persons: 300, seed: 3273, villages: villages.slice(0, 3), foreignKecamatan: ['32.17.01'] }), { sourceId: 'synthetic:3273' });
  await loadSynthetic(t.deps.db, generateHouseholds({ persons: 300, seed: 3204, villages: ['32.04.05.2004', '32.04.37.2001'], foreignKecamatan: ['32.17.01'] }), { sourceId: 'synthetic:3204' });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const org = newId();
  await t.asOwner((tx) => tx.query('INSERT INTO organizations (id, kab_code, name, type) VALUES ($1, $2, $3, $4)', [org, '3273', 'Dinas Kesehatan Kota Bandung', 'government']));
  for (const role of ROLES) {
    if (role === 'province_executive') continue;
    const level = ROLE_AREA_LEVEL[role];
    const grant = (role === 'partner_officer'
      ? { role, organizationId: org }
      : { role, areaCode: level === 'kabupaten' ? KOTA : level === 'kecamatan' ? kotaKec : kotaVillage }) as RoleGrantInput;
    await createUserDirect(t.deps.db, '3273', { username: `kota.${role}`, displayName: `Kota ${role}`, password: DEMO_PASSWORD, passwordHash, roles: [grant] });
    clientsB.set(role, await t.as(`kota.${role}`));
  }
  for (const u of DEMO_USERS) {
    const role = u.roles('00000000-0000-0000-0000-000000000000')[0]!.role;
    if (role === 'province_executive') province = await t.as(u.username);
    else if (!clientsA.has(role)) clientsA.set(role, await t.as(u.username));
  }
  // a case on each side, written by each kabupaten's own officer
  await aCase(t.deps, { as: 'kota.puskesos_officer', person: await aPerson(t.deps.db, { village: kotaVillage }) });
  await aCase(t.deps);
}, 600_000);
afterAll(() => t.close());

const listRoutes = () => t.app.routeTable.filter((r) => r.method === 'GET' && !/:\w+/.test(r.url) && r.permission !== 'public' && r.permission !== 'authenticated');
const holds = (role: Role, r: RouteEntry) => roleHasPermission(role, r.permission as Permission);

describe('two kabupaten in one installation', () => {
  it('keeps each kabupaten its own accounts, settings and audit chain', async () => {
    const { rows: heads } = await t.deps.db.query<{ kab_code: string }>('SELECT kab_code FROM audit_heads ORDER BY kab_code');
    expect(heads.map((h) => h.kab_code)).toEqual(expect.arrayContaining(['3204', '3273']));
    const { rows: caseKabs } = await t.deps.db.query<{ kab_code: string; n: number }>('SELECT kab_code, count(*)::int AS n FROM cases GROUP BY kab_code ORDER BY kab_code');
    expect(caseKabs.map((c) => c.kab_code)).toEqual(expect.arrayContaining(['3204', '3273']));
    // the Kota's manager changes the Kota's days to first action; the Kabupaten's stay as they were
    const managerB = clientsB.get('kabupaten_manager')!;
    const before = (await clientsA.get('kabupaten_manager')!.get('/api/v1/cases/settings/sla')).body;
    const changed = { ...(await managerB.get('/api/v1/cases/settings/sla')).body, normal: 9 };
    expect((await managerB.put('/api/v1/cases/settings/sla', changed)).status).toBe(200);
    expect((await clientsA.get('kabupaten_manager')!.get('/api/v1/cases/settings/sla')).body).toEqual(before);
    // the Kota's admin lists only the Kota's accounts, and grants nothing in the Kabupaten
    const users = (await clientsB.get('admin')!.get('/api/v1/users?limit=100')).body.items as Array<{ username: string }>;
    expect(users.length).toBeGreaterThan(5);
    expect(users.every((u) => u.username.startsWith('kota.'))).toBe(true);
    const grant = await clientsB.get('admin')!.post('/api/v1/users', { username: 'kota.salah', displayName: 'Salah', password: 'kata-sandi-panjang-1', roles: [{ role: 'puskesos_officer', areaCode: '32.04.05.2004' }] });
    expect(grant.status).toBe(400);
    expect(Object.keys(grant.error?.fields ?? {})).toContain('roles.0.areaCode');
    // each kabupaten's auditor verifies its own chain
    const verify = await clientsB.get('auditor')!.get('/api/v1/audit/verify');
    expect(verify.status).toBe(200);
    expect(JSON.stringify(verify.body)).not.toContain('"3204"');
  });

  it('answers 404 to every user of the other kabupaten on every route with a record parameter', async () => {
    const scoped = t.app.routeTable.filter((r) => /:\w+/.test(r.url) && r.permission !== 'public' && r.permission !== 'authenticated' && SCOPE_FIXTURES[r.url] && !NOT_AREA_SCOPED.has(r.url));
    expect(scoped.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let checked = 0;
    for (const r of scoped) {
      const params = await SCOPE_FIXTURES[r.url]!(t);
      const url = r.url.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? '01900000-0000-7000-8000-000000000000');
      for (const [role, client] of clientsB) {
        if (!holds(role, r)) continue;
        const res = await sendPlausible(sampler, client, r, url);
        checked++;
        if (res.status !== 404) failures.push(`kota ${role} ${r.method} ${r.url}: expected 404, got ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    // the Kota's kabupaten-wide roles are among those checked (a whole kabupaten is still not the other)
    expect(checked).toBeGreaterThan(scoped.length * 2);
  }, 300_000);

  it('answers 404 to the Kabupaten on the Kota\'s resident and case', async () => {
    const { rows } = await t.deps.db.query<{ id: string; hh: string }>("SELECT id, household_id AS hh FROM persons WHERE kab_code = '3273' LIMIT 1");
    const { rows: cases } = await t.deps.db.query<{ id: string }>("SELECT id FROM cases WHERE kab_code = '3273' LIMIT 1");
    for (const role of ['kabupaten_manager', 'supervisor', 'puskesos_officer'] as const) {
      const c = clientsA.get(role)!;
      expect((await c.get(`/api/v1/persons/${rows[0]!.id}`)).status, role).toBe(404);
      expect((await c.get(`/api/v1/households/${rows[0]!.hh}`)).status, role).toBe(404);
      expect((await c.get(`/api/v1/cases/${cases[0]!.id}`)).status, role).toBe(404);
    }
  });

  it('lists, searches, worklists, boards and exports of one kabupaten carry no row of the other', async () => {
    const tokensA = await personalTokens('3204');
    const tokensB = await personalTokens('3273');
    expect(tokensA.size).toBeGreaterThan(100);
    expect(tokensB.size).toBeGreaterThan(100);
    const failures: string[] = [];
    let through = 0;
    const check = async (side: string, client: TestClient, r: RouteEntry, url: string, foreign: Set<string>) => {
      const res = await sendPlausible(sampler, client, r, url);
      if (res.status >= 500) failures.push(`${side} ${r.method} ${url}: ${res.status}`);
      if (res.status < 300) through++;
      const leaked = leaks(res.body, foreign);
      if (leaked.length) failures.push(`${side} ${r.method} ${url}: ${leaked.length} rows of the other kabupaten (${leaked.slice(0, 3).join(', ')})`);
    };
    for (const r of listRoutes()) {
      const withArea = (sampler.operation(r.method, r.url)?.parameters ?? []).some((p) => p.in === 'query' && p.name === 'area');
      for (const [role, client] of clientsB) {
        if (!holds(role, r)) continue;
        await check(`kota ${role}`, client, r, r.url, tokensA);
        // asking for the other kabupaten's area by name changes nothing
        if (withArea) await check(`kota ${role}`, client, r, `${r.url}?area=32.04.05.2004`, tokensA);
      }
      for (const [role, client] of clientsA) {
        if (holds(role, r)) await check(`kabupaten ${role}`, client, r, r.url, tokensB);
      }
    }
    // searches by a name both kabupaten hold, and by the other's NIK and KK
    const { rows: [a] } = await t.deps.db.query<{ nik: string; kk: string; full_name: string }>("SELECT nik, kk, full_name FROM persons WHERE kab_code = '3204' AND nik IS NOT NULL LIMIT 1");
    const { rows: [b] } = await t.deps.db.query<{ nik: string; full_name: string }>("SELECT nik, full_name FROM persons WHERE kab_code = '3273' AND nik IS NOT NULL LIMIT 1");
    const search = t.app.routeTable.find((r) => r.method === 'GET' && r.url === '/api/v1/persons')!;
    for (const [role, client] of clientsB) {
      if (!holds(role, search)) continue;
      for (const q of [`nik=${a!.nik}`, `kk=${a!.kk}`, `q=${encodeURIComponent(a!.full_name.split(' ')[0]!)}`, `q=${encodeURIComponent(a!.full_name)}&area=32.04`]) {
        await check(`kota ${role}`, client, search, `/api/v1/persons?${q}`, tokensA);
      }
      // the Kota finds its own
      const own = await client.get(`/api/v1/persons?nik=${b!.nik}`);
      if (own.status !== 200 || !(own.body.items as unknown[]).length) failures.push(`kota ${role} does not find its own resident: ${own.status}`);
    }
    // the case export, by list
    const exportRoute = t.app.routeTable.find((r) => r.method === 'POST' && r.url === '/api/v1/cases/export')!;
    await check('kota kabupaten_manager', clientsB.get('kabupaten_manager')!, exportRoute, exportRoute.url, tokensA);
    await check('kabupaten kabupaten_manager', clientsA.get('kabupaten_manager')!, exportRoute, exportRoute.url, tokensB);
    expect(failures).toEqual([]);
    expect(through).toBeGreaterThan(100);
  }, 300_000);
});

describe('the province office (Dinas Sosial Provinsi)', () => {
  it('sees both kabupaten in aggregates, small counts suppressed', async () => {
    const res = await province.get('/api/v1/stats/overview', StatsOverview);
    expect(res.status).toBe(200);
    expect(res.body.area).toMatchObject({ code: '32', level: 'province' });
    expect(res.body.suppressed).toBe(true);
    const byCode = new Map(res.body.children.map((c) => [c.code, c]));
    const exactA = (await clientsA.get('kabupaten_manager')!.get('/api/v1/stats/overview', StatsOverview)).body.residents.total;
    const exactB = (await clientsB.get('kabupaten_manager')!.get('/api/v1/stats/overview', StatsOverview)).body.residents.total;
    expect(byCode.get('32.04')?.residents).toBe(exactA);
    expect(byCode.get(KOTA)?.residents).toBe(exactB);
    expect(res.body.residents.total).toBe(Number(exactA) + Number(exactB));
    // one kabupaten at a time, and nothing outside the province
    expect((await province.get(`/api/v1/stats/overview?area=${KOTA}`, StatsOverview)).body.residents.total).toBe(exactB);
    expect((await province.get('/api/v1/stats/overview?area=33')).status).toBe(404);
  });

  it('reaches no personal data on any route', async () => {
    const everyone = new Set([...(await personalTokens('3204')), ...(await personalTokens('3273'))]);
    // organizations are the public directory, not personal data
    const { rows: orgs } = await t.deps.db.query<{ id: string }>('SELECT id::text AS id FROM organizations');
    for (const o of orgs) everyone.delete(o.id);
    const failures: string[] = [];
    for (const r of t.app.routeTable.filter((x) => x.permission !== 'public' && x.permission !== 'authenticated')) {
      const allowed = holds('province_executive', r);
      const url = r.url.replace(/:(\w+)/g, '01900000-0000-7000-8000-000000000000');
      const res = r.method === 'GET' ? await sendPlausible(sampler, province, r, url) : await province.request(r.method, url, {});
      if (!allowed && res.status !== 403) failures.push(`${r.method} ${r.url}: expected 403, got ${res.status}`);
      if (res.status >= 500) failures.push(`${r.method} ${r.url}: ${res.status}`);
      const leaked = leaks(res.body, everyone);
      if (leaked.length) failures.push(`${r.method} ${r.url}: personal data (${leaked.slice(0, 3).join(', ')})`);
    }
    expect(failures).toEqual([]);
    expect((await province.get('/api/v1/persons?q=SITI')).status).toBe(403);
  }, 180_000);
});
