import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Deps } from '../http/context.ts';
import type { Tx } from '../db/database.ts';
import * as q from './queries.ts';

type JobRow = q.JobRow;

/**
 * A job handler. `transactional` handlers run inside the transaction that locked the job
 * and marks it done, so their database writes happen exactly once. Other handlers (network
 * calls such as webhooks) run under a lease outside any transaction: at least once, so
 * their effect must be idempotent on the receiving side (webhooks carry a delivery id).
 */
export type JobHandler =
  | { transactional: true; run: (tx: Tx, job: JobRow, deps: Deps) => Promise<void> }
  | { transactional: false; run: (job: JobRow, deps: Deps) => Promise<void> };

export interface ScheduledTask {
  name: string;
  everySeconds: number;
  run: (deps: Deps) => Promise<void>;
}

export interface TickReport {
  schedules: string[];
  jobsDone: number;
  jobsFailed: number;
}

/** Delay before the next attempt after `attempts` failures: 30 s, 2 min, 8 min, ... capped at 6 h. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 4 ** Math.max(0, attempts - 1), 6 * 3600);
}

/**
 * The in-process, database-backed scheduler. Every server process runs one; they share
 * the work through the database:
 *
 * - recurring tasks (`every`): `job_schedules` rows; one process per period wins the UPDATE
 *   that moves next_run_at (queries.claimSchedule) and runs the task;
 * - one-off jobs (`enqueueJob` with a unique (kind, key) per event): claimed with
 *   `FOR UPDATE SKIP LOCKED`, so two processes never take the same job, and a done job is
 *   never run again. On PGlite there is one process and the same SQL holds.
 *
 * State lives in the database, so a restart loses nothing: pending jobs wait, a lease left
 * by a crashed process expires and its job is taken again.
 */
export class JobRunner {
  readonly workerId: string;
  private readonly deps: Deps;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly tasks: ScheduledTask[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickReport> | null = null;
  private readonly leaseSeconds: number;
  private schedulesReady = false;
  onError: (err: unknown, where: string) => void = () => {};

  constructor(deps: Deps, opts: { workerId?: string; leaseSeconds?: number } = {}) {
    this.deps = deps;
    this.workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.leaseSeconds = opts.leaseSeconds ?? 120;
  }

  handle(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  every(task: ScheduledTask): this {
    this.tasks.push(task);
    return this;
  }

  /** Runs one round: due recurring tasks, then due jobs. Rounds never overlap. */
  tick(): Promise<TickReport> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  start(intervalMs = 5000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick().catch((err: unknown) => this.onError(err, 'tick')), intervalMs);
    this.timer.unref();
    void this.tick().catch((err: unknown) => this.onError(err, 'tick'));
  }

  /** Stops the timer and waits for the round in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  private async round(): Promise<TickReport> {
    const { db } = this.deps;
    const report: TickReport = { schedules: [], jobsDone: 0, jobsFailed: 0 };
    if (!this.schedulesReady) {
      for (const t of this.tasks) await q.upsertSchedule(db, t.name, t.everySeconds);
      this.schedulesReady = true;
    }
    for (const task of this.tasks) {
      if (!(await q.claimSchedule(db, task.name, this.workerId))) continue;
      report.schedules.push(task.name);
      try {
        await task.run(this.deps);
        await q.recordScheduleError(db, task.name, null);
      } catch (err) {
        this.onError(err, task.name);
        await q.recordScheduleError(db, task.name, String(err instanceof Error ? err.message : err));
      }
    }
    await this.runJobs(report);
    return report;
  }

  private async runJobs(report: TickReport) {
    const { db } = this.deps;
    const transactional = [...this.handlers].filter(([, h]) => h.transactional).map(([k]) => k);
    const leased = [...this.handlers].filter(([, h]) => !h.transactional).map(([k]) => k);

    // transactional: lock one, run, mark done, all in one transaction; repeat while any is due
    for (let n = 0; n < 100 && transactional.length; n++) {
      let current: JobRow | null = null;
      try {
        const ran = await db.transaction(async (tx) => {
          current = await q.lockDueJob(tx, transactional);
          if (!current) return false;
          const h = this.handlers.get(current.kind) as Extract<JobHandler, { transactional: true }>;
          await h.run(tx, current, this.deps);
          await q.markJobDone(tx, current.id, this.workerId);
          return true;
        });
        if (!ran) break;
        report.jobsDone++;
      } catch (err) {
        // the transaction rolled back: count the attempt and back off outside it
        const failed = current as JobRow | null;
        if (failed) await q.markJobFailed(db, failed.id, String(err instanceof Error ? err.message : err), backoffSeconds(failed.attempts + 1), true);
        this.onError(err, 'job');
        report.jobsFailed++;
        if (!failed) break;
      }
    }

    if (!leased.length) return;
    const jobs = await q.claimJobs(db, leased, this.workerId, this.leaseSeconds, 20);
    for (const job of jobs) {
      const h = this.handlers.get(job.kind) as Extract<JobHandler, { transactional: false }>;
      try {
        await h.run(job, this.deps);
        await q.markJobDone(db, job.id, this.workerId);
        report.jobsDone++;
      } catch (err) {
        await q.markJobFailed(db, job.id, String(err instanceof Error ? err.message : err), backoffSeconds(job.attempts));
        this.onError(err, job.kind);
        report.jobsFailed++;
      }
    }
  }
}
