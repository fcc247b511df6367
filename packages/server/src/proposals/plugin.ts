import type { FastifyInstance } from 'fastify';
import { proposalRecordRoutes } from './routes.ts';
import { proposalRoundRoutes } from './rounds/routes.ts';
import { proposalSubmissionRoutes } from './submissions/routes.ts';

/** Registry proposals, rounds and national submissions (one plugin in ROUTE_PLUGINS). */
export async function proposalRoutes(fastify: FastifyInstance) {
  await proposalRecordRoutes(fastify);
  await proposalRoundRoutes(fastify);
  await proposalSubmissionRoutes(fastify);
}
