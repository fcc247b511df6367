/**
 * The other domains' real code paths, called from inside the server process. Nothing here
 * re-implements their logic: it builds the caller (an Actor, a file) and calls their exported
 * functions, timing each call.
 */
import fs from 'node:fs';
import { CaseListQuery, CreateCaseInput, kabCodeOf, normalizePersonName, type RoleGrant } from '@slrt/core';
import { Actor } from '../../packages/server/src/access/actor.ts';
import type { Db, QueryResult, Tx } from '../../packages/server/src/db/database.ts';
import { newId } from '../../packages/server/src/db/ids.ts';
import { DEMO_SEEDERS } from '../../packages/server/src/demo/seed.ts';
import type { Deps } from '../../packages/server/src/http/context.ts';
import { createCase } from '../../packages/server/src/cases/intake.ts';
import { TWO_NEEDS } from '../../packages/server/src/cases/testing.ts';
import { applyCaseAction } from '../../packages/server/src/cases/workflow.ts';
import { caseBoard, listCases } from '../../packages/server/src/cases/worklists.ts';
import { createReferral, listReferralsFor } from '../../packages/server/src/referrals/service.ts';
import { serviceId } from '../../packages/server/src/referrals/testing.ts';
import { createImport } from '../../packages/server/src/registry/imports/service.ts';
import { runImport } from '../../packages/server/src/registry/imports/worker.ts';
import { searchByName, searchByNumber, type SearchFilter } from '../../packages/server/src/registry/search-queries.ts';
import { contextAs } from '../../packages/server/src/registry/testing.ts';
import type { SeqTiming } from './protocol.ts';

function actorFor(kabupaten: string, grant: RoleGrant): Actor {
  return new Actor({ userId: '00000000-0000-7000-8000-000000000001', username: 'bench', displayName: 'bench', kabCode: kabCodeOf(kabupaten), grants: [grant], via: 'session' });
}

/** A Db that records the statements it runs (to EXPLAIN the real queries). */
function recordingDb(db: Db, seen: Array<{ sql: string; params: readonly unknown[] }>): Db {
  const wrap = <Q extends { query: Db['query'] }>(q: Q): Q =>
    Object.assign(Object.create(Object.getPrototypeOf(q) as object) as Q, q, {
      query: <R,>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> => {
        seen.push({ sql, params });
        return q.query<R>(sql, params);
      },
    });
  return Object.assign(wrap(db), {
    transaction: <T,>(fn: (tx: Tx) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))),
  });
}

type SearchKind = 'nik' | 'name';
export interface SearchArgs {
  kind: SearchKind;
  grant: RoleGrant;
  area?: { level: 'kecamatan' | 'village'; code: string };
  values: string[];
  limit: number;
}

