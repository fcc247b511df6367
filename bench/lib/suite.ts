import pg from 'pg';
import { randomInt } from 'node:crypto';
import { kabCodeOf, TRACKING_CODE_ALPHABET, TRACKING_CODE_LENGTH, trackingCodeFromIndices } from '@slrt/core';
import { NAME_MATCH_THRESHOLD } from '../../packages/server/src/registry/search-queries.ts';
import { busiestProcesses, loadAverage } from './machine.ts';
import { createTarget } from './engines.ts';
import { runLoad, type LoadResult } from './load.ts';
import type { Engine, SeqTiming } from './protocol.ts';
import { emptySections, ratioOf, type Budget, type Metrics, type Row, type RunResult } from './results.ts';
import { ServerProcess } from './server-client.ts';
import { BREAKDOWN_STEPS } from './breakdown.ts';
import type { PopulationFile } from './population.ts';
import { prng, summarize } from './stats.ts';


/** A tracking code as intake draws one (the ceiling writes what the app writes). */
const randomTrackingCode = () => trackingCodeFromIndices(Array.from({ length: TRACKING_CODE_LENGTH }, () => randomInt(0, TRACKING_CODE_ALPHABET.length)));

export interface SuiteOptions {
  engine: Engine;
  persons: number;
  seed: number;
  /** Dotted kabupaten code, e.g. 32.04. */
  kabupaten: string;
  httpDurationS: number;
  warmupS: number;
  /** Sequential database calls per query kind. */
  seqSamples: number;
  /** The population as CSV (from the registry's generator), or null when it does not exist yet. */
  dataFile: PopulationFile;
  /** Smaller runs only measure what the scaling comparison needs. */
  scaleOnly?: boolean;
  log: (msg: string) => void;
}

const BENCH_PASSWORD = 'bench-password-2025';
const NIK_CONNECTIONS = 50;
const SEARCH_CONNECTIONS = 1;
const LOAD_CONNECTIONS = 10;

function budget(text: string, met: boolean | null): Budget {
  return { text, met };
}

function seqMetrics(t: SeqTiming, unit: string): Metrics {
  const latency = summarize(t.samplesMs);
  const mean = t.samplesMs.reduce((a, b) => a + b, 0) / Math.max(1, t.samplesMs.length);
  return {
    opsPerSec: t.samplesMs.length ? 1000 / mean : null,
    unit,
    latency,
    count: t.samplesMs.length,
    connections: 1,
    ...(t.errors ? { errors: t.errors, note: t.firstError?.slice(0, 300) } : {}),
  };
}

interface Cost {
  peakRssMiB: number;
  serverCpuMs: number;
  dbCpuMs: number;
}

/** Peak RSS, and CPU ms per operation of the server process and of PostgreSQL. */
function withCost(m: Metrics, cost: Cost, engine: Engine): Metrics {
  const n = m.count ?? 0;
  return {
    ...m,
    peakRssMiB: cost.peakRssMiB,
    ...(n ? { cpuMsPerOp: { server: cost.serverCpuMs / n, ...(engine === 'postgres' ? { db: cost.dbCpuMs / n } : {}) } } : {}),
  };
}

function loadMetrics(r: LoadResult, unit: string, cost: Cost, engine: Engine): Metrics {
  const failed = r.non2xx + r.errors;
  return withCost({
    opsPerSec: r.ok ? r.reqPerSec : null,
    unit,
    latency: r.latency,
    count: r.ok,
    connections: r.connections,
    ...(failed ? { errors: failed, note: `non-2xx or failed: ${failed}; first: ${r.firstFailure ?? 'connection error'}` } : {}),
  }, cost, engine);
}

function row(key: string, label: string, measured: Metrics | null, ceiling: (Metrics & { label: string }) | null, budgets: Budget[] = [], note?: string): Row {
  return { key, label, measured, ceiling, ratio: ratioOf(measured, ceiling), budgets, ...(note ? { note } : {}) };
}

