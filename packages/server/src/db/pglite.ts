import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Db, QueryResult, Tx } from './database.ts';
import { parsers } from './type-parsers.ts';
import { inProcessChannel, runAfterCommit } from './notify.ts';
import { PgliteStatements } from './pglite-statements.ts';

export class DatabaseBusyError extends Error {
  readonly pid: number;
  constructor(pid: number) {
    super(`The embedded database is held by another process (pid ${pid}). Stop the server or use its API.`);
    this.pid = pid;
  }
}

/**
 * PGlite's own start parameters minus `-F`: PostgreSQL runs with fsync on. Inside WASM its
 * fsync calls do not reach the disk, so `WalSync` below fsyncs the write-ahead log from
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

/** Segment file name <-> segment number (names are timeline, then segno as two 8-hex-digit halves). */
function segmentName(timeline: string, segno: bigint, segmentsPerId: bigint): string {
  const hi = (segno / segmentsPerId).toString(16).toUpperCase().padStart(8, '0');
  const lo = (segno % segmentsPerId).toString(16).toUpperCase().padStart(8, '0');
  return `${timeline}${hi}${lo}`;
}
function segmentNumber(name: string, segmentsPerId: bigint): bigint {
  return BigInt(`0x${name.slice(8, 16)}`) * segmentsPerId + BigInt(`0x${name.slice(16, 24)}`);
}

// A segment written within this long of the current one's last write counts as written now
// (file times are coarse, and the clock may step a little).
const MTIME_SLACK_MS = 5_000;

/**
 * Makes committed WAL durable without stopping the event loop: fdatasync runs on libuv's
 * thread pool, and writers that commit while a sync is running share the next one (group
 * commit). Every caller still waits for a sync that began after its commit.
 *
 * The segment being written is remembered instead of found by a directory scan per write; it
 * changes only at a WAL switch. A write to the next segment (or its creation) makes its mtime
 * at least the current one's; then the exact segment is read from `pg_current_wal_lsn()` and
 * every segment from the remembered one up to it is synced, with the directory.
 */
class WalSync {
  /** Syncs done (tests). */
  syncs = 0;
  private current: string;
  /** The next segment's mtime at the last sync (null: absent; undefined: not looked at yet). */
  private lastNext: number | null | undefined;
  private handle: { name: string; ino: number; fh: fsp.FileHandle } | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private readonly walDir: string;
  private readonly pg: PGlite;
  private readonly segmentsPerId: bigint;

  private constructor(walDir: string, pg: PGlite, current: string, segmentsPerId: bigint) {
    this.walDir = walDir;
    this.pg = pg;
    this.current = current;
    this.segmentsPerId = segmentsPerId;
  }

  static async open(walDir: string, pg: PGlite): Promise<WalSync> {
    const size = await pg.query<{ bytes: string }>(`SELECT setting::bigint * CASE unit WHEN 'B' THEN 1 WHEN 'kB' THEN 1024 WHEN 'MB' THEN 1048576 END AS bytes
      FROM pg_settings WHERE name = 'wal_segment_size'`);
    const segmentsPerId = 0x100000000n / BigInt(size.rows[0]!.bytes);
    return new WalSync(walDir, pg, await WalSync.segmentNow(pg), segmentsPerId);
  }

