import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleHasPermission, type Permission, type Role } from '@slrt/core';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/seed.ts';
import type { Db, Tx } from '../db/database.ts';
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
import { writeHistory } from '../registry/history-queries.ts';
import { checkImportedPersons } from '../registry/linkage/import-check.ts';
import { redactRegistryHistory } from '../privacy/retention-queries.ts';
import { newId } from '../db/ids.ts';

/**
 * The tables partitioned by kab_code (migrations 0198-0201: the audit trail, a case's timeline, the
 * registry's history, households and families) are read one kabupaten at a time:
 * every statement the server runs for the users of Kabupaten Bandung (32.04) on every list, search,
 * worklist, board, export, record view (a record's registry history among them) and the audit trail,
 * and in the background work that reads the registry's history (an import's duplicate check,
 * retention's redaction), is recorded, and each one that names a partitioned table is planned again
 * with its own parameters (EXPLAIN). No plan may read a
 * partition but the Kabupaten's own: not Kota Bandung's (32.73), which holds rows of its own,
 * nor the default partition.
 */
let t: TestApp;
let sampler: OpenApiSampler;
const KOTA = '32.73';
const clientsA = new Map<Role, TestClient>();

interface Recorded { sql: string; params: readonly unknown[] }

/** Records every statement run through `db` and the transactions it opens; returns the undo. */
function recordStatements(db: Db, into: Recorded[]): () => void {
  const { query, transaction } = db;
  const record = (q: Pick<Db, 'query'>['query'], self: unknown): Db['query'] =>
    ((sql: string, params: readonly unknown[] = [], name?: string) => {
      into.push({ sql, params });
      return q.call(self, sql, params, name);
    }) as Db['query'];
  db.query = record(query, db);
  db.transaction = (<T>(fn: (tx: Tx) => Promise<T>) => transaction.call(db, (tx: Tx) => fn(new Proxy(tx, {
    get(target, prop) {
      if (prop === 'query') return record(target.query, target);
      const v: unknown = Reflect.get(target, prop);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  })))) as Db['transaction'];
  return () => {
    db.query = query;
    db.transaction = transaction;
  };
}

/** The relations an EXPLAIN (FORMAT JSON) plan reads. */
function relationsOf(plan: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(plan)) for (const p of plan) relationsOf(p, into);
  else if (plan && typeof plan === 'object') {
    for (const [k, v] of Object.entries(plan)) {
      if (k === 'Relation Name' && typeof v === 'string') into.add(v);
      else relationsOf(v, into);
    }
  }
  return into;
}

beforeAll(async () => {
  t = await createTestApp({ kabupatenCodes: ['32.04', KOTA] });
  sampler = new OpenApiSampler(t.app);
  const villages = (await villagesOf(t.deps.db, KOTA)).map((v) => v.code).sort();
  await loadSynthetic(t.deps.db, generateHouseholds({ persons: 150, seed: 3273, villages: villages.slice(0, 2), foreignKecamatan: ['32.17.01'] }), { sourceId: 'synthetic:3273' });
  await loadSynthetic(t.deps.db, generateHouseholds({ persons: 150, seed: 3204, villages: ['32.04.05.2004', '32.04.37.2001'], foreignKecamatan: ['32.17.01'] }), { sourceId: 'synthetic:3204' });
  // the Kota's own trail: its officer registers a case
  await createUserDirect(t.deps.db, '3273', {
    username: 'kota.officer', displayName: 'Kota officer', password: DEMO_PASSWORD, passwordHash: await hashPassword(DEMO_PASSWORD),
    roles: [{ role: 'puskesos_officer', areaCode: villages[0]! }],
  });
  const kotaPerson = await aPerson(t.deps.db, { village: villages[0]! });
  await aCase(t.deps, { as: 'kota.officer', person: kotaPerson });
  // and its own registry history
  await writeHistory(t.deps.db, [{
    kabCode: '3273', villageCode: villages[0]!, recordType: 'person', recordId: kotaPerson.id, action: 'update', actorId: null,
    actorName: 'Kota officer', reason: 'pindah RT', source: { type: 'officer', id: null }, changes: { rt: { old: '001', new: '002' } },
  }]);
  await aCase(t.deps);
  for (const u of DEMO_USERS) {
    const role = u.roles('00000000-0000-0000-0000-000000000000')[0]!.role;
    if (role !== 'province_executive' && !clientsA.has(role)) clientsA.set(role, await t.as(u.username));
  }
}, 600_000);
afterAll(() => t.close());

const holds = (role: Role, r: RouteEntry) => roleHasPermission(role, r.permission as Permission);

