import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { chunkChecker, type CheckedChunk, type CheckInit, type CheckMessage, type PackedRow } from './check-worker.ts';

/** At most this many check workers: past it the database is the limit. */
const MAX_WORKERS = 4;

/**
 * Check workers by default: a core each, beside one for this thread (reading the file, the
 * database's driver) and one for the database. None on 2 cores: measured there, the workers
 * cost 55% more CPU for the same rows (each worker compiles its own copy of the checks, and
 * every chunk is copied to it) and finished no sooner (docs/benchmarks.md, findings).
 */
export const DEFAULT_CHECK_THREADS = Math.min(MAX_WORKERS, Math.max(0, os.availableParallelism() - 2));
/** Idle workers end after this long without a run (a worker costs its own copy of the modules). */
const IDLE_MS = 60_000;
/** A file of fewer data rows is checked in the main thread: starting the workers costs more. */
export const WORKER_MIN_ROWS = 10_000;

/** One import run's checks: chunks in, checked chunks out (in any order; the caller commits in file order). */
export interface CheckRun {
  check(rows: PackedRow[]): Promise<CheckedChunk>;
  /** Chunks that may be under way at once and still keep every thread busy. */
  readonly width: number;
  /** True when the rows cross to another thread: then they are packed (packRow), else passed as read. */
  readonly packs: boolean;
  close(): void;
}

type Reply = { run: number; chunk: CheckedChunk } | { run: number; seq: number; error: string };

/**
 * The worker threads that check import rows (check-worker.ts), shared by the runs of this
 * process and started on first use: chunks go to the workers in turn. The main thread only
 * reads the file and talks to the database.
 */
class CheckPool {
  private workers: Worker[] = [];
  private readonly waiting = new Map<string, { resolve: (c: CheckedChunk) => void; reject: (e: unknown) => void }>();
  private runs = 0;
  private open = 0;
  private idle: NodeJS.Timeout | undefined;

  private start(size: number): Worker[] {
    if (this.workers.length) return this.workers;
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(new URL('./check-worker.ts', import.meta.url), { workerData: 'slrt-import-check' });
      w.on('message', (reply: Reply) => {
        const seq = 'chunk' in reply ? reply.chunk.seq : reply.seq;
        const key = `${reply.run}:${seq}`;
        const p = this.waiting.get(key);
        this.waiting.delete(key);
        if ('chunk' in reply) p?.resolve(reply.chunk);
        else p?.reject(new Error(reply.error));
      });
      w.on('error', (err) => this.fail(err));
      w.on('exit', () => this.fail(new Error('import check worker stopped')));
      return w;
    });
    return this.workers;
  }

  /** A worker died: every chunk waiting fails (its run fails, and resumes later), new workers next time. */
  private fail(err: unknown) {
    const dead = this.workers;
    this.workers = [];
    for (const w of dead) {
      w.removeAllListeners('exit');
      void w.terminate();
    }
    for (const p of this.waiting.values()) p.reject(err);
    this.waiting.clear();
  }

  openRun(init: CheckInit, size: number): CheckRun {
    clearTimeout(this.idle);
    const workers = this.start(size);
    const run = ++this.runs;
    this.open++;
    for (const w of workers) w.ref();
    const open: CheckMessage = { kind: 'open', run, init };
    for (const w of workers) w.postMessage(open);
    let seq = 0;
    let closed = false;
    return {
      width: workers.length + 1,
      packs: true,
      check: (rows) => {
        const s = seq++;
        const w = workers[s % workers.length]!;
        if (this.workers !== workers) return Promise.reject(new Error('import check worker stopped'));
        return new Promise<CheckedChunk>((resolve, reject) => {
          this.waiting.set(`${run}:${s}`, { resolve, reject });
          w.postMessage({ kind: 'check', run, seq: s, rows } satisfies CheckMessage);
        });
      },
      close: () => {
        if (closed) return;
        closed = true;
        if (this.workers === workers) for (const w of workers) w.postMessage({ kind: 'close', run } satisfies CheckMessage);
        if (--this.open === 0) {
          for (const w of this.workers) w.unref();
          this.idle = setTimeout(() => this.stop(), IDLE_MS);
          this.idle.unref();
        }
      },
    };
  }

  private stop() {
    const workers = this.workers;
    this.workers = [];
    for (const w of workers) {
      w.removeAllListeners('exit');
      void w.terminate();
    }
  }
}

const pool = new CheckPool();

/**
 * The checks of one run: in `threads` shared worker threads (started by the first run that
 * asks), or in this thread (the same function) when `threads` is 0.
 */
export function openCheckRun(init: CheckInit, threads: number): CheckRun {
  if (threads > 0) return pool.openRun(init, Math.min(MAX_WORKERS, threads));
  const check = chunkChecker(init);
  let seq = 0;
  return { width: 1, packs: false, check: async (rows) => check(seq++, rows), close: () => {} };
}
