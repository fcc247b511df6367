/**
 * `npm run bench -- --soak`: officers' mixed load on two server processes on one PostgreSQL
 * (issue 19 item 9), and `npm run bench -- --mixed`: the officers' mix with and without 5 %
 * kabupaten dashboards on PGlite at 50 connections (item 6). Each writes its marked section
 * of docs/benchmarks.md, beside a ceiling measured in the same run.
 */
import os from 'node:os';
import { kabCodeOf } from '@slrt/core';
import { cpuSince, postgresCpuMs, processCpuMs } from './cpu.ts';
import { busiestProcesses, loadAverage } from './machine.ts';
import { KINDS, KIND_LABELS, runMix, type Kind, type MixResult, type MixSpec } from './mix.ts';
import { closeWorld, prepareWorld, type World } from './officers.ts';
import { writeMarkedSection } from './section.ts';

export interface SoakOptions {
  persons: number;
  minutes: number;
  officers: number;
  /** Think time between two requests of one officer (ms, uniform). */
  thinkMs: [number, number];
  /**
   * Seconds of the officers' mix before recording. A process fresh from start-up grows for about two
   * minutes (JIT, prepared statements, pools) before its memory levels off: the budget is about a leak,
   * so the halves compared are after that.
   */
  warmupS: number;
  seed: number;
  kabupaten: string;
  out: string;
  command: string;
  log: (msg: string) => void;
}

/** What an officer's day is made of, in requests (weights, per cent). */
export const OFFICER_MIX: Partial<Record<Kind, number>> = {
  name_search: 25, nik_lookup: 15, case_view: 20, worklist: 17, intake: 10, referral_send: 4, dashboard: 9,
};

const P95_BUDGET_MS = 200;
const MIXED_P99_BUDGET_MS = 500;
const f = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '-');

interface Load {
  min: number;
  mean: number;
  max: number;
  /** CPU ms per answered request: the server processes, PostgreSQL (its backends), the load generator. */
  cpu: { server: number; db: number; client: number };
}

/** The machine's 1-minute load average sampled while `run` runs, and the CPU it cost. */
async function withLoad(w: World, run: () => Promise<MixResult>): Promise<{ value: MixResult; load: Load }> {
  const loads: number[] = [loadAverage()];
  const timer = setInterval(() => loads.push(loadAverage()), 10_000);
  const backends = async () => new Set(w.engine === 'postgres' ? await w.servers[0]!.call<number[]>('backendPids') : []);
  const server0 = w.servers.reduce((t, s) => t + processCpuMs(s.child.pid!), 0);
  const db0 = postgresCpuMs(await backends());
  const client0 = process.cpuUsage();
  try {
    const value = await run();
    loads.push(loadAverage());
    const client = process.cpuUsage(client0);
    const n = Math.max(1, value.answered);
    const cpu = {
      server: (w.servers.reduce((t, s) => t + processCpuMs(s.child.pid!), 0) - server0) / n,
      db: cpuSince(db0, await backends()) / n,
      client: (client.user + client.system) / 1000 / n,
    };
    return { value, load: { min: Math.min(...loads), mean: loads.reduce((a, b) => a + b, 0) / loads.length, max: Math.max(...loads), cpu } };
  } finally {
    clearInterval(timer);
  }
}

const cpuText = (l: Load) => `${l.cpu.server.toFixed(2)} ms in the server processes, ${l.cpu.db.toFixed(2)} ms in PostgreSQL, ${l.cpu.client.toFixed(2)} ms in the load generator`;

function kindRows(r: MixResult, budgetOf: (k: Kind, p95: number, p99: number) => string): string[] {
  const rows = KINDS.filter((k) => r.kinds[k]).map((k) => {
    const x = r.kinds[k]!;
    return `| ${KIND_LABELS[k]} | ${x.ok} | ${x.errors} | ${f(x.latency.medianMs)} | ${f(x.latency.p95Ms)} | ${f(x.latency.p99Ms)} | ${f(x.latency.maxMs)} | ${budgetOf(k, x.latency.p95Ms, x.latency.p99Ms)} |`;
  });
  return rows;
}

/** The first error of each kind of request that had one. */
function errorLines(r: MixResult): string[] {
  const lines = KINDS.filter((k) => r.kinds[k]?.firstError).map((k) => `- first error of ${k.replace('_', ' ')}: \`${r.kinds[k]!.firstError!.replace(/`/g, "'").slice(0, 200)}\``);
  return lines.length ? ['', ...lines] : [];
}

