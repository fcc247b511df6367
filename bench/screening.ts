/**
 * Program screening at scale (issue 15): every household of the kabupaten screened against
 * every program in force, through the app's own path (household batches + the @slrt/core
 * evaluator), beside a ceiling measured in the same run: the same rules compiled to one SQL
 * count per program (two-valued: it finds the eligible, cannot say "unknown" nor give reasons).
 *
 *   node bench/screening.ts --persons 200000 [--engines pglite,postgres] [--samples 400] [--write] [--section screening]
 *
 * Then intake screening alone (issue 15: "screening one household at intake adds under 20 ms"):
 * `--samples` households drawn at random, each read bare (the ceiling: one indexed read by id)
 * and read then screened as intake and the household page do (`householdScreening`: members,
 * enrolments, catalog, every rule), alternating the order; median and p95 of each.
 *
 * `--write` replaces the marked section (`--section`, default "screening"; a larger run on one engine goes to
 * "screening-large" beside it) of of docs/benchmarks.md (kept by `npm run bench`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateRule, type Criterion, type EligibilityRule, type MemberPredicate, SCHOOL_LEVEL_AGES } from '@slrt/core';
import { openPglite } from '../packages/server/src/db/pglite.ts';
import { openPostgres } from '../packages/server/src/db/postgres.ts';
import type { Db } from '../packages/server/src/db/database.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { loadAreas } from '../packages/server/src/areas/load.ts';
import { villagesOf } from '../packages/server/src/areas/queries.ts';
import { generateHouseholds } from '../packages/server/src/registry/synthetic/generator.ts';
import { loadSynthetic } from '../packages/server/src/registry/synthetic/load.ts';
import { loadCatalog } from '../packages/server/src/programs/catalog.ts';
import { areaHouseholds, householdScreening, programsInForce } from '../packages/server/src/programs/screening.ts';
import pg from 'pg';
import { DEFAULT_PG_URL } from './lib/engines.ts';
import { writeMarkedSection } from './lib/section.ts';
import { cpuSince, postgresCpuMs } from './lib/cpu.ts';

const KAB = '32.04';
const TODAY = '2026-07-01';
const TARGET_HOUSEHOLDS = 1_100_000;

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const persons = Number(arg('persons', '200000'));
const engines = arg('engines', 'pglite,postgres').split(',') as Array<'pglite' | 'postgres'>;
const write = args.includes('--write');
const samples = Number(arg('samples', '400'));
const sectionName = arg('section', 'screening');

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const list = (xs: readonly string[]) => xs.map(lit).join(', ');
const AGE = `date_part('year', age(DATE ${lit(TODAY)}, p.birth_date))`;

function memberSql(pr: MemberPredicate): string {
  switch (pr.kind) {
    case 'pregnant': return 'p.pregnant IS TRUE';
    case 'severeDisability': return `EXISTS (SELECT 1 FROM jsonb_each_text(p.disability) d WHERE d.value IN ('a_lot', 'cannot'))`;
    case 'age':
    case 'schoolAge': {
      const { min, max } = pr.kind === 'age' ? pr : SCHOOL_LEVEL_AGES[pr.level];
      return [min === undefined ? null : `${AGE} >= ${min}`, max === undefined ? null : `${AGE} <= ${max}`].filter(Boolean).join(' AND ');
    }
  }
}

/** One criterion as a SQL condition on `households h` (eligible only: missing data counts as not). */
function criterionSql(c: Criterion): string {
  const present = `(p.presence IS NULL OR p.presence IN ('living_here', 'new_member'))`;
  switch (c.kind) {
    case 'maxDesil': return `h.desil <= ${c.max}`;
    case 'members': return `EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id AND ${present} AND (${c.anyOf.map((x) => `(${memberSql(x)})`).join(' OR ')}))`;
    case 'indicators': return `(${c.conditions.map((x) => `h.indicators->>${lit(x.field)} IN (${list(x.values)})`).join(c.match === 'any' ? ' OR ' : ' AND ')})`;
    case 'registryStatus': return `EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id AND p.relationship = 'head' AND p.registry_status IN (${list(c.statuses)}))`;
    case 'documents': return `NOT EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id AND ${c.who === 'head' ? "p.relationship = 'head' AND " : ''}NOT (coalesce(p.documents_held, '{}') @> ARRAY[${list(c.documents)}]))`;
    case 'decidedBy': return 'FALSE';
  }
}

export function ruleSql(rule: EligibilityRule): string {
  return `SELECT count(*)::int AS n FROM households h WHERE h.kab_code = '3204' AND ${rule.criteria.map(criterionSql).join(' AND ')}`;
}

interface Intake { samples: number; bareMs: [number, number]; screenMs: [number, number]; addedMs: [number, number]; load: [number, number] }

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const medP95 = (xs: number[]): [number, number] => [quantile(xs, 0.5), quantile(xs, 0.95)];

