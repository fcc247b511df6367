/**
 * npm run bench -- [--persons N] [--db pglite|postgres|both] [--quick] [--pglite-persons N]
 *                  [--scale N,N,...] [--duration S] [--out FILE] [--seed S] [--only import]
 * npm run bench -- --soak [--soak-minutes M] [--soak-warmup S] [--officers N] [--think-ms MIN,MAX] [--persons N]
 *                                          PostgreSQL, two server processes, officers' mix (issue 19 item 9)
 * npm run bench -- --mixed [--persons N] [--duration S]
 *                                          PGlite, 50 connections, with and without 5 % dashboards (item 6)
 * npm run bench -- --cpu [--db pglite|postgres] [--persons N] [--requests N] [--connections N] [--kinds a,b] [--profile DIR]
 *                                          CPU per request of each kind alone in the server process (and PostgreSQL),
 *                                          printed; --profile writes one CPU profile of the server per kind
 * npm run bench -- --render [--out FILE]   write the page again from the results it embeds,
 *                                          with the current bench/findings.md (no measuring)
 *
 * Measures the real paths (registry import, NIK lookup and name search, intake, back-office
 * lists) at kabupaten size, each beside its ceiling on the same machine in the same run, and
 * writes docs/benchmarks.md. See docs/benchmarks.md "How to reproduce".
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { readFindings, runBenchmarks, type BenchOptions } from './lib/bench.ts';
import { readEmbeddedResults, writeReport } from './lib/report.ts';
import { runMixedPglite, runSoak } from './lib/soak.ts';
import { CPU_KINDS, runCpuPerRequest } from './lib/cpu-per-request.ts';
import { KINDS, type Kind } from './lib/mix.ts';

/** The page again from the results it embeds, with the current findings. */
function rerender(file: string) {
  const embedded = readEmbeddedResults(fs.readFileSync(file, 'utf8'));
  if (!embedded?.report) throw new Error(`${file} embeds no results to render`);
  writeReport(file, { ...embedded.report, findings: readFindings() });
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sizeOf(v: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(v.trim());
  if (!m) throw new Error(`not a size: ${v} (use 200000, 200k or 3.6m)`);
  const n = Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1_000_000 : m[2]?.toLowerCase() === 'k' ? 1000 : 1);
  return Math.round(n);
}

export interface ParsedArgs extends BenchOptions {
  render: boolean;
  soak: boolean;
  mixed: boolean;
  cpu: { requests: number; connections: number; kinds: Kind[]; profileDir: string | null } | null;
  soakMinutes: number;
  soakWarmupS: number;
  officers: number;
  thinkMs: [number, number];
}

export function parseBenchArgs(argv: string[]): ParsedArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      persons: { type: 'string' },
      db: { type: 'string' },
      quick: { type: 'boolean' },
      'pglite-persons': { type: 'string' },
      scale: { type: 'string' },
      duration: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      only: { type: 'string' },
      render: { type: 'boolean' },
      soak: { type: 'boolean' },
      'soak-minutes': { type: 'string' },
      'soak-warmup': { type: 'string' },
      officers: { type: 'string' },
      'think-ms': { type: 'string' },
      mixed: { type: 'boolean' },
      cpu: { type: 'boolean' },
      requests: { type: 'string' },
      connections: { type: 'string' },
      kinds: { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
    process.exit(0);
  }
  const db = values.db ?? 'both';
  if (!['pglite', 'postgres', 'both'].includes(db)) throw new Error('--db is pglite, postgres or both');
  if (values.only !== undefined && values.only !== 'import') throw new Error('--only is import (section 1 alone, while working on the import)');
  const quick = Boolean(values.quick);
  const persons = values.persons ? sizeOf(values.persons) : quick ? 20_000 : 200_000;
  return {
    render: Boolean(values.render),
    soak: Boolean(values.soak),
    mixed: Boolean(values.mixed),
    cpu: values.cpu ? {
      requests: values.requests ? Number(values.requests) : 200,
      connections: values.connections ? Number(values.connections) : 10,
      kinds: values.kinds ? values.kinds.split(',').map((k) => {
        if (!(KINDS as readonly string[]).includes(k)) throw new Error(`--kinds: ${k} is none of ${KINDS.join(', ')}`);
        return k as Kind;
      }) : CPU_KINDS,
      profileDir: values.profile ? path.resolve(values.profile) : null,
    } : null,
    soakMinutes: values['soak-minutes'] ? Number(values['soak-minutes']) : 10,
    soakWarmupS: values['soak-warmup'] ? Number(values['soak-warmup']) : 180,
    officers: values.officers ? Number(values.officers) : values.mixed ? 50 : 200,
    thinkMs: (values['think-ms']?.split(',').map(Number) ?? [2000, 8000]) as [number, number],
    persons,
    pglitePersons: values['pglite-persons'] ? sizeOf(values['pglite-persons']) : persons,
    engines: db === 'both' ? ['postgres', 'pglite'] : [db as 'pglite' | 'postgres'],
    quick,
    scaleSizes: values.scale ? values.scale.split(',').filter(Boolean).map(sizeOf) : [],
    httpDurationS: values.duration ? Number(values.duration) : quick ? 2 : 3,
    out: path.resolve(ROOT, values.out ?? 'docs/benchmarks.md'),
    seed: values.seed ? Number(values.seed) : 7,
    ...(values.only === 'import' ? { importOnly: true } : {}),
    command: `${process.env.DATABASE_URL ? `DATABASE_URL=${process.env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')} ` : ''}npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    log: (msg) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseBenchArgs(process.argv.slice(2));
  if (options.render) {
    rerender(options.out);
    console.log(`rendered ${path.relative(process.cwd(), options.out)} again`);
    process.exit(0);
  }
  if (options.cpu) {
    if (options.engines.length !== 1) throw new Error('--cpu measures one engine: --db pglite or --db postgres');
    await runCpuPerRequest({
      engine: options.engines[0]!, persons: options.persons, kabupaten: '32.04', seed: options.seed, ...options.cpu, log: options.log,
    });
    process.exit(0);
  }
  if (options.soak || options.mixed) {
    const soak = {
      persons: options.persons, minutes: options.soakMinutes, warmupS: options.soakWarmupS, officers: options.officers, thinkMs: options.thinkMs, seed: options.seed,
      kabupaten: '32.04', out: options.out, command: options.command, log: options.log,
    };
    if (options.soak) await runSoak(soak);
    else await runMixedPglite({ ...soak, connections: options.officers, seconds: options.httpDurationS > 5 ? options.httpDurationS : 60 });
    process.exit(0);
  }
  const report = await runBenchmarks(options);
  console.log(`wrote ${path.relative(process.cwd(), options.out)} (${report.runs.length + report.scaleRuns.length} runs)`);
}
