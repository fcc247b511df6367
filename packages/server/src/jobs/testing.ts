import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { buildApp } from '../app/app.ts';
import type { Deps } from '../http/context.ts';
import { seedDemo } from '../demo/seed.ts';
import { testDatabaseName } from '../testing/global-setup.ts';
import { postgresTestDb, type TestDb } from '../testing/test-db.ts';
import { createTestApp } from '../testing/test-app.ts';

/**
 * For tests: two server "processes" on one database, each with its own connection pool,
 * audit log and app, as two `slrt serve` on one PostgreSQL would be. On PGlite (one process
 * per database by design) both are the same process: the tests still run the two runners
 * concurrently, which is all one process can do.
 */
export interface TwoProcesses {
  a: { deps: Deps; app: FastifyInstance };
  b: { deps: Deps; app: FastifyInstance };
  shared: boolean;
  /** A transaction as the owner of the tables (test fixtures the app role may not create). */
  asOwner: TestDb['asOwner'];
  close(): Promise<void>;
}

export async function twoProcesses(): Promise<TwoProcesses> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const t = await createTestApp();
    const one = { deps: t.deps, app: t.app };
    return { a: one, b: one, shared: false, asOwner: t.asOwner, close: () => t.close() };
  }
  const name = testDatabaseName(inject('pgTemplate'));
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  await admin.end();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { demo: true });
  const dbA = postgresTestDb(url, name, 'app', 5, false);
  const dbB = postgresTestDb(url, name, 'app', 5, false);
  const depsA: Deps = { db: dbA, replica: dbA, auditLog: new AuditLog(dbA, config.auditKey), config };
  const depsB: Deps = { db: dbB, replica: dbB, auditLog: new AuditLog(dbB, config.auditKey), config };
  await seedDemo(depsA);
  const appA = await buildApp(depsA, { logger: false, serveWeb: false });
  const appB = await buildApp(depsB, { logger: false, serveWeb: false });
  await appA.ready();
  await appB.ready();
  return {
    a: { deps: depsA, app: appA },
    b: { deps: depsB, app: appB },
    shared: true,
    asOwner: (fn) => dbA.asOwner(fn),
    async close() {
      await appA.close();
      await appB.close();
      await depsA.db.close();
      await depsB.db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await c.end();
    },
  };
}
