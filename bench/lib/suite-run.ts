import { randomInt } from 'node:crypto';
import { TRACKING_CODE_ALPHABET, TRACKING_CODE_LENGTH, trackingCodeFromIndices } from '@slrt/core';
import type { LoadResult } from './load.ts';
import type { Engine, SeqTiming } from './protocol.ts';
import { ratioOf, type Budget, type Metrics, type Row, type RunResult } from './results.ts';
import type { ServerProcess } from './server-client.ts';
import type { PopulationFile } from './population.ts';
import { summarize } from './stats.ts';

/** What the sections of a benchmark run share: options, the run, the callers, metrics. */

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
  /** Section 1 (the import) alone. */
  importOnly?: boolean;
  log: (msg: string) => void;
}

export const BENCH_PASSWORD = 'bench-password-2025';
export const NIK_CONNECTIONS = 50;
export const SEARCH_CONNECTIONS = 1;
export const LOAD_CONNECTIONS = 10;

export function budget(text: string, met: boolean | null): Budget {
  return { text, met };
}

export function seqMetrics(t: SeqTiming, unit: string): Metrics {
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

export interface Cost {
  peakRssMiB: number;
  serverCpuMs: number;
  dbCpuMs: number;
}

/** Peak RSS, and CPU ms per operation of the server process and of PostgreSQL. */
export function withCost(m: Metrics, cost: Cost, engine: Engine): Metrics {
  const n = m.count ?? 0;
  return {
    ...m,
    peakRssMiB: cost.peakRssMiB,
    ...(n ? { cpuMsPerOp: { server: cost.serverCpuMs / n, ...(engine === 'postgres' ? { db: cost.dbCpuMs / n } : {}) } } : {}),
  };
}

export function loadMetrics(r: LoadResult, unit: string, cost: Cost, engine: Engine): Metrics {
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

export function row(key: string, label: string, measured: Metrics | null, ceiling: (Metrics & { label: string }) | null, budgets: Budget[] = [], note?: string): Row {
  return { key, label, measured, ceiling, ratio: ratioOf(measured, ceiling), budgets, ...(note ? { note } : {}) };
}

/** What every section of one run shares. */
export interface Run {
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
export interface Callers {
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

export const pickFrom = <T,>(list: T[]) => (i: number) => list[i % list.length]!;

/** A tracking code as intake draws one (the ceiling writes what the app writes). */
export const randomTrackingCode = () => trackingCodeFromIndices(Array.from({ length: TRACKING_CODE_LENGTH }, () => randomInt(0, TRACKING_CODE_ALPHABET.length)));

export async function signIn(origin: string, username: string): Promise<{ cookie: string; csrf: string }> {
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
