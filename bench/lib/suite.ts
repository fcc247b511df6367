import pg from 'pg';
import { kabCodeOf } from '@slrt/core';
import { NAME_MATCH_THRESHOLD } from '../../packages/server/src/registry/search-queries.ts';
import { busiestProcesses, loadAverage } from './machine.ts';
import { createTarget } from './engines.ts';
import { emptySections, ratioOf, type RunResult } from './results.ts';
import { ServerProcess } from './server-client.ts';
import { nameSamples, typingNote } from './typed-names.ts';
import { BENCH_PASSWORD, type Callers, type Run, type SuiteOptions, budget, row, signIn, withCost } from './suite-run.ts';
import { measureLookupsInDb, measureLookupsOverHttp, measureNikBreakdown } from './suite-lookups.ts';
import { measureBackOffice, measureIntake } from './suite-cases.ts';

export async function runSuite(o: SuiteOptions): Promise<RunResult> {
  const started = Date.now();
  const sections = emptySections();
  const notes: string[] = [];
  const plans: RunResult['plans'] = [];
  const result: RunResult = {
    engine: o.engine, persons: o.persons, engineVersion: '', startedAt: new Date(started).toISOString(), durationS: 0,
    loadBefore: loadAverage(), loadAfter: 0, otherProcesses: await busiestProcesses(4),
    dataSource: "the registry's synthetic generator (registry/synthetic), written as the canonical CSV and loaded through the registry import",
    sections, idleRssMiB: 0, loadedRssMiB: 0, dataSizes: [], plans, notes,
  };
  const target = await createTarget(o.engine);
  let server: ServerProcess | null = null;
  try {
    if (o.engine === 'postgres') {
      // the name-search ceiling is one statement: it gets the registry's threshold from the database
      const admin = new pg.Client({ connectionString: target.target });
      await admin.connect();
      await admin.query(`ALTER DATABASE ${new URL(target.target).pathname.slice(1)} SET pg_trgm.word_similarity_threshold = ${NAME_MATCH_THRESHOLD}`).finally(() => admin.end());
    }
    o.log(`${o.engine} ${o.persons}: starting the server process`);
    server = await ServerProcess.start({ engine: o.engine, target: target.target, kabupaten: o.kabupaten });
    const run: Run = { o, s: server, kab4: kabCodeOf(o.kabupaten), sections, notes, plans, http: (seconds) => ({ durationS: seconds, warmupS: o.warmupS }) };
    result.engineVersion = server.ready.engineVersion;
    result.idleRssMiB = Math.round(server.rss.current());

    await measureImport(run);
    if (o.importOnly) return result;
    await server.query('ANALYZE');
    result.loadedRssMiB = Math.round(server.rss.current());
    const callers = await prepareCallers(run);
    // the ceiling of a name search is the plain trigram query, through the trigram index the
    // app no longer has (0015): built for the ceiling, timed, and dropped after it
    const trgmStarted = performance.now();
    await server.query('CREATE INDEX bench_name_trgm_idx ON persons USING gin (name_norm gin_trgm_ops)');
    notes.push(`the trigram index of the name-search ceiling (not the app's) built in ${((performance.now() - trgmStarted) / 1000).toFixed(1)} s`);
    await measureLookupsInDb(run, callers);
    await measureLookupsOverHttp(run, callers);
    await server.query('DROP INDEX bench_name_trgm_idx');
    if (!o.scaleOnly) await measureNikBreakdown(run, callers);
    await measureIntake(run, callers);
    await measureBackOffice(run, callers);
    // after every HTTP figure, so that its indexes cannot touch them
    await recordSizes(run, result);
    if (!o.scaleOnly) await recordPlans(run, callers);
  } finally {
    if (server) await server.stop();
    await target.drop();
    result.loadAfter = loadAverage();
    result.durationS = (Date.now() - started) / 1000;
  }
  return result;
}