const HEAD = ['| request | answered | errors | p50 ms | p95 ms | p99 ms | max ms | budget |', '|---|---|---|---|---|---|---|---|'];

/**
 * Mean RSS of each process over the first and the last half of the samples; beside it the same
 * halves of V8's heap in use and of the memory held outside it (external), as the process counts them.
 */
export function memoryHalves(memory: MixResult['memory'], processes: number) {
  const half = Math.floor(memory.length / 2);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const halves = (of: (m: MixResult['memory'][number]) => number | undefined) => {
    const values = (ms: MixResult['memory']) => ms.map(of).filter((x): x is number => x !== undefined);
    return { first: mean(values(memory.slice(0, half))), last: mean(values(memory.slice(memory.length - half))) };
  };
  return Array.from({ length: processes }, (_, p) => {
    const { first, last } = halves((m) => m.rssMiB[p]);
    return {
      first, last, change: first ? last / first - 1 : Number.NaN,
      heapUsed: halves((m) => m.heap[p]?.heapUsed), heapTotal: halves((m) => m.heap[p]?.heapTotal), external: halves((m) => m.heap[p]?.external),
    };
  });
}

function setBareNik(world: World, kabupaten: string) {
  return Promise.all(world.servers.map((s) => s.call('setBareQuery', {
    name: 'nik', sql: 'SELECT id, full_name, village_code, birth_date, sex FROM persons WHERE kab_code = $1 AND nik = $2', fixed: [kabCodeOf(kabupaten)], params: ['nik'],
  })));
}

export async function runSoak(o: SoakOptions): Promise<void> {
  const thinkMean = (o.thinkMs[0] + o.thinkMs[1]) / 2;
  const expected = (o.minutes * 60 * 1000) / Math.max(100, thinkMean);
  const world = await prepareWorld({
    engine: 'postgres', persons: o.persons, kabupaten: o.kabupaten, seed: o.seed, officers: o.officers, processes: 2,
    referrablePerOfficer: Math.ceil((expected * (OFFICER_MIX.referral_send ?? 0)) / 100 * 1.2) + 1, log: o.log,
  });
  try {
    await setBareNik(world, o.kabupaten);
    const base: Omit<MixSpec, 'weights' | 'durationS' | 'warmupS'> = { thinkMs: o.thinkMs, dashboardAs: 'officer', seed: o.seed, memoryEveryS: 5 };
    const others = await busiestProcesses(5, world.servers.map((s) => s.child.pid!));
    o.log(`soak: ceiling (bare route, same officers and think time)`);
    const ceilingS = Math.min(60, Math.max(20, o.minutes * 10));
    const ceiling = await withLoad(world, () => runMix(world, { ...base, warmupS: 20, weights: { bare_nik: 1 }, durationS: ceilingS }));
    o.log(`soak: ${o.minutes} minutes of the officers' mix on ${world.servers.length} processes`);
    const rssBefore = world.servers.map((s) => Math.round(s.rss.current()));
    const soak = await withLoad(world, () => runMix(world, { ...base, warmupS: o.warmupS, weights: OFFICER_MIX, durationS: o.minutes * 60 }));
    writeMarkedSection(o.out, 'soak', soakSection(o, world, soak.value, soak.load, ceiling.value, ceiling.load, others, rssBefore));
    o.log(`soak: ${soak.value.all.ok} answered, ${soak.value.all.errors} errors, p95 ${f(soak.value.all.latency.p95Ms)} ms`);
  } finally {
    await closeWorld(world);
  }
}