/** Runs `fn` over `items`, `concurrency` at a time; counts what succeeded and failed, and the time. */
async function inPool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  let created = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const worker = async () => {
    while (next < items.length) {
      try {
        await fn(items[next++]!);
        created++;
      } catch (err) {
        errors++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { created, errors, firstError, ms: performance.now() - started };
}

export function realPaths(deps: Deps) {
  const kab = deps.config.kabupatenCode;
  const run = (db: Db, args: SearchArgs, value: string) => {
    const actor = actorFor(kab, args.grant);
    const filter: SearchFilter = { kabCode: kabCodeOf(kab), area: args.area };
    return args.kind === 'nik'
      ? searchByNumber(db, actor, filter, 'nik', value, { limit: args.limit })
      : searchByName(db, actor, filter, value, { limit: args.limit });
  };

  return {
    /**
     * Timed: the registry import as the upload route runs it (createImport, then the worker's
     * runImport), as the kabupaten manager `username`. The worker deletes the file when done,
     * so it gets a copy.
     */
    async realImport(args: { file: string; username: string }) {
      const copy = `${args.file}.${process.pid}.upload.csv`;
      fs.copyFileSync(args.file, copy);
      try {
        const ctx = await contextAs(deps, args.username);
        const started = performance.now();
        const { id } = await createImport(deps, ctx, { id: newId(), file: copy, fileName: 'bench-population.csv' }, { mapping: {} });
        let phaseMs: Record<string, number> = {};
        const done = await runImport(deps, id, { onTracker: (tracker) => { phaseMs = tracker.phaseMs; } });
        const ms = performance.now() - started;
        return { rows: done.rows_ok, rejected: done.rows_rejected, status: done.status, ms, phaseMs };
      } finally {
        fs.rmSync(copy, { force: true });
      }
    },
    /**
     * Cases for the back-office lists, through the intake service itself (createCase, the
     * function POST /api/v1/cases runs), `concurrency` at a time, as `username`.
     */
    async seedCases(args: { personIds: string[]; username: string; concurrency: number }) {
      const ctx = await contextAs(deps, args.username);
      return inPool(args.personIds, args.concurrency, async (personId) => {
        const input = CreateCaseInput.parse({ personId, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Benchmark: kebutuhan berobat dan sekolah.', needs: TWO_NEEDS });
        await createCase(deps, ctx, input, null);
      });
    },
    /**
     * EXPLAIN (ANALYZE, BUFFERS) of the slowest SELECT a real back-office call runs (worklist,
     * board), called as `username` through a recording Db.
     */
    async explainRealCall(args: { call: 'worklist' | 'board' | 'referrals'; username: string; query?: Record<string, unknown> }) {
      const seen: Array<{ sql: string; params: readonly unknown[] }> = [];
      const rdeps = { ...deps, db: recordingDb(deps.db, seen) };
      const ctx = await contextAs(rdeps, args.username);
      if (args.call === 'worklist') await listCases(rdeps, ctx, CaseListQuery.parse(args.query ?? {}));
      else if (args.call === 'referrals') await listReferralsFor(rdeps, ctx, { status: ['sent'], limit: 50 });
      else await caseBoard(rdeps, ctx, undefined);
      let worst: { sql: string; plan: string; ms: number } | null = null;
      for (const st of seen) {
        if (!/^\s*(SELECT|WITH)/i.test(st.sql) || /audit_|pg_advisory/i.test(st.sql)) continue;
        const { rows } = await deps.db.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${st.sql}`, st.params);
        const plan = rows.map((r) => Object.values(r)[0]).join('\n');
        const ms = Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? 0);
        if (!worst || ms > worst.ms) worst = { sql: st.sql.replace(/\s+/g, ' ').trim(), plan, ms };
      }
      return worst;
    },
    /**
     * Referrals for the boards, through the real services: each case walked to a decision
     * (check_registry and recommend as `officer`, decide `refer` as `coordinator`), then its
     * health need referred to the demo directory's health service (the directory's own demo
     * seeder adds the partners first).
     */
    async seedReferrals(args: { caseIds: string[]; officer: string; coordinator: string; concurrency: number }) {
      for (const name of ['users', 'directory']) await DEMO_SEEDERS.find((x) => x.name === name)?.run(deps);
      const service = await serviceId(deps);
      const officer = await contextAs(deps, args.officer);
      const coordinator = await contextAs(deps, args.coordinator);
      return inPool(args.caseIds, args.concurrency, async (id) => {
        await applyCaseAction(deps, officer, id, 'check_registry', { notes: 'Terdaftar di DTSEN.' });
        await applyCaseAction(deps, officer, id, 'recommend', { recommendation: 'Rujuk ke layanan kesehatan.' });
        const c = await applyCaseAction(deps, coordinator, id, 'decide', { decision: 'refer', notes: 'Ditetapkan.' });
        const need = c.needs.find((n) => n.sector === 'health') ?? c.needs[0]!;
        await createReferral(deps, officer, { caseId: id, needId: need.id, serviceId: service, contactPhone: '081234567890' });
      });
    },
    /**
     * Cases ready to be referred, through the real services: each person's intake as its
     * village's `officer`, walked to a decision (check_registry and recommend as the officer,
     * decide `refer` as the village's `coordinator`); the referral itself is left to the caller.
     */
    async referrableCases(args: { items: Array<{ personId: string; officer: string; coordinator: string }>; concurrency: number }) {
      for (const name of ['users', 'directory']) await DEMO_SEEDERS.find((x) => x.name === name)?.run(deps);
      const service = await serviceId(deps);
      const ready: Array<{ caseId: string; needId: string; officer: string }> = [];
      const r = await inPool(args.items, args.concurrency, async ({ personId, officer, coordinator }) => {
        const asOfficer = await contextAs(deps, officer);
        const input = CreateCaseInput.parse({ personId, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Soak: kebutuhan berobat.', needs: TWO_NEEDS });
        const { view: { id } } = await createCase(deps, asOfficer, input, null);
        await applyCaseAction(deps, asOfficer, id, 'check_registry', { notes: 'Terdaftar di DTSEN.' });
        await applyCaseAction(deps, asOfficer, id, 'recommend', { recommendation: 'Rujuk ke layanan kesehatan.' });
        const c = await applyCaseAction(deps, await contextAs(deps, coordinator), id, 'decide', { decision: 'refer', notes: 'Ditetapkan.' });
        ready.push({ caseId: id, needId: (c.needs.find((n) => n.sector === 'health') ?? c.needs[0]!).id, officer });
      });
      return { ...r, serviceId: service, ready };
    },
    /** Timed: the registry's search queries, one after another (no HTTP, no audit). */
    async realSearchSeq(args: SearchArgs & { expect?: string[] }): Promise<SeqTiming & { hits: number; found: number; misses: Array<{ i: number; q: string; expected: string; top: string[] }> }> {
      const samplesMs: number[] = [];
      let errors = 0;
      let hits = 0;
      let found = 0;
      // the samples where nobody of the expected name came back: what was typed, and the first five answers
      const misses: Array<{ i: number; q: string; expected: string; top: string[] }> = [];
      let firstError: string | undefined;
      const started = performance.now();
      for (const [i, v] of args.values.entries()) {
        const t0 = performance.now();
        try {
          const rows = await run(deps.db, args, v);
          samplesMs.push(performance.now() - t0);
          if (rows.length) hits++;
          const expected = args.expect?.[i];
          if (expected !== undefined) {
            if (rows.some((r) => normalizePersonName(r.fullName) === expected)) found++;
            else misses.push({ i, q: v, expected, top: rows.slice(0, 5).map((r) => normalizePersonName(r.fullName)) });
          }
        } catch (err) {
          errors++;
          firstError ??= String(err);
        }
      }
      return { samplesMs, totalMs: performance.now() - started, errors, hits, found, misses, ...(firstError ? { firstError } : {}) };
    },
    /** The statements a real search runs, for EXPLAIN. */
    async realSearchSql(args: SearchArgs & { value: string }) {
      const seen: Array<{ sql: string; params: readonly unknown[] }> = [];
      await run(recordingDb(deps.db, seen), args, args.value);
      return seen;
    },
    /** EXPLAIN (ANALYZE, BUFFERS) of the main statement of a real search, with its settings. */
    async explainRealSearch(args: SearchArgs & { value: string }) {
      const seen: Array<{ sql: string; params: readonly unknown[] }> = [];
      await run(recordingDb(deps.db, seen), args, args.value);
      const main = seen.filter((s) => /\bFROM\s+persons\b/i.test(s.sql)).at(-1);
      if (!main) return null;
      const settings = seen.filter((s) => /set_config/i.test(s.sql));
      return deps.db.transaction(async (tx) => {
        for (const s of settings) await tx.query(s.sql, s.params);
        const { rows } = await tx.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${main.sql}`, main.params);
        return { sql: main.sql.replace(/\s+/g, ' ').trim(), plan: rows.map((r) => Object.values(r)[0]).join('\n') };
      });
    },
  };
}

