import type { Config } from '../config.ts';
import type { Db, Queryable } from './database.ts';
import { openPostgres } from './postgres.ts';

/**
 * The read replica (issue 19 item 4). Reads that may trail the office by a moment (the
 * dashboard, reports, registry exports, kabupaten-wide name searches) go to `deps.replica`:
 * a pool on the streaming replica of DATABASE_REPLICA_URL when one is set, else the primary
 * `Db` itself, so PGlite and a server without a replica run the same code. Everything that must
 * see its own writes (a NIK lookup at intake, a village's list, a record just saved, every write
 * and the checks before it) keeps reading `deps.db`, the primary.
 *
 * The replica's connections run as DATABASE_APP_ROLE like the primary's (the roles replicate
 * with everything else); a standby refuses writes anyway.
 */
export function openReplica(config: Pick<Config, 'databaseReplicaUrl' | 'databaseAppRole'>, primary: Db): Db {
  if (!config.databaseReplicaUrl) return primary;
  return openPostgres(config.databaseReplicaUrl, 10, { role: config.databaseAppRole });
}

/** Closes the replica's pool unless it is the primary (closed by its owner). */
export async function closeReplica(replica: Db, primary: Db): Promise<void> {
  if (replica !== primary) await replica.close();
}

/** Where a read was served: a standby and how far its replay trails, or the primary (lag null). */
export interface ReadSource {
  replica: boolean;
  /**
   * Seconds between now and the last transaction the standby replayed; 0 when it has replayed
   * all it received; null on the primary, or on a standby that has replayed nothing yet.
   */
  lagSeconds: number | null;
}

/**
 * The columns `standby` and `lag` that tell where a statement ran: a read that is one statement
 * selects them beside its own (the connection that served it answers), `readSourceOf` alone.
 */
export const READ_SOURCE_COLUMNS = `pg_is_in_recovery() AS standby,
            CASE WHEN NOT pg_is_in_recovery() THEN NULL
                 WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                 ELSE greatest(0, extract(epoch FROM now() - pg_last_xact_replay_timestamp()))::float8 END AS lag`;

export function toReadSource(r: { standby: boolean; lag: number | null }): ReadSource {
  return { replica: r.standby, lagSeconds: r.lag === null ? null : Math.round(r.lag * 1000) / 1000 };
}

/**
 * Asks the connection `q` runs on (inside the read's own transaction, so it is the connection
 * that served the read) whether it is a standby, and its replay lag. The same SQL runs on the
 * primary and on PGlite, which answer `replica: false`.
 */
export async function readSourceOf(q: Queryable): Promise<ReadSource> {
  const { rows } = await q.query<{ standby: boolean; lag: number | null }>(`SELECT ${READ_SOURCE_COLUMNS}`, [], 'db.read_source');
  return toReadSource(rows[0]!);
}