/** Intake screening of one household at a time, beside the bare read of the same household. */
async function intakeScreening(db: Db): Promise<Intake> {
  const { rows: picked } = await db.query<{ id: string }>(`SELECT id FROM households WHERE kab_code = '3204' ORDER BY md5(id::text) LIMIT ${samples + 20}`);
  const read = async (id: string) => (await db.query<{ id: string; desil: number | null; indicators: Record<string, unknown> }>(
    "SELECT id, desil, indicators FROM households WHERE kab_code = '3204' AND id = $1", [id], 'bench.household_read',
  )).rows[0]!;
  const bare: number[] = [];
  const screened: number[] = [];
  const added: number[] = [];
  const loadBefore = os.loadavg()[0]!;
  for (const [i, { id }] of picked.entries()) {
    const timeBare = async () => { const t0 = performance.now(); await read(id); return performance.now() - t0; };
    const timeScreen = async () => { const t0 = performance.now(); await householdScreening(db, '3204', await read(id), 'id'); return performance.now() - t0; };
    let b: number;
    let sc: number;
    if (i % 2 === 0) { b = await timeBare(); sc = await timeScreen(); } else { sc = await timeScreen(); b = await timeBare(); }
    if (i < 20) continue; // warm-up: statements prepared, catalog pages cached
    bare.push(b);
    screened.push(sc);
    added.push(sc - b);
  }
  return { samples: bare.length, bareMs: medP95(bare), screenMs: medP95(screened), addedMs: medP95(added), load: [loadBefore, os.loadavg()[0]!] };
}

interface Figures { intake: Intake; engine: string; households: number; persons: number; loadS: number; screenS: number; evalS: number; load: [number, number]; nodeCpuS: number; pgCpuS: number; ceilingS: number; eligible: Record<string, number>; ceilingEligible: Record<string, number>; rssMiB: number }

