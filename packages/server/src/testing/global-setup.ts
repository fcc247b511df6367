import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import { migrate } from '../db/migrate.ts';
import { loadAreas } from '../areas/load.ts';
import { ensureKabPartitions } from '../db/partitions.ts';
import { loadConfig } from '../config.ts';

/** The kabupaten of the tests' default configuration: its partitions are in the template. */
const DEFAULT_KABUPATEN = loadConfig({ NODE_ENV: 'test' }, { demo: true }).kabupatenCodes;

/**
 * Builds the test template once per run: migrations applied and every area loaded. Each
 * test file then gets its own fresh copy (a PGlite loaded from the dump, or a PostgreSQL
 * database created from the template), so files never share state.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `slrt_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const db = openPostgres(withDatabase(url, template), 2);
    await migrate(db);
    await loadAreas(db);
    await ensureKabPartitions(db, DEFAULT_KABUPATEN);
    await db.close();
    project.provide('pgTemplate', template);
    // test databases are named after the template, so parallel runs never drop each other's
    const prefix = `slrt_t_${process.pid}_`;
    return async () => {
      // test databases left by a crashed worker go too
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $2) OR datname = $1`, [template, prefix]);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => {});
      await admin.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-template-'));
  const db = await openPglite(null);
  await migrate(db);
  await loadAreas(db);
  await ensureKabPartitions(db, DEFAULT_KABUPATEN);
  const pglite = (db as unknown as { pglite: PGlite }).pglite;
  await dropSpareWal(pglite);
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(dir, 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Leaves in pg_wal only the segments from the last checkpoint's redo point to the one being
 * written: migrations and the areas fill three 16 MB segments, which the checkpoint keeps
 * (wal_keep_size) or recycles as future ones. Every test file loads the dump into memory, so
 * the dump shrinks from 92 to 59 MB and a file's database opens with about a quarter less CPU.
 * PostgreSQL creates a missing future segment when it needs one.
 */
async function dropSpareWal(pglite: PGlite): Promise<void> {
  await pglite.query('CHECKPOINT');
  const { rows } = await pglite.query<{ name: string }>(`SELECT name FROM pg_ls_waldir()
    WHERE name ~ '^[0-9A-F]{24}$' AND (name < (pg_control_checkpoint()).redo_wal_file OR name > pg_walfile_name(pg_current_wal_lsn()))`);
  for (const { name } of rows) pglite.Module.FS.unlink(`${PGlite.paths.PGDATA}/pg_wal/${name}`);
}

/** A new test database's name: the run's prefix (its template's process id) and a random tail. */
export function testDatabaseName(template: string): string {
  return `slrt_t_${template.slice('slrt_tpl_'.length)}_${randomBytes(6).toString('hex')}`;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteTemplate: string;
  }
}
