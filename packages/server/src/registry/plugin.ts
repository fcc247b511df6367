import type { FastifyInstance } from 'fastify';
import type { Deps } from '../http/context.ts';
import { registryRecordRoutes } from './routes.ts';
import { registryImportRoutes } from './imports/routes.ts';
import { ImportWorker } from './imports/worker.ts';
import { registryExportRoutes } from './exports/routes.ts';
import { linkageRoutes } from './linkage/routes.ts';

const workers = new WeakMap<Deps, ImportWorker>();

/** The import worker of an app's process (tests wait on `idle()`). */
export function importWorkerOf(deps: Deps): ImportWorker {
  const worker = workers.get(deps);
  if (!worker) throw new Error('the registry routes are not registered for these deps');
  return worker;
}

/**
 * The registry's routes (one plugin in ROUTE_PLUGINS) and its import worker, which resumes
 * interrupted imports when the server is ready and stops at a batch boundary when it closes.
 */
export async function registryRoutes(fastify: FastifyInstance) {
  const worker = new ImportWorker(fastify.deps, (msg, err) => fastify.log.error({ err }, msg));
  workers.set(fastify.deps, worker);
  fastify.addHook('onReady', async () => worker.kick());
  fastify.addHook('onClose', async () => worker.stop());
  await registryRecordRoutes(fastify);
  await registryImportRoutes(fastify, worker);
  await registryExportRoutes(fastify);
  await linkageRoutes(fastify);
}
