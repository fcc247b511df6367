import fs from 'node:fs';
import type { MachineInfo } from './machine.ts';
import type { Metrics, Row, RunResult, SectionId } from './results.ts';
import { mergeReport } from './page.ts';
import { scalingAnalysis, type ScalingAnalysis } from './scaling.ts';

export interface Report {
  generatedAt: string;
  command: string;
  machine: MachineInfo;
  postgresVersion: string | null;
  pgliteVersion: string | null;
  /** The main runs (one per engine) at the requested size. */
  runs: RunResult[];
  /** Extra runs at other sizes, for "How far the embedded default carries". */
  scaleRuns: RunResult[];
  options: { persons: number; engines: string[]; quick: boolean; httpDurationS: number; scaleSizes: number[] };
  /** Hand-written findings (bench/findings.md), included as they are. */
  findings: string;
  /** Runs that failed (the page keeps the others). */
  failures?: string[];
}

/** The section headings every report has, in order (the test checks them). */
export const REPORT_SECTIONS = [
  '## Summary: budgets',
  '## Machine and software',
  '## Data',
  '## How to reproduce',
  '## 1. Import',
  '## 2. NIK lookup and name search',
  '### In the database',
  '### Over HTTP',
  '### Where the time of a NIK lookup goes',
  '## 3. Intake',
  '## 4. Back office: worklist and referral boards',
  '## 5. Memory',
  '## How far the embedded default carries',
  '## Query plans',
  '## Findings and changes',
] as const;

const SECTION_TITLES: Record<SectionId, string> = {
  import: '## 1. Import',
  'lookup-db': '### In the database',
  'lookup-http': '### Over HTTP',
  breakdown: '### Where the time of a NIK lookup goes',
  intake: '## 3. Intake',
  backoffice: '## 4. Back office: worklist and referral boards',
};