  private static async segmentNow(pg: PGlite): Promise<string> {
    const { rows } = await pg.query<{ name: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS name');
    return rows[0]!.name;
  }

  /** Resolves once everything committed before the call is on disk. */
  request(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    const after = () => {
      this.queued = null;
      return this.start();
    };
    this.queued = this.running.then(after, after);
    return this.queued;
  }

  private start(): Promise<void> {
    const run: Promise<void> = this.syncOnce().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async syncOnce(): Promise<void> {
    const next = this.neighbour(1n);
    const [cur, nxt] = await Promise.all([this.stat(this.current), this.stat(next)]);
    // the next segment was written if it is about as new as the current one, or changed at all
    // since the last look (that also holds if the clock stepped back)
    const nextMtime = nxt?.mtimeMs ?? null;
    const nextWritten = nxt !== null && (!cur || nxt.mtimeMs >= cur.mtimeMs - MTIME_SLACK_MS || (this.lastNext !== undefined && this.lastNext !== nextMtime));
    this.lastNext = nextMtime;
    if (cur && !nextWritten) {
      await this.datasync(this.current, cur.ino);
    } else {
      // a WAL switch (or a segment made ready for one): sync up to the segment written now
      const now = await WalSync.segmentNow(this.pg);
      const from = segmentNumber(this.current, this.segmentsPerId);
      const to = segmentNumber(now, this.segmentsPerId);
      const timeline = now.slice(0, 8);
      const names: string[] = [];
      for (let n = from < to ? from : to; n <= to; n++) names.push(segmentName(timeline, n, this.segmentsPerId));
      this.current = now;
      this.lastNext = undefined;
      await Promise.all(names.map((name) => this.datasync(name, null)));
      await syncPath(this.walDir);
    }
    this.syncs++;
  }

  private neighbour(offset: bigint): string {
    return segmentName(this.current.slice(0, 8), segmentNumber(this.current, this.segmentsPerId) + offset, this.segmentsPerId);
  }

  private stat(name: string) {
    return fsp.stat(path.join(this.walDir, name)).catch(() => null);
  }

  /** fdatasync of a segment; the current one's file handle stays open while it is the same file. */
  private async datasync(name: string, ino: number | null): Promise<void> {
    if (name !== this.current) {
      await syncPath(path.join(this.walDir, name));
      return;
    }
    if (this.handle && (this.handle.name !== name || (ino !== null && this.handle.ino !== ino))) {
      await this.handle.fh.close();
      this.handle = null;
    }
    if (!this.handle) {
      const fh = await fsp.open(path.join(this.walDir, name), 'r').catch(() => null);
      if (!fh) return; // not created yet: nothing in it to sync
      this.handle = { name, ino: (await fh.stat()).ino, fh };
    }
    await this.handle.fh.datasync();
  }

  async close(): Promise<void> {
    await this.running?.catch(() => {});
    await this.queued?.catch(() => {});
    await this.handle?.fh.close();
    this.handle = null;
  }
}

/** fsync of a file or directory by path; a file that is gone has nothing to sync. */
async function syncPath(file: string): Promise<void> {
  const fh = await fsp.open(file, 'r').catch(() => null);
  if (!fh) return;
  try {
    await fh.sync();
  } finally {
    await fh.close();
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
 * In memory every page of a table sits in the in-memory file system anyway, so a large
 * buffer pool only holds a second copy; and PostgreSQL's default pool (128 MB) is zeroed at
 * each start, which in WASM costs about 0.4 s CPU: a test file's database opened in 1.8
 * instead of 2.5 s CPU (median of 5, load ~14).
 */
const IN_MEMORY_PARAMS = ['-c', 'shared_buffers=16MB'];

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
    startParams: dataDir ? START_PARAMS : [...START_PARAMS, ...IN_MEMORY_PARAMS],
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });

  const walSync = walDir ? await WalSync.open(walDir, pg) : null;
  const syncWal = () => walSync?.request() ?? Promise.resolve();

  // A WITH statement is a read only if no part of it modifies data (a data-modifying CTE may
  // come before a final SELECT, or a SELECT after the INSERT).
  const isRead = (sql: string) => /^\s*(select|show|explain)\b/i.test(sql) || /^\s*with\b(?![\s\S]*\b(insert|update|delete|merge)\b)/i.test(sql);

  const run = async <R>(q: { query: PGlite['query'] }, sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> => {
    const res = await q.query<R>(sql, params as unknown[] | undefined);
    return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
  };
  // data statements run prepared (pglite-statements.ts), under PGlite's own locks: a query
  // outside a transaction waits for any transaction to end, as PGlite's query() does
  const statements = new PgliteStatements(pg);
  const runOutside = <R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> => PgliteStatements.preparable(sql)
    ? pg._runExclusiveTransaction(() => pg._runExclusiveQuery(() => statements.run<R>(sql, params ?? [], true)))
    : run<R>(pg, sql, params);
  const runInside = async <R>(inner: Transaction, sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> => {
    if (!PgliteStatements.preparable(sql)) return run<R>(inner, sql, params);
    if (inner.closed) throw new Error('Transaction is closed');
    return pg._runExclusiveQuery(() => statements.run<R>(sql, params ?? [], false));
  };

  let closed = false;
  const notify = inProcessChannel();
  const db: Db & { checkpointAndSync(): Promise<void>; pglite: PGlite; walSyncs(): number; statements: PgliteStatements } = {
    kind: 'pglite',
    notify,
    pglite: pg,
    statements,
    walSyncs: () => walSync?.syncs ?? 0,
    async query<R>(sql: string, params?: readonly unknown[]) {
      const res = await runOutside<R>(sql, params);
      if (!isRead(sql)) await syncWal();
      return res;
    },
    async exec(sql: string) {
      await pg.exec(sql);
      await syncWal();
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const committed: Array<() => void> = [];
      const result = await pg.transaction(async (inner) => {
        const tx = {
          inTransaction: true as const,
          notify,
          afterCommit: (f: () => void) => void committed.push(f),
          inner,
          query: <R,>(sql: string, params?: readonly unknown[]) => runInside<R>(inner, sql, params),
          exec: async (sql: string) => {
            await inner.exec(sql);
          },
        };
        return fn(tx);
      });
      await syncWal();
      runAfterCommit(committed);
      return result;
    },
    async copyCsv(tx, table, columns, csv) {
      const inner = (tx as unknown as { inner: Pick<PGlite, 'query'> }).inner;
      const res = await inner.query(`COPY ${table} (${columns.join(',')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
      return res.affectedRows ?? 0;
    },
    async *copyOut(select) {
      const res = await pg.query(`COPY (${select}) TO '/dev/blob'`);
      if (res.blob) yield new Uint8Array(await res.blob.arrayBuffer());
    },
    async checkpointAndSync() {
      if (!dataDir) return;
      await pg.query('CHECKPOINT');
      // one file at a time on the thread pool: requests keep being served meanwhile
      const walk = async (dir: string): Promise<void> => {
        for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
          const p = path.join(dir, entry.name);
          if (entry.isDirectory()) await walk(p);
          else if (entry.isFile()) await syncPath(p);
        }
        await syncPath(dir);
      };
      await walk(dataDir);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (dataDir) await db.checkpointAndSync();
        await pg.close();
      } finally {
        await walSync?.close();
        release();
      }
    },
  };
  return db;
}