function soakSection(o: SoakOptions, w: World, r: MixResult, load: Load, c: MixResult, cLoad: Load, others: string[], rssBefore: number[]): string {
  const halves = memoryHalves(r.memory, w.servers.length);
  const halfMin = (r.elapsedS / 120).toFixed(1);
  const budget = (_k: Kind, p95: number) => `p95 under ${P95_BUDGET_MS} ms: ${p95 < P95_BUDGET_MS ? 'met' : '**not met**'}`;
  const minutes = Math.round(r.memory.length ? r.memory.at(-1)!.tS / 60 : 0);
  const timeline = r.memory.filter((_, i) => i % 12 === 0 || i === r.memory.length - 1).map((m) => `${Math.floor(m.tS / 60)}:${String(m.tS % 60).padStart(2, '0')} ${m.rssMiB.map((rss, p) => `${rss} (${m.heap[p]?.heapUsed ?? '-'})`).join(' / ')}`);
  return [
    '<!-- section:soak -->',
    '## Soak: two server processes, one PostgreSQL, officers at work (issue 19)',
    '',
    `_Written by \`${o.command}\` on ${new Date().toISOString()}._`,
    '',
    `${w.officers.length} simulated officers, each a \`puskesos_officer\` of the app scoped to its own village (${w.villages} villages, the most populous), signed in over HTTP`,
    `and bound to one of ${w.servers.length} server processes (\`bench/server-process.ts\`: the real app, its hooks, scope checks and audit trail) on one PostgreSQL`,
    `database of ${w.persons.toLocaleString('en')} synthetic people (kabupaten ${o.kabupaten}). Each officer sends one request at a time and thinks ${o.thinkMs[0]}-${o.thinkMs[1]} ms`,
    'between two; what it sends is drawn by weight: ' + KINDS.filter((k) => OFFICER_MIX[k]).map((k) => `${k.replace('_', ' ')} ${OFFICER_MIX[k]} %`).join(', ') + '.',
    'Names are typed with one typo; intakes are of the village\'s residents; case views open the village\'s cases (and the officer\'s own intakes); referrals',
    'send cases of the village walked through the real workflow to a referral decision before the run; the dashboard is the officer\'s (its village).',
    `Recorded ${f(r.elapsedS / 60)} minutes after ${o.warmupS} s of warm-up (the same mix); setup (load, users, cases, sign-ins) took ${f(w.setupS)} s.`,
    '',
    `**${r.all.ok.toLocaleString('en')} requests answered (${f(r.reqPerSec)} per second), ${r.all.errors} errors** (budget: 0).`,
    '',
    ...HEAD,
    ...kindRows(r, budget),
    `| all requests | ${r.all.ok} | ${r.all.errors} | ${f(r.all.latency.medianMs)} | ${f(r.all.latency.p95Ms)} | ${f(r.all.latency.p99Ms)} | ${f(r.all.latency.maxMs)} | ${budget('bare_nik', r.all.latency.p95Ms)} |`,
    ...errorLines(r),
    '',
    `Ceiling, same run, same ${w.officers.length} officers on the same connections and think time, ${f(c.elapsedS)} s: ${KIND_LABELS.bare_nik} on each process's bare Fastify app (same pg pool):`,
    `p50 ${f(c.all.latency.medianMs)} ms, p95 ${f(c.all.latency.p95Ms)} ms, p99 ${f(c.all.latency.p99Ms)} ms, ${f(c.reqPerSec)} requests/s, ${c.all.errors} errors (load average ${cLoad.mean.toFixed(1)}).`,
    `The officers' mix: p95 ${f(r.all.latency.p95Ms)} ms = ${f(r.all.latency.p95Ms / c.all.latency.p95Ms)} x the ceiling's p95.`,
    '',
    `CPU per request (warm-up included): the officers' mix ${cpuText(load)}; the ceiling ${cpuText(cLoad)}.`,
    '',
    `Memory (RSS) of each server process, sampled every 5 s over ${minutes} minutes; mean of the first ${halfMin} minutes against the last ${halfMin} (budget: within 10 %):`,
    '',
    '| process | first half (MiB) | last half (MiB) | change | budget | V8 heap in use: first / last half | V8 heap reserved | outside the heap (external) |',
    '|---|---|---|---|---|---|---|---|',
    ...halves.map((h, i) => `| ${i + 1} | ${h.first.toFixed(0)} | ${h.last.toFixed(0)} | ${(h.change * 100).toFixed(1)} % | ${Math.abs(h.change) <= 0.1 ? 'met' : '**not met**'} | ${h.heapUsed.first.toFixed(0)} / ${h.heapUsed.last.toFixed(0)} | ${h.heapTotal.first.toFixed(0)} / ${h.heapTotal.last.toFixed(0)} | ${h.external.first.toFixed(0)} / ${h.external.last.toFixed(0)} |`),
    '',
    `RSS over time (minute:second, MiB of process 1 / 2, V8 heap in use in brackets): ${timeline.join('; ')}. When the warm-up began: ${rssBefore.join(' / ')}.`,
    '',
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), shared with other engineers' work: 1-minute load average during the soak ${load.min.toFixed(1)}-${load.max.toFixed(1)} (mean ${load.mean.toFixed(1)});`,
    `busiest other processes at the start: ${others.join(', ') || 'none'}. The load generator runs in the benchmark's own process, the servers and PostgreSQL in theirs, on the same 2 cores.`,
    'Absolute times are inflated by that load; the ratio to the ceiling is measured under the same load.',
    '<!-- /section:soak -->',
  ].join('\n');
}

