import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoProcesses, type TwoProcesses } from '../jobs/testing.ts';
import { aReferral } from '../referrals/testing.ts';
import { eventHub } from './bus.ts';

/**
 * Live events over SSE. With PostgreSQL, the referral is sent through process A and the
 * partner listens on process B: B hears it through the shared outbox. On PGlite both are
 * one process.
 */
let p: TwoProcesses;
const base: Record<'a' | 'b', string> = { a: '', b: '' };
beforeAll(async () => {
  p = await twoProcesses();
  for (const which of ['a', 'b'] as const) {
    const app: FastifyInstance = p[which].app;
    if (which === 'b' && !p.shared) {
      base.b = base.a;
      continue;
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    base[which] = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    eventHub(p[which].deps.db).pollMs = 100;
  }
});
afterAll(() => p.close());

async function login(url: string, username: string, password = 'slrt-demo') {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return `slrt_session=${/slrt_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]}`;
}

interface Sse { events: Array<{ id: string; event: string; data: Record<string, unknown> }>; close(): void; opened: Promise<void> }

function listen(url: string, cookie: string, headers: Record<string, string> = {}): Sse {
  const controller = new AbortController();
  const events: Sse['events'] = [];
  let opened!: () => void;
  const sse: Sse = { events, close: () => controller.abort(), opened: new Promise((r) => (opened = r)) };
  void (async () => {
    try {
      const res = await fetch(`${url}/api/v1/events`, { headers: { accept: 'text/event-stream', cookie, ...headers }, signal: controller.signal });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        if (buffer.includes('retry:')) opened();
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const get = (k: string) => block.split('\n').find((l) => l.startsWith(`${k}: `))?.slice(k.length + 2);
          const data = get('data');
          if (data) events.push({ id: get('id') ?? '', event: get('event') ?? '', data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  return sse;
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return check();
}

describe('server-sent events for live boards', () => {
  it('sends a partner the events of its organization\'s referrals live, from another server process, and nothing of others', async () => {
    const partnerCookie = await login(base.b, 'mitra.dinkes');
    const officerCookie = await login(base.b, 'puskesos.soreang');
    const partner = listen(base.b, partnerCookie);
    const outsider = listen(base.b, officerCookie);
    await partner.opened;
    await outsider.opened;

    const r = await aReferral(p.a.deps);
    expect(await until(() => partner.events.some((e) => e.data.referralId === r.id))).toBe(true);
    const ev = partner.events.find((e) => e.data.referralId === r.id)!;
    expect(ev.event).toBe('referral');
    expect(ev.data).toMatchObject({ number: r.number, status: 'sent', what: 'created' });
    expect(Number(ev.id)).toBeGreaterThan(0);
    // a notification for the partner officer came too, addressed to that user only
    expect(await until(() => partner.events.some((e) => e.event === 'notification'))).toBe(true);
    await new Promise((res) => setTimeout(res, 300));
    expect(outsider.events.filter((e) => e.data.referralId === r.id)).toEqual([]);
    expect(outsider.events.filter((e) => e.event === 'notification')).toEqual([]);
    // nothing personal travels on the stream
    const { rows } = await p.a.deps.db.query<{ full_name: string }>('SELECT p.full_name FROM referrals r JOIN persons p ON p.id = r.person_id WHERE r.id = $1', [r.id]);
    expect(JSON.stringify(partner.events)).not.toContain(rows[0]!.full_name);
    partner.close();
    outsider.close();
  });

  it('resumes after a reconnect from Last-Event-ID', async () => {
    const cookie = await login(base.a, 'puskesos.cinunuk');
    const first = listen(base.a, cookie);
    await first.opened;
    const r1 = await aReferral(p.a.deps);
    expect(await until(() => first.events.some((e) => e.data.referralId === r1.id))).toBe(true);
    const lastId = first.events.at(-1)!.id;
    first.close();
    const r2 = await aReferral(p.a.deps);
    const second = listen(base.a, cookie, { 'last-event-id': lastId });
    expect(await until(() => second.events.some((e) => e.data.referralId === r2.id))).toBe(true);
    expect(second.events.some((e) => e.data.referralId === r1.id && e.data.what === 'created')).toBe(false);
    second.close();
  });

  it('asks for text/event-stream and a sign-in', async () => {
    const cookie = await login(base.a, 'puskesos.cinunuk');
    const plain = await fetch(`${base.a}/api/v1/events`, { headers: { cookie } });
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('accept');
    expect((await fetch(`${base.a}/api/v1/events`, { headers: { accept: 'text/event-stream' } })).status).toBe(401);
  });
});