const fmtInt = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : String(Math.round(v)));
const fmtMs = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const fmtRatio = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(2));
const fmtPersons = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(n % 1_000_000 ? 2 : 1)} M` : n >= 1000 ? `${Math.round(n / 1000)} k` : String(n));
const engineName = (e: string) => (e === 'postgres' ? 'PostgreSQL' : 'PGlite');
const budgetCell = (row: Row) =>
  row.budgets.length === 0 ? '' : row.budgets.map((b) => `${b.text}: **${b.met === null ? 'not measured' : b.met ? 'met' : 'not met'}**`).join('<br>');

function metricCells(m: Metrics | null, withLatency: boolean): string[] {
  if (!m) return withLatency ? ['–', '–', '–', '–', '–'] : ['–'];
  const ops = fmtInt(m.opsPerSec);
  if (!withLatency) return [ops];
  return [ops, fmtMs(m.latency?.medianMs), fmtMs(m.latency?.p95Ms), fmtMs(m.latency?.p99Ms), fmtCpu(m)];
}

function fmtCpu(m: Metrics, per = 1): string {
  const c = m.cpuMsPerOp;
  if (!c) return '–';
  const f = (v: number) => (v * per >= 100 ? String(Math.round(v * per)) : (v * per).toFixed(2));
  return c.db !== undefined ? `${f(c.server)} + ${f(c.db)}` : f(c.server);
}

function rowTable(rows: Array<{ run: RunResult; row: Row }>, kind: 'import' | 'latency'): string {
  const out: string[] = [];
  if (kind === 'import') {
    out.push('| engine | people | measurement | rows/s | time (s) | CPU ms per 1000 rows | ceiling | ceiling rows/s | ceiling time (s) | ceiling CPU ms per 1000 rows | ratio | budget | peak RSS (MiB) measured / ceiling |');
    out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const { run, row } of rows) {
      const m = row.measured;
      const c = row.ceiling;
      out.push(`| ${engineName(run.engine)} | ${fmtPersons(run.persons)} | ${row.label} | ${fmtInt(m?.opsPerSec)} | ${m?.totalMs !== undefined ? (m.totalMs / 1000).toFixed(1) : '–'} | ${m ? fmtCpu(m, 1000) : '–'} | ${c?.label ?? '–'} | ${fmtInt(c?.opsPerSec)} | ${c?.totalMs !== undefined ? (c.totalMs / 1000).toFixed(1) : '–'} | ${c ? fmtCpu(c, 1000) : '–'} | ${fmtRatio(row.ratio)} | ${budgetCell(row)} | ${fmtInt(m?.peakRssMiB)} / ${fmtInt(c?.peakRssMiB)} |`);
    }
  } else {
    out.push('| engine | people | measurement | conc. | ops/s | median ms | p95 ms | p99 ms | CPU ms/op | ceiling | ceiling ops/s | ceiling median | ceiling p95 | ceiling p99 | ceiling CPU ms/op | ratio | budget | peak RSS (MiB) |');
    out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const { run, row } of rows) {
      const m = row.measured;
      const c = row.ceiling;
      out.push(`| ${engineName(run.engine)} | ${fmtPersons(run.persons)} | ${row.label} | ${m?.connections ?? c?.connections ?? '–'} | ${metricCells(m, true).join(' | ')} | ${c?.label ?? '–'} | ${metricCells(c, true).join(' | ')} | ${fmtRatio(row.ratio)} | ${budgetCell(row)} | ${fmtInt(m?.peakRssMiB)} |`);
    }
  }
  const notes = rows.filter(({ row }) => row.note || row.measured?.note || row.ceiling?.note || row.measured?.errors);
  if (notes.length) {
    out.push('');
    for (const { run, row } of notes) {
      const parts = [row.note, row.measured?.note, row.ceiling?.note ? `ceiling: ${row.ceiling.note}` : undefined, row.measured?.errors ? `${row.measured.errors} errors` : undefined].filter(Boolean);
      out.push(`- ${engineName(run.engine)}, ${row.label}: ${parts.join('; ')}`);
    }
  }
  return out.join('\n');
}

function sectionRows(runs: RunResult[], id: SectionId) {
  return runs.flatMap((run) => run.sections[id].map((row) => ({ run, row })));
}

const WHERE: Record<SectionId, string> = {
  import: 'import', 'lookup-db': 'database', 'lookup-http': 'HTTP', breakdown: 'HTTP', intake: 'HTTP', backoffice: 'HTTP',
};

function summaryTable(runs: RunResult[]): string {
  const out = ['| engine | people | where | measurement | figure | budget | verdict |', '|---|---|---|---|---|---|---|'];
  for (const run of runs) {
    for (const id of Object.keys(run.sections) as SectionId[]) {
      for (const row of run.sections[id]) {
        for (const b of row.budgets) {
          const fig = row.measured
            ? row.measured.latency && b.text.includes('p9')
              ? `p95 ${fmtMs(row.measured.latency.p95Ms)} ms, p99 ${fmtMs(row.measured.latency.p99Ms)} ms`
              : `${fmtInt(row.measured.opsPerSec)} ${row.measured.unit}${row.ratio !== null ? ` (ratio ${fmtRatio(row.ratio)})` : ''}`
            : 'not measured';
          out.push(`| ${engineName(run.engine)} | ${fmtPersons(run.persons)} | ${WHERE[id]} | ${row.label} | ${fig} | ${b.text} | ${b.met === null ? 'not measured' : b.met ? 'met' : '**not met**'} |`);
        }
      }
    }
  }
  return out.join('\n');
}

function scalingSection(a: ScalingAnalysis): string {
  const out: string[] = [];
  out.push(a.intro);
  out.push('');
  out.push(`| figure | ${a.sizes.map((s) => `${fmtPersons(s)} PGlite / PostgreSQL`).join(' | ')} | within 3x up to |`);
  out.push(`|---|${a.sizes.map(() => '---').join('|')}|---|`);
  for (const f of a.figures) {
    const cells = a.sizes.map((s) => {
      const p = f.points.find((x) => x.persons === s);
      if (!p || p.pglite === null || p.postgres === null) return '–';
      return `${f.fmt(p.pglite)} / ${f.fmt(p.postgres)} (x${p.factor!.toFixed(1)})`;
    });
    out.push(`| ${f.label} | ${cells.join(' | ')} | ${f.verdict} |`);
  }
  out.push('');
  for (const line of a.conclusions) out.push(`- ${line}`);
  return out.join('\n');
}

function renderReport(r: Report): string {
  const all = [...r.runs, ...r.scaleRuns];
  const out: string[] = [];
  /** Lines, each followed by an empty line (the paragraphs of the page). */
  const para = (...lines: string[]) => lines.forEach((line) => out.push(line, ''));
  para('# Benchmarks at kabupaten size');
  para(`_Written by \`${r.command}\` on ${r.generatedAt}. Regenerated by that command: do not edit by hand (the findings come from \`bench/findings.md\`)._`);
  para('Every figure stands beside a ceiling measured on the same machine in the same run; the ratio is measured / ceiling (of operations per second). Budgets (issue 7) apply to PostgreSQL at 3.6 million people; at other sizes and on PGlite they are shown for orientation. "CPU ms/op" is the CPU time per operation of the server process, plus (PostgreSQL) that of the PostgreSQL processes: on a shared 2-core machine it is steadier than a rate.');
  para(REPORT_SECTIONS[0]);
  para(summaryTable(r.runs));
  para(REPORT_SECTIONS[1]);
  const m = r.machine;
  out.push(`- CPU: ${m.cpuModel}, ${m.cores} cores; memory ${m.memoryGiB} GiB; ${m.os}`);
  out.push(`- Node ${m.node}; PostgreSQL server: ${r.postgresVersion ?? 'not run'}; PGlite ${m.pglite}${r.pgliteVersion ? ` (${r.pgliteVersion})` : ''}`);
  out.push(`- fastify ${m.fastify}, pg ${m.pg} (pool of 10 connections), autocannon ${m.autocannon}`);
  out.push('- The server runs in its own process (the real app from `buildApp` and, on another port, the ceiling app), so its peak RSS is its own (VmHWM of `/proc/<pid>/status`, reset before each measurement). The load generator (autocannon) runs in the benchmark process on the same cores; PostgreSQL runs on the same machine too (its CPU time counts the backends of the benchmark\'s database only). Other engineers\' work ran on the same machine at the same time: the load averages below say how much.');
  for (const run of all) {
    out.push(`- ${engineName(run.engine)}, ${fmtPersons(run.persons)} people: started ${run.startedAt}, took ${Math.round(run.durationS)} s; load average ${run.loadBefore} before, ${run.loadAfter} after${run.otherProcesses.length ? `; also busy at the start: ${run.otherProcesses.join(', ')}` : ''}`);
  }
  out.push('');
  para(REPORT_SECTIONS[2]);
  const sources = [...new Set(all.map((run) => run.dataSource))];
  para(`Synthetic population of Kabupaten Bandung (32.04), from ${sources.join('; ')}. ${fmtPersons(r.options.persons)} people in the main PostgreSQL run. HTTP measurements ran ${r.options.httpDurationS} s each after a warm-up.`);
  for (const run of r.runs) {
    out.push(`${engineName(run.engine)}, ${fmtPersons(run.persons)} people:`);
    out.push('');
    out.push('| table | rows | size on disk (MiB, with indexes) |');
    out.push('|---|---|---|');
    for (const d of run.dataSizes) out.push(`| ${d.name} | ${fmtInt(d.rows)} | ${fmtInt(d.sizeMiB)} |`);
    out.push('');
  }
  para(REPORT_SECTIONS[3]);
  out.push('```sh');
  out.push(`# this report`);
  out.push(r.command);
  out.push('# the full kabupaten (3.6 million people) on PostgreSQL, PGlite at 1 million, with the scaling series');
  out.push('npm run bench -- --persons 3600000 --pglite-persons 1000000 --scale 50000,200000,1000000 --duration 5');
  out.push('# the default: 200,000 people on both engines (about 10 minutes on this machine)');
  out.push('npm run bench');
  para('```');
  para('PostgreSQL runs use a fresh database `slrt_bench_<pid>` on `DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`), dropped afterwards; PGlite runs use a temporary data folder, removed afterwards.');
  para(REPORT_SECTIONS[4]);
  para('The registry import path (the same function `POST /api/v1/registry/imports` runs) against a raw `COPY` of the same CSV file into a bare table without indexes, both through `Db.copyCsv`-level access of the same engine.');
  para(rowTable(sectionRows(r.runs, 'import'), 'import'));
  para(REPORT_SECTIONS[5]);
  para(REPORT_SECTIONS[6]);
  para('Sequential calls (one connection) inside the server process: the registry\'s own query functions against the bare indexed query. ops/s = 1 / mean latency.');
  para(rowTable(sectionRows(r.runs, 'lookup-db'), 'latency'));
  para(REPORT_SECTIONS[7]);
  para('`GET /api/v1/persons` through the real app (session cookie, permission and scope check, audit event per request) against a minimal Fastify route running the bare indexed query through the same driver. A different NIK or name on every request.');
  para(rowTable(sectionRows(r.runs, 'lookup-http'), 'latency'));
  para(SECTION_TITLES.breakdown);
  para('The NIK lookup at 50 connections built up one layer at a time on the bare app, each layer calling the real code, then the real route measured again right after; the ceiling of every line is step 1. The real route adds to step 4 Fastify\'s plugins and hooks and zod validation and serialization.');
  para(rowTable(sectionRows(r.runs, 'breakdown'), 'latency'));
  para(SECTION_TITLES.intake);
  para('`POST /api/v1/cases` with two needs, as a Puskesos officer (cookie and CSRF token), against a minimal Fastify route inserting the same rows in one transaction.');
  para(rowTable(sectionRows(r.runs, 'intake'), 'latency'));
  para(SECTION_TITLES.backoffice);
  para(rowTable(sectionRows(r.runs, 'backoffice'), 'latency'));
  para(REPORT_SECTIONS[11]);
  para('Peak RSS of the server process during each measurement (MiB); idle = after start-up, loaded = after the import.');
  out.push('| engine | people | idle | loaded | ' + 'measurement peaks |');
  out.push('|---|---|---|---|---|');
  for (const run of all) {
    const peaks = (Object.keys(run.sections) as SectionId[])
      .flatMap((id) => run.sections[id])
      .filter((row) => row.measured?.peakRssMiB !== undefined)
      .map((row) => `${row.label} ${fmtInt(row.measured!.peakRssMiB)}`);
    out.push(`| ${engineName(run.engine)} | ${fmtPersons(run.persons)} | ${fmtInt(run.idleRssMiB)} | ${fmtInt(run.loadedRssMiB)} | ${peaks.join('; ')} |`);
  }
  out.push('');
  para(REPORT_SECTIONS[12]);
  para(scalingSection(scalingAnalysis(all)));
  para(REPORT_SECTIONS[13]);
  for (const run of r.runs) {
    for (const p of run.plans) {
      out.push(`<details><summary>${engineName(run.engine)}, ${fmtPersons(run.persons)}: ${p.title}</summary>`);
      out.push('');
      out.push('```');
      out.push(p.plan);
      out.push('```');
      out.push('</details>');
      out.push('');
    }
  }
  para(REPORT_SECTIONS[14]);
  para(r.findings.trim() || '_None recorded._');
  const notes = [...(r.failures ?? []).map((f) => `**failed**: ${f}`), ...all.flatMap((run) => run.notes.map((n) => `${engineName(run.engine)} ${fmtPersons(run.persons)}: ${n}`))];
  if (notes.length) {
    out.push('### Notes from this run');
    out.push('');
    for (const n of notes) out.push(`- ${n}`);
    out.push('');
  }
  const { findings: _findings, ...embedded } = r;
  para(`<!-- bench-results ${JSON.stringify({ report: embedded })} -->`);
  return out.join('\n');
}

export function writeReport(file: string, r: Report): void {
  // everything on the page outside the generator's block stays as it was (see page.ts)
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  fs.writeFileSync(file, mergeReport(previous, renderReport(r)));
}

/**
 * The results embedded in a written report: `runs` (every run, main and scaling) for the test
 * and for comparisons, `report` to render the page again (with new findings) without rerunning.
 */
export function readEmbeddedResults(markdown: string): { runs: RunResult[]; report: Omit<Report, 'findings'> } | null {
  const m = /<!-- bench-results (\{[\s\S]*\}) -->/.exec(markdown);
  if (!m) return null;
  const { report } = JSON.parse(m[1]!) as { report: Omit<Report, 'findings'> };
  return { report, runs: [...report.runs, ...report.scaleRuns] };
}
