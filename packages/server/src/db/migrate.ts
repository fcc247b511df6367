import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './database.ts';
import { DEFAULT_APP_ROLE, grantAppRole } from './app-role.ts';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Migration files are `NNNN_name.sql`, applied in order of NNNN, each once. Two files with one
 * number (two branches that each took the next one) stop the start: the second would count as
 * applied and never run.
 */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f.slice(5, -4), sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
  const taken = new Map<number, string>();
  for (const m of migrations) {
    const other = taken.get(m.version);
    if (other) throw new Error(`two migrations numbered ${String(m.version).padStart(4, '0')}: ${other} and ${m.name}; renumber the newer one`);
    taken.set(m.version, m.name);
  }
  return migrations;
}

/**
 * Applies pending migrations, each in its own transaction, as the owner of the tables (`db`).
 * An advisory lock keeps two server processes starting together on one PostgreSQL database
 * from applying the same file twice. Then the application role (`appRole`, see app-role.ts)
 * is granted what it needs on every table, those just created included.
 */
export async function migrate(db: Db, migrations = readMigrations(), appRole = DEFAULT_APP_ROLE): Promise<{ applied: string[]; version: number }> {
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(727001)');
      const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (rows.length) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(`${m.version}_${m.name}`);
  }
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727001)');
    await grantAppRole(tx, appRole);
  });
  return { applied, version: await migrationVersion(db) };
}

export async function migrationVersion(db: Db): Promise<number> {
  const { rows } = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}
