import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { buildApp } from '../app/app.ts';
import type { Deps } from '../http/context.ts';
import { seedDemo } from '../demo/seed.ts';
import { openPostgres } from '../db/postgres.ts';
import { testDatabaseName, withDatabase } from '../testing/global-setup.ts';
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
  close(): Promise<void>;
}

export async function twoProcesses(): Promise<TwoProcesses> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const t = await createTestApp();
    const one = { deps: t.deps, app: t.app };
    return { a: one, b: one, shared: false, close: () => t.close() };
  }
  const name = testDatabaseName(inject('pgTemplate'));
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  await admin.end();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { demo: true });
  const make = async () => {
    const db = openPostgres(withDatabase(url, name), 5);
    const deps: Deps = { db, auditLog: new AuditLog(db, config.auditKey), config };
    return deps;
  };
  const depsA = await make();
  const depsB = await make();
  await seedDemo(depsA);
  const appA = await buildApp(depsA, { logger: false, serveWeb: false });
  const appB = await buildApp(depsB, { logger: false, serveWeb: false });
  await appA.ready();
  await appB.ready();
  return {
    a: { deps: depsA, app: appA },
    b: { deps: depsB, app: appB },
    shared: true,
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