/** A deterministic one-letter typo (swap, drop, double or change a vowel) in one word. */
function typo(name: string, rnd: () => number): string {
  const words = name.split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => w.length >= 4);
  if (!candidates.length) return name;
  const { w, i } = candidates[Math.floor(rnd() * candidates.length)]!;
  const at = 1 + Math.floor(rnd() * (w.length - 2));
  const kind = Math.floor(rnd() * 4);
  let t: string;
  if (kind === 0) t = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  else if (kind === 1) t = w.slice(0, at) + w.slice(at + 1);
  else if (kind === 2) t = w.slice(0, at) + w[at] + w.slice(at);
  else {
    const vowels = 'AIUEO';
    const idx = [...w].findIndex((c, j) => j >= at && vowels.includes(c));
    const j = idx >= 0 ? idx : at;
    t = w.slice(0, j) + vowels[(vowels.indexOf(w[j]!) + 1 + Math.floor(rnd() * 4)) % 5] + w.slice(j + 1);
  }
  words[i] = t;
  return words.join(' ');
}

/** The search refuses fewer than 3 letters (registry.query_too_short): such names are not typed. */
const searchable = (q: string) => q.replace(/ /g, '').length >= 3;

async function signIn(origin: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  const cookie = /slrt_session=([^;]+)/.exec(res.headers.getSetCookie().join(';'))?.[1];
  const body = (await res.json()) as { csrfToken: string };
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { cookie: `slrt_session=${cookie}`, csrf: body.csrfToken };
}

/** What every section of one run shares. */
interface Run {
  o: SuiteOptions;
  s: ServerProcess;
  kab4: string;
  sections: RunResult['sections'];
  notes: string[];
  plans: RunResult['plans'];
  http: (seconds: number) => { durationS: number; warmupS: number };
}

type Session = { cookie: string; csrf: string };

/** Who asks (the bench's users, signed in) and what they type (samples of the registry). */
interface Callers {
  persons: number;
  village: string;
  officer: Session;
  manager: Session;
  officerGrant: { role: string; areaCode: string };
  managerGrant: { role: string; areaCode: string };
  niks: string[];
  villageSample: Array<{ q: string; orig: string }>;
  kabSample: Array<{ q: string; orig: string }>;
  villageNames: string[];
  kabNames: string[];
  seqN: number;
  kabN: number;
}

const pickFrom = <T,>(list: T[]) => (i: number) => list[i % list.length]!;

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
  const real = await s.measured(() => s.call<{ rows: number; rejected: number; status: string; ms: number }>('realImport', { file: file.path, username: 'bench.manager' }));
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

  const rnd = prng(o.seed);
  const sampleSize = Math.max(200, Math.min(2000, o.seqSamples));
  const niks = (await s.query<{ nik: string }>(
    'SELECT nik FROM persons WHERE village_code = $1 AND nik IS NOT NULL ORDER BY md5(id::text) LIMIT $2', [village, sampleSize],
  )).map((r) => r.nik);
  const pct = Math.min(100, (100 * sampleSize * 3) / Math.max(1, persons));
  // names as an officer would type them: the registered name with one typo; `orig` is the name
  // itself, to count how often someone of that name comes back in the first 20
  const typed = (rows: Array<{ name_norm: string }>) =>
    rows.map((r) => ({ q: typo(r.name_norm, rnd), orig: r.name_norm })).filter((x) => searchable(x.q));
  const villageSample = typed(await s.query<{ name_norm: string }>(
    'SELECT name_norm FROM persons WHERE village_code = $1 ORDER BY md5(id::text) LIMIT $2', [village, sampleSize],
  ));
  const kabSample = typed(await s.query<{ name_norm: string }>(
    `SELECT name_norm FROM persons TABLESAMPLE BERNOULLI (${pct.toFixed(4)}) REPEATABLE (${o.seed}) LIMIT $1`, [sampleSize],
  ));
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

