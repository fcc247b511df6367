import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../config.ts';
import { AuditLog } from '../audit/audit-log.ts';
import type { Deps } from '../http/context.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';
import { freshTestDb, type TestDb } from '../testing/test-db.ts';
import { buildApp } from './app.ts';
import { listen, type Listening } from './serve.ts';

/**
 * Graceful shutdown with two server processes on one database behind a small proxy (as
 * nginx with `proxy_next_upstream error http_503`): one process drains (what SIGTERM does)
 * and is started again while clients keep working. No client may see an error: the process
 * going away finishes what it accepted, and what it refuses the proxy sends to the other.
 */
let db: TestDb;
let deps: Deps;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  db = await freshTestDb();
  const config: Config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { demo: true });
  deps = { db, replica: db, auditLog: new AuditLog(db, config.auditKey), config };
  await seedDemo(deps);
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await db.close();
});

async function serve(port = 0): Promise<Listening> {
  const app = await buildApp(deps, { logger: false, serveWeb: false });
  apps.push(app);
  return listen(app, { port, host: '127.0.0.1' });
}

interface Answer { status: number; headers: http.IncomingHttpHeaders; body: string }

/** One attempt against one backend; rejects on a connection error (refused, reset). */
function forward(agent: http.Agent, port: number, req: { method: string; url: string; headers: http.OutgoingHttpHeaders; body: Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const out = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(req.body);
  });
}

/**
 * Round robin over the backends; a refused or reset connection, or a 503 from a closing
 * process, goes to the next backend. Only requests that may be repeated are retried: reads,
 * and writes that carry an Idempotency-Key.
 */
async function startProxy(backends: () => number[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  let next = 0;
  let retries = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const retryable = req.method === 'GET' || Boolean(req.headers['idempotency-key']);
      const headers = { ...req.headers };
      delete headers.connection;
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', headers, body: Buffer.concat(chunks) };
      for (let attempt = 0; ; attempt++) {
        const ports = backends();
        const port = ports[next++ % ports.length]!;
        try {
          const answer = await forward(agent, port, request);
          if (answer.status === 503 && retryable && attempt < 50) {
            retries++;
            continue;
          }
          const { connection: _c, 'transfer-encoding': _t, 'content-length': _l, ...pass } = answer.headers;
          res.writeHead(answer.status, pass).end(answer.body);
          return;
        } catch (err) {
          if (!retryable || attempt >= 50) {
            res.writeHead(502).end(String(err));
            return;
          }
          retries++;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    retries: () => retries,
    close: () => new Promise<void>((r) => {
      agent.destroy();
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}

async function signIn(port: number, username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return /slrt_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
}

describe('graceful shutdown', { timeout: 120_000 }, () => {
  it('restarts one of two processes under load with no failed request', async () => {
    const a = await serve();
    const b = await serve();
    let ports = [a.port, b.port];
    const proxy = await startProxy(() => ports);
    const cookie = await signIn(proxy.port, 'koordinator.cinunuk');

    // a live event stream on the process that goes away: it must end with a retry hint
    const stream = await fetch(`http://127.0.0.1:${a.port}/api/v1/events`, { headers: { cookie, accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    const streamText = stream.text();

    // a request in flight when draining starts: its body is still arriving
    const slow = net.connect(a.port, '127.0.0.1');
    await new Promise((r) => slow.once('connect', r));
    const loginBody = JSON.stringify({ username: 'puskesos.cinunuk', password: DEMO_PASSWORD });
    slow.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${loginBody.length}\r\n\r\n${loginBody.slice(0, 10)}`);
    let slowAnswer = '';
    slow.on('data', (d) => (slowAnswer += d));
    const slowClosed = new Promise((r) => slow.once('close', r));

    const outcomes = { ok: 0, failed: [] as string[] };
    let running = true;
    const client = async () => {
      while (running) {
        const res = await fetch(`http://127.0.0.1:${proxy.port}/api/v1/auth/me`, { headers: { cookie } }).catch((err: unknown) => ({ status: 0, err }));
        if (res.status === 200) outcomes.ok++;
        else outcomes.failed.push(String(res.status));
      }
    };
    const clients = Array.from({ length: 6 }, client);
    const until = async (n: number) => {
      const target = outcomes.ok + n;
      while (outcomes.ok < target) await new Promise((r) => setTimeout(r, 10));
    };

    await until(100);
    const draining = a.drain();
    expect(a.draining).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    slow.write(loginBody.slice(10));
    await draining;
    await slowClosed;
    // ...was answered in full, and told to close its connection
    expect(slowAnswer).toMatch(/^HTTP\/1\.1 200/);
    expect(slowAnswer.toLowerCase()).toContain('connection: close');
    expect(await streamText).toMatch(/retry: 1000\n\n$/);

    // the process is back on its port, and takes its share again
    await until(50);
    const a2 = await serve(a.port);
    ports = [a2.port, b.port];
    await until(100);
    running = false;
    await Promise.all(clients);

    expect(outcomes.failed).toEqual([]);
    expect(outcomes.ok).toBeGreaterThanOrEqual(250);
    await proxy.close();
    await a2.drain();
    await b.drain();
  });
});
