import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import fs from 'node:fs';
import path from 'node:path';
import type { Db, QueryResult, Tx } from './database.ts';
import { parsers } from './type-parsers.ts';

export class DatabaseBusyError extends Error {
  readonly pid: number;
  constructor(pid: number) {
    super(`The embedded database is held by another process (pid ${pid}). Stop the server or use its API.`);
    this.pid = pid;
  }
}

/**
 * PGlite's own start parameters minus `-F`: PostgreSQL runs with fsync on. Inside WASM its
 * fsync calls do not reach the disk, so `syncWal()` below fsyncs the write-ahead log from
 * JavaScript after every committed write, and `checkpointAndSync()` makes data files durable
 * before the WAL that covers them may be recycled (wal_keep_size).
 */
const START_PARAMS = [
  '--single', '-O', '-j',
  '-c', 'search_path=public', '-c', 'exit_on_error=false', '-c', 'log_checkpoints=false',
  '-c', 'max_worker_processes=0', '-c', 'max_parallel_workers=0', '-c', 'max_parallel_workers_per_gather=0',
  '-c', 'io_method=sync', '-c', 'max_parallel_maintenance_workers=0',
  '-c', 'checkpoint_timeout=1d', '-c', 'max_wal_size=2GB', '-c', 'wal_keep_size=1GB',
];

const WAL_SEGMENT = /^[0-9A-F]{24}$/;

function fsyncFile(file: string) {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r+');
    fs.fsyncSync(fd);
  } catch {
    // a segment renamed or removed between readdir and open: nothing to sync
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** One process at a time may open a PGlite folder: a pid lock file says who holds it. */
function takeLock(dir: string): () => void {
  const lockFile = path.join(dir, 'slrt.lock');
  try {
    const pid = Number(fs.readFileSync(lockFile, 'utf8'));
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new DatabaseBusyError(pid);
      } catch (err) {
        if (err instanceof DatabaseBusyError) throw err;
        // the holder is gone (crash): the lock is stale
      }
    }
  } catch (err) {
    if (err instanceof DatabaseBusyError) throw err;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  };
}

/**
 * The embedded database: PGlite (PostgreSQL in WASM), file-backed under `dataDir`, or in
 * memory when `dataDir` is null (tests). `loadDataDir` starts from a dump (test template).
 */
export async function openPglite(dataDir: string | null, opts: { loadDataDir?: Blob } = {}): Promise<Db> {
  let release = () => {};
  let walDir: string | null = null;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    release = takeLock(dataDir);
    walDir = path.join(dataDir, 'pg_wal');
  }
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    extensions: { pg_trgm },
    parsers,
    startParams: START_PARAMS,
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });

  const syncWal = () => {
    if (!walDir) return;
    // The newest-modified segment holds the commit record just written.
    let newest: { file: string; mtime: number } | null = null;
    for (const name of fs.readdirSync(walDir)) {
      if (!WAL_SEGMENT.test(name)) continue;
      const file = path.join(walDir, name);
      const mtime = fs.statSync(file).mtimeMs;
      if (!newest || mtime > newest.mtime) newest = { file, mtime };
    }
    if (newest) fsyncFile(newest.file);
  };

  const isRead = (sql: string) => /^\s*(select|with\s+[\s\S]*?\bselect\b(?![\s\S]*\b(insert|update|delete)\b)|show|explain)\b/i.test(sql);

  const run = async <R>(q: { query: PGlite['query'] }, sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> => {
    const res = await q.query<R>(sql, params as unknown[] | undefined);
    return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
  };

  let closed = false;
  const db: Db & { checkpointAndSync(): Promise<void>; pglite: PGlite } = {
    kind: 'pglite',
    pglite: pg,
    async query<R>(sql: string, params?: readonly unknown[]) {
      const res = await run<R>(pg, sql, params);
      if (!isRead(sql)) syncWal();
      return res;
    },
    async exec(sql: string) {
      await pg.exec(sql);
      syncWal();
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const result = await pg.transaction(async (inner) => {
        const tx = {
          inTransaction: true as const,
          inner,
          query: <R,>(sql: string, params?: readonly unknown[]) => run<R>(inner, sql, params),
          exec: async (sql: string) => {
            await inner.exec(sql);
          },
        };
        return fn(tx);
      });
      syncWal();
      return result;
    },
    async copyCsv(tx, table, columns, csv) {
      const inner = (tx as unknown as { inner: Pick<PGlite, 'query'> }).inner;
      const res = await inner.query(`COPY ${table} (${columns.join(',')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
      return res.affectedRows ?? 0;
    },
    async checkpointAndSync() {
      if (!dataDir) return;
      await pg.query('CHECKPOINT');
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(p);
          else if (entry.isFile()) fsyncFile(p);
        }
      };
      walk(dataDir);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (dataDir) await db.checkpointAndSync();
        await pg.close();
      } finally {
        release();
      }
    },
  };
  return db;
}
