import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPersonalPermission, ROLE_AREA_LEVEL, roleHasPermission, ROLES, type Permission, type Role, type RoleGrantInput } from '@slrt/core';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/seed.ts';
import { newId } from '../db/ids.ts';
import { createUserDirect } from '../users/service.ts';
import { OpenApiSampler } from '../testing/openapi-sample.ts';
import { NOT_AREA_SCOPED, SCOPE_FIXTURES } from '../testing/scope-fixtures.ts';
import type { RouteEntry } from '../app/app.ts';
import { sendPlausible } from '../testing/plausible-request.ts';

/**
 * The access matrix, generated from the route table: every route x every role. A route
 * added anywhere is covered without touching this file.
 */
let t: TestApp;
const clients = new Map<Role, TestClient>();
const userOfRole = new Map<Role, string>();
for (const u of DEMO_USERS) {
  const role = u.roles('00000000-0000-0000-0000-000000000000')[0]!.role;
  if (!userOfRole.has(role)) userOfRole.set(role, u.username);
}

let sampler: OpenApiSampler;

beforeAll(async () => {
  t = await createTestApp();
  sampler = new OpenApiSampler(t.app);
  for (const role of ROLES) clients.set(role, await t.as(userOfRole.get(role)!));
});
afterAll(() => t.close());

const SOREANG = '32.04.37.2001';
const FAKE_ID = '01900000-0000-7000-8000-000000000000';

function concreteUrl(url: string, params: Record<string, string> = {}) {
  return url.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? (name === 'code' ? '32.04.05.2004' : FAKE_ID));
}

const SELF_ENDING = new Set(['POST /api/v1/auth/logout']);
const PARTS = 4;
/** The routes of one part: every PARTS-th route, so each part mixes the domains. */
const inPart = <R,>(routes: readonly R[], part: number): R[] => routes.filter((_, i) => i % PARTS === part);