/** 1. The registry import of the CSV file against raw COPY, and what the indexes cost. */
async function measureImport({ o, s, sections, notes }: Run) {
  await s.call('createUsers', { password: BENCH_PASSWORD, users: [{ username: 'bench.manager', role: 'kabupaten_manager', areaCode: o.kabupaten }] });
  const file = o.dataFile;
  o.log(`${o.engine} ${o.persons}: raw COPY ceiling`);
  const cols = file.columns.map((c) => `"${c}" text`).join(', ');
  await s.query(`CREATE TABLE bench_raw_import (${cols})`);
  const raw = await s.measured(() => s.call<{ rows: number; ms: number }>('copyCsvFile', { table: 'bench_raw_import', columns: file.columns.map((c) => `"${c}"`), file: file.path, skipHeader: true }));
  await s.query('DROP TABLE bench_raw_import');
  o.log(`${o.engine} ${o.persons}: import through the registry import path`);
  const real = await s.measured(() => s.call<{ rows: number; rejected: number; status: string; ms: number; phaseMs: Record<string, number> }>('realImport', { file: file.path, username: 'bench.manager' }));
  notes.push(`the import's phases (s): ${Object.entries(real.value.phaseMs).map(([p, ms]) => `${p} ${(ms / 1000).toFixed(1)}`).join(', ')} (read and check run beside stage; review: the likely-duplicates check after it)`);
  if (real.value.rejected || real.value.status !== 'done') notes.push(`import ${real.value.status}: ${real.value.rows} rows imported, ${real.value.rejected} rejected`);
  const m = withCost({ opsPerSec: (real.value.rows / real.value.ms) * 1000, unit: 'rows/s', totalMs: real.value.ms, count: real.value.rows }, real, o.engine);
  const c = { label: 'raw COPY into a bare table', ...withCost({ opsPerSec: (raw.value.rows / raw.value.ms) * 1000, unit: 'rows/s', totalMs: raw.value.ms, count: raw.value.rows }, raw, o.engine) };
  const r = ratioOf(m, c);
  sections.import.push(row('import.real', 'registry import (CSV)', m, c, [budget('at least 0.5 x raw COPY', r === null ? null : r >= 0.5)]));
  // What the persons table's own indexes cost, the floor of any import that keeps them:
  // the imported rows copied into a table like persons, with its indexes maintained row
  // by row, and without them, the indexes built afterwards.
  o.log(`${o.engine} ${o.persons}: index cost references`);
  const personCols = (await s.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'persons' AND is_generated = 'NEVER' ORDER BY ordinal_position`,
  )).map((r) => r.column_name).join(', ');
  const indexDefs = (await s.query<{ def: string }>(`SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = 'persons'::regclass`)).map((r) => r.def);
  // kept row by row, the GIN indexes make this reference take many minutes at full size: it is
  // measured up to 1 million people, where it already shows what it shows
  const incr = real.value.rows > 1_000_000 ? null : await (async () => {
    await s.query('CREATE TABLE bench_persons_indexed (LIKE persons INCLUDING ALL)');
    const r = await s.measured(async () => {
      const t0 = performance.now();
      await s.query(`INSERT INTO bench_persons_indexed (${personCols}) SELECT ${personCols} FROM persons`);
      return performance.now() - t0;
    });
    await s.query('DROP TABLE bench_persons_indexed');
    return r;
  })();
  await s.query('CREATE TABLE bench_persons_bulk (LIKE persons INCLUDING DEFAULTS INCLUDING GENERATED)');
  const bulk = await s.measured(async () => {
    const t0 = performance.now();
    await s.query(`INSERT INTO bench_persons_bulk (${personCols}) SELECT ${personCols} FROM persons`);
    for (const def of indexDefs) {
      await s.query(def.replace(/^CREATE (UNIQUE )?INDEX (\S+) ON (public\.)?persons /, (_m, u: string | undefined, name: string) => `CREATE ${u ?? ''}INDEX bench_${name} ON bench_persons_bulk `));
    }
    return performance.now() - t0;
  });
  await s.query('DROP TABLE bench_persons_bulk');
  const refRow = (key: string, label: string, r: typeof bulk) =>
    row(key, label, withCost({ opsPerSec: (real.value.rows / r.value) * 1000, unit: 'rows/s', totalMs: r.value, count: real.value.rows }, r, o.engine), c, [],
      'reference, not a budget: the same person rows by INSERT … SELECT from the imported table (no CSV parsing)');
  if (incr) sections.import.push(refRow('import.ref.indexed', `reference: persons rows into a copy of persons, its ${indexDefs.length} indexes maintained`, incr));
  else notes.push(`the reference "persons rows into a copy of persons, its indexes maintained" is measured up to 1 million people only (row-by-row GIN upkeep takes many minutes beyond)`);
  sections.import.push(refRow('import.ref.bulk', `reference: persons rows into a bare copy, then its ${indexDefs.length} indexes built`, bulk));
  // The ceiling of an import that ends with a searchable registry: the file COPYed, then its
  // persons rows into a bare copy of persons and the indexes built (no checks, no households):
  // the two measured times added.
  const indexedMs = raw.value.ms + bulk.value;
  const ci = {
    label: `raw COPY, then persons rows into a bare copy and its ${indexDefs.length} indexes built`,
    ...withCost({ opsPerSec: (raw.value.rows / indexedMs) * 1000, unit: 'rows/s', totalMs: indexedMs, count: raw.value.rows },
      { peakRssMiB: Math.max(raw.peakRssMiB, bulk.peakRssMiB), serverCpuMs: raw.serverCpuMs + bulk.serverCpuMs, dbCpuMs: raw.dbCpuMs + bulk.dbCpuMs }, o.engine),
  };
  sections.import.push(row('import.real.indexed', 'registry import (CSV), against an indexed ceiling', m, ci, [], 'the same import as the first row; the ceiling is the sum of the raw COPY and the bulk reference, both measured in this run'));
}

/** The bench's users, signed in over HTTP, and what they will type. */
async function prepareCallers({ o, s, notes }: Run): Promise<Callers> {
  const persons = (await s.query<{ n: number }>('SELECT count(*)::int AS n FROM persons'))[0]!.n;
  if (persons !== o.persons) notes.push(`${persons} people in the registry after the import (asked for ${o.persons})`);
  const village = (await s.query<{ village_code: string }>(
    'SELECT village_code, count(*) FROM persons GROUP BY village_code ORDER BY count(*) DESC, village_code LIMIT 1',
  ))[0]!.village_code;
  const villagePersons = (await s.query<{ n: number }>('SELECT count(*)::int AS n FROM persons WHERE village_code = $1', [village]))[0]!.n;
  notes.push(`the officer's village is ${village}, the most populous (${villagePersons} people)`);
  await s.call('createUsers', {
    password: BENCH_PASSWORD,
    users: [
      { username: 'bench.officer', role: 'puskesos_officer', areaCode: village },
      { username: 'bench.coordinator', role: 'puskesos_coordinator', areaCode: village },
      { username: 'bench.supervisor', role: 'supervisor', areaCode: village.split('.').slice(0, 3).join('.') },
      { username: 'bench.manager', role: 'kabupaten_manager', areaCode: o.kabupaten },
    ],
  });
  const officer = await signIn(s.url, 'bench.officer');
  const manager = await signIn(s.url, 'bench.manager');

  const sampleSize = Math.max(200, Math.min(2000, o.seqSamples));
  const niks = (await s.query<{ nik: string }>(
    'SELECT nik FROM persons WHERE village_code = $1 AND nik IS NOT NULL ORDER BY md5(id::text) LIMIT $2', [village, sampleSize],
  )).map((r) => r.nik);
  // names as an officer would type them (a typo, old spelling, words joined or split, ...:
  // TYPING_RATES); `orig` is the registered name, to count how often someone of that name comes
  // back in the first 20
  const { villageSample, kabSample } = await nameSamples(s, { village, sampleSize, persons, seed: o.seed });
  notes.push(`names typed: ${typingNote()}`);
  const villageNames = villageSample.map((x) => x.q);
  const kabNames = kabSample.map((x) => x.q);
  const seqN = o.seqSamples;
  // kabupaten-wide searches are slow at full size: fewer of them
  const kabN = Math.min(seqN, persons >= 1_000_000 ? 100 : 300);
  return {
    persons, village, officer, manager, niks, villageSample, kabSample, villageNames, kabNames, seqN, kabN,
    officerGrant: { role: 'puskesos_officer', areaCode: village },
    managerGrant: { role: 'kabupaten_manager', areaCode: o.kabupaten },
  };
}

/** Rows and sizes of the main tables. */
async function recordSizes({ s }: Run, result: RunResult) {
  const tables = ['persons', 'households', 'families', 'registry_history', 'audit_events', 'cases', 'referrals'];
  for (const t of tables) {
    const exists = (await s.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [t]))[0]!.r;
    if (!exists) continue;
    // a partitioned table has no storage of its own: its size is its partitions'
    const [{ n, size }] = await s.query<{ n: number; size: number }>(`SELECT (SELECT count(*)::int FROM ${t}) AS n,
      (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('${t}')) / 1048576.0 AS size`) as [{ n: number; size: number }];
    result.dataSizes.push({ name: t, rows: n, sizeMiB: size });
  }
  const total = (await s.query<{ size: number }>('SELECT pg_database_size(current_database()) / 1048576.0 AS size'))[0]!.size;
  result.dataSizes.push({ name: '(whole database)', rows: null, sizeMiB: total });
}