/** 2a. NIK lookup and name search in the database: the registry's queries against bare ones. */
async function measureLookupsInDb({ o, s, kab4, sections }: Run, { village, niks, villageSample, kabSample, villageNames, kabNames, officerGrant, managerGrant, seqN, kabN }: Callers) {
  // the ceiling's single statement runs with the registry's threshold (set for the database
  // before the server started on PostgreSQL, for the one session on PGlite)
  if (o.engine === 'pglite') await s.call('exec', { sql: `SET pg_trgm.word_similarity_threshold = ${NAME_MATCH_THRESHOLD}` });
  const bare = {
    nik: { sql: 'SELECT id, full_name, village_code, birth_date, sex FROM persons WHERE kab_code = $1 AND nik = $2', fixed: [kab4], params: ['nik'] },
    searchVillage: { sql: 'SELECT id, full_name, village_code FROM persons WHERE kab_code = $1 AND village_code = $2 AND $3 <% name_norm ORDER BY word_similarity($3, name_norm) DESC, id LIMIT 21', fixed: [kab4], params: ['village', 'q'] },
    searchKab: { sql: 'SELECT id, full_name, village_code FROM persons WHERE kab_code = $1 AND $2 <% name_norm ORDER BY word_similarity($2, name_norm) DESC, id LIMIT 21', fixed: [kab4], params: ['q'] },
  };
  for (const [name, q] of Object.entries(bare)) await s.call('setBareQuery', { name, ...q });
  const dbRows: Array<{ key: string; label: string; real: () => Promise<SeqTiming>; ceiling: () => Promise<SeqTiming>; budgets?: (m: Metrics) => Budget[] }> = [
    {
      key: 'db.nik', label: 'NIK lookup',
      real: () => s.call('realSearchSeq', { kind: 'nik', grant: officerGrant, values: niks.slice(0, seqN), limit: 20 }),
      ceiling: () => s.call('seqSql', { sql: bare.nik.sql, paramSets: niks.slice(0, seqN).map((n) => [kab4, n]) }),
    },
    {
      key: 'db.search.village', label: 'name search in a village',
      real: () => s.call('realSearchSeq', { kind: 'name', grant: officerGrant, area: { level: 'village', code: village }, values: villageNames.slice(0, seqN), expect: villageSample.slice(0, seqN).map((x) => x.orig), limit: 20 }),
      ceiling: () => s.call('seqSql', { sql: bare.searchVillage.sql, paramSets: villageNames.slice(0, seqN).map((n) => [kab4, village, n]) }),
      budgets: (m) => [budget('p95 under 20 ms', m.latency ? m.latency.p95Ms < 20 : null)],
    },
    {
      key: 'db.search.kabupaten', label: 'name search kabupaten-wide',
      real: () => s.call('realSearchSeq', { kind: 'name', grant: managerGrant, values: kabNames.slice(0, kabN), expect: kabSample.slice(0, kabN).map((x) => x.orig), limit: 20 }),
      ceiling: () => s.call('seqSql', { sql: bare.searchKab.sql, paramSets: kabNames.slice(0, kabN).map((n) => [kab4, n]) }),
      budgets: (m) => [budget('p95 under 100 ms', m.latency ? m.latency.p95Ms < 100 : null)],
    },
  ];
  for (const d of dbRows) {
    o.log(`${o.engine} ${o.persons}: database, ${d.label}`);
    const c = await s.measured(d.ceiling);
    const m = await s.measured(d.real);
    const mm = withCost(seqMetrics(m.value, 'queries/s'), m, o.engine);
    const cc = { ...withCost(seqMetrics(c.value, 'queries/s'), c, o.engine), label: 'bare indexed query' };
    const v = m.value as SeqTiming & { hits?: number; found?: number };
    sections['lookup-db'].push(row(d.key, d.label, mm, cc, d.budgets?.(mm) ?? [],
      v.hits === undefined ? undefined : d.key === 'db.nik' ? `${v.hits} of ${v.samplesMs.length} found the person` : `someone of the registered name in the first 20: ${v.found} of ${v.samplesMs.length}`));
  }
}

