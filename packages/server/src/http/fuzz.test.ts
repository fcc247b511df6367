import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleHasPermission, ROLES, type Permission, type Role } from '@slrt/core';
import { createTestApp, type ApiResponse, type TestApp, type TestClient } from '../testing/test-app.ts';
import { DEMO_USERS } from '../demo/seed.ts';
import type { RouteEntry } from '../app/app.ts';
import { FAKE_ID, OpenApiSampler, type Schema } from '../testing/openapi-sample.ts';

/**
 * Bad input never makes a 5xx: every JSON route of the route table (its body schema and its
 * query parameters, read from the OpenAPI document the same schemas produce) is sent, field by
 * field, wrong types, long text, NUL characters, lone UTF-16 surrogates and out-of-range dates.
 * NUL and surrogates answer 400 naming the field, on every route, before any route code runs.
 */

type ErrorBody = { error?: { fields?: Record<string, string> } } | undefined;

let t: TestApp;
let sampler: OpenApiSampler;
const clients = new Map<Role, TestClient>();
const userOfRole = new Map<Role, string>();
for (const u of DEMO_USERS) {
  const role = u.roles('00000000-0000-0000-0000-000000000000')[0]!.role;
  if (!userOfRole.has(role)) userOfRole.set(role, u.username);
}

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) clients.set(role, await t.as(userOfRole.get(role)!));
});
afterAll(() => t.close());

// routes that end the caller's own session or password: fuzzed elsewhere (auth tests)
const SKIP = /^(POST \/api\/v1\/auth\/(logout|password))/;

type Mutation = { label: string; value: unknown; text?: boolean };

function mutationsOf(raw: Schema): Mutation[] {
  const s = sampler.resolve(raw);
  const type = sampler.typeOf(s);
  if (type === 'string') {
    return [
      { label: 'object', value: { a: 1 } },
      { label: 'NUL', value: 'a\u0000b', text: true },
      { label: 'surrogate', value: 'a\ud800b', text: true },
      { label: 'long', value: 'x'.repeat(20_000) },
      { label: 'number', value: 12345 },
      { label: 'year 0', value: '0000-01-01' },
      { label: 'year 0 time', value: '0000-01-01T00:00:00Z' },
    ];
  }
  if (type === 'integer' || type === 'number') {
    return [{ label: 'text', value: 'abc' }, { label: 'negative', value: -1 }, { label: 'huge', value: 1e308 }, { label: 'fraction', value: 1.5 }];
  }
  return [{ label: 'object', value: { a: 1 } }, { label: 'text', value: '\udc00', text: true }];
}

/** Every leaf of the body (dotted path and schema), down a few levels. */
function leaves(raw: Schema | undefined, path: string[] = [], depth = 0): Array<{ path: string[]; schema: Schema }> {
  const s = sampler.resolve(raw);
  const type = sampler.typeOf(s);
  if (type === 'object' && s.properties && depth < 3) {
    return Object.entries(s.properties).flatMap(([k, v]) => [{ path: [...path, k], schema: v }, ...(sampler.typeOf(sampler.resolve(v)) === 'object' || sampler.typeOf(sampler.resolve(v)) === 'array' ? leaves(v, [...path, k], depth + 1) : [])]);
  }
  if (type === 'array' && depth < 3) return leaves(s.items, [...path, '0'], depth + 1);
  return [];
}

function setAt(base: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = /^\d+$/.test(path[path.indexOf(key) + 1] ?? '') ? [] : {};
    at = at[key] as Record<string, unknown>;
  }
  at[path.at(-1)!] = value;
  return copy;
}

function clientFor(r: RouteEntry): TestClient | null {
  if (r.permission === 'public') return t.anonymous();
  const role = ROLES.find((ro) => r.permission === 'authenticated' || roleHasPermission(ro, r.permission as Permission));
  return role ? clients.get(role)! : null;
}

const concreteUrl = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => (name === 'code' ? '32.04.05.2004' : FAKE_ID));
const QUERY_VALUES: Array<{ label: string; raw: string; text?: boolean }> = [
  { label: 'NUL', raw: 'a%00b', text: true },
  // a URL holds UTF-8 bytes only: an encoded surrogate arrives as replacement characters
  { label: 'encoded surrogate', raw: '%ED%A0%80' },
  { label: 'broken utf-8', raw: '%F0%9F' },
  { label: 'long', raw: 'x'.repeat(5000) },
  { label: 'year 0', raw: '0000-01-01' },
  { label: 'negative', raw: '-1' },
  { label: 'array', raw: 'a&{name}=b' },
];