describe('tables partitioned by kabupaten', () => {
  it('has a partition for each kabupaten served and one by default', async () => {
    const { rows } = await t.deps.db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'audit_events' ORDER BY 1`,
    );
    expect(rows.map((r) => r.name)).toEqual(['audit_events_3204', 'audit_events_3273', 'audit_events_default']);
    for (const table of ['audit_events', 'case_events', 'registry_history', 'households', 'families']) {
      const { rows: kota } = await t.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE kab_code = '3273'`);
      expect(kota[0]!.n, table).toBeGreaterThan(0);
    }
  });

  it('plans every statement of a Kabupaten user\'s reads on the Kabupaten\'s partitions only', async () => {
    const { rows: parts } = await t.asOwner((tx) => tx.query<{ parent: string; name: string; own: boolean }>(
      `SELECT p.relname AS parent, c.relname AS name, pg_get_expr(c.relpartbound, c.oid) = $1 AS own
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relkind = 'p'`,
      ["FOR VALUES IN ('3204')"],
    ));
    const partitioned = [...new Set(parts.map((p) => p.parent))];
    expect(partitioned).toEqual(expect.arrayContaining(['audit_events', 'case_events', 'registry_history', 'households', 'families']));
    const foreign = new Set(parts.filter((p) => !p.own).map((p) => p.name));
    for (const table of partitioned) expect(foreign).toContain(`${table}_3273`);

    // the reads of every Kabupaten role: lists, searches, worklists, boards, the audit trail,
    // and every record view with a fixture, recorded statement by statement
    const recorded: Recorded[] = [];
    const routes = t.app.routeTable.filter((r) => r.method === 'GET' && r.permission !== 'public' && r.permission !== 'authenticated');
    const fixtures = new Map<string, Record<string, string>>();
    for (const r of routes.filter((x) => /:\w+/.test(x.url) && SCOPE_FIXTURES[x.url] && !NOT_AREA_SCOPED.has(x.url))) {
      fixtures.set(r.url, await SCOPE_FIXTURES[r.url]!(t));
    }
    const { rows: [person] } = await t.deps.db.query<{ id: string; nik: string; full_name: string }>(
      "SELECT id, nik, full_name FROM persons WHERE kab_code = '3204' AND village_code = '32.04.05.2004' AND nik IS NOT NULL LIMIT 1",
    );
    const stop = recordStatements(t.deps.db, recorded);
    let answered = 0;
    try {
      for (const r of routes) {
        if (/:\w+/.test(r.url) && !fixtures.has(r.url)) continue;
        const params = fixtures.get(r.url) ?? {};
        const url = r.url.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? '');
        for (const [role, client] of clientsA) {
          if (!holds(role, r)) continue;
          const res = await sendPlausible(sampler, client, r, url);
          if (res.status < 300) answered++;
        }
      }
      for (const [role, client] of clientsA) {
        if (roleHasPermission(role, 'registry.read')) {
          for (const q of [`nik=${person!.nik}`, `q=${encodeURIComponent(person!.full_name)}`]) await client.get(`/api/v1/persons?${q}`);
        }
        if (roleHasPermission(role, 'audit.read')) {
          await client.get(`/api/v1/audit/events?personId=${person!.id}`);
          await client.get('/api/v1/audit/events?action=person.');
        }
      }
      await clientsA.get('kabupaten_manager')!.post('/api/v1/cases/export', {});
      // background work on the registry's history: an import's duplicate check, retention's redaction
      await checkImportedPersons(t.deps, newId(), '3204', null);
      await t.deps.db.transaction((tx) => redactRegistryHistory(tx, '3204', [newId()]));
    } finally {
      stop();
    }
    expect(answered).toBeGreaterThan(100);

    const naming = new RegExp(`\\b(${partitioned.join('|')})\\b`);
    const statements = new Map<string, Recorded>();
    for (const s of recorded) {
      if (naming.test(s.sql) && /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i.test(s.sql)) statements.set(`${s.sql}\u0000${JSON.stringify(s.params)}`, s);
    }
    const failures: string[] = [];
    let reads = 0;
    for (const s of statements.values()) {
      const { rows } = await t.asOwner((tx) => tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${s.sql}`, s.params));
      const read = relationsOf(rows[0]!['QUERY PLAN']);
      const crossed = [...read].filter((rel) => foreign.has(rel));
      if (crossed.length) failures.push(`${crossed.join(', ')}: ${s.sql.replace(/\s+/g, ' ').slice(0, 200)} ${JSON.stringify(s.params).slice(0, 120)}`);
      if ([...read].some((rel) => rel.endsWith('_3204'))) reads++;
    }
    expect(failures).toEqual([]);
    // the trail's search, its verification, the person's trail and the case's timeline among them
    expect(reads).toBeGreaterThan(5);
    expect([...statements.values()].some((s) => /FROM case_events/.test(s.sql))).toBe(true);
    // a record's history, a proposal's registry changes, the persons an import created, the redaction
    for (const read of [/FROM registry_history\s+WHERE kab_code = \$3 AND id IN/, /FROM registry_history\s+WHERE kab_code = \$2 AND source_type = 'proposal'/,
      /FROM registry_history h\s+WHERE h.kab_code/, /UPDATE registry_history/,
      // a household with its families, a person's household (the case's letters, a referral's subject)
      /FROM households h\s+JOIN areas/, /FROM families f WHERE f.kab_code = \$2 AND f.household_id/, /JOIN households h ON h.kab_code = p.kab_code/]) {
      expect([...statements.values()].some((s) => read.test(s.sql)), String(read)).toBe(true);
    }
  }, 600_000);
});