/** 2b. The same over HTTP: the real routes against bare Fastify routes. */
async function measureLookupsOverHttp({ o, s, sections, http }: Run, { village, officer, manager, niks, villageNames, kabNames }: Callers) {
  const httpRows: Array<{ key: string; label: string; conns: number; real: string; who: { cookie: string }; ceilingPath: string; values: string[]; param: string; budgets: (m: Metrics, ratio: number | null) => Budget[]; extra?: string }> = [
    {
      key: 'http.nik', label: 'NIK lookup', conns: NIK_CONNECTIONS, who: officer, values: niks, param: 'nik',
      real: '/api/v1/persons?nik=', ceilingPath: '/bare/nik?nik=',
      budgets: (m, r) => [budget('at least 0.5 x bare route req/s', r === null ? null : r >= 0.5), budget('p99 under 25 ms at 50 connections', m.latency ? m.latency.p99Ms < 25 : null)],
    },
    {
      key: 'http.search.village', label: 'name search in a village', conns: SEARCH_CONNECTIONS, who: officer, values: villageNames, param: 'q',
      real: `/api/v1/persons?area=${village}&q=`, ceilingPath: `/bare/searchVillage?village=${village}&q=`,
      budgets: (m) => [budget('p95 under 20 ms', m.latency ? m.latency.p95Ms < 20 : null)],
    },
    {
      key: 'http.search.kabupaten', label: 'name search kabupaten-wide', conns: SEARCH_CONNECTIONS, who: manager, values: kabNames, param: 'q',
      real: '/api/v1/persons?q=', ceilingPath: '/bare/searchKab?q=',
      budgets: (m) => [budget('p95 under 100 ms', m.latency ? m.latency.p95Ms < 100 : null)],
    },
  ];
  if (!o.scaleOnly) {
    httpRows.push({
      key: 'http.search.village.load', label: `name search in a village, ${LOAD_CONNECTIONS} connections`, conns: LOAD_CONNECTIONS, who: officer, values: villageNames, param: 'q',
      real: `/api/v1/persons?area=${village}&q=`, ceilingPath: `/bare/searchVillage?village=${village}&q=`, budgets: () => [],
    });
  }
  for (const h of httpRows) {
    o.log(`${o.engine} ${o.persons}: HTTP, ${h.label}`);
    const pick = pickFrom(h.values.map(encodeURIComponent));
    const minSamples = o.scaleOnly ? 20 : 50;
    const c = await s.measured(() => runLoad({ origin: s.bareUrl, connections: h.conns, ...http(o.httpDurationS), minSamples, pathFor: (i) => `${h.ceilingPath}${pick(i)}` }));
    const m = await s.measured(() => runLoad({ origin: s.url, connections: h.conns, ...http(o.httpDurationS), minSamples, headers: { cookie: h.who.cookie }, pathFor: (i) => `${h.real}${pick(i)}` }));
    const mm = loadMetrics(m.value, 'req/s', m, o.engine);
    const cc = { ...loadMetrics(c.value, 'req/s', c, o.engine), label: 'bare Fastify route' };
    sections['lookup-http'].push(row(h.key, h.label, mm, cc, h.budgets(mm, ratioOf(mm, cc))));
  }
}