/** EXPLAIN (ANALYZE, BUFFERS) of the real queries behind the figures. */
async function recordPlans({ s, plans }: Run, { village, niks, villageNames, kabNames, officerGrant, managerGrant }: Callers) {
  const explain = async (title: string, args: object) => {
    const r = await s.call<{ sql: string; plan: string } | null>('explainRealSearch', args);
    if (r) plans.push({ title, plan: `${r.sql}\n\n${r.plan}` });
  };
  await explain('name search in a village (registry query)', { kind: 'name', grant: officerGrant, area: { level: 'village', code: village }, values: [], value: villageNames[0], limit: 20 });
  await explain('name search kabupaten-wide (registry query)', { kind: 'name', grant: managerGrant, values: [], value: kabNames[0], limit: 20 });
  await explain('NIK lookup (registry query)', { kind: 'nik', grant: officerGrant, values: [], value: niks[0], limit: 20 });
  const explainCall = async (title: string, args: object) => {
    const r = await s.call<{ sql: string; plan: string } | null>('explainRealCall', args);
    if (r) plans.push({ title, plan: `${r.sql}\n\n${r.plan}` });
  };
  await explainCall('village worklist (slowest statement)', { call: 'worklist', username: 'bench.coordinator', query: { list: 'open', limit: 50 } });
  await explainCall('kabupaten worklist (slowest statement)', { call: 'worklist', username: 'bench.manager', query: { list: 'open', limit: 50 } });
  await explainCall('case board of a kecamatan (slowest statement)', { call: 'board', username: 'bench.supervisor' });
  await explainCall('case board of the kabupaten (slowest statement)', { call: 'board', username: 'bench.manager' });
  await explainCall('referrals sent from a village (slowest statement)', { call: 'referrals', username: 'bench.officer' });
}
