/**
 * A mix of officers' requests against the real app (issue 19 items 6 and 9): each simulated
 * officer is a loop on its own kept-alive connection that picks a kind of request by weight,
 * sends it with its own session, records the answer's latency, and thinks before the next.
 * The RSS of every server process is sampled meanwhile.
 */
import http from 'node:http';
import { TWO_NEEDS } from '../../packages/server/src/cases/testing.ts';
import type { Officer, Session, World } from './officers.ts';
import { prng, summarize, type LatencySummary } from './stats.ts';
import { typo } from './typed-names.ts';

export const KINDS = ['name_search', 'nik_lookup', 'worklist', 'case_view', 'intake', 'referral_send', 'dashboard', 'dashboard_kabupaten', 'bare_nik'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABELS: Record<Kind, string> = {
  name_search: 'name search in the village (`GET /api/v1/persons?area=&q=`)',
  nik_lookup: 'NIK lookup (`GET /api/v1/persons?nik=`)',
  worklist: 'worklist (`GET /api/v1/cases?list=open&limit=50`)',
  case_view: 'case view (`GET /api/v1/cases/:id`)',
  intake: 'intake, two needs (`POST /api/v1/cases`)',
  referral_send: 'referral of a decided case (`POST /api/v1/referrals`)',
  dashboard: 'dashboard (`GET /api/v1/stats/overview`)',
  dashboard_kabupaten: 'the kabupaten manager\'s dashboard (`GET /api/v1/stats/overview`, the whole kabupaten)',
  bare_nik: 'ceiling: bare route, one indexed query (`GET /bare/nik`)',
};

export interface MixSpec {
  weights: Partial<Record<Kind, number>>;
  /** Think time between two requests of one officer, uniform in [min, max] ms. */
  thinkMs: [number, number];
  durationS: number;
  /** Requests before the recording starts (JIT, caches, pools); memory is sampled after it. */
  warmupS: number;
  /** Who asks for the dashboard: the officer (its village) or the kabupaten manager. */
  dashboardAs: 'officer' | 'manager';
  seed: number;
  /** RSS sampling period. */
  memoryEveryS: number;
}

interface KindResult {
  latency: LatencySummary;
  ok: number;
  errors: number;
  firstError?: string;
}

export interface MixResult {
  kinds: Partial<Record<Kind, KindResult>>;
  all: KindResult;
  reqPerSec: number;
  elapsedS: number;
  /** Every answer, warm-up included (for CPU per request). */
  answered: number;
  /** RSS (MiB) of each server process, sampled over the recorded time, and where it is (the process's own count, MiB). */
  memory: Array<{ tS: number; rssMiB: number[]; heap: Array<ProcessMemory | null> }>;
}

/** `process.memoryUsage()` of a server process, MiB (bench/server-process.ts `memory`). */
interface ProcessMemory { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }

const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });

export function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) }, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout after 60 s')));
    req.on('error', reject);
    req.end(body);
  });
}

interface Request {
  url: string;
  method: 'GET' | 'POST';
  session: Session;
  body?: string;
  after?: (status: number, text: string) => void;
}

