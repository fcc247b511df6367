/**
 * The server under measurement, run as its own process so that its memory is its own: the
 * real app (buildApp, the same plugins, hooks, sign-in, scope checks and audit as
 * production) and, on a second port, the ceiling: a minimal Fastify app running the bare
 * queries through the same Db (the same pg pool, or the same PGlite instance). The parent
 * drives it over IPC (setup, timed database work) and over HTTP (load).
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import Fastify from 'fastify';
import type { Db, Tx } from '../packages/server/src/db/database.ts';
import { openPglite } from '../packages/server/src/db/pglite.ts';
import { openPostgres } from '../packages/server/src/db/postgres.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { loadAreas } from '../packages/server/src/areas/load.ts';
import { AuditLog } from '../packages/server/src/audit/audit-log.ts';
import { eventHash, GENESIS_HASH } from '../packages/server/src/audit/audit-event.ts';
import { withSubjects } from '../packages/server/src/audit/subject-queries.ts';
import { buildApp } from '../packages/server/src/app/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import type { Deps } from '../packages/server/src/http/context.ts';
import { createUserDirect } from '../packages/server/src/users/service.ts';
import { hashPassword } from '../packages/server/src/auth/password.ts';
import { ensureOrganization } from '../packages/server/src/demo/queries.ts';
import type { ChildEnv, ReadyMessage, RpcRequest, RpcResponse, SeqTiming } from './lib/protocol.ts';
import { realPaths } from './lib/real-paths.ts';
import { registerBreakdownRoutes } from './lib/breakdown.ts';

const env = JSON.parse(process.env.SLRT_BENCH_CHILD ?? '{}') as ChildEnv;
if (!env.engine) throw new Error('server-process.ts is started by bench/run.ts');

const db: Db = env.engine === 'postgres' ? openPostgres(env.target) : await openPglite(env.target);
await migrate(db);
await loadAreas(db);
const config = {
  ...loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '100000', SESSION_SECRET: 'bench-secret-'.padEnd(40, 'x'), AUDIT_KEY: 'bench-audit-key-'.padEnd(40, 'x'), SLRT_KABUPATEN: env.kabupaten }),
  databaseUrl: env.engine === 'postgres' ? env.target : null,
};
const deps: Deps = { db, replica: db, auditLog: new AuditLog(db, config.auditKey), config };
const app = await buildApp(deps, { logger: false, serveWeb: false });
await app.listen({ host: '127.0.0.1', port: 0 });

/** Ceiling queries by name, registered by the parent: querystring names map to $1..$n. */
const bareQueries = new Map<string, { sql: string; params: string[]; fixed: unknown[] }>();
/** Ceiling writes: statements run in one transaction; `:uuid<n>` params are fresh ids. */
const bareWrites = new Map<string, Array<{ sql: string; params: string[] }>>();

const bare = Fastify({ logger: false });
bare.get<{ Params: { name: string }; Querystring: Record<string, string> }>('/bare/:name', async (request, reply) => {
  const q = bareQueries.get(request.params.name);
  if (!q) return reply.code(404).send({ error: 'no such bare query' });
  const { rows } = await db.query(q.sql, [...q.fixed, ...q.params.map((p) => request.query[p] ?? null)]);
  return { items: rows };
});
/**
 * `?audit=` what the write adds to the bare rows, to attribute the gap to the real route:
 * `unchained` the case.create event (its subjects looked up, its keyed hash) into a copy of
 * audit_events with the same indexes, no chain head; `chained` the same event through the
 * real AuditLog.record (the head row of the kabupaten's chain locked until COMMIT).
 */
const auditOf = async (tx: Tx, kab: string, caseId: string, personId: string, mode: string) => {
  if (mode !== 'chained' && mode !== 'unchained') return;
  const ctx = { kabCode: kab, actorId: null, actorName: 'bench', actorRoles: 'puskesos_officer', clientAddr: '127.0.0.1', requestId: randomUUID() };
  const input = { action: 'case.create', recordType: 'case', recordIds: [caseId, personId], details: { channel: 'walk_in_puskesos', kind: 'complaint', needs: 2 } };
  if (mode === 'chained') return deps.auditLog.record(tx, ctx, input);
  const e = await withSubjects(tx, kab, input);
  const row = { id: randomUUID(), kab_code: kab, at: new Date(), actor_id: null, actor_name: ctx.actorName, actor_roles: ctx.actorRoles, action: e.action, record_type: e.recordType ?? null, record_ids: [...(e.recordIds ?? [])], purpose: null, client_addr: ctx.clientAddr, request_id: ctx.requestId, details: e.details ?? null };
  await tx.query(
    `INSERT INTO bench_audit_unchained (id, kab_code, at, actor_id, actor_name, actor_roles, action, record_type, record_ids, purpose, client_addr, request_id, details, prev_hash, hash, hash_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 2)`,
    [row.id, kab, row.at, null, row.actor_name, row.actor_roles, row.action, row.record_type, row.record_ids, null, row.client_addr, row.request_id, JSON.stringify(row.details), GENESIS_HASH, eventHash(GENESIS_HASH, row, config.auditKey)],
  );
};

