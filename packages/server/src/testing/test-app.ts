import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { z } from 'zod';
import { ErrorBody, type Locale } from '@slrt/core';
import { loadConfig, type Config } from '../config.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { buildApp } from '../app/app.ts';
import type { Deps } from '../http/context.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';
import { freshTestDb, type TestDb } from './test-db.ts';
import { ensureKabPartitions } from '../db/partitions.ts';
import { openTestReplica, type TestReplica } from './replica.ts';

/** What a test reads of an answer whose shape it does not name: any JSON (name the schema instead). */
type Untyped = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the untyped form, for tests not yet converted

export interface ApiResponse<T = Untyped> {
  status: number;
  /** Typed by the schema the test named (`t.get(url, PersonView)`), checked against it on a 2xx. */
  body: T;
  /** The error of a 4xx/5xx answer (`{ error: { code, message, fields? } }`), else undefined. */
  error: ErrorBody['error'] | undefined;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/**
 * A client of the real app as one persona: session cookie and CSRF token handled.
 *
 * Name the answer's schema, from `@slrt/core`, to type the body: `(await t.get(url, PersonView)).body`
 * is a `PersonView`, and a 2xx answer that does not match the schema fails the test (the web
 * reads the same schema). Without a schema the body is untyped JSON.
 */
export class TestClient {
  private readonly app: FastifyInstance;
  cookie: string | null = null;
  csrfToken: string | null = null;
  bearer: string | null = null;
  locale: Locale = 'en';
  constructor(app: FastifyInstance) {
    this.app = app;
  }