/** The request of `kind` as `officer` would send it, or null when it has nothing left to send. */
export function requestFor(kind: Kind, officer: Officer, world: World, dashboardAs: MixSpec['dashboardAs'], rnd: () => number): Request | null {
  const origin = officer.server.url;
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const session = officer.session;
  switch (kind) {
    case 'name_search': {
      // the search refuses fewer than 3 letters: such a typo is not typed, nor such a name
      const letters = (x: string) => (x.match(/\p{L}/gu) ?? []).length;
      const name = officer.residents.map(() => pick(officer.residents).name).find((n) => letters(n) >= 4) ?? 'SITI';
      const typed = typo(name, rnd);
      const q = letters(typed) >= 3 ? typed : name;
      return { url: `${origin}/api/v1/persons?area=${officer.village}&q=${encodeURIComponent(q)}`, method: 'GET', session };
    }
    case 'nik_lookup':
      return { url: `${origin}/api/v1/persons?nik=${pick(officer.residents).nik}`, method: 'GET', session };
    case 'bare_nik':
      return { url: `${officer.server.bareUrl}/bare/nik?nik=${pick(officer.residents).nik}`, method: 'GET', session };
    case 'worklist':
      return { url: `${origin}/api/v1/cases?list=open&limit=50`, method: 'GET', session };
    case 'case_view':
      if (!officer.cases.length) return null;
      return { url: `${origin}/api/v1/cases/${pick(officer.cases)}`, method: 'GET', session };
    case 'intake':
      return {
        url: `${origin}/api/v1/cases`, method: 'POST', session,
        body: JSON.stringify({ personId: pick(officer.residents).id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Soak: anak sakit dan tidak ada biaya berobat.', needs: TWO_NEEDS }),
        after: (status, text) => {
          if (status === 201) officer.cases.push((JSON.parse(text) as { id: string }).id);
        },
      };
    case 'referral_send': {
      const next = officer.referrable.pop();
      if (!next) return null;
      return {
        url: `${origin}/api/v1/referrals`, method: 'POST', session,
        body: JSON.stringify({ caseId: next.caseId, needId: next.needId, serviceId: world.serviceId, contactPhone: '081234567890' }),
      };
    }
    case 'dashboard':
      return { url: `${origin}/api/v1/stats/overview`, method: 'GET', session: dashboardAs === 'manager' ? world.manager : session };
    case 'dashboard_kabupaten':
      return { url: `${origin}/api/v1/stats/overview`, method: 'GET', session: world.manager };
  }
}

export async function runMix(world: World, spec: MixSpec): Promise<MixResult> {
  const weights = KINDS.map((k) => spec.weights[k] ?? 0);
  const total = weights.reduce((a, b) => a + b, 0);
  const samples = new Map<Kind, number[]>();
  const counts = new Map<Kind, { errors: number; firstError?: string }>();
  const memory: MixResult['memory'] = [];
  const started = performance.now();
  const recordFrom = started + spec.warmupS * 1000;
  const endAt = recordFrom + spec.durationS * 1000;
  const sampler = setInterval(() => {
    if (performance.now() < recordFrom) return;
    const sample = { tS: Math.round((performance.now() - recordFrom) / 1000), rssMiB: world.servers.map((s) => Math.round(s.rss.current())), heap: world.servers.map((): ProcessMemory | null => null) };
    memory.push(sample);
    // the breakdown asked of each process (answered between its requests): a late answer still fills its sample
    world.servers.forEach((s, i) => void s.call<ProcessMemory>('memory').then((m) => { sample.heap[i] = m; }, () => {}));
  }, spec.memoryEveryS * 1000);

  let answered = 0;
  const loop = async (officer: Officer, index: number) => {
    const rnd = prng(spec.seed * 1000 + index);
    // officers do not all start in the same millisecond
    await new Promise((r) => setTimeout(r, rnd() * Math.max(spec.thinkMs[1], 50)));
    while (performance.now() < endAt) {
      let x = rnd() * total;
      let kind: Kind = KINDS[0];
      for (const [i, k] of KINDS.entries()) {
        if ((x -= weights[i]!) < 0) {
          kind = k;
          break;
        }
      }
      // an officer with no decided case left to refer opens a case instead
      let actual = kind;
      let req = requestFor(kind, officer, world, spec.dashboardAs, rnd);
      for (const instead of ['case_view', 'nik_lookup'] as const) {
        if (req) break;
        actual = instead;
        req = requestFor(instead, officer, world, spec.dashboardAs, rnd);
      }
      if (!req) throw new Error('no request to send');
      const headers: Record<string, string> = { cookie: req.session.cookie, ...(req.method === 'POST' ? { 'x-csrf-token': req.session.csrf } : {}) };
      const t0 = performance.now();
      let status = 0;
      let text: string;
      try {
        ({ status, text } = await send(req.url, req.method, headers, req.body));
      } catch (err) {
        text = String(err);
      }
      const t1 = performance.now();
      answered++;
      req.after?.(status, text);
      if (t0 >= recordFrom && t1 <= endAt + 60_000) {
        if (status >= 200 && status < 300) {
          if (!samples.has(actual)) samples.set(actual, []);
          samples.get(actual)!.push(t1 - t0);
        } else {
          const c = counts.get(actual) ?? { errors: 0 };
          c.errors++;
          c.firstError ??= `${status || 'no answer'} ${text.slice(0, 300)}`;
          counts.set(actual, c);
        }
      }
      const think = spec.thinkMs[0] + rnd() * (spec.thinkMs[1] - spec.thinkMs[0]);
      if (think > 0) await new Promise((r) => setTimeout(r, think));
    }
  };
  await Promise.all(world.officers.map(loop));
  clearInterval(sampler);
  const elapsedS = (performance.now() - recordFrom) / 1000;

  const kinds: MixResult['kinds'] = {};
  const every: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  for (const k of KINDS) {
    const s = samples.get(k) ?? [];
    const c = counts.get(k);
    if (!s.length && !c) continue;
    kinds[k] = { latency: summarize(s), ok: s.length, errors: c?.errors ?? 0, ...(c?.firstError ? { firstError: c.firstError } : {}) };
    every.push(...s);
    errors += c?.errors ?? 0;
    firstError ??= c?.firstError;
  }
  return {
    kinds, all: { latency: summarize(every), ok: every.length, errors, ...(firstError ? { firstError } : {}) },
    reqPerSec: every.length / Math.max(0.001, elapsedS), elapsedS, memory, answered,
  };
}
