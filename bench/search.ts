/**
 * Name search: who is found and how fast (issue 19, "Raise what is met"). The registry's own
 * search (searchByName in the database, GET /api/v1/persons over HTTP) with names typed the ways
 * an officer types them (bench/lib/typed-names.ts: typos, the synthetic generator's spelling
 * variants, words joined or split), in the most populous village and kabupaten-wide. Counts how
 * often someone of the registered name comes back in the first 20, and prints the misses.
 *
 *   node bench/search.ts --persons 200000 [--engines postgres,pglite] [--reuse URL] [--samples 1000]
 *                        [--kab-samples 300] [--duration 10] [--misses] [--write]
 *
 * `--reuse URL`: a PostgreSQL database already holding the synthetic population (seed 7, e.g.
 * `slrt seed synthetic --persons N --seed 7`), kept afterwards. `--write` replaces the
 * "Name search" section of docs/benchmarks.md.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../packages/server/src/db/pglite.ts';
import { openPostgres } from '../packages/server/src/db/postgres.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { loadAreas } from '../packages/server/src/areas/load.ts';
import { villagesOf } from '../packages/server/src/areas/queries.ts';
import { generateHouseholds } from '../packages/server/src/registry/synthetic/generator.ts';
import { loadSynthetic } from '../packages/server/src/registry/synthetic/load.ts';
import { createTarget, type BenchTarget } from './lib/engines.ts';
import { runLoad } from './lib/load.ts';
import { loadAverage } from './lib/machine.ts';
import type { Engine, SeqTiming } from './lib/protocol.ts';
import { writeMarkedSection } from './lib/section.ts';
import { ServerProcess } from './lib/server-client.ts';
import { summarize, type LatencySummary } from './lib/stats.ts';
import { BENCH_PASSWORD, signIn } from './lib/suite-run.ts';
import { nameSamples, TYPING_RATES, typingNote, type TypedName } from './lib/typed-names.ts';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '200000' },
    engines: { type: 'string', default: 'postgres,pglite' },
    reuse: { type: 'string' },
    samples: { type: 'string', default: '1000' },
    'kab-samples': { type: 'string' },
    duration: { type: 'string', default: '10' },
    seed: { type: 'string', default: '7' },
    misses: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  },
});
const persons = Number(values.persons);
const engines = values.engines.split(',') as Engine[];
const seed = Number(values.seed);
const KABUPATEN = '32.04';
const BUDGETS = {
  village: { recall: 0.99, dbP95: 5, httpP95: 10 },
  kabupaten: { recall: 0.98, dbP95: 25, httpP95: 35 },
} as const;
type Where = keyof typeof BUDGETS;

interface Measured {
  where: Where;
  samples: number;
  found: number;
  byKind: Record<string, { n: number; found: number }>;
  db: LatencySummary;
  http: LatencySummary & { requests: number };
  /** The exact name through its index, same run: what any search of the name costs at least. */
  reference: LatencySummary;
  misses: Array<{ q: string; expected: string; kind: string; top: string[] }>;
}

interface Figures { engine: Engine; persons: number; village: string; villagePersons: number; loadBefore: number; loadAfter: number; results: Measured[] }

const log = (m: string) => console.error(`[search ${new Date().toISOString().slice(11, 19)}] ${m}`);

