import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { openDatabase } from './db/open.ts';
import { migrate } from './db/migrate.ts';
import { assertLesserAppRole } from './db/app-role.ts';
import { ensureKabPartitions } from './db/partitions.ts';
import { loadAreas } from './areas/load.ts';
import { startAuditAnchoring } from './audit/anchor.ts';
import { AuditLog } from './audit/audit-log.ts';
import { buildApp } from './app/app.ts';
import type { Deps } from './http/context.ts';
import { seedDemo } from './demo/seed.ts';
import { startBackgroundJobs } from './app/background.ts';
import { preparePuskesos } from './puskesos/setup.ts';
import { listen } from './app/serve.ts';
import { closeReplica, openReplica, readSourceOf } from './db/replica.ts';

/**
 * Brings the database to the current schema with every area loaded and a partition for each
 * kabupaten served, as the owner of the tables, and returns the application's connection: on PostgreSQL as the lesser application
 * role (refused if it could change the audit trail), on PGlite its single user.
 */
export async function prepareDatabase(config: Config): Promise<Db> {
  const owner = await openDatabase(config, 'owner');
  try {
    await migrate(owner, undefined, config.databaseAppRole);
    await loadAreas(owner);
    await ensureKabPartitions(owner, config.kabupatenCodes);
  } catch (err) {
    await owner.close();
    throw err;
  }
  if (owner.kind === 'pglite') return owner;
  await owner.close();
  const db = await openDatabase(config, 'app');
  try {
    await assertLesserAppRole(db);
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

export interface RunningServer {
  app: FastifyInstance;
  deps: Deps;
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the whole system: database, migrations, areas, (demo data), background jobs, HTTP.
 * `close()` (on SIGINT/SIGTERM) is a graceful shutdown: requests in flight finish (see
 * app/serve.ts), then the embedded database is checkpointed and unlocked.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  const db = await prepareDatabase(config);
  const replica = openReplica(config, db);
  const deps: Deps = { db, replica, auditLog: new AuditLog(db, config.auditKey), config };
  await preparePuskesos(deps);
  if (config.demo) await seedDemo(deps);
  const app = await buildApp(deps);
  const stops: Array<() => Promise<void> | void> = [];
  if (db.kind === 'pglite') {
    // Data files become durable on a fixed rhythm (see db/pglite.ts for why).
    const sync = (db as unknown as { checkpointAndSync(): Promise<void> }).checkpointAndSync;
    const timer = setInterval(() => void sync().catch((err: unknown) => app.log.error({ err }, 'checkpoint failed')), 5 * 60_000);
    timer.unref();
    stops.push(() => clearInterval(timer));
  }
  const http = await listen(app, { port: config.port, host: config.host });
  stops.push(startBackgroundJobs(deps, app.log));
  if (db.kind === 'postgres' && config.production && !config.databaseAppUrl) {
    app.log.warn(`DATABASE_APP_URL is not set: the application runs as ${config.databaseAppRole} by SET ROLE from the owner's login, which stops its own statements from changing the audit trail but not SQL run through a flaw (it could switch back); give the application its own login in DATABASE_APP_URL`);
  }
  if (replica !== db) {
    // a replica that does not answer yet is no reason to refuse the start: its reads fail until it does
    await readSourceOf(replica).then(
      (s) => (s.replica
        ? app.log.info(`dashboards, reports, exports and kabupaten-wide searches read from the streaming replica (DATABASE_REPLICA_URL), ${s.lagSeconds ?? '?'} s behind`)
        : app.log.warn('DATABASE_REPLICA_URL answers but is not a standby (pg_is_in_recovery() is false): is it the primary?')),
      (err: unknown) => app.log.error({ err }, 'DATABASE_REPLICA_URL does not answer'),
    );
  }
  if (config.auditKeyDerived) app.log.warn('AUDIT_KEY is not set: the audit trail is keyed with a development key derived for demo and development; set AUDIT_KEY in production');
  stops.push(startAuditAnchoring(deps, (msg, err) => app.log.error({ err }, msg)));
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      // stop taking background work first (a leased job left behind is taken by another
      // process when its lease expires), then drain the requests in flight
      for (const stop of stops) await stop();
      await http.drain();
      await closeReplica(replica, db);
      await db.close();
    })());
  return { app, deps, url: http.url, close };
}