describe('input fuzzing over the route table', () => {
  it('answers no 5xx to wrong types, long text, NUL, lone surrogates and impossible dates; NUL and surrogates are 400 naming the field', async () => {
    sampler = new OpenApiSampler(t.app);
    const failures: string[] = [];
    let sent = 0;
    let bodyRoutes = 0;
    for (const r of t.app.routeTable) {
      if (SKIP.test(`${r.method} ${r.url}`)) continue;
      const client = clientFor(r);
      if (!client) continue;
      const op = sampler.operation(r.method, r.url);
      if (!op) continue;
      const url = concreteUrl(r.url);
      const check = (label: string, res: ApiResponse<ErrorBody>, field: string | null) => {
        sent++;
        if (res.status >= 500) failures.push(`${r.method} ${r.url} ${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        if (field !== null && res.status !== 429 && (res.status !== 400 || !res.body?.error?.fields?.[field])) {
          failures.push(`${r.method} ${r.url} ${label}: expected 400 naming ${field}, got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      };

      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      for (const p of query) {
        for (const v of QUERY_VALUES) {
          const res = await client.request(r.method, `${url}?${p.name}=${v.raw.replace('{name}', p.name)}`, r.method === 'GET' ? undefined : {});
          check(`?${p.name}=${v.label}`, res, v.text ? p.name : null);
        }
      }

      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      if (!bodySchema || r.method === 'GET') continue;
      bodyRoutes++;
      const base = sampler.sample(bodySchema);
      for (const leaf of leaves(bodySchema)) {
        for (const m of mutationsOf(leaf.schema)) {
          const res = await client.request(r.method, url, setAt(base, leaf.path, m.value));
          check(`${leaf.path.join('.')}=${m.label}`, res, m.text ? leaf.path.join('.') : null);
        }
      }
      // a NUL in an object key is refused too
      const res = await client.request(r.method, url, { ...(base as object), 'k\u0000': 1 });
      check('key NUL', res, 'k\u0000');
    }
    expect(bodyRoutes).toBeGreaterThan(40);
    expect(sent).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 600_000);

  it('answers 400 naming the file to a truncated or boundary-less multipart body on every upload route', async () => {
    const uploads = t.app.routeTable.filter((r) => /\/(imports|documents|answer|upload)$/.test(r.url) && r.method === 'POST');
    expect(uploads.length).toBeGreaterThanOrEqual(3);
    const boundary = '----slrtfuzz';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nnik,kk\r\n3204`;
    const bodies: Array<{ label: string; body: string; type: string }> = [
      { label: 'truncated', body: head, type: `multipart/form-data; boundary=${boundary}` },
      { label: 'no boundary parameter', body: `${head}\r\n--${boundary}--\r\n`, type: 'multipart/form-data' },
      { label: 'wrong boundary', body: `${head}\r\n--${boundary}--\r\n`, type: 'multipart/form-data; boundary=other' },
      { label: 'bad part header', body: `--${boundary}\r\nContent-Disposition form-data\r\n\r\nx\r\n--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` },
    ];
    const failures: string[] = [];
    for (const r of uploads) {
      const client = clientFor(r)!;
      const url = `${concreteUrl(r.url)}${r.url.includes('documents') ? '?kind=other' : ''}`;
      for (const b of bodies) {
        const res = await client.request(r.method, url, b.body, { 'content-type': b.type });
        // 404: the parent record (a fake id) does not exist, answered before the body is read
        const must400 = r.url === '/api/v1/registry/imports';
        // a route that checks its other fields first (a document's kind, an answer's text) names that field
        const named = must400 ? res.body?.error?.fields?.file : Object.keys(res.body?.error?.fields ?? {}).length > 0;
        if (res.status >= 500 || (res.status === 400 && !named) || ![400, 404].includes(res.status) || (must400 && res.status !== 400)) {
          failures.push(`${r.method} ${r.url} ${b.label}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