  request<S extends z.ZodType>(method: string, url: string, payload: unknown, headers: Record<string, string>, schema: S): Promise<ApiResponse<z.infer<S>>>;
  request<T = Untyped>(method: string, url: string, payload?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  request(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}, schema?: z.ZodType) {
    return this.send(method, url, payload, headers, schema);
  }
  private async send(method: string, url: string, payload: unknown, headers: Record<string, string>, schema: z.ZodType | undefined): Promise<ApiResponse> {
    const h: Record<string, string> = { 'accept-language': this.locale, ...headers };
    if (this.cookie) h.cookie = `slrt_session=${this.cookie}`;
    if (this.csrfToken && method !== 'GET') h['x-csrf-token'] = this.csrfToken;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.inject({ method: method as 'GET', url, headers: h, ...(payload !== undefined ? { payload: payload as object } : {}) });
    let body: unknown = res.body;
    if ((res.headers['content-type'] ?? '').toString().includes('json')) body = res.json();
    if (schema && res.statusCode < 300) {
      const checked = schema.safeParse(body);
      // the body stays as sent: a parse would drop unknown keys that a test may look for
      if (!checked.success) throw new Error(`${method} ${url} answered ${res.statusCode} with a body that does not match its schema:\n${z.prettifyError(checked.error)}`);
    }
    const error = res.statusCode >= 400 ? ErrorBody.safeParse(body).data?.error : undefined;
    return { status: res.statusCode, body, error, headers: res.headers, raw: res };
  }
  get<S extends z.ZodType>(url: string, schema: S): Promise<ApiResponse<z.infer<S>>>;
  get<T = Untyped>(url: string): Promise<ApiResponse<T>>;
  get(url: string, schema?: z.ZodType) {
    return this.send('GET', url, undefined, {}, schema);
  }
  post<S extends z.ZodType>(url: string, body: unknown, schema: S): Promise<ApiResponse<z.infer<S>>>;
  post<T = Untyped>(url: string, body?: unknown): Promise<ApiResponse<T>>;
  post(url: string, body: unknown = {}, schema?: z.ZodType) {
    return this.send('POST', url, body, {}, schema);
  }
  patch<S extends z.ZodType>(url: string, body: unknown, schema: S): Promise<ApiResponse<z.infer<S>>>;
  patch<T = Untyped>(url: string, body: unknown): Promise<ApiResponse<T>>;
  patch(url: string, body: unknown, schema?: z.ZodType) {
    return this.send('PATCH', url, body, {}, schema);
  }
  put<S extends z.ZodType>(url: string, body: unknown, schema: S): Promise<ApiResponse<z.infer<S>>>;
  put<T = Untyped>(url: string, body: unknown): Promise<ApiResponse<T>>;
  put(url: string, body: unknown, schema?: z.ZodType) {
    return this.send('PUT', url, body, {}, schema);
  }
  delete<S extends z.ZodType>(url: string, schema: S): Promise<ApiResponse<z.infer<S>>>;
  delete<T = Untyped>(url: string): Promise<ApiResponse<T>>;
  delete(url: string, schema?: z.ZodType) {
    return this.send('DELETE', url, undefined, {}, schema);
  }
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  /** A client signed in as a demo user (password slrt-demo) or any user. */
  as(username: string, password?: string): Promise<TestClient>;
  anonymous(): TestClient;
  /** A transaction as the owner of the tables (the app runs as the lesser role on PostgreSQL). */
  asOwner: TestDb['asOwner'];
  /** The replica the read paths use (`deps.replica`), when asked for with `{ replica: true }`; else null (they read the primary). */
  replica: TestReplica | null;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database, demo users seeded. One per test file (beforeAll), so
 * files are isolated; tests inside a file build their own records with builders.
 */
/**
 * `web.dist` serves a built web app from that folder (by default none is served). `web.replica`
 * gives the read paths the test replica (testing/replica.ts) instead of the primary.
 */
export async function createTestApp(overrides: Partial<Config> = {}, web: { dist?: string; replica?: boolean } = {}): Promise<TestApp> {
  const db = await freshTestDb();
  const replica = web.replica ? await openTestReplica(db) : null;
  // uploaded documents go to a folder of this test file, removed on close
  const ownDataDir = overrides.dataDir ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-test-data-'));
  const config: Config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { demo: true }), ...(ownDataDir ? { dataDir: ownDataDir } : {}), ...overrides };
  // as at start-up (server.ts): the template has the default kabupaten's partitions already
  await db.asOwner((tx) => ensureKabPartitions(tx, config.kabupatenCodes));
  const deps: Deps = { db, replica: replica?.db ?? db, auditLog: new AuditLog(db, config.auditKey), config };
  await seedDemo(deps);
  const app = await buildApp(deps, { logger: false, ...(web.dist ? { webDist: web.dist } : { serveWeb: false }) });
  await app.ready();
  const sessions = new Map<string, TestClient>();
  return {
    app,
    deps,
    async as(username, password = DEMO_PASSWORD) {
      const cached = sessions.get(username);
      if (cached && password === DEMO_PASSWORD) return cached;
      const client = new TestClient(app);
      const res = await client.post('/api/v1/auth/login', { username, password }, z.object({ csrfToken: z.string() }).loose());
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const setCookie = [res.headers['set-cookie']].flat().join(';');
      client.cookie = /slrt_session=([^;]+)/.exec(setCookie)?.[1] ?? null;
      client.csrfToken = res.body.csrfToken;
      sessions.set(username, client);
      return client;
    },
    anonymous: () => new TestClient(app),
    asOwner: (fn) => db.asOwner(fn),
    replica,
    async close() {
      // the audit safety net is for production: in tests, a route that leaves a generic
      // event instead of auditing itself fails the file that reached it
      const { rows: fallback } = await db.query<{ action: string }>(`SELECT DISTINCT action FROM audit_events WHERE details->>'fallback' = 'true' ORDER BY action`);
      await app.close();
      await replica?.close();
      await db.close();
      if (ownDataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
      if (fallback.length) throw new Error(`routes did not audit themselves (a generic fallback event was recorded): ${fallback.map((r) => r.action).join(', ')}`);
    },
  };
}
