import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Db, Tx } from '../db/database.ts';
import { DEFAULT_APP_ROLE } from '../db/app-role.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import { testDatabaseName, withDatabase } from './global-setup.ts';

export interface TestDb extends Db {
  /**
   * Runs `fn` in a transaction as the owner of the tables (what an intruder holding the
   * database, or a migration, could do). On PGlite, the single user the app runs as too.
   */
  asOwner<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * A fresh database for one test file, copied from the run's template (migrated, areas
 * loaded): in-memory PGlite by default, a new PostgreSQL database when DATABASE_URL is set,
 * reached as the application role as the server does (`as: 'owner'` for tests of what the
 * owner does: migrations, maintenance).
 */
export async function freshTestDb(opts: { as?: 'app' | 'owner' } = {}): Promise<TestDb> {
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
    return postgresTestDb(url, name, opts.as ?? 'app', 5);
  }
  const db = await openPglite(null, { loadDataDir: bytesAsBlob(fs.readFileSync(inject('pgliteTemplate'))) });
  return Object.assign(db, { asOwner: <T>(fn: (tx: Tx) => Promise<T>) => db.transaction(fn) });
}

/** A test database `name` on the server of `url`, as the app role or the owner; dropped on close. */
export function postgresTestDb(url: string, name: string, as: 'app' | 'owner', poolSize: number, drop = true): TestDb {
  const db = openPostgres(withDatabase(url, name), poolSize, as === 'app' ? { role: DEFAULT_APP_ROLE } : {});
  let owner: Db | null = null;
  const close = db.close.bind(db);
  return Object.assign(db, {
    asOwner<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      owner ??= openPostgres(withDatabase(url, name), 1);
      return owner.transaction(fn);
    },
    async close() {
      await close();
      await owner?.close();
      if (!drop) return;
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await a.end();
    },
  });
}

/**
 * The template's bytes as the Blob PGlite reads with `arrayBuffer()`, handed over as they are:
 * a Node Blob made of them copies the 59 MB in, then streams them out again in small chunks
 * (about 0.6 s CPU per test file).
 */
function bytesAsBlob(bytes: Buffer): Blob {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const buffer = whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return Object.assign(new Blob([]), { arrayBuffer: () => Promise.resolve(buffer) });
}
