import type { Config } from '../config.ts';
import type { Db } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import path from 'node:path';

type DbConfig = Pick<Config, 'databaseUrl' | 'databaseAppUrl' | 'databaseAppRole' | 'dataDir'>;

/**
 * Opens the configured database: a PostgreSQL server when DATABASE_URL is set, else PGlite.
 * `owner`: as the DATABASE_URL user, who owns the tables (migrations). `app` (the server's
 * connections): DATABASE_APP_URL when set, else DATABASE_URL switched to DATABASE_APP_ROLE
 * (db/app-role.ts). PGlite has one user: both are the same.
 */
export async function openDatabase(config: DbConfig, as: 'owner' | 'app' = 'app'): Promise<Db> {
  if (config.databaseUrl) {
    if (as === 'owner') return openPostgres(config.databaseUrl, 2);
    if (config.databaseAppUrl) return openPostgres(config.databaseAppUrl);
    return openPostgres(config.databaseUrl, 10, { role: config.databaseAppRole });
  }
  return openPglite(path.join(config.dataDir, 'pglite'));
}
