import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../http/context.ts';
import { maintainTables } from '../db/maintenance.ts';
import { pruneEvents } from '../events/bus.ts';
import { pruneIdempotencyKeys } from '../idempotency/hook.ts';
import { deliverWebhook, WEBHOOK_JOB } from '../notifications/webhooks.ts';
import { scanOverdue } from '../referrals/overdue.ts';
import { scanOverdueRequests } from '../privacy/requests.ts';
import { dailyRetention } from '../privacy/retention.ts';
import { JobRunner } from '../jobs/runner.ts';
import { pruneFinishedJobs } from '../jobs/public.ts';
import { DUPLICATE_RUN_JOB, executeRun, nightlyRun } from '../registry/linkage/run.ts';
import { foldResidentCounts } from '../stats/service.ts';

/**
 * The background work of a server process, in one table like ROUTE_PLUGINS: a domain adds
 * its job handler or recurring task here. Every process runs the same list; the runner
 * makes sure each period and each job runs once across them.
 */
export function backgroundRunner(deps: Deps): JobRunner {
  const runner = new JobRunner(deps)
    .handle(WEBHOOK_JOB, { transactional: false, run: deliverWebhook })
    .handle(DUPLICATE_RUN_JOB, { transactional: false, run: (job, d) => executeRun(d, String((job.payload as { runId?: unknown }).runId)) })
    .every({ name: 'registry.duplicates.nightly', everySeconds: 3600, run: async (d) => void (await nightlyRun(d)) })
    .every({ name: 'referrals.overdue', everySeconds: 60, run: async (d) => void (await scanOverdue(d)) })
    .every({ name: 'privacy.requests_overdue', everySeconds: 60, run: async (d) => void (await scanOverdueRequests(d)) })
    .every({ name: 'privacy.retention', everySeconds: 24 * 3600, run: async (d) => void (await dailyRetention(d)) })
    .every({ name: 'stats.person_counts', everySeconds: 60, run: async (d) => void (await foldResidentCounts(d)) })
    .every({ name: 'events.prune', everySeconds: 3600, run: async (d) => void (await pruneEvents(d.db)) })
    .every({ name: 'idempotency.prune', everySeconds: 3600, run: async (d) => void (await pruneIdempotencyKeys(d.db)) })
    .every({
      name: 'jobs.prune',
      everySeconds: 24 * 3600,
      run: async (d) => void (await pruneFinishedJobs(d.db)),
    });
  // a PostgreSQL server has autovacuum; the embedded database has this
  if (deps.db.kind === 'pglite') runner.every({ name: 'db.maintenance', everySeconds: 600, run: async (d) => void (await maintainTables(d.db)) });
  return runner;
}

/** Starts the runner of this process; returns how to stop it (before the database closes). */
export function startBackgroundJobs(deps: Deps, log: FastifyBaseLogger, intervalMs = 5000): () => Promise<void> {
  const runner = backgroundRunner(deps);
  runner.onError = (err, where) => log.error({ err, where }, 'background job failed');
  runner.start(intervalMs);
  return () => runner.stop();
}
