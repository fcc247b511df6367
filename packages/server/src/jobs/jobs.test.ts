import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ROLE } from '../db/app-role.ts';
import { twoProcesses, type TwoProcesses } from './testing.ts';
import { enqueueJob, getJob } from './queries.ts';
import { backoffSeconds, JobRunner } from './runner.ts';

let p: TwoProcesses;
beforeAll(async () => {
  p = await twoProcesses();
  // a table of the test's own, created as the owner and granted to the application role
  await p.asOwner(async (tx) => {
    await tx.query('CREATE TABLE test_job_effects (key text NOT NULL, worker text NOT NULL)');
    await tx.query(`GRANT SELECT, INSERT ON test_job_effects TO ${DEFAULT_APP_ROLE}`);
  });
});
afterAll(() => p.close());

const effects = async (key: string) => (await p.a.deps.db.query<{ worker: string }>('SELECT worker FROM test_job_effects WHERE key = $1', [key])).rows;

function runnerOf(which: 'a' | 'b', fail = false) {
  const runner: JobRunner = new JobRunner(p[which].deps);
  return runner.handle('test.effect', {
    transactional: true,
    async run(tx, job) {
      await tx.query('INSERT INTO test_job_effects (key, worker) VALUES ($1, $2)', [job.key, runner.workerId]);
      if (fail) throw new Error('handler failed after writing');
    },
  });
}

describe('the database-backed job runner', () => {
  it('keeps one job per (kind, key): enqueuing an event twice is one job', async () => {
    expect(await p.a.deps.db.transaction((tx) => enqueueJob(tx, { kind: 'test.effect', key: 'once' }))).toBe(true);
    expect(await p.b.deps.db.transaction((tx) => enqueueJob(tx, { kind: 'test.effect', key: 'once' }))).toBe(false);
    await runnerOf('a').tick();
    expect(await effects('once')).toHaveLength(1);
    // done stays done: enqueuing the same event again changes nothing
    expect(await p.a.deps.db.transaction((tx) => enqueueJob(tx, { kind: 'test.effect', key: 'once' }))).toBe(false);
    await runnerOf('b').tick();
    expect(await effects('once')).toHaveLength(1);
  });

  it('runs each job exactly once when two processes tick at the same time', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `batch-${i}`);
    await p.a.deps.db.transaction(async (tx) => {
      for (const key of keys) await enqueueJob(tx, { kind: 'test.effect', key });
    });
    const a = runnerOf('a');
    const b = runnerOf('b');
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    const { rows } = await p.a.deps.db.query<{ key: string; n: number }>(
      `SELECT key, count(*)::int AS n FROM test_job_effects WHERE key LIKE 'batch-%' GROUP BY key`);
    expect(rows).toHaveLength(keys.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const done = await p.a.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE key LIKE 'batch-%' AND status = 'done'`);
    expect(done.rows[0]!.n).toBe(keys.length);
  });

  it('rolls back a failed transactional job, counts the attempt and backs off', async () => {
    await p.a.deps.db.transaction((tx) => enqueueJob(tx, { kind: 'test.effect', key: 'failing', maxAttempts: 2 }));
    const report = await runnerOf('a', true).tick();
    expect(report.jobsFailed).toBe(1);
    expect(await effects('failing')).toHaveLength(0);
    const job = (await getJob(p.a.deps.db, 'test.effect', 'failing'))!;
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job.last_error).toContain('handler failed');
    expect(job.run_at.getTime()).toBeGreaterThan(Date.now() + (backoffSeconds(1) - 5) * 1000);
    await p.a.deps.db.query(`UPDATE jobs SET run_at = now() WHERE key = 'failing'`);
    await runnerOf('b', true).tick();
    expect((await getJob(p.a.deps.db, 'test.effect', 'failing'))!).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('survives a restart: a job claimed by a process that died is taken again when its lease expires', async () => {
    await p.a.deps.db.transaction((tx) => enqueueJob(tx, { kind: 'test.lease', key: 'orphan' }));
    await p.a.deps.db.query(`UPDATE jobs SET status = 'running', locked_by = 'dead-process', locked_until = now() + interval '1 hour', attempts = 1 WHERE key = 'orphan'`);
    const seen: string[] = [];
    const runner = new JobRunner(p.b.deps).handle('test.lease', { transactional: false, run: async (job) => void seen.push(job.key) });
    await runner.tick();
    expect(seen).toEqual([]);
    await p.a.deps.db.query(`UPDATE jobs SET locked_until = now() - interval '1 second' WHERE key = 'orphan'`);
    await runner.tick();
    expect(seen).toEqual(['orphan']);
    expect((await getJob(p.a.deps.db, 'test.lease', 'orphan'))!).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('backs off exponentially with a cap', () => {
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([30, 120, 480, 1920]);
    expect(backoffSeconds(20)).toBe(6 * 3600);
  });

  it('starts and stops its timer cleanly', async () => {
    const runner = runnerOf('a');
    await p.a.deps.db.transaction((tx) => enqueueJob(tx, { kind: 'test.effect', key: 'timer' }));
    runner.start(20);
    for (let i = 0; i < 100 && (await effects('timer')).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    expect(await effects('timer')).toHaveLength(1);
  });
});
