/**
 * `npm run bench -- --cpu`: the CPU one request of each kind costs in the server process (and,
 * on PostgreSQL, in its backends), each kind alone, on the officers' world of the soak
 * (issue 19 items 6, 8 and 9). CPU time is what a shared machine does not distort; wall
 * times and rates are given with the load average. With `--profile DIR` the server process
 * writes one CPU profile per kind (DIR/<kind>.cpuprofile).
 */
import fs from 'node:fs';
import path from 'node:path';
import { cpuSince, postgresCpuMs, processCpuMs } from './cpu.ts';
import { loadAverage } from './machine.ts';
import { KIND_LABELS, requestFor, send, type Kind } from './mix.ts';
import { closeWorld, prepareWorld, type World } from './officers.ts';
import type { Engine } from './protocol.ts';
import { prng } from './stats.ts';

export interface CpuOptions {
  engine: Engine;
  persons: number;
  kabupaten: string;
  seed: number;
  /** Requests measured per kind (after as many again of warm-up). */
  requests: number;
  /** Requests in flight at once (each officer one at a time). */
  connections: number;
  profileDir: string | null;
  kinds: Kind[];
  log: (msg: string) => void;
}

export const CPU_KINDS: Kind[] = ['nik_lookup', 'name_search', 'case_view', 'worklist', 'intake', 'referral_send', 'dashboard', 'dashboard_kabupaten'];

interface StatementStat { sql: string; calls: number; parse: number; bind: number; execute: number; other: number }

export interface KindCpu {
  kind: Kind;
  answered: number;
  errors: number;
  firstError?: string;
  /** CPU ms per answered request. */
  serverMs: number;
  dbMs: number;
  perSec: number;
  load: number;
  /** PGlite: the statements run, with their time per phase (ms per request). */
  statements: StatementStat[];
}

/** `n` requests of `kind` from `connections` officers at once; the failures counted. */
async function fire(world: World, kind: Kind, n: number, connections: number, seed: number) {
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  // officers with something of the kind to send (a village without cases opens none)
  const can = (o: World['officers'][number]) => (kind === 'case_view' ? o.cases.length > 0 : kind === 'referral_send' ? o.referrable.length > 0 : true);
  const officers = world.officers.filter(can).slice(0, connections);
  if (!officers.length) throw new Error(`no officer has a ${kind} to send`);
  await Promise.all(officers.map(async (officer, i) => {
    const rnd = prng(seed * 1000 + i);
    while (next < n) {
      next++;
      const req = requestFor(kind, officer, world, 'officer', rnd);
      if (!req) throw new Error(`${officer.username} has no ${kind} left to send`);
      const headers: Record<string, string> = { cookie: req.session.cookie, ...(req.method === 'POST' ? { 'x-csrf-token': req.session.csrf } : {}) };
      const { status, text } = await send(req.url, req.method, headers, req.body);
      req.after?.(status, text);
      if (status < 200 || status >= 300) {
        errors++;
        firstError ??= `${status} ${text.slice(0, 200)}`;
      }
    }
  }));
  return { errors, firstError };
}

async function measureCpu(world: World, o: CpuOptions): Promise<KindCpu[]> {
  const server = world.servers[0]!;
  const backends = async () => new Set(await server.call<number[]>('backendPids'));
  const out: KindCpu[] = [];
  for (const kind of o.kinds) {
    o.log(`cpu: ${kind}, ${o.requests} requests after ${o.requests} of warm-up`);
    await fire(world, kind, o.requests, o.connections, o.seed);
    await server.call('statementStats');
    if (o.profileDir) await server.call('profileStart');
    const load0 = loadAverage();
    const cpu0 = processCpuMs(server.child.pid!);
    const db0 = postgresCpuMs(await backends());
    const t0 = performance.now();
    const r = await fire(world, kind, o.requests, o.connections, o.seed + 1);
    const wallS = (performance.now() - t0) / 1000;
    const serverMs = processCpuMs(server.child.pid!) - cpu0;
    const dbMs = cpuSince(db0, await backends());
    if (o.profileDir) await server.call('profileStop', { file: path.join(o.profileDir, `${kind}.cpuprofile`) });
    const per = (x: number) => x / o.requests;
    const statements = (await server.call<StatementStat[]>('statementStats')).map((st) => ({
      ...st, calls: per(st.calls), parse: per(st.parse), bind: per(st.bind), execute: per(st.execute), other: per(st.other),
    }));
    out.push({
      kind, answered: o.requests, errors: r.errors, ...(r.firstError ? { firstError: r.firstError } : {}),
      serverMs: serverMs / o.requests, dbMs: dbMs / o.requests, perSec: o.requests / wallS, load: (load0 + loadAverage()) / 2, statements,
    });
  }
  return out;
}

function cpuTable(engine: Engine, rows: KindCpu[]): string[] {
  return [
    `| request (${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}) | requests | errors | CPU ms in the server process | CPU ms in PostgreSQL | per second | load average |`,
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${KIND_LABELS[r.kind]} | ${r.answered} | ${r.errors} | ${r.serverMs.toFixed(2)} | ${engine === 'postgres' ? r.dbMs.toFixed(2) : '(in the server process)'} | ${r.perSec.toFixed(0)} | ${r.load.toFixed(1)} |`),
  ];
}

export async function runCpuPerRequest(o: CpuOptions): Promise<KindCpu[]> {
  const referrals = o.kinds.includes('referral_send') ? Math.ceil((3 * o.requests) / o.connections) + 2 : 0;
  const world = await prepareWorld({
    engine: o.engine, persons: o.persons, kabupaten: o.kabupaten, seed: o.seed, officers: o.connections, processes: 1, referrablePerOfficer: referrals, log: o.log,
  });
  try {
    if (o.profileDir) fs.mkdirSync(o.profileDir, { recursive: true });
    const rows = await measureCpu(world, o);
    console.log(cpuTable(o.engine, rows).join('\n'));
    for (const r of rows) if (r.firstError) console.log(`first error of ${r.kind}: ${r.firstError}`);
    for (const r of rows) {
      if (!r.statements.length) continue;
      const sum = (f: (s: StatementStat) => number) => r.statements.reduce((t, s) => t + f(s), 0);
      console.log(`\n${r.kind}: ${sum((s) => s.calls).toFixed(1)} statements, PGlite ms per request: parse ${sum((s) => s.parse).toFixed(2)}, bind ${sum((s) => s.bind).toFixed(2)}, execute ${sum((s) => s.execute).toFixed(2)}, other ${sum((s) => s.other).toFixed(2)}`);
      for (const s of r.statements.slice(0, 15)) {
        console.log(`  ${s.calls.toFixed(2).padStart(5)} x  P ${s.parse.toFixed(2)} B ${s.bind.toFixed(2)} E ${s.execute.toFixed(2)} O ${s.other.toFixed(2)}  ${s.sql.slice(0, 160)}`);
      }
    }
    return rows;
  } finally {
    await closeWorld(world);
  }
}
