import type { FastifyInstance } from 'fastify';
import { puskesosPeopleRoutes } from './people-routes.ts';
import { puskesosProfileRoutes } from './routes.ts';

/** The Puskesos domain's routes (issue 16), registered with one line in ROUTE_PLUGINS. */
export async function puskesosRoutes(app: FastifyInstance) {
  // people first: its fixed paths (/api/v1/puskesos/handovers/mine) sit beside /:villageCode routes
  await app.register(puskesosPeopleRoutes);
  await app.register(puskesosProfileRoutes);
}
