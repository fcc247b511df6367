import pg from 'pg';
import type { Db } from '../db/database.ts';
import { DEFAULT_APP_ROLE } from '../db/app-role.ts';
import { openPostgres } from '../db/postgres.ts';
import { withDatabase } from './global-setup.ts';

/**
 * The read replica of a test database (db/replica.ts), for the tests of the read paths:
 * - PostgreSQL with DATABASE_REPLICA_URL (`.ci/run` starts one with scripts/start-replica.sh):
 *   a pool on the streaming standby, reaching the test database once its creation has been
 *   replayed there. Replay can be paused, so that a read served by the standby shows by
 *   missing a write the primary has.
 * - PostgreSQL without it: a second pool on the primary, as if DATABASE_REPLICA_URL named it.
 * - PGlite: the primary itself (a server without a replica runs the same code).
 * `label` says which, for the tests' names: no test passes on the primary while claiming the replica.
 */
export interface TestReplica {
  db: Db;
  label: string;
  /** A real standby: its reads trail the primary, and `pauseReplay` holds them back. */
  standby: boolean;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Resolves once the standby has received (`received`) or applied (`replayed`) everything the primary wrote so far. */
  caughtUp(how: 'received' | 'replayed'): Promise<void>;
  close(): Promise<void>;
}

const WAIT_MS = 120_000;

/** Where a configured replica is (null: none); the standby's own superuser login pauses its replay. */
export function configuredReplicaUrl(): string | null {
  return process.env.DATABASE_URL ? (process.env.DATABASE_REPLICA_URL || null) : null;
}

export function replicaLabel(): string {
  if (!process.env.DATABASE_URL) return 'PGlite: no replica, the reads go to the primary itself';
  const url = configuredReplicaUrl();
  if (!url) return 'PostgreSQL without DATABASE_REPLICA_URL: the replica URL names the primary';
  const u = new URL(url);
  return `streaming replica at ${u.hostname}:${u.port || 5432}`;
}

export async function openTestReplica(primary: Db): Promise<TestReplica> {
  const label = replicaLabel();
  const noop = async () => {};
  if (primary.kind === 'pglite') {
    return { db: primary, label, standby: false, pauseReplay: noop, resumeReplay: noop, caughtUp: noop, close: noop };
  }
  const { rows } = await primary.query<{ name: string }>('SELECT current_database() AS name');
  const name = rows[0]!.name;
  const replicaUrl = configuredReplicaUrl();
  if (!replicaUrl) {
    const db = openPostgres(withDatabase(process.env.DATABASE_URL!, name), 3, { role: DEFAULT_APP_ROLE });
    return { db, label, standby: false, pauseReplay: noop, resumeReplay: noop, caughtUp: noop, close: () => db.close() };
  }
  const admin = new pg.Client({ connectionString: withDatabase(replicaUrl, 'postgres') });
  await admin.connect();
  const ask = async <R>(sql: string, params: unknown[] = []) => (await admin.query<R & pg.QueryResultRow>(sql, params)).rows[0]!;
  const { standby } = await ask<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
  if (!standby) throw new Error(`DATABASE_REPLICA_URL (${label}) is not a standby: pg_is_in_recovery() is false`);
  const caughtUp = async (how: 'received' | 'replayed') => {
    const { lsn } = (await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!;
    const fn = how === 'received' ? 'pg_last_wal_receive_lsn()' : 'pg_last_wal_replay_lsn()';
    const deadline = Date.now() + WAIT_MS;
    while (!(await ask<{ ok: boolean }>(`SELECT coalesce(${fn} >= $1::pg_lsn, false) AS ok`, [lsn])).ok) {
      if (Date.now() > deadline) throw new Error(`the standby has not ${how} ${lsn} after ${WAIT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  // the test database exists on the standby once its CREATE DATABASE is replayed
  await caughtUp('replayed');
  const db = openPostgres(withDatabase(replicaUrl, name), 3, { role: DEFAULT_APP_ROLE });
  return {
    db, label, standby: true, caughtUp,
    async pauseReplay() {
      // recovery looks at the request before it applies each record: nothing written from now on is applied
      await admin.query('SELECT pg_wal_replay_pause()');
    },
    async resumeReplay() {
      await admin.query('SELECT pg_wal_replay_resume()');
    },
    async close() {
      await admin.query('SELECT pg_wal_replay_resume()').catch(() => {});
      await admin.end();
      await db.close();
    },
  };
}