async function load(engine: Engine, target: string) {
  const db = engine === 'postgres' ? openPostgres(target) : await openPglite(target);
  try {
    await migrate(db);
    await loadAreas(db);
    const villages = (await villagesOf(db, KABUPATEN)).map((v) => v.code);
    const started = performance.now();
    await loadSynthetic(db, generateHouseholds({ persons, seed, villages }), { sourceId: `synthetic:${seed}` });
    await db.query('ANALYZE');
    log(`${engine}: ${persons} people loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await db.close();
  }
}

async function runOne(engine: Engine): Promise<Figures> {
  const reuse = engine === 'postgres' && values.reuse;
  const target: BenchTarget = reuse ? { engine, target: values.reuse!, drop: async () => {} } : await createTarget(engine);
  let s: ServerProcess | null = null;
  try {
    if (!reuse) await load(engine, target.target);
    s = await ServerProcess.start({ engine, target: target.target, kabupaten: KABUPATEN });
    const server = s;
    const loadBefore = loadAverage();
    const [{ village, n: villagePersons }] = await s.query<{ village: string; n: number }>(
      'SELECT village_code AS village, count(*)::int AS n FROM persons GROUP BY village_code ORDER BY count(*) DESC, village_code LIMIT 1',
    ) as [{ village: string; n: number }];
    const total = (await s.query<{ n: number }>('SELECT count(*)::int AS n FROM persons'))[0]!.n;
    const sampleSize = Number(values.samples);
    const { villageSample, kabSample } = await nameSamples(s, { village, sampleSize, persons: total, seed });
    const kabN = Number(values['kab-samples'] ?? (total >= 1_000_000 ? 100 : 300));
    await s.call('createUsers', {
      password: BENCH_PASSWORD,
      users: [{ username: 'bench.officer', role: 'puskesos_officer', areaCode: village }, { username: 'bench.manager', role: 'kabupaten_manager', areaCode: KABUPATEN }],
    });
    const officer = await signIn(s.url, 'bench.officer');
    const manager = await signIn(s.url, 'bench.manager');
    const kab4 = KABUPATEN.replace('.', '');
    const cases: Array<{ where: Where; sample: TypedName[]; grant: object; area?: object; who: { cookie: string }; path: string; reference: { sql: string; params: (q: string) => unknown[] } }> = [
      {
        where: 'village', sample: villageSample, grant: { role: 'puskesos_officer', areaCode: village }, area: { level: 'village', code: village }, who: officer, path: `/api/v1/persons?area=${village}&q=`,
        reference: { sql: 'SELECT id, full_name FROM persons WHERE village_code = $1 AND name_norm = $2 LIMIT 21', params: (q) => [village, q] },
      },
      {
        where: 'kabupaten', sample: kabSample.slice(0, kabN), grant: { role: 'kabupaten_manager', areaCode: KABUPATEN }, who: manager, path: '/api/v1/persons?q=',
        reference: { sql: `SELECT id, full_name FROM persons WHERE kab_code = $1 AND string_to_array(name_norm, ' ') @> string_to_array($2, ' ') LIMIT 21`, params: (q) => [kab4, q] },
      },
    ];
    const results: Measured[] = [];
    for (const c of cases) {
      log(`${engine} ${total}: ${c.where}, ${c.sample.length} names in the database`);
      const seq = await server.call<SeqTiming & { found: number; misses: Array<{ i: number; q: string; expected: string; top: string[] }> }>('realSearchSeq', {
        kind: 'name', grant: c.grant, area: c.area, values: c.sample.map((x) => x.q), expect: c.sample.map((x) => x.orig), limit: 20,
      });
      if (seq.errors) throw new Error(`${seq.errors} searches failed: ${seq.firstError}`);
      const ref = await server.call<SeqTiming>('seqSql', { sql: c.reference.sql, paramSets: c.sample.map((x) => c.reference.params(x.orig)) });
      const byKind: Measured['byKind'] = {};
      for (const k of Object.keys(TYPING_RATES)) byKind[k] = { n: 0, found: 0 };
      const missed = new Set(seq.misses.map((m) => m.i));
      c.sample.forEach((x, i) => { byKind[x.kind]!.n++; if (!missed.has(i)) byKind[x.kind]!.found++; });
      log(`${engine} ${total}: ${c.where}, over HTTP for ${values.duration} s`);
      const names = c.sample.map((x) => encodeURIComponent(x.q));
      const http = await runLoad({
        origin: server.url, connections: 1, durationS: Number(values.duration), warmupS: 2, minSamples: 50,
        headers: { cookie: c.who.cookie }, pathFor: (i) => `${c.path}${names[i % names.length]}`,
      });
      if (http.errors || http.non2xx) throw new Error(`HTTP search failed: ${http.firstFailure ?? JSON.stringify(http.statusCodes)}`);
      results.push({
        where: c.where, samples: c.sample.length, found: seq.found, byKind, db: summarize(seq.samplesMs), reference: summarize(ref.samplesMs),
        http: { ...http.latency, requests: http.ok },
        misses: seq.misses.map((m) => ({ q: m.q, expected: m.expected, kind: c.sample[m.i]!.kind, top: m.top })),
      });
    }
    return { engine, persons: total, village, villagePersons, loadBefore, loadAfter: loadAverage(), results };
  } finally {
    await s?.stop();
    await target.drop();
  }
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

function report(all: Figures[]): string {
  const lines = [
    '<!-- section:search -->',
    '## Name search: who is found (issue 19)',
    '',
    `_Written by \`node bench/search.ts\` (${new Date().toISOString().slice(0, 10)}); \`npm run bench\` keeps this section._`,
    '',
    'The registry\'s search as the app runs it (`searchByName`, one call after another in the server process; and',
    '`GET /api/v1/persons` over HTTP with sign-in, scope and audit, one connection), in the most populous village (as its',
    'Puskesos officer) and kabupaten-wide (as the kabupaten manager). Each sample is a resident\'s registered name, typed',
    `${typingNote()}. Found: someone of the registered name among the first 20. Reference, same run: the registered name`,
    'typed exactly, read through an index by a bare query (in the village `(village_code, name_norm)`, kabupaten-wide the',
    'word GIN), for the load on the machine. Synthetic population (the registry generator, seed 7); machine: ' +
      `${os.cpus().length} cores, shared with other engineers' work (load average before / after in the table).`,
    '',
    '| engine | people | where | samples | found | budget | database p50 / p95 ms | budget | reference p95 ms | HTTP p50 / p95 ms | budget | load average |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const f of all) {
    for (const r of f.results) {
      const b = BUDGETS[r.where];
      const where = r.where === 'village' ? `village (${f.villagePersons.toLocaleString('en')} people)` : 'kabupaten-wide';
      lines.push(`| ${f.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} | ${f.persons.toLocaleString('en')} | ${where} | ${r.samples} | ${r.found} (${pct(r.found, r.samples)}) | ${b.recall * 100} %: ${met(r.found / r.samples >= b.recall)} | ${ms(r.db.medianMs)} / ${ms(r.db.p95Ms)} | ${b.dbP95} ms: ${met(r.db.p95Ms < b.dbP95)} | ${ms(r.reference.p95Ms)} | ${ms(r.http.medianMs)} / ${ms(r.http.p95Ms)} (${r.http.requests} req) | ${b.httpP95} ms: ${met(r.http.p95Ms < b.httpP95)} | ${f.loadBefore} / ${f.loadAfter} |`);
    }
  }
  lines.push('', 'Found, by how the name was typed:', '');
  for (const f of all) {
    for (const r of f.results) {
      const kinds = Object.entries(r.byKind).filter(([, v]) => v.n).map(([k, v]) => `${k} ${v.found}/${v.n}`).join(', ');
      lines.push(`- ${f.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${f.persons.toLocaleString('en')}, ${r.where}: ${kinds}`);
    }
  }
  const misses = all.flatMap((f) => f.results.flatMap((r) => r.misses.slice(0, 8).map((m) => `- ${f.engine}, ${r.where}, ${m.kind}: typed \`${m.q}\` for \`${m.expected}\`; first answers: ${m.top.slice(0, 3).join(', ') || '(none)'}`)));
  if (misses.length) lines.push('', 'Missed samples (up to 8 per row):', '', ...misses);
  lines.push('<!-- /section:search -->');
  return lines.join('\n');
}

const all: Figures[] = [];
for (const engine of engines) all.push(await runOne(engine));
if (values.misses) {
  for (const f of all) for (const r of f.results) for (const m of r.misses) console.error(`MISS ${f.engine} ${r.where} ${m.kind}: ${m.q} -> ${m.expected} | ${m.top.join(', ')}`);
}
const section = report(all);
console.log(section);
if (values.write) writeMarkedSection(path.join(path.dirname(fileURLToPath(import.meta.url)), '../docs/benchmarks.md'), 'search', section);
process.exit(0);
