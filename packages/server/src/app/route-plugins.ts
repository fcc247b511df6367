import type { FastifyInstance } from 'fastify';
import { healthRoutes } from '../health/routes.ts';
import { authRoutes } from '../users/session-routes.ts';
import { userRoutes } from '../users/routes.ts';
import { areaRoutes } from '../areas/routes.ts';
import { auditRoutes } from '../audit-trail/routes.ts';
import { tokenRoutes } from '../tokens/routes.ts';
import { registryRoutes } from '../registry/plugin.ts';
import { directoryRoutes } from '../directory/routes.ts';
import { hsdsRoutes } from '../directory/hsds-routes.ts';
import { referralRoutes } from '../referrals/routes.ts';
import { referralLinkRoutes } from '../referrals/link-routes.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { eventRoutes } from '../events/routes.ts';
import { caseRoutes } from '../cases/routes.ts';
import { letterRoutes } from '../letters/routes.ts';
import { proposalRoutes } from '../proposals/plugin.ts';
import { PRIVACY_ROUTE_PLUGINS } from '../privacy/plugins.ts';
import { statsRoutes } from '../stats/routes.ts';
import { programRoutes } from '../programs/routes.ts';
import { targetingActionRoutes } from '../targeting-actions/routes.ts';
import { puskesosRoutes } from '../puskesos/plugin.ts';
import { reportRoutes } from '../reports/routes.ts';

/**
 * Every domain's routes, in one list: the only place that knows every domain. A domain adds
 * its plugin here, one line; its routes declare their permissions and the access-matrix test
 * covers them automatically. A domain with several route files may group them in its own
 * `plugin.ts` (registry: with its import worker), never another domain's.
 */
export const ROUTE_PLUGINS: ((app: FastifyInstance) => Promise<void>)[] = [
  healthRoutes,
  authRoutes,
  userRoutes,
  areaRoutes,
  auditRoutes,
  tokenRoutes,
  registryRoutes,
  directoryRoutes,
  hsdsRoutes,
  referralRoutes,
  referralLinkRoutes,
  notificationRoutes,
  eventRoutes,
  caseRoutes,
  letterRoutes,
  proposalRoutes,
  statsRoutes,
  programRoutes,
  targetingActionRoutes,
  ...PRIVACY_ROUTE_PLUGINS,
  puskesosRoutes,
  reportRoutes,
];