/** A database of this run: on the shared server named after the branch (programs_bench_<pid>), else a PGlite folder. */
async function createTarget(engine: 'pglite' | 'postgres'): Promise<{ target: string; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL || DEFAULT_PG_URL;
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'programs-bench-'));
    return { target: dir, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `programs_bench_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try { await c.query(sql); } finally { await c.end(); }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { target: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function runOne(engine: 'pglite' | 'postgres'): Promise<Figures> {
  const target = await createTarget(engine);
  let db: Db | null = null;
  try {
    db = engine === 'postgres' ? openPostgres(target.target) : await openPglite(path.join(target.target, 'pglite'));
    await migrate(db);
    await loadAreas(db);
    const villages = (await villagesOf(db, KAB)).map((v) => v.code);
    let t = performance.now();
    const loaded = await loadSynthetic(db, generateHouseholds({ persons, seed: 15, villages, today: TODAY }), { sourceId: 'bench:programs' });
    await db.query('ANALYZE');
    const loadS = (performance.now() - t) / 1000;

    const programs = programsInForce(await loadCatalog(db, '3204'), TODAY);
    const eligible: Record<string, number> = Object.fromEntries(programs.map((p) => [p.entry.program.code, 0]));
    let households = 0;
    let rssMiB = 0;
    t = performance.now();
    let evalMs = 0;
    const loadBefore = os.loadavg()[0]!;
    // CPU time, steadier than wall time on a shared machine: this process, and (PostgreSQL) the backends of this database
    const backends = engine === 'postgres'
      ? new Set((await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map((r) => Number(r.pid)))
      : null;
    const pgBefore = backends ? postgresCpuMs(backends) : new Map<number, number>();
    const cpuBefore = process.cpuUsage();
    for await (const { screening } of areaHouseholds(db, KAB)) {
      households += 1;
      const e0 = performance.now();
      for (const p of programs) if (evaluateRule(p.rule, screening, TODAY).result === 'eligible') eligible[p.entry.program.code]! += 1;
      evalMs += performance.now() - e0;
      if (households % 20_000 === 0) rssMiB = Math.max(rssMiB, process.memoryUsage().rss / 2 ** 20);
    }
    const screenS = (performance.now() - t) / 1000;
    const evalS = evalMs / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const nodeCpuS = (cpu.user + cpu.system) / 1e6;
    const pgCpuS = backends ? cpuSince(pgBefore, backends) / 1000 : 0;
    const load: [number, number] = [loadBefore, os.loadavg()[0]!];

    const ceilingEligible: Record<string, number> = {};
    t = performance.now();
    for (const p of programs) {
      const { rows } = await db.query<{ n: number }>(ruleSql(p.rule));
      ceilingEligible[p.entry.program.code] = rows[0]?.n ?? 0;
    }
    const ceilingS = (performance.now() - t) / 1000;
    rssMiB = Math.max(rssMiB, process.memoryUsage().rss / 2 ** 20);
    const intake = await intakeScreening(db);
    return { intake, engine, households, persons: loaded.persons, loadS, screenS, evalS, load, nodeCpuS, pgCpuS, ceilingS, eligible, ceilingEligible, rssMiB };
  } finally {
    await db?.close();
    await target.drop();
  }
}

const f1 = (n: number) => n.toFixed(1);

function report(results: Figures[]): string {
  const lines = [
    `<!-- section:${sectionName} -->`,
    sectionName === 'screening' ? '## Program screening (issue 15)' : `### Program screening, ${persons.toLocaleString('en')} people (\`--section ${sectionName}\`)`,
    '',
    `_Written by \`node bench/screening.ts ${args.join(' ')}\` on ${new Date().toISOString()}; regenerated by that command (\`npm run bench\` keeps this section)._`,
    '',
    `Every household of the kabupaten screened against every program in force (${Object.keys(results[0]?.eligible ?? {}).length} programs),`,
    `through the app's path (\`areaHouseholds\` in programs/screening.ts): households read in batches of 5,000, one statement`,
    'a batch, each household\'s members as one JSON array (the next batch asked for while this one is evaluated), the rules',
    'evaluated by `@slrt/core` (three-valued, with reasons). Ceiling, same run: the same',
    'rules compiled to one SQL count per program, which only finds the eligible and cannot say "unknown" nor give reasons.',
    `Synthetic population, ages and rules taken at ${TODAY}; machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'},`,
    'shared with other engineers\' work while measured (load average before and after in the table).',
    '',
    '| engine | persons | households | screening (s) | of which evaluation (s) | CPU s: app process / PostgreSQL | ceiling (s) | ratio | households/s | extrapolated to 1.1 M households: wall (s) | the same from CPU time (s) | peak RSS (MiB) | load average |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map((r) => {
      const scale = TARGET_HOUSEHOLDS / r.households;
      return `| ${r.engine} | ${r.persons.toLocaleString('en')} | ${r.households.toLocaleString('en')} | ${f1(r.screenS)} | ${f1(r.evalS)} | ${f1(r.nodeCpuS)} / ${r.engine === 'postgres' ? f1(r.pgCpuS) : '(in process)'} | ${f1(r.ceilingS)} | ${(r.screenS / r.ceilingS).toFixed(2)} | ${Math.round(r.households / r.screenS).toLocaleString('en')} | ${Math.round(scale * r.screenS)} | ${Math.round(scale * (r.nodeCpuS + r.pgCpuS))} | ${Math.round(r.rssMiB)} | ${r.load.map((x) => x.toFixed(1)).join(' / ')} |`;
    }),
    '',
    'Eligible households found (app / ceiling; the ceiling counts no "unknown", so the two agree where the data decides):',
    '',
    ...results.map((r) => `- ${r.engine}: ${Object.keys(r.eligible).map((k) => `${k} ${r.eligible[k]}/${r.ceilingEligible[k]}`).join(', ')}`),
    '',
    'Budget: 2 minutes on PostgreSQL for the 1.1 M households of a kabupaten, 4 minutes on PGlite for 200,000 people.',
    'The extrapolation is linear in households (each household is read once, in primary-key order, and evaluated in memory).',
    '"From CPU time" adds the CPU seconds of the app process and of the database\'s backends and scales them: what the run',
    'takes when the two do not overlap and nothing else competes for the cores; wall time on this shared machine depends',
    'on the other work (see the load average), CPU time much less.',
    '',
    '### Intake screening of one household',
    '',
    `What screening adds at intake and on the household page (\`householdScreening\`: the household's members, its current`,
    'enrolments, the catalog with its rule versions, every program\'s rule evaluated with reasons), on households drawn at',
    'random from the same data; ceiling, same run: the bare read of the same household by id (one indexed row). Each',
    'household is timed both ways, alternating which goes first; the first 20 are a warm-up. "Added" is, household by',
    'household, the screening minus the bare read. Budget: screening adds under 20 ms.',
    '',
    '| engine | households timed | bare read, ceiling: median / p95 (ms) | read + screening: median / p95 (ms) | added by screening: median / p95 (ms) | ratio of medians | load average |',
    '|---|---|---|---|---|---|---|',
    ...results.map((r) => {
      const i = r.intake;
      const ms = (x: [number, number]) => `${x[0].toFixed(2)} / ${x[1].toFixed(2)}`;
      return `| ${r.engine} | ${i.samples} | ${ms(i.bareMs)} | ${ms(i.screenMs)} | ${ms(i.addedMs)} | ${(i.screenMs[0] / i.bareMs[0]).toFixed(1)} | ${i.load.map((x) => x.toFixed(1)).join(' / ')} |`;
    }),
    '',
    `<!-- /section:${sectionName} -->`,
  ];
  return lines.join('\n');
}

const results: Figures[] = [];
for (const engine of engines) {
  console.error(`screening bench: ${engine}, ${persons} persons`);
  results.push(await runOne(engine));
}
const section = report(results);
console.log(section);
if (write) writeMarkedSection(path.join(path.dirname(fileURLToPath(import.meta.url)), '../docs/benchmarks.md'), sectionName, section);
