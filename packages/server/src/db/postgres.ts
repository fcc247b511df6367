import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Db, QueryResult, Tx } from './database.ts';
import { parsers } from './type-parsers.ts';
import { postgresChannel, runAfterCommit } from './notify.ts';
import { APP_ROLE_PATTERN } from './app-role.ts';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const p = parsers[oid];
    if (p && format !== 'binary') return p;
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * A PostgreSQL server through a node-postgres pool. `role`: every connection runs as that role
 * from its start (`-c role=...`: set before the first statement, and a connection that cannot
 * take it fails instead of running as the login user); see db/app-role.ts.
 */
export function openPostgres(connectionString: string, poolSize = 10, opts: { role?: string } = {}): Db {
  const notify = postgresChannel(connectionString);
  if (opts.role !== undefined && !APP_ROLE_PATTERN.test(opts.role)) throw new Error(`invalid role name: ${opts.role}`);
  const pool = new pg.Pool({
    connectionString, max: poolSize, types: types as pg.CustomTypesConfig, ...(opts.role ? { options: `-c role=${opts.role}` } : {}),
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});

  const asQueryable = (client: pg.Pool | pg.PoolClient) => ({
    async query<R>(sql: string, params?: readonly unknown[], statementName?: string): Promise<QueryResult<R>> {
      const values = params as unknown[] | undefined;
      const res = await (statementName ? client.query({ name: statementName, text: sql, values }) : client.query(sql, values));
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  });

  const db: Db = {
    kind: 'postgres',
    notify,
    ...asQueryable(pool),
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const committed: Array<() => void> = [];
      const tx = Object.assign(asQueryable(client), { inTransaction: true as const, client, notify, afterCommit: (f: () => void) => void committed.push(f) });
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        runAfterCommit(committed);
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async copyCsv(tx, table, columns, csv) {
      const client = (tx as unknown as { client: pg.PoolClient }).client;
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(',')}) FROM STDIN WITH (FORMAT csv)`));
      await pipeline(Readable.from([typeof csv === 'string' ? csv : Buffer.from(csv.buffer, csv.byteOffset, csv.byteLength)]), stream);
      return Number(stream.rowCount ?? 0);
    },
    async *copyOut(select) {
      const client = await pool.connect();
      let done = false;
      try {
        for await (const chunk of client.query(copyTo(`COPY (${select}) TO STDOUT`))) yield chunk as Uint8Array;
        done = true;
      } finally {
        // a reader that stopped early leaves the COPY unfinished: that connection is not reused
        client.release(!done);
      }
    },
    async close() {
      await notify.close();
      await pool.end();
    },
  };
  return db;
}
