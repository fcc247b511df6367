import type { FastifyInstance } from 'fastify';
import { directoryRoutes } from '../directory/routes.ts';
import { hsdsRoutes } from '../directory/hsds-routes.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { eventRoutes } from '../events/routes.ts';
import { referralRoutes } from './routes.ts';
import { referralLinkRoutes } from './link-routes.ts';

/**
 * The routes of the referral network (issue 5), registered with one line in ROUTE_PLUGINS:
 * the partner directory and its HSDS views, referrals and their signed links, notifications
 * and webhooks, and live events.
 */
export async function referralNetworkRoutes(app: FastifyInstance) {
  await app.register(directoryRoutes);
  await app.register(hsdsRoutes);
  await app.register(referralRoutes);
  await app.register(referralLinkRoutes);
  await app.register(notificationRoutes);
  await app.register(eventRoutes);
}