/** Where the time of a NIK lookup goes. */
async function measureNikBreakdown({ o, s, sections, http }: Run, { officer, niks }: Callers) {
  const pick = pickFrom(niks);
  let first: Metrics | null = null;
  for (const step of BREAKDOWN_STEPS) {
    o.log(`${o.engine} ${o.persons}: HTTP, NIK breakdown ${step.step}`);
    const m = await s.measured(() => runLoad({ origin: s.bareUrl, connections: NIK_CONNECTIONS, ...http(o.httpDurationS), headers: { cookie: officer.cookie }, pathFor: (i) => `/steps/nik/${step.step}?nik=${pick(i)}` }));
    const mm = loadMetrics(m.value, 'req/s', m, o.engine);
    first ??= mm;
    sections.breakdown.push(row(`http.nik.step${step.step}`, `${step.step}. ${step.label}`, mm, { ...first, label: 'step 1' }));
  }
  // the real route again, right after the steps: on a shared machine a comparison holds
  // best between figures taken minutes apart, not a quarter of an hour
  o.log(`${o.engine} ${o.persons}: HTTP, NIK real route again`);
  const real = await s.measured(() => runLoad({ origin: s.url, connections: NIK_CONNECTIONS, ...http(o.httpDurationS), headers: { cookie: officer.cookie }, pathFor: (i) => `/api/v1/persons?nik=${pick(i)}` }));
  if (first) sections.breakdown.push(row('http.nik.real', '5. the real route, measured again here', loadMetrics(real.value, 'req/s', real, o.engine), { ...first, label: 'step 1' }));
}

/** 3. Intake: cases with two needs over HTTP; first, cases for the lists through the service. */
async function measureIntake({ o, s, kab4, sections, notes, http }: Run, { persons, village, officer }: Callers) {
  const budgetIntake = (m: Metrics) => [budget('at least 300 cases/s', m.opsPerSec ? m.opsPerSec >= 300 : null)];
  // cases for the lists: 1 for every 100 people (36,000 open cases at the kabupaten's full
  // size, at most 40,000), through the intake service itself
  const seedCount = Math.min(40_000, Math.max(100, Math.round(persons / 100)));
  o.log(`${o.engine} ${o.persons}: ${seedCount} cases through the intake service (for the lists)`);
  const seedIds = (await s.query<{ id: string }>('SELECT id FROM persons ORDER BY md5(id::text) LIMIT $1', [seedCount])).map((r) => r.id);
  const seeded = await s.call<{ created: number; errors: number; firstError?: string; ms: number }>('seedCases', { personIds: seedIds, username: 'bench.manager', concurrency: 2 });
  // as autovacuum would after that many inserts (PGlite has none): the lists are planned on real statistics
  await s.query('ANALYZE cases');
  await s.query('ANALYZE case_needs');
  notes.push(`${seeded.created} cases created through the intake service before the measurements (${Math.round((seeded.created / seeded.ms) * 1000)} cases/s at 2 concurrent calls, no HTTP)${seeded.errors ? `; ${seeded.errors} failed: ${seeded.firstError?.slice(0, 200)}` : ''}`);

  const intakePersons = await s.query<{ id: string; household_id: string }>('SELECT id, household_id FROM persons WHERE village_code = $1 ORDER BY md5(id::text) LIMIT 5000', [village]);
  const { TWO_NEEDS } = await import('../../packages/server/src/cases/testing.ts');
  await s.call('setBareWrite', {
    name: 'intake',
    statements: [
      {
        sql: `INSERT INTO cases (id, kab_code, village_code, code, person_id, household_id, track_pin, pin_from_nik, status, channel, kind, complaint, urgency, legal_basis, registry_status_at_intake, due_at, tracking_code)
              VALUES ($1, $2, $3, 'B-' || $7, $4, $5, '0000', false, 'registered', 'walk_in_puskesos', 'complaint', $6, 'high', 'public_task', 'registered', now() + interval '3 days', $8)`,
        params: [':uuid1', 'kab', 'villageCode', 'personId', 'householdId', 'complaint', ':uuid1', 'trackingCode'],
      },
      {
        sql: `INSERT INTO case_needs (id, kab_code, village_code, case_id, position, sector, urgency, request, person_id)
              VALUES ($1, $3, $4, $5, 1, 'health', 'high', $6, $8), ($2, $3, $4, $5, 2, 'education', 'normal', $7, $8)`,
        params: [':uuid2', ':uuid3', 'kab', 'villageCode', ':uuid1', 'need1', 'need2', 'personId'],
      },
    ],
  });
  const pickP = pickFrom(intakePersons);
  const complaint = 'Benchmark: anak sakit dan tidak ada biaya berobat.';
  o.log(`${o.engine} ${o.persons}: HTTP, intake`);
  const c = await s.measured(() => runLoad({
    origin: s.bareUrl, connections: LOAD_CONNECTIONS, ...http(o.httpDurationS), method: 'POST', pathFor: () => '/bare/intake',
    bodyFor: (i) => JSON.stringify({ personId: pickP(i).id, householdId: pickP(i).household_id, villageCode: village, kab: kab4, complaint, need1: TWO_NEEDS[0]!.request, need2: TWO_NEEDS[1]!.request, trackingCode: randomTrackingCode() }),
  }));
  const m = await s.measured(() => runLoad({
    origin: s.url, connections: LOAD_CONNECTIONS, ...http(o.httpDurationS), method: 'POST', headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf },
    pathFor: () => '/api/v1/cases',
    bodyFor: (i) => JSON.stringify({ personId: pickP(i).id, channel: 'walk_in_puskesos', kind: 'complaint', complaint, needs: TWO_NEEDS }),
  }));
  const mm = loadMetrics(m.value, 'cases/s', m, o.engine);
  const cc = { ...loadMetrics(c.value, 'cases/s', c, o.engine), label: 'bare Fastify route, same rows in one transaction' };
  sections.intake.push(row('http.intake', 'cases with two needs', mm, cc, budgetIntake(mm)));
}