bare.post<{ Params: { name: string }; Body: Record<string, unknown>; Querystring: { audit?: string } }>('/bare/:name', async (request, reply) => {
  const statements = bareWrites.get(request.params.name);
  if (!statements) return reply.code(404).send({ error: 'no such bare write' });
  const ids = new Map<string, string>();
  const value = (p: string) => {
    if (p.startsWith(':uuid')) {
      if (!ids.has(p)) ids.set(p, randomUUID());
      return ids.get(p);
    }
    return request.body[p] ?? null;
  };
  await db.transaction(async (tx: Tx) => {
    for (const s of statements) await tx.query(s.sql, s.params.map(value));
    if (request.query.audit) await auditOf(tx, String(request.body.kab), String(ids.get(':uuid1')), String(request.body.personId), request.query.audit);
  });
  return reply.code(201).send({ id: ids.get(':uuid1') ?? null });
});
registerBreakdownRoutes(bare, deps);
await bare.listen({ host: '127.0.0.1', port: 0 });

const portOf = (a: ReturnType<typeof app.server.address>) => (typeof a === 'object' && a ? a.port : 0);

/**
 * PGlite's time per statement and protocol phase (bench --cpu): every message PGlite runs is
 * synchronous WASM, so its wall time is CPU time of this process. Parse, Bind (where an unnamed
 * statement is planned), Execute (with the rows read into JavaScript), the rest (Describe, Sync).
 */
interface StatementStat { sql: string; calls: number; parse: number; bind: number; execute: number; other: number }
const statementStats = new Map<string, StatementStat>();
if (db.kind === 'pglite') {
  const pg = (db as unknown as { pglite: { execProtocolRawSync(m: Uint8Array): unknown } }).pglite;
  const raw = pg.execProtocolRawSync.bind(pg);
  let current: StatementStat | null = null;
  /** Prepared statements' texts by name (pglite-statements.ts). */
  const named = new Map<string, string>();
  const statOf = (sql: string) => {
    let st = statementStats.get(sql);
    if (!st) statementStats.set(sql, (st = { sql, calls: 0, parse: 0, bind: 0, execute: 0, other: 0 }));
    return st;
  };
  const cstring = (m: Uint8Array, at: number) => {
    const end = m.indexOf(0, at);
    return { text: Buffer.from(m.subarray(at, end)).toString('utf8'), next: end + 1 };
  };
  /** The first message that is not a Close (the cache closes evicted statements before a Parse). */
  const firstOf = (m: Uint8Array) => {
    let at = 0;
    while (m[at] === 0x43 && at + 5 < m.length) at += 1 + Buffer.from(m.buffer, m.byteOffset + at + 1, 4).readInt32BE(0);
    return at;
  };
  pg.execProtocolRawSync = (m: Uint8Array) => {
    const at = firstOf(m);
    const type = String.fromCharCode(m[at]!);
    if (type === 'P' || type === 'Q') {
      const name = type === 'P' ? cstring(m, at + 5) : { text: '', next: at + 5 };
      const sql = cstring(m, name.next).text.replace(/\s+/g, ' ').trim();
      if (name.text) named.set(name.text, sql);
      current = statOf(sql);
      current.calls++;
    } else if (type === 'B') {
      // a prepared statement's Bind names it after the portal's name
      const statement = cstring(m, cstring(m, at + 5).next).text;
      const sql = named.get(statement);
      if (sql !== undefined) {
        current = statOf(sql);
        current.calls++;
      }
    }
    const t0 = performance.now();
    try {
      return raw(m);
    } finally {
      const ms = performance.now() - t0;
      if (current) {
        if (type === 'P' || type === 'Q') current.parse += ms;
        else if (type === 'B') current.bind += ms;
        else if (type === 'E') current.execute += ms;
        else current.other += ms;
      }
    }
  };
}

/** The CPU profiler of this process (bench --cpu --profile): one profile per kind of request. */
let profiler: Session | null = null;

