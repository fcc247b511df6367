import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Db } from '../db/database.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import { testDatabaseName, withDatabase } from './global-setup.ts';

/**
 * A fresh database for one test file, copied from the run's template (migrated, areas
 * loaded): in-memory PGlite by default, a new PostgreSQL database when DATABASE_URL is set.
 */
export async function freshTestDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = testDatabaseName(inject('pgTemplate'));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    } finally {
      await admin.end();
    }
    const db = openPostgres(withDatabase(url, name), 5);
    const close = db.close.bind(db);
    return Object.assign(db, {
      async close() {
        await close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
        await a.end();
      },
    });
  }
  const tar = fs.readFileSync(inject('pgliteTemplate'));
  return openPglite(null, { loadDataDir: new Blob([tar]) });
}
