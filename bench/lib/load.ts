import autocannon from 'autocannon';
import { summarize, type LatencySummary } from './stats.ts';

export interface LoadSpec {
  /** Origin, e.g. http://127.0.0.1:1234 */
  origin: string;
  connections: number;
  durationS: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** The path of the i-th request (a different NIK each time, and so on). */
  pathFor: (i: number) => string;
  bodyFor?: (i: number) => string;
  /** Seconds of unrecorded load first (JIT, caches, pool connections). */
  warmupS?: number;
  /**
   * When the timed run answered fewer requests, more are sent until there are this many (at
   * least one: on a busy machine a short run can end before its first answer, and a figure
   * of no answer is no figure).
   */
  minSamples?: number;
}

export interface LoadResult {
  connections: number;
  durationS: number;
  /** Successful (2xx) responses per second. */
  reqPerSec: number;
  latency: LatencySummary;
  ok: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  firstFailure?: string;
}

async function once(spec: LoadSpec, durationS: number, record: boolean, amount?: number): Promise<LoadResult & { samples: number[]; elapsedS: number }> {
  let i = 0;
  const samples: number[] = [];
  const statusCodes: Record<string, number> = {};
  let firstFailure: string | undefined;
  const instance = autocannon({
    url: spec.origin,
    connections: spec.connections,
    ...(amount ? { amount } : { duration: durationS }),
    timeout: 60,
    method: spec.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(spec.headers ?? {}) },
    requests: [
      {
        setupRequest: (req) => {
          const n = i++;
          req.path = spec.pathFor(n);
          if (spec.bodyFor) req.body = spec.bodyFor(n);
          return req;
        },
        onResponse: (status, body) => {
          if (status >= 300 && !firstFailure) firstFailure = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const started = performance.now();
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (record && statusCode < 300) samples.push(ms);
  });
  const result = await instance;
  const elapsedS = (performance.now() - started) / 1000;
  const ok = Object.entries(statusCodes).filter(([c]) => Number(c) < 300).reduce((s, [, n]) => s + n, 0);
  return {
    connections: spec.connections,
    durationS: Math.round(elapsedS * 10) / 10,
    reqPerSec: ok / Math.max(elapsedS, 0.001),
    latency: summarize(samples),
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
    ...(firstFailure ? { firstFailure } : {}),
    samples,
    elapsedS,
  };
}

/** Closed-loop load at a fixed number of connections; latency percentiles over every response. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.warmupS) await once(spec, spec.warmupS, false);
  const first = once(spec, spec.durationS, true);
  let r = await first;
  const missing = Math.max(spec.minSamples ?? 0, 1) - r.ok;
  if (missing > 0 && r.errors + r.non2xx === 0) {
    // slow requests: top up to minSamples, and report over both runs
    const more = await once(spec, 0, true, Math.max(missing, spec.connections));
    const samples = [...r.samples, ...more.samples];
    const elapsedS = r.elapsedS + more.elapsedS;
    const statusCodes = { ...r.statusCodes };
    for (const [k, v] of Object.entries(more.statusCodes)) statusCodes[k] = (statusCodes[k] ?? 0) + v;
    r = {
      ...r, samples, elapsedS, statusCodes, ok: r.ok + more.ok, non2xx: r.non2xx + more.non2xx, errors: r.errors + more.errors,
      reqPerSec: (r.ok + more.ok) / elapsedS, latency: summarize(samples), durationS: Math.round(elapsedS * 10) / 10,
    };
  }
  const { samples: _s, elapsedS: _e, ...result } = r;
  return result;
}