type Handler = (args: never) => Promise<unknown>;
const handlers: Record<string, Handler> = {
  /** PGlite's time per statement since the last call, the costliest first. */
  async statementStats() {
    const out = [...statementStats.values()].sort((a, b) => b.parse + b.bind + b.execute + b.other - (a.parse + a.bind + a.execute + a.other));
    statementStats.clear();
    return out;
  },
  async profileStart() {
    if (!profiler) {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
    }
    await profiler.post('Profiler.start');
    return null;
  },
  /** Stops the profile started last and writes it (a .cpuprofile, for Chrome's DevTools or speedscope). */
  async profileStop(args: { file: string }) {
    if (!profiler) throw new Error('no profile started');
    const { profile } = await profiler.post('Profiler.stop');
    fs.writeFileSync(args.file, JSON.stringify(profile));
    return null;
  },
  /** Where this process's memory is (MiB): V8's heap (used, reserved), memory outside it held by JS objects (external: Buffers), RSS. */
  async memory() {
    const m = process.memoryUsage();
    const mib = (n: number) => Math.round(n / 2 ** 20);
    return { rss: mib(m.rss), heapUsed: mib(m.heapUsed), heapTotal: mib(m.heapTotal), external: mib(m.external), arrayBuffers: mib(m.arrayBuffers) };
  },
  async query(args: { sql: string; params?: unknown[] }) {
    const { rows } = await db.query(args.sql, args.params ?? []);
    return rows;
  },
  /** PostgreSQL: the pids of the backends connected to this database (for their CPU time). */
  async backendPids() {
    if (db.kind !== 'postgres') return [];
    const { rows } = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
    return rows.map((r) => r.pid);
  },
  async exec(args: { sql: string }) {
    await db.exec(args.sql);
    return null;
  },
  /** Timed: the whole file through db.copyCsv in one transaction, chunked at line ends. */
  async copyCsvFile(args: { table: string; columns: string[]; file: string; skipHeader: boolean; chunkBytes?: number }) {
    const started = performance.now();
    const rows = await db.transaction(async (tx) => {
      let total = 0;
      const fd = fs.openSync(args.file, 'r');
      try {
        const size = args.chunkBytes ?? 16 * 2 ** 20;
        const buf = Buffer.alloc(size);
        let carry = '';
        let first = true;
        for (;;) {
          const n = fs.readSync(fd, buf, 0, size, null);
          if (n === 0) break;
          let text = carry + buf.toString('utf8', 0, n);
          const cut = text.lastIndexOf('\n');
          carry = text.slice(cut + 1);
          text = text.slice(0, cut + 1);
          if (first && args.skipHeader) text = text.slice(text.indexOf('\n') + 1);
          first = false;
          if (text) total += await db.copyCsv(tx, args.table, args.columns, text);
        }
        if (carry.trim()) total += await db.copyCsv(tx, args.table, args.columns, `${carry}\n`);
      } finally {
        fs.closeSync(fd);
      }
      return total;
    });
    return { rows, ms: performance.now() - started };
  },
  /** Timed: the same SQL with each parameter set, one after another. */
  async seqSql(args: { sql: string; paramSets: unknown[][] }): Promise<SeqTiming> {
    const samplesMs: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    const started = performance.now();
    for (const params of args.paramSets) {
      const t0 = performance.now();
      try {
        await db.query(args.sql, params);
        samplesMs.push(performance.now() - t0);
      } catch (err) {
        errors++;
        firstError ??= String(err);
      }
    }
    return { samplesMs, totalMs: performance.now() - started, errors, ...(firstError ? { firstError } : {}) };
  },
  async setBareQuery(args: { name: string; sql: string; params: string[]; fixed?: unknown[] }) {
    bareQueries.set(args.name, { sql: args.sql, params: args.params, fixed: args.fixed ?? [] });
    return null;
  },
  async setBareWrite(args: { name: string; statements: Array<{ sql: string; params: string[] }> }) {
    bareWrites.set(args.name, args.statements);
    return null;
  },
  /** Bench users, created the way the CLI creates users (no HTTP sign-up exists). */
  async createUsers(args: { password: string; users: Array<{ username: string; role: string; areaCode?: string; organization?: string }> }) {
    const passwordHash = await hashPassword(args.password);
    const kab = config.kabupatenCode.replace('.', '');
    await db.transaction(async (tx) => {
      for (const u of args.users) {
        const exists = await tx.query('SELECT 1 FROM users WHERE username = $1', [u.username]);
        if (exists.rows.length) continue;
        const role = u.organization
          ? { role: u.role, organizationId: await ensureOrganization(tx, kab, u.organization, 'government') }
          : { role: u.role, areaCode: u.areaCode };
        await createUserDirect(tx, kab, { username: u.username, displayName: u.username, password: args.password, passwordHash, roles: [role as never] });
      }
    });
    return null;
  },
  ...realPaths(deps),
};

process.on('message', (msg: RpcRequest) => {
  const handler = handlers[msg.method];
  const reply = (r: Omit<RpcResponse, 'id'>) => process.send?.({ id: msg.id, ...r });
  if (!handler) {
    reply({ error: `unknown method ${msg.method}` });
    return;
  }
  handler(msg.args as never).then(
    (result) => reply({ result: result ?? null }),
    (err: unknown) => reply({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});

const shutdown = async () => {
  await bare.close().catch(() => {});
  await app.close().catch(() => {});
  await db.close().catch(() => {});
  process.exit(0);
};
process.on('disconnect', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

const { rows } = await db.query<{ v: string }>('SELECT version() AS v');
const ready: ReadyMessage = { ready: true, port: portOf(app.server.address()), barePort: portOf(bare.server.address()), engineVersion: rows[0]!.v };
process.send?.(ready);
