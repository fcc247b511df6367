/**
 * Where a registry import's time goes, and what each index of persons costs (issue 19 item 7).
 *
 *   DATABASE_URL=postgres://... npm run bench:import-costs -- [--persons 200000] [--skip-indexes] [--threads N] [--node-only]
 *
 * `--threads N`: the import's check workers (RunOptions.checkThreads); `--node-only`: only the
 * server's share of the staging (read, check, staging CSV, each timed), no import.
 *
 * PostgreSQL only, in this process (no HTTP). Prints:
 * - a raw COPY of the file into a bare text table (the ceiling of section 1), and the registry
 *   import of the same file (runImport, as the upload route's worker runs it): its phases and
 *   the apply's statements, CPU of this process and of the database's backends;
 * - on a bare copy of the imported persons rows, each index of persons built alone (one core;
 *   then with maintenance_work_mem 1 GB; then with 2 parallel workers), and kept up alone by an
 *   INSERT of the same rows (minus the same INSERT without any index); the INSERT with the
 *   persons triggers (name words, counts) against without.
 * CPU of parallel workers is not counted (they exit before they can be read): their rows say so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgres } from '../packages/server/src/db/postgres.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { loadAreas } from '../packages/server/src/areas/load.ts';
import { AuditLog } from '../packages/server/src/audit/audit-log.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import type { Deps } from '../packages/server/src/http/context.ts';
import { newId } from '../packages/server/src/db/ids.ts';
import { createUserDirect } from '../packages/server/src/users/service.ts';
import { hashPassword } from '../packages/server/src/auth/password.ts';
import { createImport } from '../packages/server/src/registry/imports/service.ts';
import { runImport } from '../packages/server/src/registry/imports/worker.ts';
import { contextAs } from '../packages/server/src/registry/testing.ts';
import { mapHeaders, type CanonicalColumn } from '../packages/server/src/registry/imports/columns.ts';
import { villagesForImport } from '../packages/server/src/registry/imports/import-queries.ts';
import { readSheet, type Cell } from '../packages/server/src/registry/imports/read-file.ts';
import { parseImportRow, type ImportedRow } from '../packages/server/src/registry/imports/row.ts';
import { stageCsv } from '../packages/server/src/registry/imports/stage-csv.ts';
import { knownRegions } from '../packages/server/src/registry/nik-check.ts';
import { createTarget } from './lib/engines.ts';
import { cpuSince, postgresCpuMs } from './lib/cpu.ts';
import { loadAverage } from './lib/machine.ts';
import { population } from './lib/population.ts';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '200000' }, 'skip-indexes': { type: 'boolean', default: false },
    threads: { type: 'string' }, 'node-only': { type: 'boolean', default: false },
  },
});
const persons = Number(values.persons);
const KABUPATEN = '32.04';
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)} load ${loadAverage()}] ${m}`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-import-costs-'));
const target = await createTarget('postgres');
const admin = new pg.Client({ connectionString: target.target });
try {
  const file = await population({ persons, seed: 7, kabupaten: KABUPATEN, dir: work, log });
  const db = openPostgres(target.target);
  await migrate(db);
  await loadAreas(db);
  const config = {
    ...loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SESSION_SECRET: 'bench-secret-'.padEnd(40, 'x'), AUDIT_KEY: 'bench-audit-key-'.padEnd(40, 'x'), SLRT_KABUPATEN: KABUPATEN }),
    databaseUrl: target.target,
  };
  const deps: Deps = { db, replica: db, auditLog: new AuditLog(db, config.auditKey), config };
  await db.transaction(async (tx) => {
    await createUserDirect(tx, '3204', { username: 'bench.manager', displayName: 'bench.manager', password: 'bench-password-1', passwordHash: await hashPassword('bench-password-1'), roles: [{ role: 'kabupaten_manager', areaCode: KABUPATEN } as never] });
  });
  await admin.connect();
  if (values['node-only']) {
    // the server's share of the staging, in this thread, without the database: reading the
    // file, the checks, the staging CSV, each timed
    const { villages, bps } = await villagesForImport(db, KABUPATEN);
    const regions = await knownRegions(db);
    const ctx = { villages, bps, knownRegion: (code: string) => regions.has(code) };
    let columns: Array<CanonicalColumn | null> | null = null;
    let readMs = 0, checkMs = 0, csvMs = 0, n = 0, bytes = 0;
    let chunk: ImportedRow[] = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let at = performance.now();
    for await (const row of readSheet(file.path, 'csv')) {
      const t1 = performance.now();
      readMs += t1 - at;
      if (columns === null) {
        columns = mapHeaders(row.cells.map((c) => c.text), {}).columns;
        at = performance.now();
        continue;
      }
      const cells: Partial<Record<CanonicalColumn, Cell>> = {};
      for (let i = 0; i < columns.length; i++) if (columns[i] && row.cells[i]) cells[columns[i]!] = row.cells[i]!;
      const parsed = parseImportRow(row.rowNo, cells, ctx);
      if (parsed.row) chunk.push(parsed.row);
      n++;
      const t2 = performance.now();
      checkMs += t2 - t1;
      if (chunk.length === 5000) {
        bytes += stageCsv(chunk).length;
        chunk = [];
        csvMs += performance.now() - t2;
      }
      at = performance.now();
    }
    bytes += stageCsv(chunk).length;
    const cpu = process.cpuUsage(cpu0);
    log(`node only: ${n} rows in ${((performance.now() - t0) / 1000).toFixed(2)} s, CPU ${((cpu.user + cpu.system) / 1000 / 1000).toFixed(2)} s; per row (µs) read ${(readMs * 1000 / n).toFixed(1)}, check ${(checkMs * 1000 / n).toFixed(1)}, staging CSV ${(csvMs * 1000 / n).toFixed(1)}; staging ${(bytes / 2 ** 20).toFixed(1)} MiB`);
    await db.close();
    await admin.end();
    await target.drop();
    fs.rmSync(work, { recursive: true, force: true });
    process.exit(0);
  }
  const backends = async () => new Set((await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map((r) => r.pid));
  /** Wall ms, this process's CPU ms, the database backends' CPU ms. */
  const measure = async <T,>(fn: () => Promise<T>) => {
    const pids0 = await backends();
    const db0 = postgresCpuMs(pids0);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const value = await fn();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { value, ms, nodeCpuMs: (cpu.user + cpu.system) / 1000, dbCpuMs: cpuSince(db0, await backends()) };
  };
  const fmt = (m: { ms: number; nodeCpuMs: number; dbCpuMs: number }) => `${(m.ms / 1000).toFixed(2)} s (CPU node ${(m.nodeCpuMs / 1000).toFixed(2)} s, db ${(m.dbCpuMs / 1000).toFixed(2)} s)`;

  // raw COPY, as section 1 of the bench does it (16 MiB chunks in one transaction)
  await db.query(`CREATE TABLE bench_raw_import (${file.columns.map((c) => `"${c}" text`).join(', ')})`);
  const raw = await measure(() => db.transaction(async (tx) => {
    const text = fs.readFileSync(file.path, 'utf8');
    const body = text.slice(text.indexOf('\n') + 1);
    let n = 0;
    for (let at = 0; at < body.length;) {
      let end = body.indexOf('\n', Math.min(body.length - 1, at + 16 * 2 ** 20));
      if (end < 0) end = body.length - 1;
      n += await db.copyCsv(tx, 'bench_raw_import', file.columns.map((c) => `"${c}"`), body.slice(at, end + 1));
      at = end + 1;
    }
    return n;
  }));
  await db.query('DROP TABLE bench_raw_import');
  log(`raw COPY: ${raw.value} rows in ${fmt(raw)}`);

  const copy = `${file.path}.upload.csv`;
  fs.copyFileSync(file.path, copy);
  const ctx = await contextAs(deps, 'bench.manager');
  let tracker: { phaseMs: Record<string, number>; stepMs: Record<string, number> } | null = null;
  const real = await measure(async () => {
    const { id } = await createImport(deps, ctx, { id: newId(), file: copy, fileName: 'bench-population.csv' }, { mapping: {} });
    return runImport(deps, id, { onTracker: (t) => { tracker = t as never; }, ...(values.threads !== undefined ? { checkThreads: Number(values.threads) } : {}) });
  });
  log(`import: ${real.value.rows_ok} rows (${real.value.rows_rejected} rejected, ${real.value.status}) in ${fmt(real)}; ratio to raw COPY ${(raw.ms / real.ms).toFixed(3)}`);
  const t = tracker as { phaseMs: Record<string, number>; stepMs: Record<string, number> } | null;
  log(`phases (s): ${Object.entries(t?.phaseMs ?? {}).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join(', ')}`);
  log(`steps (s): ${Object.entries(t?.stepMs ?? {}).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join(', ')}`);

  if (!values['skip-indexes']) {
    // what the bulk apply rebuilds (registry_restore_indexes), one at a time on the loaded
    // tables, as it runs there (default settings): the secondary indexes, then the foreign keys
    const rebuilt = (await admin.query<{ kind: string; table_name: string; name: string; def: string }>(
      `SELECT 'index' AS kind, i.tablename AS table_name, i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       JOIN pg_class c ON c.relname = i.indexname JOIN pg_namespace s ON s.oid = c.relnamespace AND s.nspname = i.schemaname
       WHERE i.schemaname = 'public' AND i.tablename IN ('persons', 'households', 'families') AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)
       UNION ALL
       SELECT 'foreign_key', t.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid
       WHERE k.contype = 'f' AND t.relname IN ('persons', 'households', 'families', 'family_kk_history') AND f.relname IN ('persons', 'households', 'families', 'family_kk_history')
       ORDER BY 1 DESC, 2, 3`,
    )).rows;
    console.log('\n| what the apply rebuilds | table | time (s) |\n|---|---|---|');
    let rebuildMs = 0;
    for (const r of rebuilt) {
      const t0 = performance.now();
      if (r.kind === 'index') {
        await admin.query(`DROP INDEX public.${r.name}`);
        const t1 = performance.now();
        await admin.query(r.def);
        const ms = performance.now() - t1;
        rebuildMs += ms;
        console.log(`| index ${r.name} | ${r.table_name} | ${(ms / 1000).toFixed(2)} |`);
      } else {
        await admin.query(`ALTER TABLE public.${r.table_name} DROP CONSTRAINT ${r.name}`);
        const t1 = performance.now();
        await admin.query(`ALTER TABLE public.${r.table_name} ADD CONSTRAINT ${r.name} ${r.def}`);
        const ms = performance.now() - t1;
        rebuildMs += ms;
        console.log(`| foreign key ${r.name} | ${r.table_name} | ${(ms / 1000).toFixed(2)} |`);
      }
      void t0;
    }
    console.log(`| all | | ${(rebuildMs / 1000).toFixed(2)} |`);
    const cols = (await admin.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'persons' AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    )).rows.map((r) => r.column_name).join(', ');
    const defs = (await admin.query<{ name: string; def: string }>(
      `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'persons'::regclass ORDER BY 1`,
    )).rows;
    const onCopy = (def: string) => def.replace(/^CREATE (UNIQUE )?INDEX (\S+) ON (public\.)?persons /, (_m, u: string | undefined, name: string) => `CREATE ${u ?? ''}INDEX ic_${name} ON ic_persons `);
    const own = async (sql: string) => {
      // one statement on the admin connection, its backend's CPU (not parallel workers')
      const pid = (await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const c0 = postgresCpuMs(new Set([pid])).get(pid) ?? 0;
      const t0 = performance.now();
      await admin.query(sql);
      return { ms: performance.now() - t0, cpuMs: (postgresCpuMs(new Set([pid])).get(pid) ?? 0) - c0 };
    };
    await admin.query('CREATE TABLE ic_persons (LIKE persons INCLUDING DEFAULTS INCLUDING GENERATED)');
    await admin.query(`INSERT INTO ic_persons (${cols}) SELECT ${cols} FROM persons`);
    await admin.query('VACUUM ANALYZE ic_persons');
    const size = async (name: string) => Number((await admin.query<{ s: string }>(`SELECT pg_relation_size('${name}') AS s`)).rows[0]!.s) / 2 ** 20;
    console.log('\n| index | build, 64 MB, 1 core (s) | CPU (s) | build, 1 GB, 1 core (s) | build, 1 GB, 2 workers (s) | kept up by the insert (s, over the bare insert) | size (MiB) |\n|---|---|---|---|---|---|---|');
    const rowsOf: Array<{ name: string; b64: number; b1g: number; par: number; kept: number }> = [];
    await admin.query('TRUNCATE ic_persons');
    const bareInsert = async () => {
      await admin.query('TRUNCATE ic_persons');
      await admin.query('CHECKPOINT');
      return own(`INSERT INTO ic_persons (${cols}) SELECT ${cols} FROM persons`);
    };
    const bare1 = await bareInsert();
    const bare2 = await bareInsert();
    const bareMs = Math.min(bare1.ms, bare2.ms);
    log(`bare insert of the persons rows: ${(bare1.ms / 1000).toFixed(2)} and ${(bare2.ms / 1000).toFixed(2)} s`);
    for (const { name, def } of defs) {
      const sql = onCopy(def);
      const drop = `DROP INDEX IF EXISTS ic_${name}`;
      await admin.query("SET maintenance_work_mem = '64MB'; SET max_parallel_maintenance_workers = 0");
      const b64 = await own(sql);
      const mib = await size(`ic_${name}`);
      await admin.query(drop);
      await admin.query("SET maintenance_work_mem = '1GB'");
      const b1g = await own(sql);
      await admin.query(drop);
      await admin.query('SET max_parallel_maintenance_workers = 2');
      const par = await own(sql);
      await admin.query(drop);
      await admin.query('RESET maintenance_work_mem; RESET max_parallel_maintenance_workers');
      await admin.query('TRUNCATE ic_persons');
      await admin.query(sql);
      await admin.query('CHECKPOINT');
      const kept = await own(`INSERT INTO ic_persons (${cols}) SELECT ${cols} FROM persons`);
      await admin.query(drop);
      rowsOf.push({ name, b64: b64.ms, b1g: b1g.ms, par: par.ms, kept: kept.ms - bareMs });
      console.log(`| ${name} | ${(b64.ms / 1000).toFixed(2)} | ${(b64.cpuMs / 1000).toFixed(2)} | ${(b1g.ms / 1000).toFixed(2)} | ${(par.ms / 1000).toFixed(2)} | ${((kept.ms - bareMs) / 1000).toFixed(2)} | ${mib.toFixed(1)} |`);
      // the table holds the rows again for the next builds
      await admin.query('TRUNCATE ic_persons');
      await admin.query(`INSERT INTO ic_persons (${cols}) SELECT ${cols} FROM persons`);
    }
    const sum = (k: 'b64' | 'b1g' | 'par' | 'kept') => rowsOf.reduce((a, r) => a + r[k], 0) / 1000;
    console.log(`| all ${rowsOf.length} | ${sum('b64').toFixed(2)} | | ${sum('b1g').toFixed(2)} | ${sum('par').toFixed(2)} | ${sum('kept').toFixed(2)} | |`);
    // the persons triggers (statement level, transition tables): the same insert with them
    await admin.query('TRUNCATE ic_persons');
    await admin.query('TRUNCATE person_name_words');
    await admin.query(`CREATE TRIGGER ic_words AFTER INSERT ON ic_persons REFERENCING NEW TABLE AS changed_persons FOR EACH STATEMENT EXECUTE FUNCTION person_name_words_add()`);
    await admin.query(`CREATE TRIGGER ic_counts AFTER INSERT ON ic_persons REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION person_counts_insert()`);
    await admin.query('CHECKPOINT');
    const trig = await own(`INSERT INTO ic_persons (${cols}) SELECT ${cols} FROM persons`);
    log(`insert with the name-words and counts triggers: ${(trig.ms / 1000).toFixed(2)} s against ${(bareMs / 1000).toFixed(2)} s bare`);
  }
  log(`load average at the end: ${loadAverage()}`);
  await db.close();
} finally {
  await admin.end().catch(() => {});
  await target.drop();
  fs.rmSync(work, { recursive: true, force: true });
}