/** 4. Worklists and boards, over HTTP, one connection. */
async function measureBackOffice({ o, s, kab4, sections, notes, http }: Run, { persons, village, officer, manager }: Callers) {
  const coordinator = await signIn(s.url, 'bench.coordinator');
  const supervisor = await signIn(s.url, 'bench.supervisor');
  const kecamatan = village.split('.').slice(0, 3).join('.');
  const OPEN = `status NOT IN ('resolved', 'closed')`;
  const bareLists = {
    worklistVillage: { sql: `SELECT id, code, status, due_at, person_id FROM cases WHERE kab_code = $1 AND village_code = $2 AND ${OPEN} ORDER BY fast_track DESC, due_at, id LIMIT 51`, fixed: [kab4, village], params: [] },
    worklistKab: { sql: `SELECT id, code, status, due_at, person_id FROM cases WHERE kab_code = $1 AND ${OPEN} ORDER BY fast_track DESC, due_at, id LIMIT 51`, fixed: [kab4], params: [] },
    boardKec: { sql: `SELECT village_code, count(*) FILTER (WHERE ${OPEN}) AS open, count(*) FILTER (WHERE status = 'registered') AS new FROM cases WHERE kab_code = $1 AND village_code LIKE $2 GROUP BY village_code`, fixed: [kab4, `${kecamatan}.%`], params: [] },
    boardKab: { sql: `SELECT left(village_code, 8) AS kecamatan, count(*) FILTER (WHERE ${OPEN}) AS open, count(*) FILTER (WHERE status = 'registered') AS new FROM cases WHERE kab_code = $1 GROUP BY 1`, fixed: [kab4], params: [] },
  };
  for (const [name, q] of Object.entries(bareLists)) await s.call('setBareQuery', { name, ...q });
  const lists = [
    { key: 'http.worklist', label: 'village worklist (open cases, first page of 50)', who: coordinator, path: '/api/v1/cases?list=open&limit=50', bare: '/bare/worklistVillage' },
    { key: 'http.worklist.kabupaten', label: 'kabupaten worklist (open cases, first page of 50)', who: manager, path: '/api/v1/cases?list=open&limit=50', bare: '/bare/worklistKab' },
    { key: 'http.board', label: 'case board of a kecamatan (one row per village)', who: supervisor, path: '/api/v1/cases/board', bare: '/bare/boardKec' },
    { key: 'http.board.kabupaten', label: 'case board of the kabupaten (one row per kecamatan)', who: manager, path: '/api/v1/cases/board', bare: '/bare/boardKab' },
  ];
  for (const l of lists) {
    o.log(`${o.engine} ${o.persons}: HTTP, ${l.label}`);
    const c = await s.measured(() => runLoad({ origin: s.bareUrl, connections: 1, ...http(o.httpDurationS), pathFor: () => l.bare }));
    const m = await s.measured(() => runLoad({ origin: s.url, connections: 1, ...http(o.httpDurationS), headers: { cookie: l.who.cookie }, pathFor: () => l.path }));
    sections.backoffice.push(row(l.key, l.label, loadMetrics(m.value, 'req/s', m, o.engine), { ...loadMetrics(c.value, 'req/s', c, o.engine), label: 'bare Fastify route' }));
  }
  // referrals through the real services, for cases of the officer's village (where the
  // bench's coordinator may decide): one per 1,000 people, at most 1,000
  const wanted = Math.min(1000, Math.max(50, Math.round(persons / 1000)));
  const caseIds = (await s.query<{ id: string }>(`SELECT id FROM cases WHERE village_code = $1 AND status = 'registered' ORDER BY id LIMIT $2`, [village, wanted])).map((r) => r.id);
  o.log(`${o.engine} ${o.persons}: ${caseIds.length} referrals through the case workflow and the referral service`);
  const seeded = await s.call<{ created: number; errors: number; firstError?: string; ms: number }>('seedReferrals', { caseIds, officer: 'bench.officer', coordinator: 'bench.coordinator', concurrency: 2 });
  notes.push(`${seeded.created} referrals created through the case workflow and the referral service before the board measurements (${(seeded.ms / 1000).toFixed(0)} s)${seeded.errors ? `; ${seeded.errors} failed: ${seeded.firstError?.slice(0, 200)}` : ''}`);
  const bareRef = {
    refBoardKab: { sql: `SELECT status, count(*) FROM referrals WHERE kab_code = $1 GROUP BY status`, fixed: [kab4], params: [] },
    refListVillage: { sql: `SELECT id, status, created_at FROM referrals WHERE kab_code = $1 AND village_code = $2 AND status = 'sent' ORDER BY created_at DESC, id LIMIT 51`, fixed: [kab4, village], params: [] },
  };
  for (const [name, q] of Object.entries(bareRef)) await s.call('setBareQuery', { name, ...q });
  for (const l of [
    { key: 'http.referral.board', label: 'referral board of the kabupaten (by status, per partner)', who: manager, path: '/api/v1/referrals/board', bare: '/bare/refBoardKab' },
    { key: 'http.referral.board.kecamatan', label: 'referral board of a kecamatan', who: supervisor, path: '/api/v1/referrals/board', bare: '/bare/refBoardKab' },
    { key: 'http.referral.list', label: 'referrals sent from a village (first page of 50)', who: officer, path: '/api/v1/referrals?status=sent&limit=50', bare: '/bare/refListVillage' },
  ]) {
    o.log(`${o.engine} ${o.persons}: HTTP, ${l.label}`);
    const c = await s.measured(() => runLoad({ origin: s.bareUrl, connections: 1, ...http(o.httpDurationS), pathFor: () => l.bare }));
    const m = await s.measured(() => runLoad({ origin: s.url, connections: 1, ...http(o.httpDurationS), headers: { cookie: l.who.cookie }, pathFor: () => l.path }));
    sections.backoffice.push(row(l.key, l.label, loadMetrics(m.value, 'req/s', m, o.engine), { ...loadMetrics(c.value, 'req/s', c, o.engine), label: 'bare Fastify route' }));
  }
}

/** Rows and sizes of the main tables. */
async function recordSizes({ s }: Run, result: RunResult) {
  const tables = ['persons', 'households', 'families', 'registry_history', 'audit_events', 'cases', 'referrals'];
  for (const t of tables) {
    const exists = (await s.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [t]))[0]!.r;
    if (!exists) continue;
    const [{ n, size }] = await s.query<{ n: number; size: number }>(`SELECT count(*)::int AS n, pg_total_relation_size('${t}') / 1048576.0 AS size FROM ${t}`) as [{ n: number; size: number }];
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