describe('access matrix', () => {
  it('covers every role with a demo user', () => {
    expect([...userOfRole.keys()].sort()).toEqual([...ROLES].sort());
  });

  it('every /api/v1 route declares a permission of the vocabulary (or public/authenticated)', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(10);
    for (const r of t.app.routeTable) expect(r.permission, `${r.method} ${r.url}`).toBeTruthy();
  });

  it('executive holds no personal-data permission, so it reaches no personal data anywhere', () => {
    for (const r of t.app.routeTable) {
      if (r.permission === 'public' || r.permission === 'authenticated') continue;
      if (isPersonalPermission(r.permission)) expect(roleHasPermission('executive', r.permission), `${r.method} ${r.url}`).toBe(false);
    }
  });

  // every route x every role is thousands of requests: walked in parts, so that each part is a
  // test of bounded size (on a busy machine one test of all of them outran any sane timeout)
  for (let part = 0; part < PARTS; part++) it(`answers 401 without sign-in, 403 without the permission, and lets the permission through (part ${part + 1} of ${PARTS})`, async () => {
    const failures: string[] = [];
    const routes = inPart(t.app.routeTable.filter((r) => r.permission !== 'public' && !SELF_ENDING.has(`${r.method} ${r.url}`)), part);
    for (const r of routes) {
      const url = concreteUrl(r.url);
      const anon = await t.anonymous().request(r.method, url, r.method === 'GET' ? undefined : {});
      if (anon.status !== 401) failures.push(`anonymous ${r.method} ${r.url}: ${anon.status}`);
      for (const role of ROLES) {
        const allowed = r.permission === 'authenticated' || roleHasPermission(role, r.permission as Permission);
        const res = await clients.get(role)!.request(r.method, url, r.method === 'GET' ? undefined : {});
        if (!allowed && res.status !== 403) failures.push(`${role} ${r.method} ${r.url}: expected 403, got ${res.status}`);
        if (allowed && (res.status === 401 || res.status === 403)) failures.push(`${role} ${r.method} ${r.url}: expected through, got ${res.status}`);
        if (res.status >= 400 && !(res.body as { error?: { code?: string } })?.error?.code) failures.push(`${role} ${r.method} ${r.url}: error without the error shape`);
        if (res.status >= 500) failures.push(`${role} ${r.method} ${r.url}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 400 naming the problem for malformed bodies on every write route', async () => {
    const failures: string[] = [];
    for (const r of t.app.routeTable.filter((x) => x.method !== 'GET' && x.permission !== 'public')) {
      const role = ROLES.find((ro) => r.permission === 'authenticated' || roleHasPermission(ro, r.permission as Permission));
      if (!role) continue;
      const res = await clients.get(role)!.request(r.method, concreteUrl(r.url), '{"broken":', { 'content-type': 'application/json' });
      if (res.status !== 400 || res.body?.error?.code !== 'validation' || !res.body?.error?.fields) {
        failures.push(`${r.method} ${r.url}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  const scopedRoutes = () => t.app.routeTable.filter(
    (r: RouteEntry) => /:\w+/.test(r.url) && r.permission !== 'public' && r.permission !== 'authenticated'
      && (isPersonalPermission(r.permission) || SCOPE_FIXTURES[r.url] !== undefined) && !NOT_AREA_SCOPED.has(r.url),
  );
  let outsiders: Map<Role, TestClient> | null = null;
  let checked = 0;

  it('has a scope fixture for every route with a record parameter', () => {
    const missing = scopedRoutes().filter((r) => !SCOPE_FIXTURES[r.url]).map((r) => `${r.method} ${r.url}`);
    expect(missing, 'routes with a record parameter need a scope fixture in testing/scope-fixtures.ts').toEqual([]);
  });

  for (let part = 0; part < PARTS; part++) it(`lets insiders reach Cinunuk records and answers 404 to an outsider of every role that holds the permission (part ${part + 1} of ${PARTS})`, async () => {
    outsiders ??= await outsiderClients();
    const failures: string[] = [];
    for (const r of inPart(scopedRoutes().filter((x) => SCOPE_FIXTURES[x.url]), part)) {
      const params = await SCOPE_FIXTURES[r.url]!(t);
      const url = concreteUrl(r.url, params);
      // every role below the kabupaten that holds the permission, from Soreang (or another partner)
      for (const [role, outsider] of outsiders) {
        if (!roleHasPermission(role, r.permission as Permission)) continue;
        const res = await sendPlausible(sampler, outsider, r, url);
        checked++;
        if (res.status !== 404) failures.push(`outsider ${role} ${r.method} ${r.url}: expected 404, got ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      }
      if (r.method === 'GET') {
        const insider = [...clients.entries()].find(([role]) => roleHasPermission(role, r.permission as Permission) && role !== 'partner_officer');
        if (insider) {
          const res = await (await t.as(insider[0] === 'puskesos_officer' ? 'puskesos.cinunuk' : userOfRole.get(insider[0])!)).get(url);
          if (res.status !== 200) failures.push(`${insider[0]} GET ${r.url}: expected 200, got ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("checks the supervisor's, the facilitator's and the partner's routes among the outsiders", () => {
    expect(checked).toBeGreaterThan(scopedRoutes().length);
  });
});

/**
 * One user per role whose scope is below the kabupaten, scoped where the Cinunuk fixtures are
 * not: Kecamatan Soreang and its village Soreang; a partner of another organization. A
 * kabupaten-wide role has no outsider inside one kabupaten.
 */
async function outsiderClients(): Promise<Map<Role, TestClient>> {
  const kab = t.deps.config.kabupatenCode.replace('.', '');
  const otherOrg = newId();
  await t.deps.db.query('INSERT INTO organizations (id, kab_code, name, type) VALUES ($1, $2, $3, $4)', [otherOrg, kab, 'Yayasan Luar Lingkup', 'ngo']);
  const out = new Map<Role, TestClient>();
  for (const role of ROLES) {
    const level = ROLE_AREA_LEVEL[role];
    if (level === 'kabupaten' || level === 'province') continue;
    const grant: RoleGrantInput = role === 'partner_officer'
      ? { role, organizationId: otherOrg }
      : { role, areaCode: level === 'kecamatan' ? SOREANG.slice(0, 8) : SOREANG } as RoleGrantInput;
    const username = `luar.${role}`;
    await createUserDirect(t.deps.db, kab, { username, displayName: `Luar ${role}`, password: DEMO_PASSWORD, roles: [grant] });
    out.set(role, await t.as(username));
  }
  return out;
}
