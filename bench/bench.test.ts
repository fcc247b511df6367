import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBenchmarks } from './lib/bench.ts';
import { readEmbeddedResults, REPORT_SECTIONS } from './lib/report.ts';
import type { Metrics } from './lib/results.ts';

/**
 * A tiny run of the whole benchmark (2,000 people, one engine: PostgreSQL when DATABASE_URL
 * is set, else PGlite), so that the benchmark code keeps working as the app changes. It checks
 * the report's shape and that every figure is a number; timings are never asserted.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-bench-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

function expectMetrics(m: Metrics | null, where: string) {
  expect(m, where).not.toBeNull();
  expect(isNumber(m!.opsPerSec), `${where}: ops/s`).toBe(true);
  if (m!.latency) {
    for (const k of ['medianMs', 'p95Ms', 'p99Ms'] as const) expect(isNumber(m!.latency[k]), `${where}: ${k}`).toBe(true);
  }
  expect(isNumber(m!.peakRssMiB), `${where}: peak RSS`).toBe(true);
  expect(m!.errors ?? 0, `${where}: errors (${m!.note ?? ''})`).toBe(0);
}

describe('benchmark (tiny run)', () => {
  it('measures every figure beside its ceiling and writes a complete report', async () => {
    const out = path.join(dir, 'benchmarks.md');
    const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
    await runBenchmarks({
      persons: 2000, pglitePersons: 2000, engines: [engine], quick: true, scaleSizes: [], httpDurationS: 0.3, warmupS: 0, seqSamples: 30,
      out, seed: 7, command: 'npm run bench -- --persons 2000 (test)', log: () => {},
    });
    const md = fs.readFileSync(out, 'utf8');
    for (const heading of REPORT_SECTIONS) expect(md, heading).toContain(`\n${heading}\n`);

    const results = readEmbeddedResults(md);
    // a run that failed is left out and named in failures: show why
    expect(results?.runs, (results?.report.failures ?? []).join('; ')).toHaveLength(1);
    const run = results!.runs[0]!;
    expect(run.engine).toBe(engine);
    expect(run.persons).toBe(2000);
    for (const [section, rows] of Object.entries(run.sections)) {
      for (const row of rows) {
        const where = `${section} / ${row.label}`;
        expectMetrics(row.measured, where);
        if (row.ceiling) expectMetrics(row.ceiling, `${where} (ceiling)`);
        if (row.ceiling) expect(isNumber(row.ratio), `${where}: ratio`).toBe(true);
        for (const b of row.budgets) expect(typeof b.met, `${where}: ${b.text}`).toBe('boolean');
      }
    }
    const keys = Object.values(run.sections).flat().map((r) => r.key);
    for (const key of ['import.real', 'db.nik', 'db.search.village', 'db.search.kabupaten', 'http.nik', 'http.search.village', 'http.search.kabupaten', 'http.intake', 'http.worklist', 'http.board']) {
      expect(keys, key).toContain(key);
    }
    expect(isNumber(run.idleRssMiB) && isNumber(run.loadedRssMiB)).toBe(true);
  }, 600_000);
});
