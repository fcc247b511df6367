import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresVersion } from './engines.ts';
import { machineInfo } from './machine.ts';
import type { Engine } from './protocol.ts';
import { writeReport, type Report } from './report.ts';
import type { RunResult } from './results.ts';
import { runSuite } from './suite.ts';
import type { SuiteOptions } from './suite-run.ts';
import { population } from './population.ts';

export interface BenchOptions {
  persons: number;
  /** The size of the main PGlite run (the embedded default may not hold the full kabupaten). */
  pglitePersons: number;
  engines: Engine[];
  quick: boolean;
  /** Extra sizes, run on every engine with the figures the scaling comparison needs. */
  scaleSizes: number[];
  httpDurationS: number;
  out: string;
  seed: number;
  /** Section 1 alone (`--only import`). */
  importOnly?: boolean;
  command: string;
  log: (msg: string) => void;
  /** Overrides for tiny runs (the test): seconds of warm-up, sequential samples per query. */
  warmupS?: number;
  seqSamples?: number;
}

const FINDINGS = fileURLToPath(new URL('../findings.md', import.meta.url));

/** The hand-written findings included in the page. */
export function readFindings(): string {
  return fs.existsSync(FINDINGS) ? fs.readFileSync(FINDINGS, 'utf8') : '';
}
const KABUPATEN = '32.04';

export async function runBenchmarks(o: BenchOptions): Promise<Report> {
  const machine = machineInfo();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `slrt-bench-${process.pid}-`));
  const runs: RunResult[] = [];
  const scaleRuns: RunResult[] = [];
  const failures: string[] = [];
  const base = { kabupaten: KABUPATEN, seed: o.seed, warmupS: o.warmupS ?? (o.quick ? 0.5 : 1), seqSamples: o.seqSamples ?? (o.quick ? 200 : 1000), log: o.log };
  const postgresVersionText = o.engines.includes('postgres') ? await postgresVersion() : null;
  const report = (): Report => {
    const pgliteRun = [...runs, ...scaleRuns].find((r) => r.engine === 'pglite');
    return {
      generatedAt: new Date().toISOString(),
      command: o.command,
      machine,
      postgresVersion: postgresVersionText,
      pgliteVersion: pgliteRun ? (/PostgreSQL [\d.]+/.exec(pgliteRun.engineVersion)?.[0] ?? null) : null,
      runs,
      scaleRuns,
      options: { persons: o.persons, engines: o.engines, quick: o.quick, httpDurationS: o.httpDurationS, scaleSizes: o.scaleSizes },
      findings: readFindings(),
      failures,
    };
  };
  // the page is written after every run, so that a long run that fails late keeps what it measured
  const write = () => {
    fs.mkdirSync(path.dirname(o.out), { recursive: true });
    writeReport(o.out, report());
  };
  const attempt = async (engine: Engine, persons: number, into: RunResult[], extra: Partial<SuiteOptions>) => {
    try {
      into.push(await runSuite({ ...base, engine, persons, httpDurationS: o.httpDurationS, dataFile: await dataFor(persons), ...(o.importOnly ? { importOnly: true } : {}), ...extra }));
    } catch (err) {
      failures.push(`${engine} at ${persons} people failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      o.log(failures.at(-1)!);
    }
    write();
  };
  const files = new Map<number, Awaited<ReturnType<typeof population>>>();
  const dataFor = async (persons: number) => {
    if (!files.has(persons)) files.set(persons, await population({ persons, seed: o.seed, kabupaten: KABUPATEN, dir: work, log: o.log }));
    return files.get(persons)!;
  };
  try {
    for (const engine of o.engines) await attempt(engine, engine === 'pglite' ? o.pglitePersons : o.persons, runs, {});
    for (const size of o.scaleSizes) {
      for (const engine of o.engines) {
        if (runs.some((r) => r.engine === engine && r.persons === size)) continue;
        await attempt(engine, size, scaleRuns, { httpDurationS: Math.min(o.httpDurationS, 5), scaleOnly: true });
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  write();
  return report();
}