export async function runMixedPglite(o: SoakOptions & { connections: number; seconds: number }): Promise<void> {
  const world = await prepareWorld({
    engine: 'pglite', persons: o.persons, kabupaten: o.kabupaten, seed: o.seed, officers: o.connections, processes: 1, referrablePerOfficer: 4, log: o.log,
  });
  try {
    const base: Omit<MixSpec, 'weights'> = { thinkMs: [0, 0], warmupS: 10, durationS: o.seconds, dashboardAs: 'manager', seed: o.seed, memoryEveryS: 5 };
    const { dashboard: _d, ...withoutDashboard } = OFFICER_MIX;
    const others = await busiestProcesses(5, world.servers.map((s) => s.child.pid!));
    o.log(`mixed: ${o.connections} connections, the officers' mix without dashboards`);
    const without = await withLoad(world, () => runMix(world, { ...base, weights: withoutDashboard }));
    o.log(`mixed: with 5 % kabupaten dashboards`);
    const total = Object.values(withoutDashboard).reduce((a, b) => a + (b ?? 0), 0);
    const withD = await withLoad(world, () => runMix(world, { ...base, weights: { ...withoutDashboard, dashboard: (total * 5) / 95 } }));
    writeMarkedSection(o.out, 'mixed', mixedSection(o, world, without.value, without.load, withD.value, withD.load, others));
    o.log(`mixed: p99 ${f(withD.value.all.latency.p99Ms)} ms with dashboards, ${f(without.value.all.latency.p99Ms)} ms without`);
  } finally {
    await closeWorld(world);
  }
}

function mixedSection(o: SoakOptions & { connections: number; seconds: number }, w: World, without: MixResult, l0: Load, withD: MixResult, l1: Load, others: string[]): string {
  const line = (what: string, r: MixResult, load: Load, budget: string) =>
    `| ${what} | ${r.all.ok} | ${r.all.errors} | ${f(r.reqPerSec)} | ${f(r.all.latency.medianMs)} | ${f(r.all.latency.p95Ms)} | ${f(r.all.latency.p99Ms)} | ${f(r.all.latency.maxMs)} | ${load.mean.toFixed(1)} | ${budget} |`;
  const p99 = withD.all.latency.p99Ms;
  return [
    '<!-- section:mixed -->',
    '## Mixed load with dashboards on PGlite (issue 19)',
    '',
    `_Written by \`${o.command}\` on ${new Date().toISOString()}._`,
    '',
    `${o.connections} officers (each a \`puskesos_officer\` of its own village, signed in) on ${o.connections} connections to one server process on PGlite, ${w.persons.toLocaleString('en')} synthetic people,`,
    `no think time (closed loop): the officers' mix of the soak section without the dashboard, then the same mix with 5 % of the requests being the kabupaten manager's`,
    `dashboard (\`GET /api/v1/stats/overview\`, the whole kabupaten). The run without dashboards is the ceiling. ${o.seconds} s each after 10 s of warm-up.`,
    '',
    '| load | answered | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | load average | budget |',
    '|---|---|---|---|---|---|---|---|---|---|',
    line('officers\' mix, no dashboards (ceiling)', without, l0, ''),
    line('officers\' mix + 5 % kabupaten dashboards', withD, l1, `p99 under ${MIXED_P99_BUDGET_MS} ms: ${p99 < MIXED_P99_BUDGET_MS ? 'met' : '**not met**'}`),
    '',
    `CPU per request: without dashboards ${cpuText(l0)}; with them ${cpuText(l1)}.`,
    '',
    `With dashboards: p50 ${f(withD.all.latency.medianMs / without.all.latency.medianMs)} x and p99 ${f(p99 / without.all.latency.p99Ms)} x the run without them.`,
    '',
    'Per request, with dashboards:',
    '',
    ...HEAD,
    ...kindRows(withD, () => ''),
    ...errorLines(withD),
    '',
    `Machine: ${os.cpus().length} cores, shared with other engineers' work (load averages above; busiest other processes at the start: ${others.join(', ') || 'none'}).`,
    'The load generator runs in the benchmark\'s process; PGlite answers one query at a time inside the server process.',
    '<!-- /section:mixed -->',
  ].join('\n');
}
